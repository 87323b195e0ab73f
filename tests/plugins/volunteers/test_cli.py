"""The cron-friendly commands: ``parvis volunteers send-reminders``, ``send-mail``, ``reindex``."""

from datetime import UTC, datetime, timedelta

from click.testing import CliRunner
from sqlalchemy import select

from parvis.cli import Context, cli
from parvis.mail import OutboxMail
from parvis.plugins.volunteers import signup
from parvis.plugins.volunteers.models import SentLog
from parvis.plugins.volunteers.search import MissionFilters, search_missions


def run(site, *args):
    context = Context(None)
    context._site = site
    return CliRunner().invoke(cli, ["volunteers", *args], obj=context, catch_exceptions=False)


def test_send_reminders_once(db, site, make_mission, make_account):
    from parvis.formatting import site_timezone

    zone = site_timezone()
    tomorrow = datetime.now(zone).date() + timedelta(days=1)
    start = datetime(tomorrow.year, tomorrow.month, tomorrow.day, 15, tzinfo=zone)
    mission = make_mission(starts_in=start - datetime.now(UTC))
    signup.join(db, site, mission.slots[0].id, make_account())
    db.commit()
    first = run(site, "send-reminders", "--force")
    assert first.exit_code == 0
    assert first.output.startswith("1 ")
    assert run(site, "send-reminders", "--force").output.startswith("0 ")
    assert len(db.scalars(select(SentLog)).all()) == 1
    assert len(db.scalars(select(OutboxMail)).all()) == 1
    bad = run(site, "send-reminders", "--now", "2026-05-01T09:00")
    assert bad.exit_code == 2
    assert "--now" in bad.output


def test_reindex(db, site, make_mission):
    mission = make_mission("Jardinage")
    db.execute(mission.__table__.update().values(search_document="", search_stems=""))
    db.commit()
    assert search_missions(db, MissionFilters(q="jardinage")).total == 0
    db.rollback()  # end this session's read snapshot before the command writes
    result = run(site, "reindex")
    assert result.exit_code == 0
    assert search_missions(db, MissionFilters(q="jardinage")).total == 1
