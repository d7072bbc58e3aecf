-- The currency every KPI is reported in.
SELECT base_currency() AS currency;
