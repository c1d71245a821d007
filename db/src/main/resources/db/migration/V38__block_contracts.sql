-- Block contracts (issue 12, item 6): one LA, or several jointly, commission a number of places by need and phase at
-- a setting for a financial year at a contracted, fee-checked fee per place. Once the provider accepts, the places are
-- in the register as commissioned by those LAs (place_commission rows that carry the contract), the planner keeps them
-- for those LAs' children, and their fee counts as already committed.

CREATE TABLE block_contract (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    setting_urn       integer NOT NULL REFERENCES setting (urn),
    provider_id       bigint NOT NULL REFERENCES provider (id),
    need_code         text NOT NULL REFERENCES need_type (code),
    phase_code        text NOT NULL REFERENCES phase (code),
    financial_year    text NOT NULL CHECK (financial_year ~ '^[0-9]{4}-[0-9]{2}$'),
    -- the band and kind of place the fee is checked as
    band              integer NOT NULL CHECK (band BETWEEN 1 AND 5),
    kind              text NOT NULL CHECK (kind IN ('DAY', 'RESIDENTIAL_38_WEEK', 'RESIDENTIAL_52_WEEK', 'POST_16')),
    annual_fee_pence  bigint NOT NULL CHECK (annual_fee_pence > 0 AND annual_fee_pence <= 150000000),
    justification     text CHECK (length(justification) <= 1000),
    -- the check when proposed; never ABOVE_CEILING or UPLIFT_ABOVE_CAP (those are refused, nothing stored)
    framework_id      bigint NOT NULL REFERENCES rate_framework (id),
    framework_version integer NOT NULL,
    verdict           text NOT NULL CHECK (verdict IN ('NO_APPLICABLE_BAND', 'ABOVE_REFERENCE', 'WITHIN_REFERENCE', 'NOT_REGULATED')),
    reasons           text[] NOT NULL,
    reference_pence   bigint,
    ceiling_pence     bigint,
    -- the LA that proposed it, on behalf of every party
    lead_la_code      text NOT NULL REFERENCES local_authority (code),
    status            text NOT NULL DEFAULT 'PROPOSED' CHECK (status IN ('PROPOSED', 'ACTIVE', 'DECLINED', 'WITHDRAWN', 'ENDED')),
    status_reason     text CHECK (length(status_reason) <= 500),
    demo              boolean NOT NULL DEFAULT false,
    proposed_by       text NOT NULL,
    proposed_at       timestamptz NOT NULL DEFAULT now(),
    decided_by        text,
    decided_at        timestamptz,
    CHECK ((status = 'PROPOSED') = (decided_at IS NULL))
);
CREATE INDEX block_contract_provider_idx ON block_contract (provider_id, status);
CREATE INDEX block_contract_setting_idx ON block_contract (setting_urn);

-- The LAs a contract is for, and each one's share of the places (each pays for its own).
CREATE TABLE block_contract_party (
    contract_id bigint NOT NULL REFERENCES block_contract (id),
    la_code     text NOT NULL REFERENCES local_authority (code),
    places      integer NOT NULL CHECK (places BETWEEN 1 AND 1000),
    PRIMARY KEY (contract_id, la_code)
);
CREATE INDEX block_contract_party_la_idx ON block_contract_party (la_code);

-- A commission in the register is declared by the provider (no contract) or made by an accepted block contract, which
-- then gives its year and fee per place: the planner reads them from the register alone.
ALTER TABLE place_commission DROP CONSTRAINT place_commission_pkey;
ALTER TABLE place_commission
    ADD COLUMN contract_id bigint REFERENCES block_contract (id),
    ADD COLUMN financial_year text CHECK (financial_year ~ '^[0-9]{4}-[0-9]{2}$'),
    ADD COLUMN annual_fee_pence bigint CHECK (annual_fee_pence > 0),
    -- contracted places filled by approved placements on the contract (counted by the database, below)
    ADD COLUMN filled integer NOT NULL DEFAULT 0 CHECK (filled >= 0),
    ADD CONSTRAINT place_commission_contract_terms
        CHECK ((contract_id IS NULL) = (financial_year IS NULL) AND (contract_id IS NULL) = (annual_fee_pence IS NULL)),
    ADD CONSTRAINT place_commission_filled_within_places CHECK (filled <= places),
    ADD CONSTRAINT place_commission_one_per_la UNIQUE NULLS NOT DISTINCT (setting_urn, need_code, phase_code, la_code, contract_id);

-- Commissioned places within capacity, year by year: the declared ones plus, for each financial year not yet over,
-- that year's contracts (this year's and next year's contracts for the same places do not add up).
CREATE OR REPLACE FUNCTION check_commissions_within_capacity() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
    declared   integer;
    contracted integer;
    cap        integer;
BEGIN
    SELECT p.capacity INTO cap FROM place p
     WHERE (p.setting_urn, p.need_code, p.phase_code) = (NEW.setting_urn, NEW.need_code, NEW.phase_code);
    SELECT coalesce(sum(c.places), 0) INTO declared FROM place_commission c
     WHERE (c.setting_urn, c.need_code, c.phase_code) = (NEW.setting_urn, NEW.need_code, NEW.phase_code) AND c.contract_id IS NULL;
    SELECT coalesce(max(y.places), 0) INTO contracted FROM (
        SELECT sum(c.places) AS places FROM place_commission c
         WHERE (c.setting_urn, c.need_code, c.phase_code) = (NEW.setting_urn, NEW.need_code, NEW.phase_code)
           AND c.contract_id IS NOT NULL AND make_date(left(c.financial_year, 4)::integer + 1, 3, 31) >= current_date
         GROUP BY c.financial_year) y;
    IF cap IS NOT NULL AND declared + contracted > cap THEN
        RAISE EXCEPTION 'commissioned places (%) exceed capacity (%) of setting % % %', declared + contracted, cap, NEW.setting_urn,
            NEW.need_code, NEW.phase_code USING ERRCODE = 'check_violation', CONSTRAINT = 'place_commissions_within_capacity';
    END IF;
    RETURN NULL;
