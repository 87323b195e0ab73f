"""The one error the councils' services raise: a refusal to show to the person, with its details."""

from __future__ import annotations

from collections.abc import Sequence

from parvis.refusals import Refused


class CouncilRefused(Refused):
    """Why an operation is refused (translated), the form field at fault and the detailed reasons
    (``details``: a list of sentences, shown under the message)."""

    def __init__(
        self,
        message: str,
        field: str | None = None,
        details: Sequence[str] = (),
        *,
        status_code: int | None = None,
    ) -> None:
        super().__init__(message, field, list(details), status_code=status_code)
