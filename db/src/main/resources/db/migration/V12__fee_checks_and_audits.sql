-- Fee checks (a fee against the published framework, with the numbers and reasons), regulators' audits, and the
-- findings an audit opens and regulators work to a decision. Checks, audits and finding events are append-only.

CREATE TABLE fee_audit (
    id                      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    financial_year          financial_year NOT NULL,
    framework_id            bigint NOT NULL REFERENCES rate_framework (id),
    -- the scope: all given parts apply; none is England
    scope_region_code       text REFERENCES region (code),
    scope_la_code           text REFERENCES local_authority (code),
    scope_provider_id       bigint REFERENCES provider (id),
    run_at                  timestamptz NOT NULL DEFAULT now(),
    run_by                  text NOT NULL CHECK (length(run_by) > 0),
    fees_checked            integer NOT NULL CHECK (fees_checked >= 0),
    findings_opened         integer NOT NULL CHECK (findings_opened >= 0),
    findings_already_raised integer NOT NULL CHECK (findings_already_raised >= 0)
);
CREATE INDEX fee_audit_year_idx ON fee_audit (financial_year, id);

CREATE TABLE fee_check (
    id                       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    fee_id                   bigint NOT NULL REFERENCES fee (id),
    framework_id             bigint NOT NULL REFERENCES rate_framework (id),
    occasion                 text NOT NULL CHECK (occasion IN ('SUBMISSION', 'FRAMEWORK_PUBLISHED', 'AUDIT')),
    audit_id                 bigint REFERENCES fee_audit (id),
    checked_at               timestamptz NOT NULL DEFAULT now(),
    verdict                  text NOT NULL CHECK (verdict IN ('WITHIN_REFERENCE', 'ABOVE_REFERENCE', 'ABOVE_CEILING',
                                                              'UPLIFT_ABOVE_CAP', 'NO_APPLICABLE_BAND', 'NOT_REGULATED')),
    -- the setting as it was at the check, so statistics and exports describe what was checked: copies, not references
    -- (no foreign keys: a check is history, and audits write tens of thousands of them at once)
    setting_type             text NOT NULL,
    regulated                boolean NOT NULL,
    la_code                  text NOT NULL CHECK (la_code ~ '^[0-9]{3}$'),
    region_code              text NOT NULL CHECK (region_code ~ '^E12[0-9]{6}$'),
    provider_id              bigint NOT NULL,
    for_profit               boolean,
    -- the framework band applied and its amounts after the area cost adjustment (regulated fees with a band)
    band_code                text,
    area_multiplier          numeric(4, 3),
    adjusted_reference_pence bigint CHECK (adjusted_reference_pence > 0),
    adjusted_ceiling_pence   bigint,
    -- last year's current fee for the same band and kind, when there was one, and the rise over it
    previous_fee_pence       bigint CHECK (previous_fee_pence > 0),
    uplift_percent           numeric(9, 2),
    max_uplift_percent       numeric(5, 2) NOT NULL,
    justified                boolean NOT NULL,
    reasons                  text[] NOT NULL CHECK (cardinality(reasons) > 0),
    FOREIGN KEY (framework_id, band_code) REFERENCES rate_band (framework_id, code),
    CHECK ((occasion = 'AUDIT') = (audit_id IS NOT NULL)),
    CHECK ((band_code IS NULL) = (adjusted_reference_pence IS NULL)
           AND (band_code IS NULL) = (adjusted_ceiling_pence IS NULL)
           AND (band_code IS NULL) = (area_multiplier IS NULL)),
    CHECK ((previous_fee_pence IS NULL) = (uplift_percent IS NULL)),
    CHECK (regulated = (verdict <> 'NOT_REGULATED')),
    CHECK (verdict <> 'NO_APPLICABLE_BAND' OR band_code IS NULL)
);
CREATE INDEX fee_check_fee_idx ON fee_check (fee_id, id);
CREATE INDEX fee_check_audit_idx ON fee_check (audit_id) WHERE audit_id IS NOT NULL;

