"""Helpers shared by the Assembly's controllers: finding rows or answering 404, refusals, files."""

from __future__ import annotations

from typing import Any

from litestar.exceptions import NotFoundException
from litestar.response import Redirect
from sqlalchemy.orm import Session

from parvis.api import AnyRequest, Site, flash, state_of, url
from parvis.api.bodies import Body, College
from parvis.plugins.assembly.models import AssemblyPromotion
from parvis.plugins.assembly.services import common
from parvis.plugins.assembly.services.common import AssemblyError


def site_of(request: AnyRequest) -> Site:
    return state_of(request).site


def body_or_404(db: Session, request: AnyRequest) -> Body:
    body = common.find_body(db, site_of(request))
    if body is None:
        raise NotFoundException()
    return body


def promotion_or_404(db: Session, public_id: str) -> AssemblyPromotion:
    found = common.promotion_by_public_id(db, public_id[:24])
    if found is None:
        raise NotFoundException()
    return found


def college_or_404(promotion: AssemblyPromotion, code: str) -> College:
    try:
        return common.college(promotion.body, code)
    except AssemblyError:
        raise NotFoundException() from None


def back(request: AnyRequest, path: str, message: str, category: str = "success", **query: Any) -> Redirect:
    """Post/redirect/get with a flash message, also for refusals (category "error")."""
    response = Redirect(path=url(request, path, **query), status_code=303)
    flash(response, message, category)
    return response
