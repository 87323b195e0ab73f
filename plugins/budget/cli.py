"""``parvis budget ...``: the rules engineer's ``rank`` (audit published counts) and exports."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from parvis.api import _
from parvis.api.cli import Context, pass_context
from parvis.plugins.budget.rules.cli import rank


@click.group("budget")
def budget() -> None:
    """Participatory budget: audit counts, export open data."""


budget.add_command(rank)


@budget.command("export")
@click.argument("campaign")
@click.argument("folder", type=click.Path(file_okay=False, path_type=Path))
@pass_context
def export(ctx: Context, campaign: str, folder: Path) -> None:
    """Write the published counts, anonymised ballots, paper counts and .pb files of CAMPAIGN."""
    from parvis.plugins.budget.errors import BudgetRefused
    from parvis.plugins.budget.services import exports
    from parvis.plugins.budget.services.campaigns import campaign_by_slug
    from parvis.plugins.budget.services.results import published

    site = ctx.site
    with site.session() as db:
        found = campaign_by_slug(db, campaign)
        if found is None:
            click.echo(_("Error: no campaign called '{name}'.").format(name=campaign), err=True)
            sys.exit(2)
        try:
            ballots, _rows = published(db, found)
        except BudgetRefused as refusal:
            click.echo(_("Error: {message}").format(message=refusal.message), err=True)
            sys.exit(2)
        folder.mkdir(parents=True, exist_ok=True)
        for ballot in ballots:
            level = ballot.level
            files = {
                f"{found.slug}-{level}-counts.json": exports.counts_json(db, site, found, level),
                f"{found.slug}-{level}-ballots.csv": exports.ballots_csv(db, found, level),
                f"{found.slug}-{level}-paper.csv": exports.paper_csv(db, found, level),
                f"{found.slug}-{level}.pb": exports.pabulib_text(db, site, found, level),
            }
            for name, body in files.items():
                (folder / name).write_text(body, encoding="utf-8")
                click.echo(str(folder / name))
