-- The national rates framework: one version per financial year in force at a time, with bands of reference rates
-- and ceilings, an area cost adjustment per region and a cap on annual fee uplifts.

-- "2026-27": April 2026 to March 2027; the second part is the year after the first, mod 100 ("2099-00").
-- The CASE keeps a malformed value a check violation instead of a cast error.
CREATE DOMAIN financial_year AS text
    CONSTRAINT financial_year_format CHECK (
        CASE WHEN VALUE ~ '^[0-9]{4}-[0-9]{2}$'
             THEN substr(VALUE, 6, 2)::integer = (substr(VALUE, 1, 4)::integer + 1) % 100
             ELSE false END);

CREATE TABLE rate_framework (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    financial_year     financial_year NOT NULL,
    version            integer NOT NULL CHECK (version >= 1),
    name               text NOT NULL CHECK (length(trim(name)) > 0),
    description        text,
    status             text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT', 'PUBLISHED', 'SUPERSEDED')),
    max_uplift_percent numeric(5, 2) NOT NULL CHECK (max_uplift_percent BETWEEN 0 AND 100),
    -- the published version this one replaced when it was published (a correction)
    supersedes_id      bigint REFERENCES rate_framework (id),
    created_at         timestamptz NOT NULL DEFAULT now(),
    created_by         text NOT NULL,
    published_at       timestamptz,
    published_by       text,
    superseded_at      timestamptz,
    CONSTRAINT rate_framework_version_unique UNIQUE (financial_year, version),
    CHECK ((status = 'DRAFT') = (published_at IS NULL) AND (published_at IS NULL) = (published_by IS NULL)),
    CHECK ((status = 'SUPERSEDED') = (superseded_at IS NOT NULL))
);
-- one version in force per year, and one draft being prepared per year
CREATE UNIQUE INDEX rate_framework_one_published ON rate_framework (financial_year) WHERE status = 'PUBLISHED';
CREATE UNIQUE INDEX rate_framework_one_draft ON rate_framework (financial_year) WHERE status = 'DRAFT';

CREATE TABLE rate_band (
    framework_id    bigint NOT NULL REFERENCES rate_framework (id),
    code            text NOT NULL CHECK (code ~ '^[A-Z0-9][A-Z0-9_-]{0,19}$'),
    description     text NOT NULL CHECK (length(trim(description)) > 0),
    kind            text NOT NULL CHECK (kind IN ('DAY', 'RESIDENTIAL_38_WEEK', 'RESIDENTIAL_52_WEEK', 'POST_16', 'ALTERNATIVE_PROVISION')),
    complexity      integer NOT NULL CHECK (complexity BETWEEN 1 AND 5),
    -- annual amounts in pence, before the area cost adjustment
    reference_pence bigint NOT NULL CHECK (reference_pence > 0),
    ceiling_pence   bigint NOT NULL CHECK (ceiling_pence <= 150000000),
    PRIMARY KEY (framework_id, code),
    CONSTRAINT rate_band_ceiling_covers_reference CHECK (ceiling_pence >= reference_pence)
);

-- A band with need types applies only to settings whose main need is one of them; without, to every need.
CREATE TABLE rate_band_need (
    framework_id bigint NOT NULL,
    band_code    text NOT NULL,
    need_code    text NOT NULL REFERENCES need_type (code),
    PRIMARY KEY (framework_id, band_code, need_code),
    FOREIGN KEY (framework_id, band_code) REFERENCES rate_band (framework_id, code)
);

CREATE TABLE rate_area_adjustment (
    framework_id bigint NOT NULL REFERENCES rate_framework (id),
    region_code  text NOT NULL REFERENCES region (code),
    multiplier   numeric(4, 3) NOT NULL CHECK (multiplier BETWEEN 0.5 AND 2.0),
    PRIMARY KEY (framework_id, region_code)
);

-- A published framework never changes: the only change allowed after publication is PUBLISHED -> SUPERSEDED when a
-- correction is published; a superseded one is frozen for good. Bands and adjustments change only while DRAFT.
-- The rule's name is in the message text as well, where the API's error mapping looks for a constraint's name.
CREATE FUNCTION rate_framework_published_is_immutable() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
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
            NEW.created_at, NEW.created_by, NEW.published_at, NEW.published_by)
           IS NOT DISTINCT FROM
           (OLD.id, OLD.financial_year, OLD.version, OLD.name, OLD.description, OLD.max_uplift_percent, OLD.supersedes_id,
            OLD.created_at, OLD.created_by, OLD.published_at, OLD.published_by) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'rate framework % is % and never changes (constraint "rate_framework_published_is_immutable")', OLD.id, OLD.status
        USING ERRCODE = 'check_violation', CONSTRAINT = 'rate_framework_published_is_immutable';
END $$;

CREATE TRIGGER rate_framework_immutable BEFORE UPDATE OR DELETE ON rate_framework
    FOR EACH ROW EXECUTE FUNCTION rate_framework_published_is_immutable();

CREATE FUNCTION rate_framework_part_is_immutable() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
DECLARE
    framework bigint;
    framework_status text;
BEGIN
    framework := CASE WHEN TG_OP = 'DELETE' THEN OLD.framework_id ELSE NEW.framework_id END;
    SELECT status INTO framework_status FROM rate_framework WHERE id = framework;
    IF framework_status <> 'DRAFT'
       OR (TG_OP = 'UPDATE' AND OLD.framework_id <> NEW.framework_id) THEN
        RAISE EXCEPTION 'rate framework % is % and never changes: % on % (constraint "rate_framework_published_is_immutable")', framework, framework_status, TG_OP, TG_TABLE_NAME
            USING ERRCODE = 'check_violation', CONSTRAINT = 'rate_framework_published_is_immutable';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;

CREATE TRIGGER rate_band_immutable BEFORE INSERT OR UPDATE OR DELETE ON rate_band
    FOR EACH ROW EXECUTE FUNCTION rate_framework_part_is_immutable();
CREATE TRIGGER rate_band_need_immutable BEFORE INSERT OR UPDATE OR DELETE ON rate_band_need
    FOR EACH ROW EXECUTE FUNCTION rate_framework_part_is_immutable();
CREATE TRIGGER rate_area_adjustment_immutable BEFORE INSERT OR UPDATE OR DELETE ON rate_area_adjustment
    FOR EACH ROW EXECUTE FUNCTION rate_framework_part_is_immutable();
