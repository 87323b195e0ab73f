"""Annotated parameter types for handlers (Litestar's explicit injection style).

def handler(request: Request, db: DB, actor: CurrentActor, data: FormData, slug: FromPath[str])
"""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Request
from litestar.di import NamedDependency
from litestar.enums import RequestEncodingType
from litestar.params import Body, FromPath, FromQuery
from sqlalchemy.orm import Session

from parvis.auth import Actor

# A handler's request: Litestar's Request, whose user, auth and state types Parvis does not use
# (the request's state is parvis.web.context.state_of(request)).
AnyRequest = Request[Any, Any, Any]
DB = NamedDependency[Session]
CurrentActor = NamedDependency[Actor]
FormData = Annotated[dict[str, Any], Body(media_type=RequestEncodingType.URL_ENCODED)]
MultipartData = Annotated[dict[str, Any], Body(media_type=RequestEncodingType.MULTI_PART)]

MAX_PAGE = 10_000


def page_number(value: int) -> int:
    """A list's page number from the query, kept between 1 and what a list can have."""
    return max(1, min(value, MAX_PAGE))


__all__ = [
    "DB",
    "MAX_PAGE",
    "AnyRequest",
    "CurrentActor",
    "FormData",
    "FromPath",
    "FromQuery",
    "MultipartData",
    "page_number",
]
