-- Rules a commissioner signs a plan under (issue 11): siblings and alternative provision on the request, the limits
-- a plan was started with, whether its result is proven optimal, where the reactive approach would have placed each
-- child, and a plan's status once its placements are approved.

-- Siblings share a group reference the LA chooses; like the case reference it must hold a digit, so a family name
-- can't be used as one.
ALTER TABLE placement_request
    ADD COLUMN sibling_group text
        CONSTRAINT placement_request_sibling_group_check
        CHECK (sibling_group ~ '^[A-Za-z0-9][A-Za-z0-9/_.-]{0,39}$' AND sibling_group ~ '[0-9]'),
    -- NULL: the planner's default (alternative provision only for social, emotional and mental health needs)
    ADD COLUMN alternative_provision_allowed boolean;

-- Which children of an LA are siblings is looked up per plan.
CREATE INDEX placement_request_sibling_group_idx ON placement_request (la_code, sibling_group) WHERE sibling_group IS NOT NULL;

-- What a plan was started with besides its weights: reach, local radius and independent limits ({} for plans made
-- before these rules existed, which ran without them).
ALTER TABLE plan
    ADD COLUMN rules jsonb NOT NULL DEFAULT '{}'::jsonb,
    ADD COLUMN proven_optimal boolean NOT NULL DEFAULT false,
    ADD COLUMN gap_percent numeric(9, 4) CONSTRAINT plan_gap_percent_check CHECK (gap_percent >= 0);

ALTER TABLE plan DROP CONSTRAINT plan_status_check;
ALTER TABLE plan ADD CONSTRAINT plan_status_check
    CHECK (status IN ('QUEUED', 'SOLVING', 'COMPLETED', 'CANCELLED', 'INTERRUPTED', 'FAILED', 'APPROVED', 'PARTLY_APPROVED'));

-- The reactive first-come-first-served placement of the same child, for comparison child by child (NULL: the
-- reactive approach left the child without a place, or the plan was made before this was kept).
ALTER TABLE plan_assignment
    ADD COLUMN reactive_setting_urn integer REFERENCES setting (urn),
    ADD COLUMN reactive_cost_pence bigint CONSTRAINT plan_assignment_reactive_cost_check CHECK (reactive_cost_pence >= 0);
