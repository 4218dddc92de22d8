"""Who counts as an older caller: aged 65 or over, the age at which China's carriers give one-key
access to a person ("一键呼入人工客服")."""

SENIOR_AGE = 65


def senior_by_birth_date(born, today):
    """Aged SENIOR_AGE or over on `today`, by the full birth date (a keyed ID number)."""
    age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    return age >= SENIOR_AGE


def senior_by_year(born_in, today):
    """Turns SENIOR_AGE this year or earlier: only the year of birth is kept for a registered mobile."""
    return born_in is not None and today.year - born_in >= SENIOR_AGE
