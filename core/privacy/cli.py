"""Command line: officials' export and erasure of one person's data, and the retention purge.

    parvis users export EMAIL FILE     everything the site holds about the person, as JSON (audited)
    parvis users erase EMAIL           erase the person on request (right to erasure; audited)
    parvis privacy purge               delete what outlived its retention (run daily by the job queue)

``users export`` and ``users erase`` join the ``users`` group whoever defines it (the account
commands add theirs to the same group), so this module stays separate from them.
"""

from __future__ import annotations

import getpass
import socket
import sys
from pathlib import Path
from typing import Any

import click

from parvis.cli.context import pass_context
from parvis.i18n import _, ngettext


def command_line_actor() -> str:
    """How the audit log names someone acting from the command line: ``command line (user@host)``."""
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "?"
    return f"command line ({user}@{socket.gethostname()})"


def _subject(db: Any, email: str) -> tuple[Any, Any]:
    from parvis.privacy import subject_by_email

    account, people = subject_by_email(db, email)
    if account is None and not people:
        click.echo(_("No account or person has the address {email}.").format(email=email), err=True)
        sys.exit(2)
    if account is None and len(people) > 1:
        click.echo(
            _("{count} people have the address {email} and none has an account: nothing was done.").format(
                count=len(people), email=email
            ),
            err=True,
        )
        sys.exit(2)
    return account, (people[0] if people else None)


@click.command("export")
@click.argument("email")
@click.argument("file", type=click.Path(dir_okay=False, writable=True, path_type=Path))
@pass_context
def export_command(ctx: Any, email: str, file: Path) -> None:
    """Write everything the site holds about the person with address EMAIL to FILE (JSON)."""
    from parvis import audit, privacy

    site = ctx.site
    with site.session() as db:
        account, person = _subject(db, email)
        found = privacy.export(db, site, account, person)
        file.write_bytes(found.to_json())
        audit.record(
            db,
            site,
            "core.personal_data.export",
            by=command_line_actor(),
            target=account if account is not None else person,
            records=1,
            sections=len(found.sections),
        )
        db.commit()
    click.echo(
        ngettext(
            "{count} section written to {file}.", "{count} sections written to {file}.", len(found.sections)
        ).format(count=len(found.sections), file=file)
    )


@click.command("erase")
@click.argument("email")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@pass_context
def erase_command(ctx: Any, email: str, yes: bool) -> None:
    """Erase the person with address EMAIL, on their request (their account cannot be used again)."""
    from parvis import privacy

    site = ctx.site
    with site.session() as db:
        account, person = _subject(db, email)
        kept = privacy.kept_on_erasure(db, site, account, person)
        click.echo(_("Kept after erasure:") if kept else _("Nothing will be kept."))
        for item in kept:
            click.echo(f"  - {item.what}: {item.why} {item.until}".rstrip())
        if not yes and not click.confirm(_("Erase this person's data for good?"), default=False):
            click.echo(_("Nothing was done."))
            sys.exit(1)
        erasure = privacy.erase(db, site, account, person, by=command_line_actor())
        db.commit()
    click.echo(_("Erased. Reference for the audit log: {reference}.").format(reference=erasure.reference))


@click.group("privacy")
def privacy_group() -> None:
    """Personal data: the retention purge."""


@privacy_group.command("purge")
@pass_context
def purge_command(ctx: Any) -> None:
    """Delete what outlived its declared retention, in core and every enabled plugin."""
    from parvis.privacy import PurgeFailed, purge_expired

    try:
        counts = purge_expired(ctx.site)
    except PurgeFailed as failure:
        counts = failure.counts
        click.echo(_("The purge failed for: {plugins}.").format(plugins=", ".join(failure.plugins)), err=True)
        _report(counts)
        sys.exit(1)
    _report(counts)


def _report(counts: dict[str, int]) -> None:
    deleted = {key: n for key, n in counts.items() if n}
    if not deleted:
        click.echo(_("Nothing had outlived its retention."))
        return
    for key, n in sorted(deleted.items()):
        click.echo(f"{key}: {n}")
