"""Refusals: a request the rules do not allow, told to the person in their language.

Every domain error extends ``Refused``. Routes neither catch it nor roll back: the web layer's
exception handler rolls the unit of work back and answers with the form re-rendered (see
``parvis.web.unit_of_work.on_refusal``), a page saying why, or a 4xx JSON body for API clients.
The command line prints the message and exits with status 1.
"""

from __future__ import annotations

from typing import Any


class Refused(Exception):  # noqa: N818 - a refusal shown to a person, not a programming error
    """``message`` is already translated; ``field`` names the form field it concerns, if any;
    ``link`` is (label, path) of the page where the person can put things right, if there is one.

    ``status_code`` is what an HTTP client receives: 409 (the state of things forbids it) by
    default, 400 for input that cannot be used, 403 for a rule about who may act.
    """

    status_code = 409

    def __init__(
        self,
        message: str,
        field: str | None = None,
        details: Any = None,
        *,
        status_code: int | None = None,
        link: tuple[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.details = details
        # Where the person can do what the refusal asks: (translated label, path of a page).
        self.link = link
        if status_code is not None:
            self.status_code = status_code

    def __str__(self) -> str:
        return self.message


class Invalid(Refused):
    """Input that cannot be used (a form with errors, a malformed value): answered with 400."""

    status_code = 400
