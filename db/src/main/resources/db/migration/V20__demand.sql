-- The demand register: pseudonymous children who need a specialist place, per LA.
-- No names, dates of birth or addresses: the LA's own reference, an age, needs and a home rounded to 100 m.

CREATE TABLE placement_request (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    la_code             text NOT NULL REFERENCES local_authority (code),
    -- the LA's own case reference; it must hold a digit, so a name can't be used as one
    reference           text NOT NULL CHECK (reference ~ '^[A-Za-z0-9][A-Za-z0-9/_.-]{0,39}$' AND reference ~ '[0-9]'),
    primary_need        text NOT NULL REFERENCES need_type (code),
    secondary_need      text REFERENCES need_type (code),
    band                integer NOT NULL CHECK (band BETWEEN 1 AND 5),
    age                 integer NOT NULL CHECK (age BETWEEN 0 AND 25),
    -- home, British National Grid, rounded to 100 m so no address can be read from it
    easting             integer NOT NULL CHECK (easting BETWEEN 0 AND 700000 AND easting % 100 = 0),
    northing            integer NOT NULL CHECK (northing BETWEEN 0 AND 1300000 AND northing % 100 = 0),
    gender              text NOT NULL CHECK (gender IN ('MALE', 'FEMALE')),
    needs_boarding      boolean NOT NULL DEFAULT false,
    current_setting_urn integer REFERENCES setting (urn),
    keep_current        boolean NOT NULL DEFAULT false,
    start_term          text NOT NULL CHECK (start_term ~ '^[0-9]{4}-(AUTUMN|SPRING|SUMMER)$'),
    status              text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'PROPOSED', 'PLACED', 'WITHDRAWN')),
    status_reason       text,
    demo                boolean NOT NULL DEFAULT false,
    created_at          timestamptz NOT NULL DEFAULT now(),
    updated_at          timestamptz NOT NULL DEFAULT now(),
    UNIQUE (la_code, reference),
    CHECK (secondary_need IS NULL OR secondary_need <> primary_need),
    CHECK (NOT keep_current OR current_setting_urn IS NOT NULL)
);
CREATE INDEX placement_request_la_status_idx ON placement_request (la_code, status);

-- The family's ranked preferences (URNs), best first.
CREATE TABLE request_preference (
    request_id  bigint NOT NULL REFERENCES placement_request (id) ON DELETE CASCADE,
    rank        integer NOT NULL CHECK (rank BETWEEN 1 AND 10),
    setting_urn integer NOT NULL REFERENCES setting (urn),
    PRIMARY KEY (request_id, rank),
    UNIQUE (request_id, setting_urn)
);
