"""Made-up identity numbers with valid check characters (ISO 7064 MOD 11-2), for every kind a
social security cardholder may hold. None belongs to a real person."""

from stdnum.cn import ric


def with_check(first17):
    """The 18-character number whose check character fits `first17`."""
    assert len(first17) == 17 and first17.isdigit()
    return first17 + ric.calc_check_digit(first17 + "0")


def number(area="110105", born="19800101", sequence="123"):
    return with_check(area + born + sequence)


def wrong_check(valid):
    """The same number with another check character."""
    other = "0" if valid[-1] != "0" else "1"
    return valid[:-1] + other


def keys(value):
    """What a caller keys for `value`: * for X, then #."""
    return value.replace("X", "*") + "#"


# A district code created in 1992 (Shanghai Pudong 310115) held by someone born in 1970: the code
# is where the number was assigned, not where or when its holder was born.
NEW_DISTRICT_1970 = number("310115", "19700315", "021")
HONG_KONG_PERMIT = number("810000", "19851120", "004")
MACAO_PERMIT = number("820000", "19920601", "011")
TAIWAN_PERMIT = number("830000", "19780930", "035")
# 9, province 11 (Beijing), nationality 840, birth date, sequence.
FOREIGN_PERMANENT = number("911840", "19750704", "002")
KINDS = {
    "new_district": NEW_DISTRICT_1970,
    "hong_kong_permit": HONG_KONG_PERMIT,
    "macao_permit": MACAO_PERMIT,
    "taiwan_permit": TAIWAN_PERMIT,
    "foreign_permanent": FOREIGN_PERMANENT,
}
