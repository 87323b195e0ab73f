"""Helpers shared by the Assembly's controllers: finding rows or answering 404, refusals, files,
and what every page of a promotion's back office shares."""

from __future__ import annotations

from typing import Any

from litestar import Controller
from litestar.exceptions import NotFoundException
from litestar.response import Redirect, Template
from sqlalchemy.orm import Session

from parvis.api import (
    AnyRequest,
    Site,
    cached_file,
    can,
    flash,
    job_path,
    page,
    redirect,
    start_job,
    state_of,
    url,
)
from parvis.api.bodies import Body, College
from parvis.api.content_translations import translated
from parvis.plugins.assembly.models import AssemblyPromotion
from parvis.plugins.assembly.permissions import MANAGE
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


class PromotionAdmin(Controller):
    """The base of a promotion's back-office controllers: below its page, for those who manage
    the Assembly (each handler still finds the promotion with ``promotion_or_404``)."""

    path = "/admin/assembly/{public_id:str}"
    guards = [can(MANAGE)]


def promotion_page(
    request: AnyRequest, promotion: AssemblyPromotion, template: str, section: str, title: str, **context: Any
) -> Template:
    """A page of a promotion's back office: ``section`` marks its tab, ``title`` (translated) names
    the promotion as ``{label}``."""
    return page(
        request,
        template,
        promotion=promotion,
        section=section,
        title=title.format(label=translated(request, promotion, "label")),
        **context,
    )


def computed_once(
    request: AnyRequest, db: Session, kind: str, *, key: str, back_to: str, **arguments: Any
) -> Redirect:
    """Figures job ``kind`` computes once for ``key`` (its cache key): back to ``back_to``, which
    shows them, when they are there; else the job is started (once, however many ask) and the
    official follows it on its page."""
    if cached_file(db, key) is not None:
        return redirect(request, back_to)
    state = state_of(request)
    job = start_job(
        db, state.site, kind, owner=state.actor, return_to=back_to, unique_key=key, cache_key=key, **arguments
    )
    return redirect(request, job_path(job))
