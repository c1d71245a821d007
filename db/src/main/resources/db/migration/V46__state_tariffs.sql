-- National bands for every setting (issue 15, item 4): a band of the rates framework also gives a tariff for state
-- settings, the range a state special school's, unit's or AP's annual fee (place funding and top-up, as state fees are
-- recorded) should fall in for that kind of place and complexity. A range, not a figure with a tolerance: it says in
-- pounds what "within" means and takes no second number to read. It is national (no area cost adjustment) and it is
-- not a regulatory rule: a state fee outside it is reported to its LA and region, never a finding.
-- A band without a tariff leaves state fees of its kind and complexity unbanded. Bands stay immutable once published
-- (rate_band_immutable covers every column).
ALTER TABLE rate_band
    ADD COLUMN state_tariff_min_pence bigint,
    ADD COLUMN state_tariff_max_pence bigint,
    ADD CONSTRAINT rate_band_state_tariff_whole CHECK ((state_tariff_min_pence IS NULL) = (state_tariff_max_pence IS NULL)),
    ADD CONSTRAINT rate_band_state_tariff_range CHECK (state_tariff_min_pence >= 0 AND state_tariff_max_pence > 0
        AND state_tariff_min_pence <= state_tariff_max_pence AND state_tariff_max_pence <= 150000000);
