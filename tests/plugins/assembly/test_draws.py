"""Draws: frozen and announced inputs, the engine's stratified panel and lots, verification, report."""

import random
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from parvis.bodies.models import Membership, MembershipStatus
from parvis.i18n import use_locale
from parvis.plugins.assembly.models import DrawKind, DrawStatus
from parvis.plugins.assembly.services import (
    applications,
    draws,
    imports,
    letters,
    questionnaire,
    report,
    seats,
)
from parvis.plugins.assembly.services.common import AssemblyError, college
from parvis.plugins.assembly.settings import NON_EU, ROLL, YOUNG
from parvis.testing_pdf import flat, read_pdf

from .conftest import answers_for, write_young

WHEN = datetime(2030, 7, 1, 16, 0, tzinfo=UTC)


def _panel(db, site, promotion, official):
    a = college(promotion.body, ROLL)
    draw = draws.prepare(
        db,
        site,
        promotion,
        a,
        actor=official,
        scheduled_at=WHEN,
        place="Hôtel de Ville",
        randomness_source="EuroMillions",
    )
    db.commit()
    return a, draw


def test_stratified_panel_meets_every_quota_and_can_be_verified(db, site, promotion, official, answered):
    answered(count=150, answers=120)
    a, draw = _panel(db, site, promotion, official)
    assert draw.kind == DrawKind.PANEL
    assert draw.status == DrawStatus.ANNOUNCED
    assert draw.pool_size == 120
    assert len(draw.pool_sha256) == 64
    assert draw.quotas["panel_size"] == 20
    assert "Martin" not in draw.pool_csv  # pseudonyms and strata only
    draws.run(
        db, site, draw, ["2030-06-27 EuroMillions 1 2 3 4 5 * 6 7"], actor=official, bailiff="Maître Exemple"
    )
    db.commit()
    assert draw.status == DrawStatus.DRAWN
    record = draws.record_of(draw)
    assert len(record.panel) == 20
    assert len(record.reserve) == min(80, 100)
    # the panel meets the published quotas
    pool = draws.pool_of(draw)
    chosen = [dict(zip(pool.columns, pool.rows[pool.ids.index(pid)], strict=True)) for pid in record.panel]
    for feature, value, low, high in draw.quotas["quotas"]:
        assert low <= sum(1 for person in chosen if person[feature] == value) <= high
    # the drawn are invited to sit
    invited = db.scalars(select(Membership).where(Membership.college_id == a.id)).all()
    assert len(invited) == 20
    assert {m.status for m in invited} == {MembershipStatus.INVITED}
    verification = draws.verify(draw)
    assert verification.ok, str(verification)
    draws.publish(db, site, draw)
    assert draw.status == DrawStatus.PUBLISHED


def test_the_pool_is_frozen_when_the_draw_is_announced(db, site, promotion, official, answered):
    made = answered(count=150, answers=110)
    _a, draw = _panel(db, site, promotion, official)
    with pytest.raises(AssemblyError, match="closed"):
        questionnaire.submit(db, site, made[140].code, answers_for(site, random.Random(1)), locale="en")
    draws.run(db, site, draw, ["x"], actor=official)
    with pytest.raises(AssemblyError, match="already taken place"):
        draws.run(db, site, draw, ["x"], actor=official)
    with pytest.raises(AssemblyError, match="already taken place"):
        _panel(db, site, promotion, official)


def test_impossible_quotas_are_refused_with_the_smallest_relaxation(db, site, promotion, official, lettered):
    made = lettered(count=40)
    rng = random.Random(2)
    for letter in made[:30]:  # everyone a man from one district: no panel meets the quotas
        questionnaire.submit(
            db, site, letter.code, answers_for(site, rng, district="15", gender="man"), locale="en"
        )
    with pytest.raises(AssemblyError) as refused:
        _panel(db, site, promotion, official)
    assert refused.value.field == "quotas"
    assert any("gender" in d for d in refused.value.details)


def test_too_small_a_pool_is_refused(db, site, promotion, official, answered):
    answered(count=30, answers=10)
    with pytest.raises(AssemblyError, match="10 people for 20 seats"):
        _panel(db, site, promotion, official)


def test_public_random_inputs_are_required(db, site, promotion, official, answered):
    answered(count=150, answers=110)
    _a, draw = _panel(db, site, promotion, official)
    with pytest.raises(AssemblyError, match="public random inputs"):
        draws.run(db, site, draw, [" "], actor=official)


