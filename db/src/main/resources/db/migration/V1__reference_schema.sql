-- Reference data every feature shares: where (regions, LAs, postcode districts) and what (needs, phases, setting types).

CREATE TABLE region (
    code text PRIMARY KEY CHECK (code ~ '^E12[0-9]{6}$'),
    name text NOT NULL UNIQUE
);

CREATE TABLE local_authority (
    code        text PRIMARY KEY CHECK (code ~ '^[0-9]{3}$'),  -- DfE/GIAS three-digit LA number
    ons_code    text NOT NULL UNIQUE CHECK (ons_code ~ '^E[0-9]{8}$'),
    name        text NOT NULL UNIQUE,
    region_code text NOT NULL REFERENCES region (code),
    -- population-weighted centroid, British National Grid metres
    easting     integer NOT NULL CHECK (easting BETWEEN 0 AND 700000),
    northing    integer NOT NULL CHECK (northing BETWEEN 0 AND 1300000),
    area_km2    numeric(8, 1) NOT NULL CHECK (area_km2 > 0)
);
CREATE INDEX local_authority_region_idx ON local_authority (region_code);

CREATE TABLE need_type (
    code       text PRIMARY KEY CHECK (code ~ '^[A-Z]{2,4}$'),
    name       text NOT NULL UNIQUE,
    gias_name  text NOT NULL UNIQUE,  -- the string GIAS uses in SEN1..SEN13
    sort_order integer NOT NULL UNIQUE
);

CREATE TABLE phase (
    code       text PRIMARY KEY,
    name       text NOT NULL UNIQUE,
    age_from   integer NOT NULL CHECK (age_from >= 0),
    age_to     integer NOT NULL CHECK (age_to >= age_from AND age_to <= 25),
    sort_order integer NOT NULL UNIQUE
);

INSERT INTO phase (code, name, age_from, age_to, sort_order) VALUES
  ('EARLY_YEARS', 'Early years', 0, 4, 1),
  ('PRIMARY', 'Primary', 5, 10, 2),
  ('SECONDARY', 'Secondary', 11, 15, 3),
  ('POST_16', 'Post-16', 16, 18, 4),
  ('POST_19', 'Post-19', 19, 25, 5);

CREATE TABLE setting_type (
    code           text PRIMARY KEY,
    name           text NOT NULL UNIQUE,
    default_sector text NOT NULL CHECK (default_sector IN ('STATE', 'NON_MAINTAINED', 'INDEPENDENT')),
    -- independent settings are what the rates framework regulates and what planners use strategically
    independent    boolean NOT NULL,
    sort_order     integer NOT NULL UNIQUE
);

INSERT INTO setting_type (code, name, default_sector, independent, sort_order) VALUES
  ('MAINSTREAM', 'Mainstream school', 'STATE', false, 1),
  ('RESOURCED_PROVISION', 'Mainstream school with resourced provision', 'STATE', false, 2),
  ('SEN_UNIT', 'Mainstream school with a SEN unit', 'STATE', false, 3),
  ('STATE_SPECIAL', 'State special school (LA maintained, academy or free school)', 'STATE', false, 4),
  ('NON_MAINTAINED_SPECIAL', 'Non-maintained special school', 'NON_MAINTAINED', false, 5),
  ('INDEPENDENT_SPECIAL', 'Independent special school', 'INDEPENDENT', true, 6),
  ('ALTERNATIVE_PROVISION', 'Alternative provision (PRU, AP academy or free school)', 'STATE', false, 7),
  ('SPECIALIST_POST_16', 'Specialist post-16 institution', 'INDEPENDENT', true, 8);

-- Live English postcode districts: the grain to which a child's home is rounded.
CREATE TABLE postcode_district (
    outcode    text PRIMARY KEY CHECK (outcode ~ '^[A-Z]{1,2}[0-9][0-9A-Z]?$'),
    la_code    text NOT NULL REFERENCES local_authority (code),
    easting    integer NOT NULL,
    northing   integer NOT NULL,
    population integer NOT NULL CHECK (population >= 0)
);
CREATE INDEX postcode_district_la_idx ON postcode_district (la_code);
