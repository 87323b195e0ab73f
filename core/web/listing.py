"""Back-office lists: one way to filter, count and page a query.

A list page binds its filters from the query string (a ``Form`` of optional fields, rendered by
``forms.filters(form, path)`` in ``macros/forms.html`` with the ``.filters`` style), builds a
SELECT from the valid values and hands it to ``paginate``; the template shows ``listing.items`` in
a table, ``listing.total`` in a status line and the ``pager`` macro of ``macros/common.html``
under it, which keeps the filters on every page::

    filters = FILTERS.bind(request.query_params)
    listing = paginate(db, search_query(filters.values), page)
    return page(request, "x/list.html", filters=filters, listing=listing, query=filter_query(filters))
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from parvis.web.forms import BoundForm
from parvis.web.types import page_number

T = TypeVar("T")
PAGE_SIZE = 50


@dataclass(frozen=True, slots=True)
class Listing(Generic[T]):
    """One page of a list: its ``items``, the ``total`` rows, page ``page_number`` of ``pages``."""

    items: Sequence[T]
    total: int
    page_number: int
    pages: int

    @classmethod
    def of(cls, items: Sequence[T], total: int, number: int, size: int = PAGE_SIZE) -> Listing[T]:
        return cls(items, total, number, max(1, -(-total // size)))


def paginate(db: Session, query: Select[Any], page: int, *, size: int = PAGE_SIZE) -> Listing[Any]:
    """Page ``page`` (1-based, kept in range) of an ordered SELECT, with the number of rows in all."""
    number = page_number(page)
    total = int(db.scalar(select(func.count()).select_from(query.order_by(None).subquery())) or 0)
    items = list(db.scalars(query.offset((number - 1) * size).limit(size)))
    return Listing.of(items, total, number, size)


def filter_query(filters: BoundForm) -> dict[str, str]:
    """The valid filters of a bound filter form as query parameters, kept by the pager's links."""
    return {name: str(value) for name, value in filters.values.items() if value not in (None, "", False, [])}


__all__ = ["PAGE_SIZE", "Listing", "filter_query", "paginate"]