END $$;

-- A contract's places leave the register only when the contract stops being in force (ended, or its year over):
-- a provider replacing its places can't drop them, and a cell under contract can't be removed.
CREATE FUNCTION keep_contracted_commissions() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    IF OLD.contract_id IS NOT NULL AND make_date(left(OLD.financial_year, 4)::integer + 1, 3, 31) >= current_date
       AND EXISTS (SELECT 1 FROM block_contract b WHERE b.id = OLD.contract_id AND b.status = 'ACTIVE') THEN
        RAISE EXCEPTION 'setting % has % % places under block contract % for LA %; they stay until the contract ends',
            OLD.setting_urn, OLD.need_code, OLD.phase_code, OLD.contract_id, OLD.la_code
            USING ERRCODE = 'check_violation', CONSTRAINT = 'place_commission_under_contract';
    END IF;
    RETURN OLD;
END $$;
CREATE TRIGGER place_commission_keeps_contracts BEFORE DELETE ON place_commission
    FOR EACH ROW EXECUTE FUNCTION keep_contracted_commissions();

-- An approved placement on a block contract fills one of its LA's contracted places.
ALTER TABLE placement ADD COLUMN contract_id bigint REFERENCES block_contract (id);
CREATE INDEX placement_contract_idx ON placement (contract_id) WHERE contract_id IS NOT NULL;

CREATE FUNCTION placement_fills_commission() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.contract_id IS NOT NULL THEN
        UPDATE place_commission c SET filled = (SELECT count(*) FROM placement p WHERE p.contract_id = c.contract_id AND p.la_code = c.la_code)
         WHERE c.contract_id = OLD.contract_id AND c.la_code = OLD.la_code;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.contract_id IS NOT NULL THEN
        UPDATE place_commission c SET filled = (SELECT count(*) FROM placement p WHERE p.contract_id = c.contract_id AND p.la_code = c.la_code)
         WHERE c.contract_id = NEW.contract_id AND c.la_code = NEW.la_code
           AND (c.setting_urn, c.need_code, c.phase_code) = (NEW.setting_urn, NEW.need_code, NEW.phase_code);
        IF NOT FOUND THEN
            RAISE EXCEPTION 'block contract % has no places for LA % in setting % % %', NEW.contract_id, NEW.la_code, NEW.setting_urn,
                NEW.need_code, NEW.phase_code USING ERRCODE = 'check_violation', CONSTRAINT = 'placement_in_contracted_place';
        END IF;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER placement_fills_commission AFTER INSERT OR UPDATE OF contract_id OR DELETE ON placement
    FOR EACH ROW EXECUTE FUNCTION placement_fills_commission();

-- A plan's placement in places its LA block-commissioned names the contract (its fee is the contract's, already paid).
ALTER TABLE plan_assignment ADD COLUMN contract_id bigint REFERENCES block_contract (id);

-- Re-referral (issue 12, item 5): when a renewal is rejected the commissioner may refer the child again for a place
-- after the agreement ends. Accepting the new agreement holds the new place at once and dates the old placement's end:
-- the child holds both places until then, and the old one is released the day after (PlacementEnds marks it ended).
ALTER TABLE referral ADD COLUMN replaces_agreement_id bigint REFERENCES placement_agreement (id);
ALTER TABLE placement
    ADD COLUMN ends_on date,
    ADD COLUMN ended boolean NOT NULL DEFAULT false,
    ADD CONSTRAINT placement_ended_has_end CHECK (NOT ended OR ends_on IS NOT NULL);
ALTER TABLE placement DROP CONSTRAINT placement_request_id_key;
-- a child has one placement without an end: the one they keep
CREATE UNIQUE INDEX placement_one_open_per_request ON placement (request_id) WHERE ends_on IS NULL;
CREATE INDEX placement_ends_idx ON placement (ends_on) WHERE ends_on IS NOT NULL AND NOT ended;

-- an ended placement no longer takes its place
CREATE OR REPLACE FUNCTION count_placed() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    SELECT count(*) INTO NEW.placed FROM placement p
     WHERE p.takes_place AND NOT p.ended AND (p.setting_urn, p.need_code, p.phase_code) = (NEW.setting_urn, NEW.need_code, NEW.phase_code);
    RETURN NEW;
END $$;

-- What a plan did with the places block contracts kept for its LAs: how many were open to it and how many it filled
-- (an empty contracted place is paid for all the same).
CREATE TABLE plan_contract_use (
    plan_id     bigint NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    contract_id bigint NOT NULL REFERENCES block_contract (id),
    la_code     text NOT NULL REFERENCES local_authority (code),
    setting_urn integer NOT NULL REFERENCES setting (urn),
    need_code   text NOT NULL REFERENCES need_type (code),
    phase_code  text NOT NULL REFERENCES phase (code),
    places_open integer NOT NULL CHECK (places_open >= 0),
    filled      integer NOT NULL CHECK (filled >= 0 AND filled <= places_open),
    PRIMARY KEY (plan_id, contract_id, la_code)
);
