-- An offer states its surplus, as a fee's breakdown does, so the framework's surplus cap applies to offers too
-- (issue 15). The surplus is the part of "other" (overheads, transport and surplus) that is surplus, so the parts
-- still add up to the fee as before; offers made before this state none (0).
ALTER TABLE offer_revision
    ADD COLUMN surplus_pence bigint NOT NULL DEFAULT 0 CHECK (surplus_pence >= 0),
    ADD CONSTRAINT offer_revision_surplus_within_other CHECK (surplus_pence <= other_pence);

-- An offer whose surplus is above the cap is refused like one above the ceiling, and kept for the regulator.
ALTER TABLE offer_refusal DROP CONSTRAINT offer_refusal_verdict_check;
ALTER TABLE offer_refusal ADD CONSTRAINT offer_refusal_verdict_check
    CHECK (verdict IN ('ABOVE_CEILING', 'UPLIFT_ABOVE_CAP', 'SURPLUS_ABOVE_CAP'));
