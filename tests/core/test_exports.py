"""Downloads: formulas never reach a spreadsheet, file names survive every browser."""

import csv
import io
from datetime import date

import pytest

from parvis.exports import content_disposition, csv_response, csv_text, safe_cell


@pytest.mark.parametrize(
    ("typed", "written"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+33 1 23", "'+33 1 23"),
        ("-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("-12.5", "-12.5"),
        ("+3", "+3"),
        ("Zoé", "Zoé"),
    ],
)
def test_text_that_a_spreadsheet_would_run_is_neutralised(typed, written):
    assert safe_cell(typed) == written


def test_cells_of_other_types():
    assert [safe_cell(v) for v in (None, True, False, 3, date(2026, 12, 3))] == [
        "",
        "true",
        "false",
        3,
        "2026-12-03",
    ]


def test_csv_text_is_rfc_4180_and_every_cell_is_safe():
    text = csv_text(["name", "note"], [["=1+1", 'say "hi"\nthere'], ["Ann", None]], delimiter=";")
    assert text.endswith("\r\n")
    assert list(csv.reader(io.StringIO(text), delimiter=";")) == [
        ["name", "note"],
        ["'=1+1", 'say "hi"\nthere'],
        ["Ann", ""],
    ]


def test_file_names_keep_their_letters_and_cannot_break_the_header():
    header = content_disposition('Procès-verbal "final";x.pdf', inline=True)
    assert header.startswith('inline; filename="Proces-verbal _final__x.pdf"; ')
    assert "filename*=UTF-8''Proc%C3%A8s-verbal%20%22final%22%3Bx.pdf" in header


def test_a_csv_download_is_private_utf8_and_named():
    response = csv_response("a,b\r\n", "missions.csv")
    assert response.media_type == "text/csv; charset=utf-8"
    assert response.headers["cache-control"] == "private, no-store"
    assert response.headers["content-disposition"].startswith('attachment; filename="missions.csv"')
