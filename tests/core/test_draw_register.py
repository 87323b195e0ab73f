"""The register of draws: every published draw, never changed, each with how to check it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from click.testing import CliRunner
from sqlalchemy import select, text
from sqlalchemy.exc import DatabaseError
from sqlalchemy.orm import Session

from parvis import jobs
from parvis.api.sortition import (
    DrawAlreadyPublishedError,
    PublishedFile,
    draw_url,
    publish_draw,
    register_entry,
)
from parvis.db import make_engine
from parvis.draws.fairness import fairness
from parvis.draws.models import DrawEntry, DrawFile
from parvis.jobs.models import StoredFile
from parvis.sortition import draw_lot, draw_panel, lot_spec, make_quotas, pool_from_records, replacement_draw
from parvis.sortition.cli import draw as draw_cli

POOL = pool_from_records(
    [
        {"id": f"r{i:02d}", "gender": "f" if i % 2 else "m", "age": ("young", "old")[i % 3 == 0]}
        for i in range(14)
    ]
)
QUOTAS = make_quotas(6, {"gender": {"f": (3, 3), "m": (3, 3)}, "age": {"young": (2, 5), "old": (1, 4)}})


def _publish(db, site, record, *, subject="test.draw/1", kind="lot", body="council-a", pool=POOL, **kwargs):
    """Publish ``record``, drawn from ``pool``, in the register; committed."""
    entry = publish_draw(
        db,
        site,
        plugin="tests",
        body_key=body,
        body_name=body.replace("-", " ").title(),
        kind=kind,
        title=f"Draw {subject}",
        subject=subject,
        record=record,
        files=[PublishedFile("pool", pool.canonical_bytes())],
        **kwargs,
    )
    db.commit()
    return entry


def test_a_published_draw_is_listed_filtered_and_checked_with_the_command_shown(client, db, site, tmp_path):
    lot = draw_lot(POOL, lot_spec(seats=4, reserve=2), ["2026-11-20 EuroMillions 5 17 23 38 44"])
    panel = draw_panel(POOL, QUOTAS, ["2026-11-21 Loto 3 14 27 33 41"])
    first = _publish(db, site, lot)
    second = _publish(db, site, panel, subject="test.draw/2", kind="panel", body="council-b")
    page = client.get("/en/draws")
    assert page.status_code == 200
    assert "Draw test.draw/1" in page.text and "Draw test.draw/2" in page.text
    only = client.get("/en/draws", params={"body": "council-b", "kind": "panel"}).text
    assert "Draw test.draw/2" in only and "Draw test.draw/1" not in only
    assert "Draw test.draw/1" in client.get("/en/draws?kind=unknown").text  # an unknown filter is ignored
    detail = client.get(f"/en{draw_url(second)}")
    assert "How to check this draw" in detail.text
    command = f"parvis draw verify {second.public_id}.json --pool {second.public_id}.pool.csv"
    assert second.verify_command == command and command in detail.text
    assert second.inputs == panel.inputs and second.seed in detail.text
    # Download the files the entry lists and run the command shown: it says the draw matches.
    for published in second.files:
        response = client.get(f"/en/draws/{second.public_id}/files/{published.name}")
        assert response.status_code == 200
        (tmp_path / published.name).write_bytes(response.content)
    args = command.split()[3:]
    result = CliRunner().invoke(draw_cli, ["verify", *[str(tmp_path / a) if "." in a else a for a in args]])
    assert result.exit_code == 0, result.output
    assert "MATCHES" in result.output
    # A changed byte in the pool file: the same command fails.
    pool_file = tmp_path / f"{second.public_id}.pool.csv"
    pool_file.write_bytes(pool_file.read_bytes().replace(b"r01,young,f", b"r01,old,f"))
    failed = CliRunner().invoke(draw_cli, ["verify", *[str(tmp_path / a) if "." in a else a for a in args]])
    assert failed.exit_code == 1
    assert client.get(f"/en/draws/{first.public_id}/files/nothing.csv").status_code == 404
    assert client.get("/en/draws/unknown").status_code == 404


def test_publishing_again_is_idempotent_and_another_result_needs_a_correction(client, db, site):
    lot = draw_lot(POOL, lot_spec(seats=4), ["a"])
    entry = _publish(db, site, lot)
    assert _publish(db, site, lot).id == entry.id
    other = draw_lot(POOL, lot_spec(seats=4), ["b"])
    with pytest.raises(DrawAlreadyPublishedError):
        _publish(db, site, other)
    db.rollback()
    correction = _publish(db, site, other, corrects=entry)
    assert correction.corrects_id == entry.id
    assert register_entry(db, "test.draw/1").id == correction.id  # the correction is the draw now
    assert "This publication was corrected by a later one" in client.get(f"/en{draw_url(entry)}").text
    assert "This draw corrects an earlier publication" in client.get(f"/en{draw_url(correction)}").text


def test_a_replacement_draw_is_linked_to_the_draw_it_completes(client, db, site):
    panel = draw_panel(POOL, QUOTAS, ["x"])
    original = _publish(db, site, panel, kind="panel")
    record = replacement_draw(panel, POOL, ["y"], sitting=panel.panel[1:])
    follow = _publish(
        db, site, record, subject="test.draw/1/replacement", kind="replacement", follows=original
    )
    assert follow.follows_id == original.id
    assert "This draw completes an earlier draw" in client.get(f"/en{draw_url(follow)}").text
    assert follow.title in client.get(f"/en{draw_url(original)}").text


def test_nothing_can_change_or_delete_a_published_draw(db, site):
    entry = _publish(db, site, draw_lot(POOL, lot_spec(seats=4), ["a"]))
    entry.title = "rewritten"
    with pytest.raises(PermissionError, match="append-only"):
        db.flush()
    db.rollback()
    for table in ("core_draw_entry", "core_draw_file"):
        with pytest.raises(DatabaseError, match="append-only"):
            db.execute(text(f"UPDATE {table} SET id = id"))
        db.rollback()
    if site.engine.dialect.name == "postgresql":  # SQLite test databases are emptied row by row
        with pytest.raises(DatabaseError, match="append-only"):
            db.execute(text("DELETE FROM core_draw_entry"))
        db.rollback()


def test_a_migrated_database_refuses_to_change_or_delete_a_draw(site, migrated_database):
    engine = make_engine(migrated_database)
    with Session(engine) as session:
        entry = _publish(session, site, draw_lot(POOL, lot_spec(seats=4), ["a"]))
        for statement in (
            "DELETE FROM core_draw_file",
            "DELETE FROM core_draw_entry",
            "UPDATE core_draw_entry SET seed = 'x'",
            "UPDATE core_draw_file SET sha256 = 'x'",
        ):
            with pytest.raises(DatabaseError, match="append-only"):
                session.execute(text(statement))
            session.rollback()
        assert session.scalar(select(DrawEntry.seed).where(DrawEntry.id == entry.id)) == entry.seed
    engine.dispose()


def test_the_jobs_tidy_up_keeps_the_published_files(db, site, clock, run_jobs):
    entry = _publish(db, site, draw_lot(POOL, lot_spec(seats=4), ["a"]))
    kept = set(db.scalars(select(DrawFile.stored_file_id).where(DrawFile.entry_id == entry.id)))
    db.add(
        StoredFile(name="old.pdf", media_type="application/pdf", size=1, content=b"x", created_at=site.now())
    )
    db.commit()
    clock.advance(timedelta(days=400))
    jobs.start(db, site, "core.tidy_jobs")
    db.commit()
    run_jobs()
    db.expire_all()
    assert set(db.scalars(select(StoredFile.id))) == kept


def test_a_panels_page_explains_its_fairness_by_quota_group(client, db, site):
    pool = pool_from_records(
        [
            {"id": f"p{i:02d}", "gender": "f" if i < 10 else "m", "age": "old" if i % 2 else "young"}
            for i in range(14)
        ]
    )
    quotas = make_quotas(6, {"gender": {"f": (3, 3), "m": (3, 3)}, "age": {"old": (0, 6), "young": (0, 6)}})
    record = draw_panel(pool, quotas, ["x"])
    entry = _publish(db, site, record, subject="t/panel", kind="panel", body="b", pool=pool)
    explained = fairness(entry.record, pool.canonical_bytes())
    # Ten women share three seats: 30 % each, the lowest chance, held down by the women's quota.
    assert explained.minimum == pytest.approx(0.3)
    assert (explained.at_minimum, explained.people) == (10, 14)
    assert [(b.feature, b.value, b.seats, b.people) for b in explained.binding] == [("gender", "f", 3, 10)]
    women = next(g for g in explained.groups if (g.feature, g.value) == ("gender", "f"))
    assert (women.people, women.low, women.high) == (10, 3, 3) and women.seats == pytest.approx(3)
    page = client.get(f"/en{draw_url(entry)}").text
    assert "How fair the draw was" in page and "30.00%" in page
    assert "the quota gender = f allows at most 3 seats for the 10 people" in page
    lot = _publish(db, site, draw_lot(POOL, lot_spec(seats=4), ["a"]), subject="t/lot")
    assert fairness(lot.record, POOL.canonical_bytes()) is None  # a lot: everyone has the same chance
    assert "How fair the draw was" not in client.get(f"/en{draw_url(lot)}").text
