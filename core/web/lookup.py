"""Finding the row a URL names, or answering 404: the one way every page does it."""

from __future__ import annotations

from typing import TypeVar

from litestar.exceptions import NotFoundException
from sqlalchemy import Select
from sqlalchemy.orm import Session

from parvis.i18n import _

T = TypeVar("T")


def not_found() -> NotFoundException:
    """The 404 of a page whose object does not exist (or is not the visitor's to see)."""
    return NotFoundException(_("This page does not exist or is no longer available."))


def one_or_404(db: Session, query: Select[T]) -> T:
    """The row ``query`` selects, else a 404: ``one_or_404(db, select(Mission).where(...))``.

    Put the owner in the query (``Meeting.council_id == council.id``) so an id of another owner is
    not found rather than reached."""
    found = db.scalar(query)
    if found is None:
        raise not_found()
    return found
