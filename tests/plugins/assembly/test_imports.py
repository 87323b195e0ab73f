"""Importing the roll (all or nothing, line by line) and pre-drawing from it with the engine."""

import shutil
from pathlib import Path

import msgspec
import pytest
from sqlalchemy import func, select

from parvis import sortition
from parvis.api.workflows import history
from parvis.plugins.assembly.lifecycle import DRAW
from parvis.plugins.assembly.models import AssemblyDraw, AssemblyInvitee, DrawKind, DrawStatus
from parvis.plugins.assembly.services import common, imports, letters, register
from parvis.plugins.assembly.services.common import AssemblyError
from parvis.plugins.assembly.settings import ROLL, YOUNG

from .conftest import write_roll, write_young


def test_import_then_predraw_keeps_only_the_drawn_and_the_hash(db, site, promotion, official, tmp_path):
    college = common.college(promotion.body, ROLL)
    roll = write_roll(tmp_path / "roll.csv", 500)
    kept = shutil.copy(roll, tmp_path / "copy.csv")
    imported = imports.import_list(
        db, site, promotion, college, roll, filename="../../roll.csv", actor=official
    )
    assert imported.rows == 500
    assert imported.filename == "roll.csv"
    stored = Path(imported.stored_path)
    assert stored.is_file()
    assert stored.stat().st_mode & 0o077 == 0
    draw = imports.run_predraw(
        db, site, promotion, college, ["2030-05-02 Loto 4 8 15"], actor=official, count=120
    )
    db.commit()
    assert draw.kind == DrawKind.PREDRAW
    assert draw.status == DrawStatus.PUBLISHED
    assert not stored.exists()
    assert imported.stored_path is None
    assert imported.deleted_at is not None
    invitees = db.scalars(select(AssemblyInvitee).order_by(AssemblyInvitee.rank)).all()
    assert len(invitees) == 120
    assert [i.rank for i in invitees] == list(range(120))
    assert all(i.district and i.birth_date and i.code_hash is None for i in invitees)
    # anyone holding the roll and the public inputs finds the same people
    record = msgspec.convert(draw.record, sortition.DrawRecord)
    assert sortition.verify(record, roll=kept).ok
    assert draw.pool_sha256 == imported.sha256


def test_a_predraw_goes_through_the_draw_workflow_and_its_history(db, site, promotion, official, tmp_path):
    college = common.college(promotion.body, ROLL)
    roll = write_roll(tmp_path / "roll.csv", 60)
    imports.import_list(db, site, promotion, college, roll, filename="roll.csv", actor=official)
    draw = imports.run_predraw(db, site, promotion, college, ["2030-05-02 Loto 4 8 15"], actor=official)
    moves = [(e.transition, e.from_state, e.to_state) for e in history(db, DRAW, draw)]
    assert moves == [("draw", "announced", "drawn"), ("publish", "drawn", "published")]
    assert history(db, DRAW, draw)[0].actor_id == official.account.id
    assert draw.published_at is not None
    assert register.entry_of(db, draw) is not None  # in core's register of draws, like any draw


def test_letters_go_out_only_from_a_published_predraw(db, site, promotion, official, tmp_path):
    college = common.college(promotion.body, ROLL)
    roll = write_roll(tmp_path / "roll.csv", 30)
    imports.import_list(db, site, promotion, college, roll, filename="roll.csv", actor=official)
    with pytest.raises(AssemblyError, match="published pre-draw"):
        letters.issue(db, site, promotion, college, actor=official)  # no pre-draw yet
    draw = imports.run_predraw(db, site, promotion, college, ["x"], actor=official)
    draw.status = DrawStatus.DRAWN  # e.g. a city's workflow that publishes later
    with pytest.raises(AssemblyError, match="published pre-draw"):
        letters.issue(db, site, promotion, college, actor=official)
    draw.status = DrawStatus.PUBLISHED
    assert len(letters.issue(db, site, promotion, college, actor=official)) == 30


