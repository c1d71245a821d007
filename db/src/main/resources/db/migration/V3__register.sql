-- The register: who runs which setting, where it is, and its places by need type and phase.

CREATE TABLE provider (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name           text NOT NULL CHECK (length(trim(name)) > 0),
    company_number text UNIQUE CHECK (company_number ~ '^[A-Z0-9]{8}$'),
    kind           text NOT NULL CHECK (kind IN ('LOCAL_AUTHORITY', 'ACADEMY_TRUST', 'INDEPENDENT', 'NON_MAINTAINED', 'FURTHER_EDUCATION')),
    for_profit     boolean,  -- NULL: not known (GIAS does not say)
    la_code        text REFERENCES local_authority (code),
    demo           boolean NOT NULL DEFAULT false,
    created_at     timestamptz NOT NULL DEFAULT now(),
    CHECK (kind <> 'LOCAL_AUTHORITY' OR (la_code IS NOT NULL AND for_profit = false))
);
-- one provider row per LA as the provider of its maintained settings
CREATE UNIQUE INDEX provider_one_per_la ON provider (la_code) WHERE kind = 'LOCAL_AUTHORITY';
CREATE INDEX provider_name_idx ON provider (lower(name));

CREATE TABLE setting (
    urn                 integer PRIMARY KEY CHECK (urn BETWEEN 100000 AND 9999999),
    name                text NOT NULL CHECK (length(trim(name)) > 0),
    type_code           text NOT NULL REFERENCES setting_type (code),
    sector              text NOT NULL CHECK (sector IN ('STATE', 'NON_MAINTAINED', 'INDEPENDENT')),
    provider_id         bigint NOT NULL REFERENCES provider (id),
    la_code             text NOT NULL REFERENCES local_authority (code),
    postcode            text CHECK (postcode ~ '^[A-Z]{1,2}[0-9][0-9A-Z]?( [0-9][A-Z]{2})?$'),
    easting             integer CHECK (easting BETWEEN 0 AND 700000),
    northing            integer CHECK (northing BETWEEN 0 AND 1300000),
    age_from            integer NOT NULL CHECK (age_from BETWEEN 0 AND 25),
    age_to              integer NOT NULL CHECK (age_to BETWEEN 0 AND 25),
    gender              text NOT NULL DEFAULT 'MIXED' CHECK (gender IN ('MIXED', 'BOYS', 'GIRLS')),
    boarding            boolean NOT NULL DEFAULT false,
    ofsted_rating       text CHECK (ofsted_rating IN ('OUTSTANDING', 'GOOD', 'REQUIRES_IMPROVEMENT', 'INADEQUATE')),
    registration_status text NOT NULL DEFAULT 'OPEN' CHECK (registration_status IN ('OPEN', 'SUSPENDED', 'CLOSED')),
    status_reason       text,
    source              text NOT NULL CHECK (source IN ('MANUAL', 'GIAS', 'DEMO')),
    demo                boolean NOT NULL DEFAULT false,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    CHECK (age_from <= age_to),
    CHECK ((easting IS NULL) = (northing IS NULL)),
    -- demo settings carry URNs above any real one (9,000,000+) so an import can never collide with them
    CHECK (demo = (urn >= 9000000))
);
CREATE INDEX setting_la_idx ON setting (la_code);
CREATE INDEX setting_type_idx ON setting (type_code);
CREATE INDEX setting_provider_idx ON setting (provider_id);
CREATE INDEX setting_grid_idx ON setting (easting, northing);

CREATE TABLE place (
    setting_urn integer NOT NULL REFERENCES setting (urn) ON DELETE CASCADE,
    need_code   text NOT NULL REFERENCES need_type (code),
    phase_code  text NOT NULL REFERENCES phase (code),
    capacity    integer NOT NULL CHECK (capacity >= 0),
    occupied    integer NOT NULL DEFAULT 0 CHECK (occupied >= 0),
    vacancies   integer GENERATED ALWAYS AS (capacity - occupied) STORED,
    PRIMARY KEY (setting_urn, need_code, phase_code),
    CONSTRAINT place_occupied_within_capacity CHECK (occupied <= capacity)
);
CREATE INDEX place_need_phase_idx ON place (need_code, phase_code) WHERE capacity > occupied;

-- Places a local authority has commissioned (block-purchased) in a setting.
CREATE TABLE place_commission (
    setting_urn integer NOT NULL,
    need_code   text NOT NULL,
    phase_code  text NOT NULL,
    la_code     text NOT NULL REFERENCES local_authority (code),
    places      integer NOT NULL CHECK (places > 0),
    PRIMARY KEY (setting_urn, need_code, phase_code, la_code),
    FOREIGN KEY (setting_urn, need_code, phase_code) REFERENCES place (setting_urn, need_code, phase_code) ON DELETE CASCADE
);

-- Commissioned places can never exceed the capacity they are carved from.
-- search_path is fixed so the trigger finds its tables whatever the caller's path is
CREATE FUNCTION check_commissions_within_capacity() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
    total integer;
    cap   integer;
BEGIN
    SELECT coalesce(sum(c.places), 0), p.capacity INTO total, cap
      FROM place p LEFT JOIN place_commission c
        ON (c.setting_urn, c.need_code, c.phase_code) = (p.setting_urn, p.need_code, p.phase_code)
     WHERE (p.setting_urn, p.need_code, p.phase_code) = (NEW.setting_urn, NEW.need_code, NEW.phase_code)
     GROUP BY p.capacity;
    IF total > cap THEN
        RAISE EXCEPTION 'commissioned places (%) exceed capacity (%) of setting % % %', total, cap, NEW.setting_urn, NEW.need_code, NEW.phase_code
            USING ERRCODE = 'check_violation', CONSTRAINT = 'place_commissions_within_capacity';
    END IF;
    RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER place_commissions_within_capacity
    AFTER INSERT OR UPDATE ON place_commission
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION check_commissions_within_capacity();
CREATE CONSTRAINT TRIGGER place_capacity_covers_commissions
    AFTER UPDATE OF capacity ON place
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION check_commissions_within_capacity();
