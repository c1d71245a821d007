-- Financial oversight (issue 15, item 3): once a year each provider states its group's figures, so the regulator can
-- read margins and debt by ownership beside the fees the group charges. One row per provider and financial year:
-- restating a year replaces the row (the audit trail keeps what it was).

CREATE TABLE provider_figures (
    id                      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    provider_id             bigint NOT NULL REFERENCES provider (id),
    financial_year          financial_year NOT NULL,
    -- pence; the upper bound (100 billion pounds) refuses mistyped amounts, not large groups
    turnover_pence          bigint NOT NULL CONSTRAINT provider_figures_turnover_range
        CHECK (turnover_pence > 0 AND turnover_pence <= 10000000000000),
    -- a loss is a negative operating surplus
    operating_surplus_pence bigint NOT NULL CONSTRAINT provider_figures_surplus_range
        CHECK (operating_surplus_pence BETWEEN -10000000000000 AND 10000000000000),
    -- borrowings less cash: negative when the group holds more cash than it owes
    net_debt_pence          bigint NOT NULL CONSTRAINT provider_figures_net_debt_range
        CHECK (net_debt_pence BETWEEN -10000000000000 AND 10000000000000),
    owner_kind              text NOT NULL CHECK (owner_kind IN ('CHARITY', 'LOCAL_AUTHORITY_OR_TRUST', 'FAMILY', 'PRIVATE_EQUITY',
                                                                'LISTED', 'OTHER')),
    for_profit              boolean NOT NULL,
    stated_at               timestamptz NOT NULL DEFAULT now(),
    stated_by               text NOT NULL CHECK (length(stated_by) > 0),
    CONSTRAINT provider_figures_one_per_year UNIQUE (provider_id, financial_year),
    -- the kinds of owner that settle the question: a charity or an LA or trust is not run for profit; private equity
    -- and listed groups are. A family-owned or other group says which it is.
    CONSTRAINT provider_figures_for_profit_fits_owner CHECK (
        (owner_kind NOT IN ('CHARITY', 'LOCAL_AUTHORITY_OR_TRUST') OR NOT for_profit)
        AND (owner_kind NOT IN ('PRIVATE_EQUITY', 'LISTED') OR for_profit))
);
CREATE INDEX provider_figures_year_idx ON provider_figures (financial_year);
