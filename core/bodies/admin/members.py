"""Back office: a body's members for a term (who sits, in which college, with which role)."""

from __future__ import annotations

from typing import Any

from litestar import Controller, get, post
from litestar.response import Redirect, Template
from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis.bodies import services
from parvis.bodies.kinds import kind_of
from parvis.bodies.models import Body, College, Membership, Term
from parvis.i18n import _
from parvis.identity import Person
from parvis.refusals import Refused
from parvis.web.backoffice import Resource
from parvis.web.context import state_of
from parvis.web.forms import BoundForm
from parvis.web.render import page
from parvis.web.types import DB, FormData, FromPath, FromQuery

from .common import PATH, AnyRequest, base, body_or_404, edit_page, manages_bodies, owned, term_or_default
from .forms import member_form

MEMBERS = Resource("core.membership", audited={"add", "update", "delete"})


def members_page(
    request: AnyRequest,
    db: Session,
    body: Body,
    term: Term | None,
    form: BoundForm,
    *,
    q: str = "",
    refusal: Refused | None = None,
) -> Template:
    site = state_of(request).site
    q = q.strip()[:100]
    return page(
        request,
        "bodies/admin/members.html",
        body=body,
        kind=kind_of(site, body.kind),
        section="members",
        term=term,
        memberships=services.members(db, body, term) if term else [],
        counts=services.seat_counts(db, body, term),
        form=form,
        q=q,
        people=services.search_people(db, q) if q else [],
        chosen=str(form["person"].value or ""),
        refusal=refusal,
        title=_("Members — {body}").format(body=body.name),
    )


def member_page(
    request: AnyRequest, body: Body, membership: Membership, form: BoundForm, refusal: Refused | None = None
) -> Template:
    heading = _("{name}, term {term}").format(name=membership.person.full_name, term=membership.term.label)
    path = f"/members/{membership.id}"
    return edit_page(
        request, body, "members", path, form, heading=heading, refusal=refusal, person=membership.person
    )


def seat_values(db: Session, v: dict[str, Any]) -> dict[str, Any]:
    """The membership's role, college, status and dates from the form's values."""
    return {
        "role": v["role"],
        "college": db.get(College, int(v["college"])) if v.get("college") else None,
        "status": v["status"],
        "starts_on": v.get("starts_on"),
        "ends_on": v.get("ends_on"),
    }


class MembersAdminController(Controller):
    path = PATH
    guards = [manages_bodies]

    @get("/{slug:str}/members")
    def members(
        self,
        request: AnyRequest,
        db: DB,
        slug: FromPath[str],
        term: FromQuery[int | None] = None,
        q: FromQuery[str | None] = None,
    ) -> Template:
        body = body_or_404(request, db, slug)
        shown = term_or_default(request, db, body, term)
        form = member_form(body, kind_of(state_of(request).site, body.kind), adding=True).bind(
            initial={"term": str(shown.id) if shown else None, "role": "member", "status": "active"}
        )
        return members_page(request, db, body, shown, form, q=q or "")

    @post("/{slug:str}/members", status_code=303)
    def add_member(
        self, request: AnyRequest, db: DB, slug: FromPath[str], data: FormData
    ) -> Template | Redirect:
        body = body_or_404(request, db, slug)
        site = state_of(request).site
        form = member_form(body, kind_of(site, body.kind), adding=True).bind(data)
        chosen = form.values.get("person")
        person = db.scalar(select(Person).where(Person.public_id == chosen)) if chosen else None
        if person is None:
            form.add_error("person", _("Choose a person among the search results."))
        term = db.get(Term, int(form.values["term"])) if form.values.get("term") else None

        def again(refusal: Refused | None) -> Template:
            shown = term if term is not None and term.body_id == body.id else None
            shown = shown or term_or_default(request, db, body, None)
            q = str(data.get("q") or "") or (person.full_name if person else "")
            return members_page(request, db, body, shown, form, q=q, refusal=refusal)

        v = MEMBERS.submit(request, form, again)
        membership = MEMBERS.save(
            db,
            lambda: services.add_member(db, site, body, term, person, **seat_values(db, v)),  # type: ignore[arg-type]
        )
        message = _("{name} is added to {body}.").format(name=membership.person.full_name, body=body.name)
        back = f"{base(body)}/members"
        return MEMBERS.done(
            request,
            "add",
            back,
            message,
            target=person,
            query={"term": membership.term_id},
            body=slug,
            role=membership.role,
        )

    @get("/{slug:str}/members/{item_id:int}")
    def edit_member_form(
        self, request: AnyRequest, db: DB, slug: FromPath[str], item_id: FromPath[int]
    ) -> Template:
        body, membership = owned(request, db, slug, Membership, item_id)
        form = member_form(body, kind_of(state_of(request).site, body.kind), adding=False).bind(
            initial={
                "role": membership.role,
                "college": str(membership.college_id) if membership.college_id else None,
                "status": membership.status.value,
                "starts_on": membership.starts_on,
                "ends_on": membership.ends_on,
            }
        )
        return member_page(request, body, membership, form)

    @post("/{slug:str}/members/{item_id:int}", status_code=303)
    def update_member(
        self, request: AnyRequest, db: DB, slug: FromPath[str], item_id: FromPath[int], data: FormData
    ) -> Template | Redirect:
        body, membership = owned(request, db, slug, Membership, item_id)
        site = state_of(request).site
        form = member_form(body, kind_of(site, body.kind), adding=False).bind(data)
        v = MEMBERS.submit(
            request, form, lambda refusal: member_page(request, body, membership, form, refusal)
        )
        MEMBERS.save(db, lambda: services.update_member(db, site, membership, **seat_values(db, v)))
        return MEMBERS.done(
            request,
            "update",
            f"{base(body)}/members",
            target=membership.person,
            query={"term": membership.term_id},
            body=slug,
            role=v.get("role"),
            status=v.get("status"),
        )

    @post("/{slug:str}/members/{item_id:int}/delete", status_code=303)
    def delete_member(
        self, request: AnyRequest, db: DB, slug: FromPath[str], item_id: FromPath[int]
    ) -> Redirect:
        body, membership = owned(request, db, slug, Membership, item_id)
        back = f"{base(body)}/members?term={membership.term_id}"
        details = {"body": slug, "term": membership.term.label, "role": membership.role}
        delete = lambda: services.remove_member(db, membership)  # noqa: E731
        return MEMBERS.delete(request, db, delete, back, target=membership.person, **details)
