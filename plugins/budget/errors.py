"""The refusals budget services raise: a translated reason for the person, and the form field at
fault when there is one (handlers show it next to the field, never as a 500)."""

from __future__ import annotations


class BudgetRefused(Exception):  # noqa: N818 - a refusal shown to the person
    def __init__(self, reason: str, field: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.field = field


class AlreadyVoted(BudgetRefused):
    """The database already records this person's ballot for this campaign and scope."""


class ResultsNotPublished(BudgetRefused):
    """Counts and ranks stay hidden until officials publish them after the vote closes."""
