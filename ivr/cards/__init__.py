"""Cards and what happens to them: the state machine (`states`), every move with its effects
(`lifecycle`), pre-loss reports (`reports`), cancelling one (`cancellation`), lapsing (`lapse`),
collection at an outlet (`collection`), where a replacement stands (`progress`), and the facts an
SMS about a card fills in (`facts`, `holder_notices`)."""
