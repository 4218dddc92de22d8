"""Who and where: cardholders (the verified holder of a call: `holders`; loading them from CSV:
`cardholder_csv`, `cardholder_merge`; an operator's search: `holder_search`), service outlets
(`outlets`) and the demo data (`demo`)."""
