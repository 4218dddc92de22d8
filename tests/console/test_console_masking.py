"""Numbers in the console and its CSV are masked exactly as ivr.identity.phones.mask masks them."""

import random

import pytest

from ivr.console.calllog import masked
from ivr.identity import phones


@pytest.mark.parametrize(
    "number, shown",
    [
        ("+8613800138000", "+86 138****8000"),
        ("+8617951234567", "+86 179****4567"),
        ("+861012345678", "+86 101****5678"),  # a Beijing landline takes the slow path
        ("+85291234567", "+852 912****4567"),
        ("+14155550123", "+1 415****0123"),
        ("+447911123456", "+44 791****3456"),
        ("anonymous", "****"),
        ("", ""),
    ],
)
def test_known_numbers(number, shown):
    assert masked(number) == shown
    if number:
        assert phones.mask(number) == shown


def test_the_fast_path_agrees_with_phones_mask():
    rng = random.Random(6)
    numbers = [f"+861{rng.randint(3, 9)}{rng.randrange(10**9):09d}" for _ in range(2000)]
    assert [masked(n) for n in numbers] == [phones.mask(n) for n in numbers]


@pytest.mark.parametrize(
    "cell, written",
    [
        ("+86 138****8000", "'+86 138****8000"),
        ('=HYPERLINK("x")', '\'=HYPERLINK("x")'),
        ("-1", "'-1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("report_filed", "report_filed"),
        (42, "42"),
    ],
)
def test_csv_cells_cannot_run_as_spreadsheet_formulas(cell, written):
    from ivr.console.exports import csv_chunks

    body = "".join(csv_chunks(["value"], [[cell]]))
    assert body.lstrip("\ufeff").splitlines()[1].strip('"').replace('""', '"') == written
