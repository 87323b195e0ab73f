"""Helpers for budget tests: store ballots directly, as if cast, to build exact tallies."""

from __future__ import annotations

import secrets
from collections.abc import Sequence

from parvis.plugins.budget.models import Ballot, Campaign
from parvis.plugins.budget.services.voting import pack


def store_ballots(db, campaign: Campaign, level: str, ballots: Sequence[Sequence[int | None]]) -> None:
    """Insert anonymous ballots (no voter records): enough for counting tests."""
    from datetime import date

    db.add_all(
        Ballot(
            id=secrets.token_hex(16),
            campaign_id=campaign.id,
            level=level,
            grades=pack(ballot),
            receipt_hash=secrets.token_hex(32),
            cast_on=date(2026, 10, 1),
        )
        for ballot in ballots
    )
    db.commit()


def ballots_from_tallies(tallies: Sequence[Sequence[int]]) -> list[list[int]]:
    """Some ballots whose per-project counts are ``tallies`` (all tallies with the same total)."""
    voters = sum(tallies[0])
    columns = []
    for tally in tallies:
        column = [g for g, n in enumerate(tally) for _ in range(n)]
        assert len(column) == voters
        columns.append(column)
    return [list(row) for row in zip(*columns, strict=True)]
