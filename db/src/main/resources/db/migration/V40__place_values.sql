-- Where a new place saves most (issue 13, item 4): for a plan that is the exact optimum of the placement flow, the
-- value of one more place in each place cell (a setting's places for one need in one phase) where it has one. Only
-- cells with a value are kept: one more place lets the plan place a child it leaves out, or saves money; every other
-- cell is worth nothing more (it has a place to spare, or nobody would move into it). A plan whose limits couple
-- children (independent placements, siblings) has none: its optimum is not a flow's and no exact value is known.
CREATE TABLE plan_place_value (
    plan_id             bigint NOT NULL REFERENCES plan (id) ON DELETE CASCADE,
    setting_urn         integer NOT NULL REFERENCES setting (urn),
    need_code           text NOT NULL REFERENCES need_type (code),
    phase_code          text NOT NULL REFERENCES phase (code),
    -- places a block contract keeps for one LA's children are a cell of their own: one more of them is one more
    -- contracted place, open to that LA's children only
    contract_id         bigint REFERENCES block_contract (id),
    contract_la_code    text REFERENCES local_authority (code),
    -- the setting's LA: where the place would be, which the sums by LA use
    la_code             text NOT NULL REFERENCES local_authority (code),
    children_placed     integer NOT NULL CHECK (children_placed IN (0, 1)),
    -- annual cost plus policy penalties saved (the plan's objective), and the annual cost (fees and transport) alone
    score_saving_pence  bigint NOT NULL,
    annual_saving_pence bigint NOT NULL,
    children_moved      integer NOT NULL CHECK (children_moved >= 0),
    CHECK (children_placed = 1 OR score_saving_pence > 0),
    CHECK ((contract_id IS NULL) = (contract_la_code IS NULL)),
    UNIQUE NULLS NOT DISTINCT (plan_id, setting_urn, need_code, phase_code, contract_id, contract_la_code)
);
-- a plan with values records that it had them computed, so "none" (nothing full) differs from "not known"
ALTER TABLE plan ADD COLUMN place_values_known boolean NOT NULL DEFAULT false;
