"""The one error the councils' services raise: a refusal to show to the person, with its details."""

from __future__ import annotations

from collections.abc import Sequence


class CouncilRefused(Exception):  # noqa: N818 - a refusal shown to the person, not a bug
    """Why an operation is refused (translated), the form field at fault and the detailed reasons."""

    def __init__(self, message: str, field: str | None = None, details: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.details = list(details)
