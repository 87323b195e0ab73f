"""The invitation letters as a tagged PDF/UA document printed from their HTML template: one page
per addressee with their code, in the letters' language (French, Japanese with its glyphs
embedded), in the mail merge's order, and in several files for big batches."""

import csv
import io
import zipfile

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from parvis.api import _, start_job, use_locale
from parvis.plugins.assembly.services import codes, common, imports, letters, letters_pdf, questionnaire
from parvis.plugins.assembly.settings import ROLL
from parvis.testing_pdf import flat, read_pdf

from .conftest import SETTINGS, write_roll


@pytest.fixture(params=["fr", "ja"])
def site(request, make_site):
    """The Assembly's site with its letters in French (Paris) or Japanese."""
    settings = {"assembly": {**SETTINGS["assembly"], "letters_locale": request.param}}
    with make_site(["assembly"], settings=settings).activate() as active:
        yield active


def embedded_fonts(content: bytes) -> dict[str, bool]:
    """Each font the pages use: is its font program embedded in the file?"""
    fonts: dict[str, bool] = {}
    for page in PdfReader(io.BytesIO(content)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            described = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = described["/FontDescriptor"].get_object()
            fonts[str(font["/BaseFont"])] = any(f"/FontFile{n}" in descriptor for n in ("", "2", "3"))
    return fonts


def page_texts(content: bytes) -> list[str]:
    return [flat(page.extract_text()) for page in PdfReader(io.BytesIO(content)).pages]


def test_letters_are_a_tagged_document_in_the_letters_language_one_page_per_addressee(
    db, site, promotion, lettered
):
    language = common.settings_of(site).letters_locale
    made = lettered(count=4)
    college = common.college(promotion.body, ROLL)
    archive = zipfile.ZipFile(io.BytesIO(letters.bundle(site, promotion, college, made)))
    pdf = archive.read("letters.pdf")
    read = read_pdf(pdf)
    assert read.tagged  # /MarkInfo /Marked true and a /StructTreeRoot
    assert read.declares_pdf_ua
    assert read.language == language
    with use_locale(language):
        title = _("Citizens' Assembly: your invitation")
        heading = _("Citizens' Assembly {site.city:of}")
    assert read.title == title and title in read.xmp
    # One page per letter, in the order of the mail merge's rows: the addressee, then their code.
    rows = list(csv.DictReader(io.StringIO(archive.read("letters.csv").decode("utf-8-sig"))))
    pages = page_texts(pdf)
    assert len(pages) == len(rows) == 4
    for page, row, letter in zip(pages, rows, made, strict=True):
        assert row["code"] == codes.display(letter.code)
        assert flat(f"{row['given_name']} {row['family_name']}") in page
        assert flat(row["code"]) in page
        assert flat(heading) in page
        assert f"/{language}/assembly/questionnaire" in page
    for other in made[1:]:
        assert flat(codes.display(other.code)) not in pages[0]
    fonts = embedded_fonts(pdf)
    assert fonts and all(fonts.values())  # every glyph printed from an embedded font
    if language == "ja":
        assert "パリ市民議会" in pages[0]  # kana and kanji as text, not missing glyphs
        assert any("CJK" in name for name in fonts)


@pytest.mark.parametrize("site", ["fr"], indirect=True)
def test_a_big_batch_is_printed_in_several_tagged_files_in_order(db, site, promotion, lettered, monkeypatch):
    monkeypatch.setattr(letters_pdf, "LETTERS_PER_FILE", 2)
    made = lettered(count=5)
    college = common.college(promotion.body, ROLL)
    printed: list[int] = []
    content = letters.bundle(site, promotion, college, made, progress=printed.append)
    assert printed == [2, 4, 5]  # the letters' job shows this progress
    archive = zipfile.ZipFile(io.BytesIO(content))
    names = sorted(archive.namelist())
    assert names == ["letters-001.pdf", "letters-002.pdf", "letters-003.pdf", "letters.csv"]
    pages: list[str] = []
    for name in names[:3]:
        read = read_pdf(archive.read(name))
        assert read.tagged and read.declares_pdf_ua and read.language == "fr"
        pages += page_texts(archive.read(name))
    assert [read_pdf(archive.read(name)).pages for name in names[:3]] == [2, 2, 1]
    for page, letter in zip(pages, made, strict=True):
        assert flat(codes.display(letter.code)) in page


@pytest.mark.parametrize("site", ["fr"], indirect=True)
def test_the_letters_job_shows_its_progress_then_keeps_the_codes_with_the_zip(
    db, site, promotion, official, tmp_path, run_jobs, monkeypatch
):
    from parvis.jobs import context
    from parvis.jobs.models import Job, JobStatus, StoredFile

    college = common.college(promotion.body, ROLL)
    imports.import_list(
        db,
        site,
        promotion,
        college,
        write_roll(tmp_path / "roll.csv", 40),
        filename="roll.csv",
        actor=official,
    )
    imports.run_predraw(db, site, promotion, college, ["2030-05-02 Loto 1 2 3"], actor=official, count=5)
    monkeypatch.setattr(letters_pdf, "LETTERS_PER_FILE", 2)
    steps: list[str] = []  # what the job's page shows, as it is written
    write_progress = context.write_progress

    def spy(site, job_id, percent, step):
        steps.append(step)
        write_progress(site, job_id, percent, step)

    monkeypatch.setattr(context, "write_progress", spy)
    start_job(
        db, site, "assembly.letters", owner=official, promotion_id=promotion.id, college=ROLL, reissue=False
    )
    db.commit()
    run_jobs()
    job = db.scalar(select(Job).where(Job.kind == "assembly.letters"))
    assert job.status == JobStatus.DONE
    # Written while the letters print, on SQLite too: the codes are stored after the printing.
    assert [step for step in steps if step.startswith("Letters printed")] == [
        f"Letters printed: {n} of 5" for n in (0, 2, 4, 5)
    ]
    stored = db.scalar(select(StoredFile).where(StoredFile.media_type == "application/zip"))
    archive = zipfile.ZipFile(io.BytesIO(stored.content))
    assert sorted(archive.namelist())[:3] == ["letters-001.pdf", "letters-002.pdf", "letters-003.pdf"]
    rows = list(csv.DictReader(io.StringIO(archive.read("letters.csv").decode("utf-8-sig"))))
    assert len(rows) == 5
    for row in rows:  # the codes in the ZIP are the ones stored (find_invitee refuses others)
        questionnaire.find_invitee(db, site, row["code"])