def test_college_b_lot_among_eligible_applicants(db, site, promotion, official, make_account):
    b = college(promotion.body, NON_EU)
    for number in range(8):
        nationality = "SN" if number < 6 else "IT"
        account = make_account(email=f"applicant{number}@example.org")
        application = applications.submit(
            db,
            site,
            promotion,
            b,
            account=account,
            form=applications.ApplicationForm(
                birth_date=date(1990, 1, 1),
                nationality=nationality,
                gender="woman",
                resident=True,
                district="18",
                availability="yes",
                consent=True,
            ),
        )
        assert application.eligible == (nationality != "IT")
    db.commit()
    with pytest.raises(AssemblyError, match="already applied"):
        applications.submit(
            db,
            site,
            promotion,
            b,
            account=account,
            form=applications.ApplicationForm(
                birth_date=date(1990, 1, 1),
                nationality="SN",
                gender="woman",
                resident=True,
                district="18",
                availability="yes",
                consent=True,
            ),
        )
    draw = draws.prepare(db, site, promotion, b, actor=official, scheduled_at=WHEN)
    assert draw.kind == DrawKind.LOT
    assert draw.pool_size == 6  # the two EU citizens are not in the pool
    draws.run(db, site, draw, ["2030-06-27 Loto 3 11 26"], actor=official)
    record = draws.record_of(draw)
    assert len(record.panel) == 4
    assert record.reserve == record.reserve[:2]
    assert len(record.reserve) == 2
    assert draws.verify(draw).ok
    people = [s.membership.person for s in seats.seats_of(db, promotion, b)]
    assert {p.nationality for p in people} == {"SN"}


def test_college_c_two_stage_lot(db, site, promotion, official, tmp_path):
    c = college(promotion.body, YOUNG)
    path = write_young(tmp_path / "young.csv", 40, starts_on=promotion.term.starts_on)
    imports.import_list(db, site, promotion, c, path, filename="young.csv", actor=official)
    imports.run_predraw(db, site, promotion, c, ["stage one"], actor=official, count=25)
    made = letters.issue(db, site, promotion, c, actor=official)
    rng = random.Random(4)
    for letter in made[:10]:
        questionnaire.submit(
            db,
            site,
            letter.code,
            answers_for(site, rng, age_band=None, education=None, guardian_agreement=letter is not made[0]),
            locale="en",
        )
    draw = draws.prepare(db, site, promotion, c, actor=official, scheduled_at=WHEN)
    assert draw.pool_size == 9  # one guardian did not agree
    draws.run(db, site, draw, ["stage two"], actor=official)
    assert len(draws.record_of(draw).panel) == 2
    assert all(
        16 <= s.membership.person.age_on(promotion.term.starts_on) <= 17
        for s in seats.seats_of(db, promotion, c)
    )


def test_report_in_french_with_inputs_and_result(db, site, promotion, official, answered):
    answered(count=150, answers=110)
    _a, draw = _panel(db, site, promotion, official)
    draws.run(
        db,
        site,
        draw,
        ["2030-06-27 EuroMillions 1 2 3"],
        actor=official,
        present="Deux agents",
        bailiff="Maître Exemple",
    )
    built = report.build(site, promotion, draw)
    facts = dict(built.facts)
    assert facts["Seed"] == draw.seed
    assert facts["SHA-256 of the pool"] == draw.pool_sha256
    assert built.selected == draws.record_of(draw).panel
    assert "LEXIMIN" in built.procedure
    pdf = report.pdf_bytes(site, promotion, draw)
    assert pdf.startswith(b"%PDF")
    read = read_pdf(pdf)  # the report's page printed as tagged PDF/UA, in the letters' language
    assert read.tagged and read.declares_pdf_ua and read.language == "fr"
    with use_locale("fr"):
        assert read.title == report.build(site, promotion, draw).title
    assert draw.seed in flat(read.text) and draw.pool_sha256 in flat(read.text)
    assert "Maître Exemple" in read.text
    draws.update_report(db, draw, present="Deux agents", bailiff="Maître Exemple", signed_on=date(2030, 7, 1))
    assert draw.report_signed_on == date(2030, 7, 1)


def test_a_report_is_signed_only_after_the_draw(db, site, promotion, official, answered):
    answered(count=150, answers=110)
    _a, draw = _panel(db, site, promotion, official)
    with pytest.raises(AssemblyError, match="only after the draw"):
        draws.update_report(db, draw, present="", bailiff="", signed_on=date(2030, 7, 1))
