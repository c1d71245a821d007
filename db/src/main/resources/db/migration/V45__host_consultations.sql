-- The host LA's say on new independent provision (issue 15, item 5). When an independent or non-maintained setting is
-- registered, or its places for a need and phase grow, the LA it sits in is asked: one consultation per change, with
-- the cells that changed. The LA's commissioner answers SUPPORTS, NO_VIEW or OBJECTS (an objection needs a reason);
-- the regulator reads the answer with the registration. A changed answer replaces the last (the audit trail keeps each).

CREATE TABLE host_consultation (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    setting_urn  integer NOT NULL REFERENCES setting (urn),
    -- the host LA when asked: a setting that later moves keeps the answer of the LA it was in
    la_code      text NOT NULL REFERENCES local_authority (code),
    provider_id  bigint NOT NULL REFERENCES provider (id),
    change       text NOT NULL CHECK (change IN ('NEW_REGISTRATION', 'MORE_PLACES')),
    asked_at     timestamptz NOT NULL DEFAULT now(),
    status       text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'ANSWERED')),
    answer       text CHECK (answer IN ('SUPPORTS', 'NO_VIEW', 'OBJECTS')),
    reason       text CHECK (length(reason) BETWEEN 1 AND 2000),
    answered_by  text,
    answered_at  timestamptz,
    CONSTRAINT host_consultation_answered CHECK ((status = 'ANSWERED') = (answer IS NOT NULL AND answered_at IS NOT NULL AND answered_by IS NOT NULL)),
    CONSTRAINT host_consultation_objection_has_reason CHECK (answer IS DISTINCT FROM 'OBJECTS' OR reason IS NOT NULL)
);
CREATE INDEX host_consultation_la_idx ON host_consultation (la_code, status, id);
CREATE INDEX host_consultation_setting_idx ON host_consultation (setting_urn, id);
CREATE INDEX host_consultation_provider_idx ON host_consultation (provider_id, id);

-- What changed, need by need and phase by phase: places before (0 for a new registration) and after.
CREATE TABLE host_consultation_cell (
    consultation_id bigint NOT NULL REFERENCES host_consultation (id),
    need_code       text NOT NULL REFERENCES need_type (code),
    phase_code      text NOT NULL REFERENCES phase (code),
    places_before   integer NOT NULL CHECK (places_before >= 0),
    places_after    integer NOT NULL CHECK (places_after > places_before),
    PRIMARY KEY (consultation_id, need_code, phase_code)
);
