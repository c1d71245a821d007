-- Placement plans: a solve over an LA's or a region's demand and the register, its best result kept as it improves,
-- and the placements a commissioner approves from it.

CREATE TABLE plan (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name                text NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 200),
    scope_type          text NOT NULL CHECK (scope_type IN ('LOCAL_AUTHORITY', 'REGION')),
    scope_code          text NOT NULL,
    financial_year      text NOT NULL CHECK (financial_year ~ '^[0-9]{4}-[0-9]{2}$'),
    start_term          text CHECK (start_term ~ '^[0-9]{4}-(AUTUMN|SPRING|SUMMER)$'),
    status              text NOT NULL CHECK (status IN ('QUEUED', 'SOLVING', 'COMPLETED', 'CANCELLED', 'INTERRUPTED', 'FAILED')),
    time_limit_seconds  integer NOT NULL CHECK (time_limit_seconds BETWEEN 1 AND 600),
    weights             jsonb NOT NULL,
    created_by          text NOT NULL,
    created_at          timestamptz NOT NULL DEFAULT now(),
    started_at          timestamptz,
    finished_at         timestamptz,
    -- the best result so far, as it improves
    score               text,
    requests            integer CHECK (requests >= 0),
    placed              integer CHECK (placed >= 0),
    unplaced            integer CHECK (unplaced >= 0),
    total_cost_pence    bigint CHECK (total_cost_pence >= 0),
    baseline_placed     integer CHECK (baseline_placed >= 0),
    baseline_unplaced   integer CHECK (baseline_unplaced >= 0),
    baseline_cost_pence bigint CHECK (baseline_cost_pence >= 0),
    elapsed_ms          bigint CHECK (elapsed_ms >= 0),
    -- settings left out of the problem (suspended, closed, fee above ceiling, no fees) with the reason
    excluded            jsonb NOT NULL DEFAULT '[]',
    -- preferences or current settings that could not be honoured (e.g. the setting is suspended)
    notes               jsonb NOT NULL DEFAULT '[]',
    failure             text,
    CHECK (scope_type <> 'LOCAL_AUTHORITY' OR scope_code ~ '^[0-9]{3}$'),
    CHECK (scope_type <> 'REGION' OR scope_code ~ '^E12[0-9]{6}$')
);
CREATE INDEX plan_scope_idx ON plan (scope_type, scope_code, id);
CREATE INDEX plan_status_idx ON plan (status) WHERE status IN ('QUEUED', 'SOLVING');

CREATE TABLE plan_assignment (
    plan_id          bigint NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    request_id       bigint NOT NULL REFERENCES placement_request (id),
    la_code          text NOT NULL REFERENCES local_authority (code),
    setting_urn      integer NOT NULL REFERENCES setting (urn),
    need_code        text NOT NULL REFERENCES need_type (code),
    phase_code       text NOT NULL REFERENCES phase (code),
    band             integer NOT NULL CHECK (band BETWEEN 1 AND 5),
    fee_kind         text NOT NULL,
    fee_pence        bigint NOT NULL CHECK (fee_pence >= 0),
    transport_pence  bigint NOT NULL CHECK (transport_pence >= 0),
    annual_cost_pence bigint NOT NULL CHECK (annual_cost_pence >= 0),
    distance_km      numeric(8, 2) NOT NULL CHECK (distance_km >= 0),
    travel_minutes   numeric(8, 1) NOT NULL CHECK (travel_minutes >= 0),
    pinned           boolean NOT NULL,
    boarding         boolean NOT NULL,
    out_of_area      boolean NOT NULL,
    penalties        jsonb NOT NULL DEFAULT '[]',
    status           text NOT NULL DEFAULT 'PROPOSED' CHECK (status IN ('PROPOSED', 'APPROVED')),
    approved_by      text,
    approved_at      timestamptz,
    PRIMARY KEY (plan_id, request_id)
);
CREATE INDEX plan_assignment_la_idx ON plan_assignment (plan_id, la_code);

CREATE TABLE plan_unplaced (
    plan_id       bigint NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    request_id    bigint NOT NULL REFERENCES placement_request (id),
    la_code       text NOT NULL REFERENCES local_authority (code),
    need_code     text NOT NULL REFERENCES need_type (code),
    phase_code    text NOT NULL REFERENCES phase (code),
    reason        text NOT NULL,
    blocking_urns integer[] NOT NULL DEFAULT '{}',
    PRIMARY KEY (plan_id, request_id)
);

-- An approved placement: a child's place in a setting, counted in the setting's occupancy.
CREATE TABLE placement (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id        bigint NOT NULL UNIQUE REFERENCES placement_request (id),
    la_code           text NOT NULL REFERENCES local_authority (code),
    setting_urn       integer NOT NULL REFERENCES setting (urn),
    need_code         text NOT NULL REFERENCES need_type (code),
    phase_code        text NOT NULL REFERENCES phase (code),
    plan_id           bigint NOT NULL REFERENCES plan (id),
    annual_fee_pence  bigint NOT NULL CHECK (annual_fee_pence >= 0),
    annual_cost_pence bigint NOT NULL CHECK (annual_cost_pence >= 0),
    approved_by       text NOT NULL,
    approved_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX placement_setting_idx ON placement (setting_urn);
