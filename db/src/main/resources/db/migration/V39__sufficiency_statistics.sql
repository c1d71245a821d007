-- DfE's "Education, health and care plans" statistics (the SEN2 return), as imported by an admin (issue 13, item 1):
-- what the EHC plan forecast learns from. Only LA-level rows of the breakdowns the forecast uses are kept, and only
-- their count columns; national and regional rows are sums of these and are not stored.
CREATE TABLE sen2_figure (
    -- which of DfE's four files the row came from
    dataset         text        NOT NULL CHECK (dataset IN ('CASELOAD', 'NEEDS_ALL_PLANS', 'NEW_PLANS', 'NEEDS_NEW_PLANS')),
    -- DfE's own time_period: 202425 is the academic year 2024/25 (plans at January 2025), 2024 a calendar year
    time_period     integer     NOT NULL,
    la_code         text        NOT NULL REFERENCES local_authority (code),
    breakdown_topic text        NOT NULL,
    breakdown       text        NOT NULL,
    -- column name -> count, for every used column that holds a number
    figures         jsonb       NOT NULL,
    -- column name -> DfE's suppression code (x, c, z, low, ...) where it gave no number: "no value", never zero
    suppressed      jsonb       NOT NULL DEFAULT '{}'::jsonb,
    imported_at     timestamptz NOT NULL,
    PRIMARY KEY (dataset, time_period, la_code, breakdown_topic, breakdown)
);
