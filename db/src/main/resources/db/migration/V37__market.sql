-- The commissioning marketplace (issue 12): a commissioner refers a child to independent and non-maintained
-- providers, providers decline or offer a fee-checked place, the commissioner awards one offer as a placement
-- agreement and the provider accepts it, which takes the place. Every row is pseudonymous: a referral copies the
-- child's profile from the demand register (needs, band, age, a postcode district), never a name, date of birth
-- or address.

CREATE TABLE referral (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id         bigint NOT NULL REFERENCES placement_request (id),
    la_code            text NOT NULL REFERENCES local_authority (code),
    -- the plan whose unplaced children it was made for, if any
    plan_id            bigint REFERENCES plan (id),
    -- the profile as sent (the request may change later; providers answer what they were sent)
    primary_need       text NOT NULL REFERENCES need_type (code),
    secondary_need     text REFERENCES need_type (code),
    band               integer NOT NULL CHECK (band BETWEEN 1 AND 5),
    age                integer NOT NULL CHECK (age BETWEEN 0 AND 25),
    -- national curriculum year: 0 is reception, 1-14 years 1 to 14, negative nursery, above 14 post-19
    nc_year            integer NOT NULL CHECK (nc_year BETWEEN -4 AND 21),
    phase_code         text NOT NULL REFERENCES phase (code),
    gender             text NOT NULL CHECK (gender IN ('MALE', 'FEMALE')),
    needs_boarding     boolean NOT NULL,
    home_district      text NOT NULL CHECK (home_district ~ '^[A-Z]{1,2}[0-9][0-9A-Z]?$'),
    -- the district's centroid: distances and transport are measured from here, never from the child's home
    home_easting       integer NOT NULL CHECK (home_easting BETWEEN 0 AND 700000),
    home_northing      integer NOT NULL CHECK (home_northing BETWEEN 0 AND 1300000),
    provision          text NOT NULL CHECK (provision IN ('DAY', 'RESIDENTIAL_38_WEEK', 'RESIDENTIAL_52_WEEK')),
    therapies          text[] NOT NULL DEFAULT '{}' CHECK (therapies <@ ARRAY['SPEECH_AND_LANGUAGE', 'OCCUPATIONAL',
        'PHYSIOTHERAPY', 'EDUCATIONAL_PSYCHOLOGY', 'MENTAL_HEALTH', 'NURSING', 'SENSORY']),
    start_term         text NOT NULL CHECK (start_term ~ '^[0-9]{4}-(AUTUMN|SPRING|SUMMER)$'),
    respond_by         date NOT NULL,
    -- why no state or in-house place fits: the evidence that this use of independent provision is strategic
    why_not_state      text[] NOT NULL CHECK (cardinality(why_not_state) BETWEEN 1 AND 20),
    note               text CHECK (length(note) <= 500),
    status             text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'AWARDED', 'PLACED', 'WITHDRAWN')),
    status_reason      text,
    demo               boolean NOT NULL DEFAULT false,
    created_by         text NOT NULL,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    CHECK (secondary_need IS NULL OR secondary_need <> primary_need)
);
-- a child has at most one live referral
CREATE UNIQUE INDEX referral_one_live_per_request ON referral (request_id) WHERE status IN ('OPEN', 'AWARDED');
CREATE INDEX referral_la_idx ON referral (la_code, status);

-- The settings a referral was sent to; a provider sees a referral only through these rows.
CREATE TABLE referral_recipient (
    referral_id    bigint NOT NULL REFERENCES referral (id),
    setting_urn    integer NOT NULL REFERENCES setting (urn),
    provider_id    bigint NOT NULL REFERENCES provider (id),
    -- matched by the service, or added by the commissioner by name
    matched        boolean NOT NULL,
    sent_at        timestamptz NOT NULL DEFAULT now(),
    response       text CHECK (response IN ('OFFERED', 'DECLINED')),
    decline_reason text CHECK (decline_reason IN ('NO_PLACE_AT_START', 'CANNOT_MEET_NEED', 'PEER_GROUP', 'TOO_FAR',
        'OUTSIDE_REGISTRATION', 'OTHER')),
    responded_at   timestamptz,
    PRIMARY KEY (referral_id, setting_urn),
    CHECK ((response = 'DECLINED') = (decline_reason IS NOT NULL)),
    CHECK ((response IS NULL) = (responded_at IS NULL))
);
CREATE INDEX referral_recipient_provider_idx ON referral_recipient (provider_id, referral_id);

