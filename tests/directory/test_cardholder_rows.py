"""The import's fast per-line paths give exactly the answers of the plain ones they replaced."""

import csv
import io
from datetime import date

from hypothesis import given
from hypothesis import strategies as st
from stdnum.cn import ric

from ivr.directory.cardholder_csv import FIELDS, check_row, read_rows
from ivr.identity import idnumbers
from tests.support import idgen
from tests.support.fuzzing import scaled

TODAY = date(2026, 11, 25)


def dict_reader_rows(body):
    """What the import read before it read by position: csv.DictReader, a dict per line."""
    rows, rejected = [], []
    reader = csv.DictReader(io.StringIO(body))
    for raw in reader:
        row, reason = check_row(reader.line_num, [raw.get(key) or "" for key in FIELDS], TODAY, "CN")
        if row:
            rows.append(row)
        else:
            rejected.append((reader.line_num, reason))
    return rows, rejected


def positional_rows(body):
    rejected = []
    rows = list(read_rows(io.StringIO(body), today=TODAY, region="CN", rejected=rejected))
    return rows, rejected


VALUES = st.sampled_from(
    [
        "",
        " ",
        "11010519491231002X",
        "11010519491231002x",
        "110105194912310021",
        "Zhang, Wei",
        '"quoted"',
        "两行\n之间",
        "13800138000",
        "010 6512 3456",
        "A10000001",
        "246810",
        "zh",
        " EN ",
        "fr",
    ]
)
HEADERS = st.permutations([*FIELDS, "note"]).flatmap(
    lambda names: st.sampled_from([names, [n for n in names if n != "language"], [*names, "name"]])
)


@scaled(60)
@given(header=HEADERS, lines=st.lists(st.lists(VALUES, max_size=9), max_size=6))
def test_reading_by_position_is_reading_by_name(header, lines):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(lines)
    assert positional_rows(out.getvalue()) == dict_reader_rows(out.getvalue())


def test_lines_keep_their_numbers_across_blank_lines_and_quoted_line_breaks():
    body = ",".join(FIELDS) + '\n\n110105194912310021,"A\nB",13800138000,A1000001,246810,zh\n\n,x\n'
    rejected = []
    assert not list(read_rows(io.StringIO(body), today=TODAY, region="CN", rejected=rejected))
    assert rejected == [
        (4, "bad id_number (wrong check character)"),
        (6, "missing id_number, mobile, card_number, service_password"),
    ]


# What str.isdigit lets through to the birth date: ASCII, fullwidth and Arabic-Indic digits (which
# int() reads), superscripts and circled digits (which it does not).
ODD_DIGITS = "0123456789０１２９١٢²①"
DATES = st.tuples(st.integers(1850, 2100), st.integers(0, 13), st.integers(0, 32)).map(
    lambda d: f"{d[0]:04d}{d[1]:02d}{d[2]:02d}"
)


@scaled(200)
@given(
    area=st.sampled_from(["110105", "810000", "911840", "720105"]),
    born=DATES | st.text(alphabet=ODD_DIGITS, min_size=8, max_size=8),
    fullwidth=st.booleans(),
)
def test_the_birth_date_is_read_as_python_stdnum_reads_it(area, born, fullwidth):
    if fullwidth:
        born = born.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    number = area + born + "123X"
    try:
        expected = ric.get_birth_date(number)
    except Exception as exc:  # whichever stdnum raises, ours must be the same kind
        expected = type(exc)
    try:
        got = idnumbers.birth_date(number)
    except Exception as exc:
        got = type(exc)
    assert got == expected


def test_the_keyed_once_hashes_are_the_lookup_hashes():
    hash_id, hash_card = idnumbers.hashers("some key")
    for value in idgen.KINDS.values():
        assert hash_id(value) == idnumbers.id_hash("some key", value)
    assert hash_card(" a10000001 ") == idnumbers.card_hash("some key", "A10000001")
    assert hash_id("11010519491231002X") != idnumbers.hashers("other key")[0]("11010519491231002X")
