"""Back office: a body's colleges (its seats and how they are filled)."""

from __future__ import annotations

from typing import Any

from litestar import Controller, get, post
from litestar.response import Redirect, Template
from sqlalchemy.orm import Session

from parvis.bodies import services
from parvis.bodies.models import Body, College
from parvis.i18n import _
from parvis.refusals import Refused
from parvis.web.backoffice import Resource
from parvis.web.context import state_of
from parvis.web.forms import BoundForm
from parvis.web.render import page
from parvis.web.types import DB, FormData, FromPath, FromQuery

from .common import PATH, AnyRequest, base, body_or_404, edit_page, manages_bodies, owned, term_or_default
from .forms import college_form

COLLEGES = Resource("core.college", audited={"delete"})


def colleges_page(
    request: AnyRequest,
    db: Session,
    body: Body,
    form: BoundForm,
    refusal: Refused | None = None,
    *,
    term_id: int | None = None,
) -> Template:
    term = term_or_default(request, db, body, term_id)
    return page(
        request,
        "bodies/admin/colleges.html",
        body=body,
        section="colleges",
        form=form,
        refusal=refusal,
        term=term,
        counts=services.seat_counts(db, body, term),
        title=_("Colleges — {body}").format(body=body.name),
    )


def college_page(
    request: AnyRequest, body: Body, college: College, form: BoundForm, refusal: Refused | None = None
) -> Template:
    heading = _("Edit the college {name}").format(name=college.name)
    return edit_page(
        request, body, "colleges", f"/colleges/{college.id}", form, heading=heading, refusal=refusal
    )


def college_values(v: dict[str, Any]) -> dict[str, Any]:
    return {
        "code": v["code"],
        "name": v["name"],
        "seats": v["seats"],
        "fill_method": v["fill_method"],
        "eligibility": v.get("eligibility"),
    }


class CollegesAdminController(Controller):
    path = PATH
    guards = [manages_bodies]

    @get("/{slug:str}/colleges")
    def colleges(
        self, request: AnyRequest, db: DB, slug: FromPath[str], term: FromQuery[int | None] = None
    ) -> Template:
        body = body_or_404(request, db, slug)
        form = college_form(state_of(request).site).bind(initial={"seats": 0, "fill_method": "lot"})
        return colleges_page(request, db, body, form, term_id=term)

    @post("/{slug:str}/colleges", status_code=303)
    def add_college(
        self, request: AnyRequest, db: DB, slug: FromPath[str], data: FormData
    ) -> Template | Redirect:
        body = body_or_404(request, db, slug)
        site = state_of(request).site
        form = college_form(site).bind(data)
        v = COLLEGES.submit(request, form, lambda refusal: colleges_page(request, db, body, form, refusal))
        college = COLLEGES.save(db, lambda: services.add_college(db, site, body, **college_values(v)))
        message = _("The college {name} is added.").format(name=college.name)
        return COLLEGES.done(request, "add", f"{base(body)}/colleges", message, target=college)

    @get("/{slug:str}/colleges/{item_id:int}")
    def edit_college_form(
        self, request: AnyRequest, db: DB, slug: FromPath[str], item_id: FromPath[int]
    ) -> Template:
        body, college = owned(request, db, slug, College, item_id)
        form = college_form(state_of(request).site, college.eligibility).bind(
            initial={
                "code": college.code,
                "name": college.name,
                "seats": college.seats,
                "fill_method": college.fill_method.value,
                "eligibility": college.eligibility,
            }
        )
        return college_page(request, body, college, form)

    @post("/{slug:str}/colleges/{item_id:int}", status_code=303)
    def update_college(
        self, request: AnyRequest, db: DB, slug: FromPath[str], item_id: FromPath[int], data: FormData
    ) -> Template | Redirect:
        body, college = owned(request, db, slug, College, item_id)
        site = state_of(request).site
        form = college_form(site, college.eligibility).bind(data)
        v = COLLEGES.submit(
            request, form, lambda refusal: college_page(request, body, college, form, refusal)
        )
        COLLEGES.save(db, lambda: services.update_college(db, site, college, **college_values(v)))
        return COLLEGES.done(request, "update", f"{base(body)}/colleges", target=college)

    @post("/{slug:str}/colleges/{item_id:int}/delete", status_code=303)
    def delete_college(
        self, request: AnyRequest, db: DB, slug: FromPath[str], item_id: FromPath[int]
    ) -> Redirect:
        body, college = owned(request, db, slug, College, item_id)
        delete = lambda: services.delete_college(db, college)  # noqa: E731
        return COLLEGES.delete(request, db, delete, f"{base(body)}/colleges", target=college, body=slug)
