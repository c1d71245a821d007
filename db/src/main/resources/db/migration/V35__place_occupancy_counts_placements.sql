-- A place cell's occupancy is the provider's own pupils plus the placements approved through this service, and the
-- database counts the second part itself: nobody who writes a cell (a provider's setPlaces, a GIAS import, the demo
-- loader) can overwrite or forget an approved child, whatever order their transactions commit in.

-- A placement of a child kept in the setting they already attend (a pinned plan assignment) takes no new place:
-- that child is already among the provider's pupils.
ALTER TABLE placement ADD COLUMN takes_place boolean NOT NULL DEFAULT true;
UPDATE placement p SET takes_place = NOT a.pinned
  FROM plan_assignment a WHERE a.plan_id = p.plan_id AND a.request_id = p.request_id;
CREATE INDEX placement_cell_idx ON placement (setting_urn, need_code, phase_code) WHERE takes_place;

DROP INDEX place_need_phase_idx;
ALTER TABLE place DROP CONSTRAINT place_occupied_within_capacity;
ALTER TABLE place DROP COLUMN vacancies;
ALTER TABLE place RENAME COLUMN occupied TO pupils;
ALTER TABLE place ADD COLUMN placed integer NOT NULL DEFAULT 0 CONSTRAINT place_placed_check CHECK (placed >= 0);

-- the approved placements counted so far moved from pupils to placed
UPDATE place c SET placed = n.placements, pupils = greatest(c.pupils - n.placements, 0)
  FROM (SELECT setting_urn, need_code, phase_code, count(*)::integer AS placements FROM placement WHERE takes_place
         GROUP BY setting_urn, need_code, phase_code) n
 WHERE (c.setting_urn, c.need_code, c.phase_code) = (n.setting_urn, n.need_code, n.phase_code);

COMMENT ON COLUMN place.pupils IS 'Pupils in this cell other than placements approved through this service (the provider''s figure)';
COMMENT ON COLUMN place.placed IS 'Placements approved through this service that take a place here; always equal to their count (trigger)';
ALTER TABLE place ADD COLUMN occupied integer GENERATED ALWAYS AS (pupils + placed) STORED;
ALTER TABLE place ADD COLUMN vacancies integer GENERATED ALWAYS AS (capacity - pupils - placed) STORED;
ALTER TABLE place ADD CONSTRAINT place_occupied_within_capacity CHECK (pupils + placed <= capacity);
CREATE INDEX place_need_phase_idx ON place (need_code, phase_code) WHERE capacity > occupied;

-- Whoever inserts or updates a cell, placed is recounted from the approved placements.
CREATE FUNCTION count_placed() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    SELECT count(*) INTO NEW.placed FROM placement p
     WHERE p.takes_place AND (p.setting_urn, p.need_code, p.phase_code) = (NEW.setting_urn, NEW.need_code, NEW.phase_code);
    RETURN NEW;
END $$;
CREATE TRIGGER place_counts_placed BEFORE INSERT OR UPDATE ON place FOR EACH ROW EXECUTE FUNCTION count_placed();

-- An approved placement recounts its cell (which must exist: a child is placed in a place).
CREATE FUNCTION placement_recounts_place() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
    cell_found boolean;
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.takes_place THEN
        UPDATE place SET placed = 0
         WHERE (setting_urn, need_code, phase_code) = (OLD.setting_urn, OLD.need_code, OLD.phase_code);
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.takes_place THEN
        UPDATE place SET placed = 0
         WHERE (setting_urn, need_code, phase_code) = (NEW.setting_urn, NEW.need_code, NEW.phase_code);
        GET DIAGNOSTICS cell_found = ROW_COUNT;
        IF NOT cell_found THEN
            RAISE EXCEPTION 'setting % has no % % places for this placement', NEW.setting_urn, NEW.need_code, NEW.phase_code
                USING ERRCODE = 'check_violation', CONSTRAINT = 'placement_in_a_place';
        END IF;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER placement_recounts_place AFTER INSERT OR UPDATE OR DELETE ON placement
    FOR EACH ROW EXECUTE FUNCTION placement_recounts_place();

-- A cell holding approved placements can't be removed from under them. Checked at commit, so a writer may delete and
-- insert a setting's cells again in one transaction (as a GIAS import does).
CREATE FUNCTION place_keeps_its_placements() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
    held integer;
BEGIN
    IF EXISTS (SELECT 1 FROM place c WHERE (c.setting_urn, c.need_code, c.phase_code) = (OLD.setting_urn, OLD.need_code, OLD.phase_code)) THEN
        RETURN NULL;
    END IF;
    SELECT count(*) INTO held FROM placement p
     WHERE p.takes_place AND (p.setting_urn, p.need_code, p.phase_code) = (OLD.setting_urn, OLD.need_code, OLD.phase_code);
    IF held > 0 THEN
        RAISE EXCEPTION 'setting % has % approved placement(s) in its % % places, which can''t be removed', OLD.setting_urn, held,
            OLD.need_code, OLD.phase_code
            USING ERRCODE = 'check_violation', CONSTRAINT = 'place_keeps_its_placements';
    END IF;
    RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER place_keeps_its_placements AFTER DELETE ON place
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION place_keeps_its_placements();
