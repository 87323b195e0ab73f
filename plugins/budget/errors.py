"""The refusals budget services raise: a translated message for the person, and the form field at
fault when there is one (the form comes back with it next to the field, never a 500)."""

from __future__ import annotations

from typing import Any

from parvis.api import Refused


class BudgetRefused(Refused):
    """Input that a form field must correct when it names one (400), else not possible in the
    campaign's state (409); ``status_code`` says otherwise."""

    def __init__(
        self, message: str, field: str | None = None, details: Any = None, *, status_code: int | None = None
    ) -> None:
        super().__init__(message, field, details, status_code=status_code or (400 if field else None))


class AlreadyVoted(BudgetRefused):
    """The database already records this person's ballot for this campaign and scope."""


class ResultsNotPublished(BudgetRefused):
    """Counts and ranks stay hidden until officials publish them after the vote closes."""

    status_code = 403  # who may see them: nobody yet
