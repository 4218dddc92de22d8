"""Who is calling: resident ID numbers (`idnumbers`), phone numbers (`phones`, through
`phonenumbers`), service passwords (`passwords`, `decoys`) and the verification and lockout rules
(`verification`)."""
