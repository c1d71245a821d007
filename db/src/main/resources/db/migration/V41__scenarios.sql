-- Scenarios (issue 13, item 5): a named what-if on top of the real register, never changing it, run on a plan's
-- waiting children and kept with its outcome beside the base (the same children planned on the register as it stands).
CREATE TABLE scenario (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name           text NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 200),
    plan_id        bigint NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    -- the plan's scope, so reads filter without the plan
    scope_type     text NOT NULL CHECK (scope_type IN ('LOCAL_AUTHORITY', 'REGION')),
    scope_code     text NOT NULL,
    region_code    text NOT NULL REFERENCES region (code),
    financial_year text NOT NULL CHECK (financial_year ~ '^[0-9]{4}-[0-9]{2}$'),
    -- the changes as given, and in words
    changes        jsonb NOT NULL,
    changes_text   text[] NOT NULL,
    base           jsonb NOT NULL,
    outcome        jsonb NOT NULL,
    created_by     text NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX scenario_scope_idx ON scenario (region_code, scope_code);
CREATE INDEX scenario_plan_idx ON scenario (plan_id);