CREATE TABLE offer (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    referral_id  bigint NOT NULL REFERENCES referral (id),
    setting_urn  integer NOT NULL,
    provider_id  bigint NOT NULL REFERENCES provider (id),
    status       text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN', 'WITHDRAWN', 'AWARDED', 'CLOSED')),
    status_reason text,
    revision     integer NOT NULL DEFAULT 1 CHECK (revision >= 1),
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (referral_id, setting_urn) REFERENCES referral_recipient (referral_id, setting_urn)
);
-- one live offer per setting and referral (a change is a revision of it)
CREATE UNIQUE INDEX offer_one_live_per_setting ON offer (referral_id, setting_urn) WHERE status IN ('OPEN', 'AWARDED');
CREATE INDEX offer_referral_idx ON offer (referral_id);
CREATE INDEX offer_provider_idx ON offer (provider_id);

-- Every version of an offer's terms, with the fee check it passed; the offer's current terms are its latest.
CREATE TABLE offer_revision (
    offer_id          bigint NOT NULL REFERENCES offer (id),
    revision          integer NOT NULL CHECK (revision >= 1),
    kind              text NOT NULL CHECK (kind IN ('DAY', 'RESIDENTIAL_38_WEEK', 'RESIDENTIAL_52_WEEK', 'POST_16')),
    annual_fee_pence  bigint NOT NULL CHECK (annual_fee_pence > 0 AND annual_fee_pence <= 150000000),
    education_pence   bigint NOT NULL CHECK (education_pence >= 0),
    care_pence        bigint NOT NULL CHECK (care_pence >= 0),
    therapies_pence   bigint NOT NULL CHECK (therapies_pence >= 0),
    other_pence       bigint NOT NULL CHECK (other_pence >= 0),
    start_date        date NOT NULL,
    valid_until       date NOT NULL,
    conditions        text CHECK (length(conditions) <= 1000),
    justification     text CHECK (length(justification) <= 1000),
    -- the check at the moment of offering
    financial_year    text NOT NULL CHECK (financial_year ~ '^[0-9]{4}-[0-9]{2}$'),
    framework_id      bigint NOT NULL REFERENCES rate_framework (id),
    framework_version integer NOT NULL,
    -- never ABOVE_CEILING or UPLIFT_ABOVE_CAP: those offers are refused (offer_refusal)
    verdict           text NOT NULL CHECK (verdict IN ('NO_APPLICABLE_BAND', 'ABOVE_REFERENCE', 'WITHIN_REFERENCE', 'NOT_REGULATED')),
    reasons           text[] NOT NULL,
    reference_pence   bigint,
    ceiling_pence     bigint,
    created_by        text NOT NULL,
    created_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (offer_id, revision),
    CHECK (education_pence + care_pence + therapies_pence + other_pence = annual_fee_pence),
    CHECK (valid_until <= start_date)
);

