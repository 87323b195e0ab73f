"""The refusals budget services raise: a translated message for the person, and the form field at
fault when there is one (the form comes back with it next to the field, never a 500)."""

from __future__ import annotations

from parvis.api import Refused


class BudgetRefused(Refused):
    """Not possible in the campaign's state (409) unless raised with another ``status_code``."""


class AlreadyVoted(BudgetRefused):
    """The database already records this person's ballot for this campaign and scope."""


class ResultsNotPublished(BudgetRefused):
    """Counts and ranks stay hidden until officials publish them after the vote closes."""

    status_code = 403  # who may see them: nobody yet
