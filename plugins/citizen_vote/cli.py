"""``parvis vote ...``: recompute a published result from its open data."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import click

from parvis.api import _
from parvis.plugins.citizen_vote.services import tally


@click.group("vote")
def group() -> None:
    """Citizen votes."""


def _rows(path: Path) -> list[dict[str, object]]:
    text = path.read_text(encoding="utf-8-sig")
    if path.suffix.lower() == ".json":
        data = json.loads(text)
        return list(data["places"] if isinstance(data, dict) else data)
    return list(csv.DictReader(text.splitlines()))


@group.command("tally")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def tally_command(file: Path) -> None:
    """Recompute the result of a vote from its published per-place counts (CSV or JSON)."""
    try:
        rows = _rows(file)
        totals = tally(rows)
    except (KeyError, ValueError, TypeError) as error:
        raise click.ClickException(
            _("This file is not a vote's per-place counts: {error}").format(error=error)
        ) from None
    labels: dict[int, list[str]] = {}
    for row in rows:
        options = row.get("options")
        if isinstance(options, list):
            labels[int(str(row["question"]))] = [str(o) for o in options]
    for (question, district), total in sorted(
        totals.items(), key=lambda x: (x[0][0], x[0][1] is not None, str(x[0][1]))
    ):
        if district is not None:
            continue
        click.echo(_("Question {number}").format(number=question))
        names = labels.get(question) or [str(i + 1) for i in range(len(total.options))]
        for index, (name, votes) in enumerate(zip(names, total.options, strict=True)):
            click.echo(f"  {name}: {votes} ({total.share(index):.2%})")
        click.echo(
            "  "
            + _("Blank: {blank}, null: {null}, ballots: {ballots}").format(
                blank=total.blank, null=total.null, ballots=total.ballots
            )
        )
        if total.registered:
            click.echo(
                "  "
                + _("Turnout: {turnout:.2%} of {registered} registered").format(
                    turnout=total.turnout, registered=total.registered
                )
            )
