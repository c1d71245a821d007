-- A scenario may re-plan forecast demand for a year instead of a plan's waiting children: it then has no plan, and
-- keeps the January it was forecast for. Exactly one of the two.
ALTER TABLE scenario ALTER COLUMN plan_id DROP NOT NULL;
ALTER TABLE scenario ADD COLUMN forecast_january integer CHECK (forecast_january BETWEEN 2000 AND 2100);
ALTER TABLE scenario ADD CONSTRAINT scenario_plan_or_forecast CHECK ((plan_id IS NULL) <> (forecast_january IS NULL));
