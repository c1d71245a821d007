-- The framework's rules on surplus and cost transparency (issue 15): per version, a cap on the surplus a fee may carry
-- as a share of the fee (0% is "no profit-making"; 100% sets no cap), the kinds of provider that must break their fees
-- down, and a rounding tolerance for a breakdown that does not add up to the fee exactly.

ALTER TABLE rate_framework
    ADD COLUMN surplus_cap_percent numeric(5, 2) NOT NULL DEFAULT 100
        CONSTRAINT rate_framework_surplus_cap_range CHECK (surplus_cap_percent BETWEEN 0 AND 100),
    ADD COLUMN breakdown_required_from text[] NOT NULL DEFAULT '{}'
        CONSTRAINT rate_framework_breakdown_provider_kinds CHECK (breakdown_required_from
            <@ ARRAY['LOCAL_AUTHORITY', 'ACADEMY_TRUST', 'INDEPENDENT', 'NON_MAINTAINED', 'FURTHER_EDUCATION']::text[]),
    -- a rounding allowance (at most 1,000 pounds), not a way to leave costs out
    ADD COLUMN breakdown_tolerance_pence bigint NOT NULL DEFAULT 0
        CONSTRAINT rate_framework_breakdown_tolerance_range CHECK (breakdown_tolerance_pence BETWEEN 0 AND 100000);

-- The published-is-immutable rule names every column it keeps fixed: the new ones join them.
CREATE OR REPLACE FUNCTION rate_framework_published_is_immutable() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.status <> 'DRAFT' THEN
            RAISE EXCEPTION 'rate framework % is % and cannot be deleted (constraint "rate_framework_published_is_immutable")', OLD.id, OLD.status
                USING ERRCODE = 'check_violation', CONSTRAINT = 'rate_framework_published_is_immutable';
        END IF;
        RETURN OLD;
    END IF;
    IF OLD.status = 'DRAFT' THEN
        RETURN NEW;
    END IF;
    IF OLD.status = 'PUBLISHED' AND NEW.status = 'SUPERSEDED'
       AND (NEW.id, NEW.financial_year, NEW.version, NEW.name, NEW.description, NEW.max_uplift_percent, NEW.supersedes_id,
            NEW.created_at, NEW.created_by, NEW.published_at, NEW.published_by,
            NEW.surplus_cap_percent, NEW.breakdown_required_from, NEW.breakdown_tolerance_pence)
           IS NOT DISTINCT FROM
           (OLD.id, OLD.financial_year, OLD.version, OLD.name, OLD.description, OLD.max_uplift_percent, OLD.supersedes_id,
            OLD.created_at, OLD.created_by, OLD.published_at, OLD.published_by,
            OLD.surplus_cap_percent, OLD.breakdown_required_from, OLD.breakdown_tolerance_pence) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'rate framework % is % and never changes (constraint "rate_framework_published_is_immutable")', OLD.id, OLD.status
        USING ERRCODE = 'check_violation', CONSTRAINT = 'rate_framework_published_is_immutable';
END $$;

-- A breakdown no longer has to add up to the fee to be stored: one that does not is what the check reports
-- (BREAKDOWN_INCONSISTENT, with the difference), so the regulator sees it instead of the provider being turned away.
-- All parts or none still holds.
ALTER TABLE fee DROP CONSTRAINT fee_breakdown_adds_up;

-- The new verdicts, most serious first: ABOVE_CEILING, UPLIFT_ABOVE_CAP, SURPLUS_ABOVE_CAP, BREAKDOWN_INCONSISTENT,
-- BREAKDOWN_MISSING, NO_APPLICABLE_BAND, ABOVE_REFERENCE, WITHIN_REFERENCE, NOT_REGULATED.
ALTER TABLE fee_check DROP CONSTRAINT fee_check_verdict_check;
ALTER TABLE fee_check ADD CONSTRAINT fee_check_verdict_check CHECK (verdict IN ('ABOVE_CEILING', 'UPLIFT_ABOVE_CAP',
    'SURPLUS_ABOVE_CAP', 'BREAKDOWN_INCONSISTENT', 'BREAKDOWN_MISSING', 'NO_APPLICABLE_BAND', 'ABOVE_REFERENCE',
    'WITHIN_REFERENCE', 'NOT_REGULATED'));
ALTER TABLE fee_finding DROP CONSTRAINT fee_finding_verdict_check;
ALTER TABLE fee_finding ADD CONSTRAINT fee_finding_verdict_check CHECK (verdict IN ('ABOVE_CEILING', 'UPLIFT_ABOVE_CAP',
    'SURPLUS_ABOVE_CAP', 'BREAKDOWN_INCONSISTENT', 'BREAKDOWN_MISSING', 'ABOVE_REFERENCE'));

-- What the check knew of the new rules, so each rule's result can be read again from the check alone: the framework's
-- cap, duty and tolerance as applied, and the fee's breakdown total and surplus (null: no breakdown). Checks made
-- before this migration applied none of the new rules: a cap of 100%, no duty, no tolerance describe them exactly.
ALTER TABLE fee_check
    ADD COLUMN surplus_cap_percent       numeric(5, 2) NOT NULL DEFAULT 100,
    ADD COLUMN breakdown_required        boolean NOT NULL DEFAULT false,
    ADD COLUMN breakdown_tolerance_pence bigint NOT NULL DEFAULT 0,
    ADD COLUMN breakdown_total_pence     bigint CHECK (breakdown_total_pence >= 0),
    ADD COLUMN surplus_pence             bigint CHECK (surplus_pence >= 0),
    ADD CONSTRAINT fee_check_breakdown_whole CHECK ((breakdown_total_pence IS NULL) = (surplus_pence IS NULL));
