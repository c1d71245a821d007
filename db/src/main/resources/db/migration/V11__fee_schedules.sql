-- Fee schedules: what a provider charges a year for a place in one of its settings, per complexity band and kind of
-- provision. Fees are never overwritten: a change is a new revision, and the highest revision is the current fee.

CREATE TABLE fee (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    setting_urn      integer NOT NULL REFERENCES setting (urn),
    financial_year   financial_year NOT NULL,
    band             integer NOT NULL CHECK (band BETWEEN 1 AND 5),
    kind             text NOT NULL CHECK (kind IN ('DAY', 'RESIDENTIAL_38_WEEK', 'RESIDENTIAL_52_WEEK', 'POST_16', 'ALTERNATIVE_PROVISION')),
    revision         integer NOT NULL CHECK (revision >= 1),
    -- pence a year; the upper bound (1.5 million pounds) refuses mistyped amounts, not dear placements
    annual_fee_pence bigint NOT NULL CONSTRAINT fee_annual_fee_range CHECK (annual_fee_pence > 0 AND annual_fee_pence <= 150000000),
    -- optional cost breakdown: all parts or none, adding up to the fee
    education_pence  bigint CHECK (education_pence >= 0),
    care_pence       bigint CHECK (care_pence >= 0),
    therapies_pence  bigint CHECK (therapies_pence >= 0),
    transport_pence  bigint CHECK (transport_pence >= 0),
    overheads_pence  bigint CHECK (overheads_pence >= 0),
    surplus_pence    bigint CHECK (surplus_pence >= 0),
    justification    text CHECK (length(trim(justification)) > 0),
    revision_reason  text,
    submitted_at     timestamptz NOT NULL DEFAULT now(),
    submitted_by     text NOT NULL CHECK (length(submitted_by) > 0),
    CONSTRAINT fee_revision_unique UNIQUE (setting_urn, financial_year, band, kind, revision),
    CONSTRAINT fee_breakdown_complete CHECK (
        num_nulls(education_pence, care_pence, therapies_pence, transport_pence, overheads_pence, surplus_pence) IN (0, 6)),
    CONSTRAINT fee_breakdown_adds_up CHECK (
        education_pence IS NULL
        OR education_pence + care_pence + therapies_pence + transport_pence + overheads_pence + surplus_pence = annual_fee_pence),
    CONSTRAINT fee_revision_has_reason CHECK ((revision = 1) = (revision_reason IS NULL))
);
CREATE INDEX fee_year_idx ON fee (financial_year, setting_urn);

-- Shared by the fee tables that keep history (fees here; checks, audits and finding events in V12).
CREATE FUNCTION fee_records_are_append_only() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: % is not allowed (constraint "fee_records_are_append_only")', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'check_violation', CONSTRAINT = 'fee_records_are_append_only';
END $$;

CREATE TRIGGER fee_no_change BEFORE UPDATE OR DELETE ON fee
    FOR EACH ROW EXECUTE FUNCTION fee_records_are_append_only();
CREATE TRIGGER fee_no_truncate BEFORE TRUNCATE ON fee
    FOR EACH STATEMENT EXECUTE FUNCTION fee_records_are_append_only();
