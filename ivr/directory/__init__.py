"""Who and where: cardholders (the verified holder of a call: `holders`; loading them from CSV:
`cardholder_csv`, `cardholder_merge`), service outlets (`outlets`) and the demo data (`demo`)."""
