"""``parvis volunteers ...``: the cron-friendly jobs and maintenance commands."""

from __future__ import annotations

from datetime import UTC, datetime

import click

from parvis.api import _
from parvis.api.cli import pass_context


@click.group()
def volunteers() -> None:
    """Volunteering: reminders, mail, search index."""


@volunteers.command("send-reminders")
@click.option(
    "--now", "now_text", default=None, help="Pretend it is this time (ISO 8601), for tests and catch-up."
)
@click.option("--force", is_flag=True, help="Send even before the configured reminder hour.")
@pass_context
def send_reminders(ctx, now_text: str | None, force: bool) -> None:
    """Remind volunteers of tomorrow's missions (run it every hour; each reminder goes once)."""
    from parvis.plugins.volunteers.reminders import send_reminders as run

    now = datetime.fromisoformat(now_text) if now_text else datetime.now(UTC)
    if now.tzinfo is None:
        raise click.BadParameter(
            _("Give a time zone, for example 2026-05-01T09:00:00+02:00."), param_hint="--now"
        )
    queued, sent, failed = run(ctx.site, now, force)
    click.echo(
        _("{queued} reminders queued, {sent} e-mails sent, {failed} failed.").format(
            queued=queued, sent=sent, failed=failed
        )
    )


@volunteers.command("reindex")
@pass_context
def reindex(ctx) -> None:
    """Rebuild the full-text search index (after restoring a backup or rebuilding a table)."""
    from sqlalchemy import select

    from parvis.plugins.volunteers.catalogue import index, theme_words
    from parvis.plugins.volunteers.models import Mission, Organisation
    from parvis.plugins.volunteers.search import schema

    site = ctx.site
    with site.session() as db:
        names = dict(db.execute(select(Organisation.id, Organisation.name)).all())
        count = 0
        for mission in db.scalars(select(Mission)):
            index(mission, names.get(mission.organisation_id, ""), theme_words(site, mission.theme))
            count += 1
        db.commit()
        schema.rebuild(db.connection())
        db.commit()
    click.echo(_("{count} missions indexed.").format(count=count))