CREATE TABLE fee_finding (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- one finding per fee revision: a revised fee that still breaks a rule gets a new finding at the next audit
    fee_id     bigint NOT NULL UNIQUE REFERENCES fee (id),
    audit_id   bigint NOT NULL REFERENCES fee_audit (id),
    check_id   bigint NOT NULL REFERENCES fee_check (id),
    verdict    text NOT NULL CHECK (verdict IN ('ABOVE_REFERENCE', 'ABOVE_CEILING', 'UPLIFT_ABOVE_CAP')),
    status     text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'PROVIDER_RESPONDED', 'ACCEPTED', 'UPHELD', 'ESCALATED')),
    opened_at  timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX fee_finding_audit_idx ON fee_finding (audit_id);
CREATE INDEX fee_finding_status_idx ON fee_finding (status);

-- Every step of a finding, with its note and who took it.
CREATE TABLE fee_finding_event (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    finding_id  bigint NOT NULL REFERENCES fee_finding (id),
    from_status text,
    to_status   text NOT NULL,
    note        text NOT NULL CHECK (length(trim(note)) > 0),
    actor       text NOT NULL CHECK (length(actor) > 0),
    occurred_at timestamptz NOT NULL DEFAULT clock_timestamp()
);
CREATE INDEX fee_finding_event_finding_idx ON fee_finding_event (finding_id, id);

-- A finding moves OPEN -> PROVIDER_RESPONDED -> ACCEPTED | UPHELD | ESCALATED and nothing else about it changes.
CREATE FUNCTION fee_finding_legal_transition() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    IF TG_OP = 'DELETE'
       OR (NEW.id, NEW.fee_id, NEW.audit_id, NEW.check_id, NEW.verdict, NEW.opened_at)
          IS DISTINCT FROM (OLD.id, OLD.fee_id, OLD.audit_id, OLD.check_id, OLD.verdict, OLD.opened_at)
       OR NOT ((OLD.status = 'OPEN' AND NEW.status = 'PROVIDER_RESPONDED')
               OR (OLD.status = 'PROVIDER_RESPONDED' AND NEW.status IN ('ACCEPTED', 'UPHELD', 'ESCALATED'))) THEN
        RAISE EXCEPTION 'fee finding %: % from % is not allowed (constraint "fee_finding_legal_transition")', OLD.id, TG_OP, OLD.status
            USING ERRCODE = 'check_violation', CONSTRAINT = 'fee_finding_legal_transition';
    END IF;
    RETURN NEW;
END $$;

CREATE TRIGGER fee_finding_transition BEFORE UPDATE OR DELETE ON fee_finding
    FOR EACH ROW EXECUTE FUNCTION fee_finding_legal_transition();

CREATE TRIGGER fee_audit_no_change BEFORE UPDATE OR DELETE ON fee_audit
    FOR EACH ROW EXECUTE FUNCTION fee_records_are_append_only();
CREATE TRIGGER fee_check_no_change BEFORE UPDATE OR DELETE ON fee_check
    FOR EACH ROW EXECUTE FUNCTION fee_records_are_append_only();
CREATE TRIGGER fee_finding_event_no_change BEFORE UPDATE OR DELETE ON fee_finding_event
    FOR EACH ROW EXECUTE FUNCTION fee_records_are_append_only();
CREATE TRIGGER fee_audit_no_truncate BEFORE TRUNCATE ON fee_audit
    FOR EACH STATEMENT EXECUTE FUNCTION fee_records_are_append_only();
CREATE TRIGGER fee_check_no_truncate BEFORE TRUNCATE ON fee_check
    FOR EACH STATEMENT EXECUTE FUNCTION fee_records_are_append_only();
CREATE TRIGGER fee_finding_event_no_truncate BEFORE TRUNCATE ON fee_finding_event
    FOR EACH STATEMENT EXECUTE FUNCTION fee_records_are_append_only();