-- Offers the fee check refused (above the ceiling, or an uplift above the cap): nothing was offered, but the regulator
-- counts them.
CREATE TABLE offer_refusal (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    referral_id      bigint NOT NULL REFERENCES referral (id),
    setting_urn      integer NOT NULL REFERENCES setting (urn),
    provider_id      bigint NOT NULL REFERENCES provider (id),
    kind             text NOT NULL,
    annual_fee_pence bigint NOT NULL,
    verdict          text NOT NULL CHECK (verdict IN ('ABOVE_CEILING', 'UPLIFT_ABOVE_CAP')),
    ceiling_pence    bigint,
    framework_id     bigint NOT NULL REFERENCES rate_framework (id),
    refused_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX offer_refusal_provider_idx ON offer_refusal (provider_id);

-- An Individual Placement Agreement: the awarded offer's terms, binding once the provider accepts.
CREATE TABLE placement_agreement (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    referral_id       bigint NOT NULL REFERENCES referral (id),
    -- the awarded offer (a renewal keeps its agreement's)
    offer_id          bigint NOT NULL REFERENCES offer (id),
    offer_revision    integer NOT NULL,
    request_id        bigint NOT NULL REFERENCES placement_request (id),
    la_code           text NOT NULL REFERENCES local_authority (code),
    provider_id       bigint NOT NULL REFERENCES provider (id),
    setting_urn       integer NOT NULL REFERENCES setting (urn),
    need_code         text NOT NULL REFERENCES need_type (code),
    phase_code        text NOT NULL REFERENCES phase (code),
    kind              text NOT NULL,
    start_date        date NOT NULL,
    end_date          date NOT NULL,
    annual_fee_pence  bigint NOT NULL CHECK (annual_fee_pence > 0),
    framework_id      bigint NOT NULL REFERENCES rate_framework (id),
    framework_version integer NOT NULL,
    status            text NOT NULL DEFAULT 'AWAITING_PROVIDER'
        CHECK (status IN ('AWAITING_PROVIDER', 'ACTIVE', 'DECLINED', 'ENDED')),
    status_reason     text,
    -- the placement that took the place, once accepted (a renewal keeps the same one)
    placement_id      bigint REFERENCES placement (id),
    -- the agreement this one renews, if any
    renews_id         bigint REFERENCES placement_agreement (id),
    awarded_by        text NOT NULL,
    awarded_at        timestamptz NOT NULL DEFAULT now(),
    responded_by      text,
    responded_at      timestamptz,
    FOREIGN KEY (offer_id, offer_revision) REFERENCES offer_revision (offer_id, revision),
    CHECK (end_date > start_date),
    CHECK ((status = 'ACTIVE') <= (placement_id IS NOT NULL))
);
CREATE UNIQUE INDEX placement_agreement_one_per_offer ON placement_agreement (offer_id) WHERE renews_id IS NULL;
-- one agreement awaiting or in force per referral: of two awards racing, the second finds the first
CREATE UNIQUE INDEX placement_agreement_one_live_per_referral ON placement_agreement (referral_id)
    WHERE status IN ('AWAITING_PROVIDER', 'ACTIVE') AND renews_id IS NULL;
CREATE INDEX placement_agreement_la_idx ON placement_agreement (la_code, status);
CREATE INDEX placement_agreement_provider_idx ON placement_agreement (provider_id, status);

-- A provider's proposed fee for the next school year of an agreement, checked as an uplift over the agreement's fee
-- against the cap of the next year's framework (a proposal above the cap or the ceiling is refused, not stored).
CREATE TABLE agreement_renewal (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agreement_id     bigint NOT NULL REFERENCES placement_agreement (id),
    financial_year   text NOT NULL CHECK (financial_year ~ '^[0-9]{4}-[0-9]{2}$'),
    annual_fee_pence bigint NOT NULL CHECK (annual_fee_pence > 0 AND annual_fee_pence <= 150000000),
    uplift_percent   numeric(9, 2) NOT NULL,
    max_uplift_percent numeric(5, 2) NOT NULL,
    framework_id     bigint NOT NULL REFERENCES rate_framework (id),
    framework_version integer NOT NULL,
    verdict          text NOT NULL CHECK (verdict IN ('NO_APPLICABLE_BAND', 'ABOVE_REFERENCE', 'WITHIN_REFERENCE', 'NOT_REGULATED')),
    justification    text CHECK (length(justification) <= 1000),
    reasons          text[] NOT NULL,
    status           text NOT NULL DEFAULT 'PROPOSED' CHECK (status IN ('PROPOSED', 'RENEWED', 'REJECTED')),
    proposed_by      text NOT NULL,
    proposed_at      timestamptz NOT NULL DEFAULT now(),
    decided_by       text,
    decided_at       timestamptz,
    -- the agreement the renewal made
    renewed_agreement_id bigint REFERENCES placement_agreement (id)
);
CREATE UNIQUE INDEX agreement_renewal_one_open ON agreement_renewal (agreement_id) WHERE status = 'PROPOSED';

-- A dealing between an LA and a provider (an offer, an agreement) is commercial: the audit trail shows it to the two
-- parties, the regulator and admins, never to a regional planner.
ALTER TABLE audit_event ADD COLUMN commercial boolean NOT NULL DEFAULT false;

-- A placement comes from an approved plan or from an accepted placement agreement.
ALTER TABLE placement ALTER COLUMN plan_id DROP NOT NULL;
ALTER TABLE placement ADD COLUMN agreement_id bigint;
ALTER TABLE placement ADD CONSTRAINT placement_from_plan_or_agreement CHECK ((plan_id IS NULL) <> (agreement_id IS NULL));
