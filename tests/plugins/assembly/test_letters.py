"""Letters: a code each, created with the letters and stored only as a hash; CSV and PDF."""

import csv
import io
import zipfile

import pytest
from sqlalchemy import select

from parvis.plugins.assembly.models import AssemblyInvitee
from parvis.plugins.assembly.services import codes, common, letters, questionnaire
from parvis.plugins.assembly.services.common import AssemblyError
from parvis.plugins.assembly.settings import ROLL
from parvis.testing_pdf import read_pdf


def test_codes_are_unique_and_only_their_hashes_are_stored(db, lettered):
    made = lettered(count=60)
    assert len({letter.code for letter in made}) == 60
    stored = db.scalars(select(AssemblyInvitee)).all()
    assert {i.code_hash for i in stored} == {codes.digest(letter.code) for letter in made}
    for invitee in stored:
        for letter in made:
            assert letter.code not in (invitee.code_hash or "")


def test_letters_are_issued_once_then_reissued_on_demand(db, site, promotion, official, lettered):
    made = lettered(count=20)
    college = common.college(promotion.body, ROLL)
    with pytest.raises(AssemblyError, match="already has a letter"):
        letters.issue(db, site, promotion, college, actor=official)
    questionnaire.find_invitee(db, site, made[0].code)  # valid
    again = letters.issue(db, site, promotion, college, actor=official, reissue=True)
    db.commit()
    assert len(again) == 20
    assert {a.invitee.letter_batch for a in again} == {2}
    with pytest.raises(AssemblyError, match="not valid"):
        questionnaire.find_invitee(db, site, made[0].code)  # the lost batch no longer works


def test_mail_merge_csv_and_pdf_letters_in_french(db, site, promotion, lettered):
    made = lettered(count=5)
    college = common.college(promotion.body, ROLL)
    archive = zipfile.ZipFile(io.BytesIO(letters.bundle(site, promotion, college, made)))
    assert sorted(archive.namelist()) == ["letters.csv", "letters.pdf"]
    rows = list(csv.DictReader(io.StringIO(archive.read("letters.csv").decode("utf-8-sig"))))
    assert len(rows) == 5
    assert list(rows[0]) == letters.CSV_COLUMNS
    assert rows[0]["code"] == codes.display(made[0].code)
    assert rows[0]["url"].endswith("/fr/assembly/questionnaire")
    pdf = archive.read("letters.pdf")
    assert pdf.startswith(b"%PDF")
    read = read_pdf(pdf)  # WeasyPrint writes its objects compressed: read them, not the raw bytes
    assert read.language == "fr"  # French letters, whatever the official's language
    assert read.pages == 5