def test_a_bad_roll_is_refused_whole_with_every_bad_line(db, site, promotion, official, tmp_path):
    college = common.college(promotion.body, ROLL)
    path = write_roll(tmp_path / "roll.csv", 5)
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace("75", "99", 1).rsplit(",", 2)[0] + ",99999,Paris"  # no district
    lines[3] = ",".join(["E9", "X", "Y", "17/13/1990", "1 rue", "75011", "Paris"])  # bad date
    lines.append("E1,only,three")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(AssemblyError) as refused:
        imports.import_list(db, site, promotion, college, path, filename="roll.csv", actor=official)
    assert "nothing was imported" in refused.value.message
    assert any("Line 7" in d for d in refused.value.details)  # the short row (engine's check)
    db.rollback()
    assert imports.current_import(db, promotion, college) is None


def test_our_own_row_checks_report_line_numbers(db, site, promotion, official, tmp_path):
    college = common.college(promotion.body, ROLL)
    path = write_roll(tmp_path / "roll.csv", 4)
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[2] = ",".join(["E9", "X", "Y", "not a date", "1 rue", "75011", "Paris"])
    lines[4] = ",".join(["E8", "X", "Y", "1990-01-01", "1 rue", "13001", "Marseille"])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(AssemblyError) as refused:
        imports.import_list(db, site, promotion, college, path, filename="roll.csv", actor=official)
    details = " ".join(refused.value.details)
    assert "Line 3" in details
    assert "date of birth" in details
    assert "Line 5" in details
    assert "no arrondissement of the city matches" in details


def test_predraw_needs_public_inputs_and_happens_once(db, site, promotion, official, tmp_path):
    college = common.college(promotion.body, ROLL)
    imports.import_list(
        db, site, promotion, college, write_roll(tmp_path / "r.csv", 50), filename="r.csv", actor=official
    )
    with pytest.raises(AssemblyError, match="public random inputs"):
        imports.run_predraw(db, site, promotion, college, ["  "], actor=official)
    imports.run_predraw(db, site, promotion, college, ["x"], actor=official)  # 10,000 capped at 50 rows
    assert db.scalar(select(func.count()).select_from(AssemblyInvitee)) == 50
    with pytest.raises(AssemblyError):
        imports.run_predraw(db, site, promotion, college, ["x"], actor=official)
    with pytest.raises(AssemblyError, match="can no longer be replaced"):
        imports.import_list(
            db, site, promotion, college, write_roll(tmp_path / "s.csv", 5), filename="s.csv", actor=official
        )


def test_young_card_holders_must_be_sixteen_or_seventeen(db, site, promotion, official, tmp_path):
    college = common.college(promotion.body, YOUNG)
    good = write_young(tmp_path / "young.csv", 30, starts_on=promotion.term.starts_on)
    imports.import_list(db, site, promotion, college, good, filename="young.csv", actor=official)
    draw = imports.run_predraw(db, site, promotion, college, ["x"], actor=official)
    assert draw.seats == 30  # fewer holders than the 500 invitations: all of them, in a drawn order
    assert db.scalar(select(func.count()).select_from(AssemblyDraw)) == 1


def test_adults_in_the_young_list_are_refused(db, site, promotion, official, tmp_path):
    college = common.college(promotion.body, YOUNG)
    path = tmp_path / "young.csv"
    path.write_text(
        "id,family_name,given_name,birth_date,email,postcode\nCC1,Petit,Zoé,1990-01-01,z@example.org,75011\n",
        encoding="utf-8",
    )
    with pytest.raises(AssemblyError) as refused:
        imports.import_list(db, site, promotion, college, path, filename="young.csv", actor=official)
    assert "age range" in " ".join(refused.value.details)


def test_college_b_has_no_list(db, site, promotion, official, tmp_path):
    with pytest.raises(AssemblyError, match="not filled from an imported list"):
        imports.import_list(
            db,
            site,
            promotion,
            common.college(promotion.body, "non_eu"),
            write_roll(tmp_path / "a.csv", 3),
            filename="a.csv",
            actor=official,
        )


def test_importing_the_same_file_again_keeps_it(db, site, promotion, official, tmp_path):
    college = common.college(promotion.body, ROLL)
    path = write_roll(tmp_path / "roll.csv", 20)
    imports.import_list(db, site, promotion, college, path, filename="roll.csv", actor=official)
    again = imports.import_list(db, site, promotion, college, path, filename="roll.csv", actor=official)
    assert Path(again.stored_path).is_file()
    imports.run_predraw(db, site, promotion, college, ["x"], actor=official)
