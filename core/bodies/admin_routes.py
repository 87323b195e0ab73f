"""The officials' back office for participatory bodies: bodies, terms, colleges, members, groups,
meetings and attendance.

Site-wide officials manage every body; an official of one body (``RoleGrant(role="official",
body_id=...)``) passes the controller's guard and every handler then checks the body itself with
``guards.check(state, "core.manage_bodies", body)``, so they reach only their own body. Every
rule lives in ``parvis.bodies.services``; a refusal re-renders the form with status 400 and the
transaction is rolled back, so nothing is saved.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from litestar import Controller, get, post
from litestar.connection import ASGIConnection
from litestar.exceptions import NotFoundException, PermissionDeniedException
from litestar.handlers import BaseRouteHandler
from litestar.response import Redirect, Template
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from parvis import audit
from parvis.bodies import services
from parvis.bodies.kinds import BodyKind, kind_of
from parvis.bodies.models import (
    ATTENDANCE_LABELS,
    FILL_METHOD_LABELS,
    MEMBERSHIP_STATUS_LABELS,
    AttendanceStatus,
    Body,
    College,
    Group,
    Meeting,
    Membership,
    Term,
)
from parvis.bodies.services import BodyError
from parvis.db import utcnow
from parvis.i18n import _, lazy_gettext
from parvis.identity import Person
from parvis.web.context import RequestState, state_of
from parvis.web.forms import BoundForm, Field, Form
from parvis.web.guards import allowed, check, require_signed_in
from parvis.web.render import flash, page, redirect
from parvis.web.types import DB, AnyRequest, FormData, FromPath, FromQuery

MANAGE = "core.manage_bodies"
MAX_ID = 2**31 - 1  # larger ids in a URL are simply not found (PostgreSQL integers are 32-bit)


def manages_bodies(connection: ASGIConnection[Any, Any, Any, Any], handler: BaseRouteHandler) -> None:
    """Guard: officials of the whole site, or of at least one body (handlers then check that body)."""
    require_signed_in(connection)
    state: RequestState = connection.scope["state"]["parvis"]
    if allowed(state, MANAGE):
        return
    body_ids = list(state.actor.body_roles)
    if body_ids and any(
        allowed(state, MANAGE, body) for body in state.db.scalars(select(Body).where(Body.id.in_(body_ids)))
    ):
        return
    raise PermissionDeniedException(_("You do not have access to this page."))


# The route x role test reads the action a guard checks (site-wide officials and admins pass).
manages_bodies.action = MANAGE  # type: ignore[attr-defined]


# ---------------------------------------------------------------------------
# Forms (built per request: their choices come from the kind and the configuration)
# ---------------------------------------------------------------------------


def _rule_choices(site: Any, current: str | None = None) -> list[tuple[str, str]]:
    names = sorted(site.eligibility_rules)
    if current and current not in names:
        names.append(current)
    return [(name, name) for name in names]


def body_form(site: Any, *, creating: bool, current_rule: str | None = None) -> Form:
    fields = [
        Field("name", lazy_gettext("Name"), max_length=200),
        Field("description", lazy_gettext("Description"), kind="textarea", required=False),
    ]
    if creating:
        kinds = [(code, str(kind.label)) for code, kind in sorted(site.body_kinds.items())]
        fields.insert(
            0,
            Field(
                "kind",
                lazy_gettext("Kind of body"),
                kind="select",
                choices=kinds,
                help=lazy_gettext("The body starts with the colleges this kind declares."),
            ),
        )
    else:
        fields += [
            Field(
                "active", lazy_gettext("Active (shown on the public pages)"), kind="checkbox", required=False
            ),
            Field(
                "eligibility",
                lazy_gettext("Eligibility rule for every member"),
                kind="select",
                required=False,
                choices=_rule_choices(site, current_rule),
                help=lazy_gettext("A rule of the site configuration; each college may add its own."),
            ),
        ]
    return Form(*fields)


TERM_FORM = Form(
    Field(
        "label",
        lazy_gettext("Label"),
        max_length=40,
        help=lazy_gettext("For example 2025-26; unique in the body."),
    ),
    Field("starts_on", lazy_gettext("Start date"), kind="date"),
    Field("ends_on", lazy_gettext("End date"), kind="date"),
)


def college_form(site: Any, current_rule: str | None = None) -> Form:
    return Form(
        Field("code", lazy_gettext("Code"), max_length=32, help=lazy_gettext("A short code, for example a.")),
        Field("name", lazy_gettext("Name"), max_length=200),
        Field("seats", lazy_gettext("Seats"), kind="integer", min=0, max=100_000),
        Field(
            "fill_method",
            lazy_gettext("How seats are filled"),
            kind="select",
            choices=lambda: [(m.value, _(label)) for m, label in FILL_METHOD_LABELS.items()],
        ),
        Field(
            "eligibility",
            lazy_gettext("Eligibility rule"),
            kind="select",
            required=False,
            choices=_rule_choices(site, current_rule),
        ),
    )


def _status_choices() -> list[tuple[str, str]]:
    return [(s.value, _(label)) for s, label in MEMBERSHIP_STATUS_LABELS.items()]


def member_form(body: Body, kind: BodyKind, *, adding: bool) -> Form:
    fields = [
        Field("role", lazy_gettext("Role"), kind="select", choices=kind.role_choices()),
        Field(
            "college",
            lazy_gettext("College"),
            kind="select",
            required=False,
            choices=[(str(c.id), c.name) for c in body.colleges],
        ),
        Field("status", lazy_gettext("Status"), kind="select", choices=_status_choices),
        Field("starts_on", lazy_gettext("Sits from"), kind="date", required=False),
        Field("ends_on", lazy_gettext("Sits until"), kind="date", required=False),
    ]
    if adding:
        fields = [
            Field("person", lazy_gettext("Person"), required=False, max_length=40),
            Field(
                "term",
                lazy_gettext("Term"),
                kind="select",
                choices=[(str(t.id), t.label) for t in body.terms],
            ),
            *fields,
        ]
    return Form(*fields)


def group_form(kind: BodyKind) -> Form:
    return Form(
        Field("name", lazy_gettext("Name"), max_length=200),
        Field("kind", lazy_gettext("Kind of group"), kind="select", choices=kind.group_kind_choices()),
        Field("description", lazy_gettext("Description"), kind="textarea", required=False),
        Field(
            "open_to_all_members",
            lazy_gettext("Open to all members without registration"),
            kind="checkbox",
            required=False,
        ),
    )


def meeting_form(body: Body, kind: BodyKind) -> Form:
    return Form(
        Field("title", lazy_gettext("Title"), max_length=200),
        Field("kind", lazy_gettext("Kind of meeting"), kind="select", choices=kind.meeting_kind_choices()),
        Field(
            "group",
            lazy_gettext("Group"),
            kind="select",
            required=False,
            choices=[(str(g.id), g.name) for g in body.groups],
        ),
        Field(
            "starts_at",
            lazy_gettext("Starts at"),
            kind="datetime",
            help=lazy_gettext("Local time of the city."),
        ),
        Field("ends_at", lazy_gettext("Ends at"), kind="datetime"),
        Field("place", lazy_gettext("Place"), required=False, max_length=300),
        Field("agenda", lazy_gettext("Agenda"), kind="textarea", required=False),
        Field("public", lazy_gettext("Public meeting (shown to everyone)"), kind="checkbox", required=False),
    )


# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------


def _body(request: AnyRequest, db: Session, slug: str) -> Body:
    body = services.body_by_slug(db, slug)
    if body is None:
        raise NotFoundException()
    check(state_of(request), MANAGE, body)
    return body


def _owned(db: Session, model: Any, item_id: int, body: Body) -> Any:
    """A row of ``model`` that belongs to ``body`` (404 otherwise: ids of other bodies are not reachable)."""
    item = db.get(model, item_id) if 0 < item_id <= MAX_ID else None
    if item is None or item.body_id != body.id:
        raise NotFoundException()
    return item


def _meeting(db: Session, body: Body, public_id: str) -> Meeting:
    meeting = db.scalar(select(Meeting).where(Meeting.public_id == public_id, Meeting.body_id == body.id))
    if meeting is None:
        raise NotFoundException()
    return meeting


def _base(body: Body) -> str:
    return f"/admin/bodies/{body.slug}"


def _refuse(db: Session, form: BoundForm, error: BodyError) -> BodyError | None:
    """Undo the request's changes and show a refusal on its field (or above the form)."""
    db.rollback()
    if error.field and error.field in form.form.by_name:
        form.add_error(error.field, error.message)
        return None
    return error


def _save(db: Session, form: BoundForm, action: Callable[[], Any]) -> tuple[Any, BodyError | None]:
    """Run a service call when the form is valid; commit it, or roll back and report why not."""
    if not form.valid:
        return None, None
    try:
        result = action()
        db.commit()
    except BodyError as error:
        return None, _refuse(db, form, error)
    except IntegrityError:  # a concurrent change beat this one to a unique value
        db.rollback()
        return None, BodyError(_("This was changed by someone else; please try again."))
    return result, None


def _edit_view(item: Term | College | Membership | Group | Meeting) -> tuple[str, str, str]:
    """The section, path (below the body's) and heading of an item's edit page."""
    if isinstance(item, Term):
        return "terms", f"/terms/{item.id}", _("Edit the term {label}").format(label=item.label)
    if isinstance(item, College):
        return "colleges", f"/colleges/{item.id}", _("Edit the college {name}").format(name=item.name)
    if isinstance(item, Membership):
        heading = _("{name}, term {term}").format(name=item.person.full_name, term=item.term.label)
        return "members", f"/members/{item.id}", heading
    if isinstance(item, Group):
        return "groups", f"/groups/{item.id}", _("Edit the group {name}").format(name=item.name)
    heading = _("Edit the meeting {title}").format(title=item.title)
    return "meetings", f"/meetings/{item.public_id}", heading


def _id_or_none(value: str | None) -> int | None:
    return int(value) if value else None


class BodyAdminController(Controller):
    path = "/admin/bodies"
    guards = [manages_bodies]

    # -- bodies -------------------------------------------------------------------------------

    @get("/", name="admin-bodies")
    def index(self, request: AnyRequest, db: DB) -> Template:
        state = state_of(request)
        bodies = services.bodies_managed_by(db, state.site, state.actor)
        return page(
            request,
            "bodies/admin/index.html",
            bodies=bodies,
            kinds=state.site.body_kinds,
            may_create=allowed(state, MANAGE),
            title=_("Bodies"),
        )

    @get("/new")
    def new_body_form(self, request: AnyRequest, kind: FromQuery[str | None] = None) -> Template:
        state = state_of(request)
        check(state, MANAGE)
        form = body_form(state.site, creating=True).bind(initial={"kind": kind} if kind else None)
        return self._new_page(request, form)

    def _new_page(
        self, request: AnyRequest, form: BoundForm, *, refusal: BodyError | None = None, status: int = 200
    ) -> Template:
        return page(
            request,
            "bodies/admin/new.html",
            form=form,
            refusal=refusal,
            kinds=state_of(request).site.body_kinds,
            title=_("New body"),
            status_code=status,
        )

    @post("/new", status_code=303)
    def create_body(self, request: AnyRequest, db: DB, data: FormData) -> Template | Redirect:
        state = state_of(request)
        check(state, MANAGE)
        form = body_form(state.site, creating=True).bind(data)
        values = form.values
        body, refusal = _save(
            db,
            form,
            lambda: services.create_body(
                db, state.site, values["kind"], values["name"], values.get("description") or ""
            ),
        )
        if body is None:
            return self._new_page(request, form, refusal=refusal, status=400)
        return redirect(request, _base(body), _("The body {name} is created.").format(name=body.name))

    @get("/{slug:str}")
    def overview(self, request: AnyRequest, db: DB, slug: FromPath[str]) -> Template:
        body = _body(request, db, slug)
        site = state_of(request).site
        form = body_form(site, creating=False, current_rule=body.eligibility).bind(
            initial={
                "name": body.name,
                "description": body.description,
                "active": body.active,
                "eligibility": body.eligibility,
            }
        )
        return self._overview_page(request, db, body, form)

    def _overview_page(
        self,
        request: AnyRequest,
        db: Session,
        body: Body,
        form: BoundForm,
        *,
        refusal: BodyError | None = None,
        status: int = 200,
    ) -> Template:
        site = state_of(request).site
        term = services.default_term(db, body, site.today())
        return page(
            request,
            "bodies/admin/overview.html",
            body=body,
            kind=kind_of(site, body.kind),
            section="overview",
            form=form,
            refusal=refusal,
            term=term,
            counts=services.seat_counts(db, body, term),
            title=body.name,
            status_code=status,
        )

    @post("/{slug:str}", status_code=303)
    def update_body(
        self, request: AnyRequest, db: DB, slug: FromPath[str], data: FormData
    ) -> Template | Redirect:
        body = _body(request, db, slug)
        site = state_of(request).site
        form = body_form(site, creating=False, current_rule=body.eligibility).bind(data)
        v = form.values
        done, refusal = _save(
            db,
            form,
            lambda: services.update_body(
                db,
                site,
                body,
                name=v["name"],
                description=v.get("description") or "",
                active=bool(v.get("active")),
                eligibility=v.get("eligibility"),
            ),
        )
        if done is None:
            db.refresh(body)
            return self._overview_page(request, db, body, form, refusal=refusal, status=400)
        return redirect(request, _base(body), _("Your changes are saved."))

    # -- terms ----------------------------------------------------------------------------------

    @get("/{slug:str}/terms")
    def terms(self, request: AnyRequest, db: DB, slug: FromPath[str]) -> Template:
        body = _body(request, db, slug)
        return self._terms_page(request, body, TERM_FORM.bind())

    def _terms_page(
        self,
        request: AnyRequest,
        body: Body,
        form: BoundForm,
        *,
        refusal: BodyError | None = None,
        status: int = 200,
    ) -> Template:
        return page(
            request,
            "bodies/admin/terms.html",
            body=body,
            section="terms",
            form=form,
            refusal=refusal,
            today=state_of(request).site.today(),
            title=_("Terms — {body}").format(body=body.name),
            status_code=status,
        )

    @post("/{slug:str}/terms", status_code=303)
    def add_term(
        self, request: AnyRequest, db: DB, slug: FromPath[str], data: FormData
    ) -> Template | Redirect:
        body = _body(request, db, slug)
        form = TERM_FORM.bind(data)
        v = form.values
        term, refusal = _save(
            db, form, lambda: services.add_term(db, body, v["label"], v["starts_on"], v["ends_on"])
        )
        if term is None:
            db.refresh(body)
            return self._terms_page(request, body, form, refusal=refusal, status=400)
        return redirect(
            request, f"{_base(body)}/terms", _("The term {label} is added.").format(label=term.label)
        )

    @get("/{slug:str}/terms/{item_id:int}")
    def edit_term_form(
        self, request: AnyRequest, db: DB, slug: FromPath[str], item_id: FromPath[int]
    ) -> Template:
        body = _body(request, db, slug)
        term = _owned(db, Term, item_id, body)
        form = TERM_FORM.bind(
            initial={"label": term.label, "starts_on": term.starts_on, "ends_on": term.ends_on}
        )
        return self._edit_page(request, body, term, form)

    def _edit_page(
        self,
        request: AnyRequest,
        body: Body,
        item: Term | College | Membership | Group | Meeting,
        form: BoundForm,
        *,
        refusal: BodyError | None = None,
        status: int = 200,
    ) -> Template:
        section, item_path, heading = _edit_view(item)
        return page(
            request,
            "bodies/admin/edit.html",
            body=body,
            section=section,
            form=form,
            action=f"{_base(body)}{item_path}",
            back=f"{_base(body)}/{section}",
            heading=heading,
            refusal=refusal,
            title=heading,
            status_code=status,
            person=item.person if isinstance(item, Membership) else None,
            meeting=item if isinstance(item, Meeting) else None,
        )

    def _update(
        self,
        request: AnyRequest,
        db: Session,
        body: Body,
        item: Term | College | Membership | Group | Meeting,
        *,
        form: BoundForm,
        action: Callable[[], Any],
        audited: dict[str, Any] | None = None,
        **query: Any,
    ) -> Template | Redirect:
        """Save an edit and go back to the list, or show the form again with what went wrong.

        ``audited``: the audit log's ``action``, ``target`` and details, written once it is saved.
        """
        done, refusal = _save(db, form, action)
        if done is None:
            db.refresh(item)
            return self._edit_page(request, body, item, form, refusal=refusal, status=400)
        if audited:
            audit.record_request(request, **audited)
        section = _edit_view(item)[0]
        return redirect(request, f"{_base(body)}/{section}", _("Your changes are saved."), **query)

    @post("/{slug:str}/terms/{item_id:int}", status_code=303)
    def update_term(
        self, request: AnyRequest, db: DB, slug: FromPath[str], item_id: FromPath[int], data: FormData
    ) -> Template | Redirect:
        body = _body(request, db, slug)
        term = _owned(db, Term, item_id, body)
        form = TERM_FORM.bind(data)
        v = form.values
        return self._update(
            request,
            db,
            body,
            term,
            form=form,
            action=lambda: services.update_term(
                db, term, label=v["label"], starts_on=v["starts_on"], ends_on=v["ends_on"]
            ),
        )

    @post("/{slug:str}/terms/{item_id:int}/delete", status_code=303)
    def delete_term(
        self, request: AnyRequest, db: DB, slug: FromPath[str], item_id: FromPath[int]
    ) -> Redirect:
        body = _body(request, db, slug)
        term = _owned(db, Term, item_id, body)
        delete = lambda: services.delete_term(db, term)  # noqa: E731
        back = f"{_base(body)}/terms"
        return self._delete(request, db, delete, back, code="core.term.delete", target=term, body=slug)

    def _delete(
        self,
        request: AnyRequest,
        db: Session,
        action: Callable[[], None],
        back: str,
        *,
        code: str,
        target: Any,
        **details: Any,
    ) -> Redirect:
        """Delete, write the audit log's entry ``code`` about ``target``, go back to the list."""
        try:
            audit.record_request(request, code, target=target, **details)
            action()
            db.commit()
        except BodyError as error:
            db.rollback()
            response = redirect(request, back)
            flash(response, error.message, "error")
            return response
        return redirect(request, back, _("Deleted."))

    # -- colleges -------------------------------------------------------------------------------

    @get("/{slug:str}/colleges")
    def colleges(
        self, request: AnyRequest, db: DB, slug: FromPath[str], term: FromQuery[int | None] = None
    ) -> Template:
        body = _body(request, db, slug)
        form = college_form(state_of(request).site).bind(initial={"seats": 0, "fill_method": "lot"})
        return self._colleges_page(request, db, body, form, term_id=term)

    def _colleges_page(
        self,
        request: AnyRequest,
        db: Session,
        body: Body,
        form: BoundForm,
        *,
        refusal: BodyError | None = None,
        status: int = 200,
        term_id: int | None = None,
    ) -> Template:
        term = self._term(request, db, body, term_id)
        return page(
            request,
            "bodies/admin/colleges.html",
            body=body,
            section="colleges",
            form=form,
            refusal=refusal,
            term=term,
            counts=services.seat_counts(db, body, term),
            fill_labels=FILL_METHOD_LABELS,
            title=_("Colleges — {body}").format(body=body.name),
            status_code=status,
        )

    def _term(self, request: AnyRequest, db: Session, body: Body, term_id: int | None) -> Term | None:
        if term_id is not None and 0 < term_id <= MAX_ID:
            term = db.get(Term, term_id)
            if term is not None and term.body_id == body.id:
                return term
        return services.default_term(db, body, state_of(request).site.today())

    @post("/{slug:str}/colleges", status_code=303)
    def add_college(
        self, request: AnyRequest, db: DB, slug: FromPath[str], data: FormData
    ) -> Template | Redirect:
        body = _body(request, db, slug)
        site = state_of(request).site
        form = college_form(site).bind(data)
        v = form.values
        college, refusal = _save(
            db,
            form,
            lambda: services.add_college(
                db,
                site,
                body,
                code=v["code"],
                name=v["name"],
                seats=v["seats"],
                fill_method=v["fill_method"],
                eligibility=v.get("eligibility"),
            ),
        )
        if college is None:
            db.refresh(body)
            return self._colleges_page(request, db, body, form, refusal=refusal, status=400)
        return redirect(
            request, f"{_base(body)}/colleges", _("The college {name} is added.").format(name=college.name)
        )

    @get("/{slug:str}/colleges/{item_id:int}")
    def edit_college_form(
        self, request: AnyRequest, db: DB, slug: FromPath[str], item_id: FromPath[int]
    ) -> Template:
        body = _body(request, db, slug)
        college = _owned(db, College, item_id, body)
        form = college_form(state_of(request).site, college.eligibility).bind(
            initial={
                "code": college.code,
                "name": college.name,
                "seats": college.seats,
                "fill_method": college.fill_method.value,
                "eligibility": college.eligibility,
            }
        )
        return self._edit_page(request, body, college, form)

    @post("/{slug:str}/colleges/{item_id:int}", status_code=303)
    def update_college(
        self, request: AnyRequest, db: DB, slug: FromPath[str], item_id: FromPath[int], data: FormData
    ) -> Template | Redirect:
        body = _body(request, db, slug)
        site = state_of(request).site
        college = _owned(db, College, item_id, body)
        form = college_form(site, college.eligibility).bind(data)
        v = form.values
        return self._update(
            request,
            db,
            body,
            college,
            form=form,
            action=lambda: services.update_college(
                db,
                site,
                college,
                code=v["code"],
                name=v["name"],
                seats=v["seats"],
                fill_method=v["fill_method"],
                eligibility=v.get("eligibility"),
            ),
        )

    @post("/{slug:str}/colleges/{item_id:int}/delete", status_code=303)
    def delete_college(
        self, request: AnyRequest, db: DB, slug: FromPath[str], item_id: FromPath[int]
    ) -> Redirect:
        body = _body(request, db, slug)
        college = _owned(db, College, item_id, body)
        return self._delete(
            request,
            db,
            lambda: services.delete_college(db, college),
            f"{_base(body)}/colleges",
            code="core.college.delete",
            target=college,
            body=slug,
        )

    # -- members --------------------------------------------------------------------------------

    @get("/{slug:str}/members")
    def members(
        self,
        request: AnyRequest,
        db: DB,
        slug: FromPath[str],
        term: FromQuery[int | None] = None,
        q: FromQuery[str | None] = None,
    ) -> Template:
        body = _body(request, db, slug)
        shown = self._term(request, db, body, term)
        form = member_form(body, kind_of(state_of(request).site, body.kind), adding=True).bind(
            initial={"term": str(shown.id) if shown else None, "role": "member", "status": "active"}
        )
        return self._members_page(request, db, body, shown, form, q=q or "")

    def _members_page(
        self,
        request: AnyRequest,
        db: Session,
        body: Body,
        term: Term | None,
        form: BoundForm,
        *,
        q: str = "",
        refusal: BodyError | None = None,
        status: int = 200,
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
            status_labels=MEMBERSHIP_STATUS_LABELS,
            title=_("Members — {body}").format(body=body.name),
            status_code=status,
        )

    @post("/{slug:str}/members", status_code=303)
    def add_member(
        self, request: AnyRequest, db: DB, slug: FromPath[str], data: FormData
    ) -> Template | Redirect:
        body = _body(request, db, slug)
        site = state_of(request).site
        form = member_form(body, kind_of(site, body.kind), adding=True).bind(data)
        v = form.values
        person = (
            db.scalar(select(Person).where(Person.public_id == v.get("person"))) if v.get("person") else None
        )
        if person is None:
            form.add_error("person", _("Choose a person among the search results."))
        term = db.get(Term, int(v["term"])) if v.get("term") else None
        college = db.get(College, int(v["college"])) if v.get("college") else None
        membership, refusal = _save(
            db,
            form,
            lambda: services.add_member(
                db,
                site,
                body,
                term,  # type: ignore[arg-type]
                person,  # type: ignore[arg-type]
                role=v["role"],
                college=college,
                status=v["status"],
                starts_on=v.get("starts_on"),
                ends_on=v.get("ends_on"),
            ),
        )
        if membership is None:
            db.refresh(body)
            shown = (
                term if term is not None and term.body_id == body.id else self._term(request, db, body, None)
            )
            q = str(data.get("q") or "") or (person.full_name if person else "")
            return self._members_page(request, db, body, shown, form, q=q, refusal=refusal, status=400)
        audit.record_request(request, "core.membership.add", target=person, body=slug, role=membership.role)
        message = _("{name} is added to {body}.").format(name=membership.person.full_name, body=body.name)
        return redirect(request, f"{_base(body)}/members", message, term=membership.term_id)

    @get("/{slug:str}/members/{item_id:int}")
    def edit_member_form(
        self, request: AnyRequest, db: DB, slug: FromPath[str], item_id: FromPath[int]
    ) -> Template:
        body = _body(request, db, slug)
        membership = _owned(db, Membership, item_id, body)
        form = member_form(body, kind_of(state_of(request).site, body.kind), adding=False).bind(
            initial={
                "role": membership.role,
                "college": str(membership.college_id) if membership.college_id else None,
                "status": membership.status.value,
                "starts_on": membership.starts_on,
                "ends_on": membership.ends_on,
            }
        )
        return self._edit_page(request, body, membership, form)

    @post("/{slug:str}/members/{item_id:int}", status_code=303)
    def update_member(
        self, request: AnyRequest, db: DB, slug: FromPath[str], item_id: FromPath[int], data: FormData
    ) -> Template | Redirect:
        body = _body(request, db, slug)
        site = state_of(request).site
        membership = _owned(db, Membership, item_id, body)
        form = member_form(body, kind_of(site, body.kind), adding=False).bind(data)
        v = form.values
        college = db.get(College, int(v["college"])) if v.get("college") else None
        return self._update(
            request,
            db,
            body,
            membership,
            form=form,
            action=lambda: services.update_member(
                db,
                site,
                membership,
                role=v["role"],
                college=college,
                status=v["status"],
                starts_on=v.get("starts_on"),
                ends_on=v.get("ends_on"),
            ),
            audited={
                "action": "core.membership.update",
                "target": membership.person,
                "body": slug,
                "role": v.get("role"),
                "status": v.get("status"),
            },
            term=membership.term_id,
        )

    @post("/{slug:str}/members/{item_id:int}/delete", status_code=303)
    def delete_member(
        self, request: AnyRequest, db: DB, slug: FromPath[str], item_id: FromPath[int]
    ) -> Redirect:
        body = _body(request, db, slug)
        membership = _owned(db, Membership, item_id, body)
        back = f"{_base(body)}/members?term={membership.term_id}"
        details = {"body": slug, "term": membership.term.label, "role": membership.role}
        delete = lambda: services.remove_member(db, membership)  # noqa: E731
        code, target = "core.membership.delete", membership.person
        return self._delete(request, db, delete, back, code=code, target=target, **details)

    # -- groups ---------------------------------------------------------------------------------

    @get("/{slug:str}/groups")
    def groups(self, request: AnyRequest, db: DB, slug: FromPath[str]) -> Template:
        body = _body(request, db, slug)
        kind = kind_of(state_of(request).site, body.kind)
        return self._groups_page(request, body, group_form(kind).bind())

    def _groups_page(
        self,
        request: AnyRequest,
        body: Body,
        form: BoundForm,
        *,
        refusal: BodyError | None = None,
        status: int = 200,
    ) -> Template:
        return page(
            request,
            "bodies/admin/groups.html",
            body=body,
            kind=kind_of(state_of(request).site, body.kind),
            section="groups",
            form=form,
            refusal=refusal,
            title=_("Groups and workshops — {body}").format(body=body.name),
            status_code=status,
        )

    @post("/{slug:str}/groups", status_code=303)
    def add_group(
        self, request: AnyRequest, db: DB, slug: FromPath[str], data: FormData
    ) -> Template | Redirect:
        body = _body(request, db, slug)
        site = state_of(request).site
        form = group_form(kind_of(site, body.kind)).bind(data)
        v = form.values
        group, refusal = _save(
            db,
            form,
            lambda: services.add_group(
                db,
                site,
                body,
                name=v["name"],
                kind=v["kind"],
                description=v.get("description") or "",
                open_to_all_members=bool(v.get("open_to_all_members")),
            ),
        )
        if group is None:
            db.refresh(body)
            return self._groups_page(request, body, form, refusal=refusal, status=400)
        return redirect(
            request, f"{_base(body)}/groups", _("The group {name} is added.").format(name=group.name)
        )

    @get("/{slug:str}/groups/{item_id:int}")
    def edit_group_form(
        self, request: AnyRequest, db: DB, slug: FromPath[str], item_id: FromPath[int]
    ) -> Template:
        body = _body(request, db, slug)
        group = _owned(db, Group, item_id, body)
        form = group_form(kind_of(state_of(request).site, body.kind)).bind(
            initial={
                "name": group.name,
                "kind": group.kind,
                "description": group.description,
                "open_to_all_members": group.open_to_all_members,
            }
        )
        return self._edit_page(request, body, group, form)

    @post("/{slug:str}/groups/{item_id:int}", status_code=303)
    def update_group(
        self, request: AnyRequest, db: DB, slug: FromPath[str], item_id: FromPath[int], data: FormData
    ) -> Template | Redirect:
        body = _body(request, db, slug)
        site = state_of(request).site
        group = _owned(db, Group, item_id, body)
        form = group_form(kind_of(site, body.kind)).bind(data)
        v = form.values
        return self._update(
            request,
            db,
            body,
            group,
            form=form,
            action=lambda: services.update_group(
                db,
                site,
                group,
                name=v["name"],
                kind=v["kind"],
                description=v.get("description") or "",
                open_to_all_members=bool(v.get("open_to_all_members")),
            ),
        )

    @post("/{slug:str}/groups/{item_id:int}/delete", status_code=303)
    def delete_group(
        self, request: AnyRequest, db: DB, slug: FromPath[str], item_id: FromPath[int]
    ) -> Redirect:
        body = _body(request, db, slug)
        group = _owned(db, Group, item_id, body)
        delete = lambda: services.delete_group(db, group)  # noqa: E731
        back = f"{_base(body)}/groups"
        return self._delete(request, db, delete, back, code="core.group.delete", target=group, body=slug)

    # -- meetings and attendance -------------------------------------------------------------------

    @get("/{slug:str}/meetings")
    def meetings(self, request: AnyRequest, db: DB, slug: FromPath[str]) -> Template:
        body = _body(request, db, slug)
        kind = kind_of(state_of(request).site, body.kind)
        return self._meetings_page(
            request, db, body, meeting_form(body, kind).bind(initial={"kind": "meeting"})
        )

    def _meetings_page(
        self,
        request: AnyRequest,
        db: Session,
        body: Body,
        form: BoundForm,
        *,
        refusal: BodyError | None = None,
        status: int = 200,
    ) -> Template:
        now = utcnow()
        return page(
            request,
            "bodies/admin/meetings.html",
            body=body,
            kind=kind_of(state_of(request).site, body.kind),
            section="meetings",
            upcoming=services.meetings(db, body, include_private=True, after=now),
            past=services.meetings(db, body, include_private=True, before=now, newest_first=True, limit=100),
            now=now,
            form=form,
            refusal=refusal,
            title=_("Meetings — {body}").format(body=body.name),
            status_code=status,
        )

    def _meeting_values(self, db: Session, body: Body, form: BoundForm) -> dict[str, Any]:
        v = form.values
        group = db.get(Group, int(v["group"])) if v.get("group") else None
        return {
            "title": v.get("title"),
            "kind": v.get("kind"),
            "group": group,
            "starts_at": v.get("starts_at"),
            "ends_at": v.get("ends_at"),
            "place": v.get("place") or "",
            "agenda": v.get("agenda") or "",
            "public": bool(v.get("public")),
        }

    @post("/{slug:str}/meetings", status_code=303)
    def add_meeting(
        self, request: AnyRequest, db: DB, slug: FromPath[str], data: FormData
    ) -> Template | Redirect:
        body = _body(request, db, slug)
        site = state_of(request).site
        form = meeting_form(body, kind_of(site, body.kind)).bind(data)
        meeting, refusal = _save(
            db, form, lambda: services.add_meeting(db, site, body, **self._meeting_values(db, body, form))
        )
        if meeting is None:
            db.refresh(body)
            return self._meetings_page(request, db, body, form, refusal=refusal, status=400)
        return redirect(
            request, f"{_base(body)}/meetings", _("The meeting {title} is added.").format(title=meeting.title)
        )

    @get("/{slug:str}/meetings/{public_id:str}")
    def edit_meeting_form(
        self, request: AnyRequest, db: DB, slug: FromPath[str], public_id: FromPath[str]
    ) -> Template:
        body = _body(request, db, slug)
        meeting = _meeting(db, body, public_id)
        form = meeting_form(body, kind_of(state_of(request).site, body.kind)).bind(
            initial={
                "title": meeting.title,
                "kind": meeting.kind,
                "group": str(meeting.group_id) if meeting.group_id else None,
                "starts_at": meeting.starts_at,
                "ends_at": meeting.ends_at,
                "place": meeting.place,
                "agenda": meeting.agenda,
                "public": meeting.public,
            }
        )
        return self._edit_page(request, body, meeting, form)

    @post("/{slug:str}/meetings/{public_id:str}", status_code=303)
    def update_meeting(
        self, request: AnyRequest, db: DB, slug: FromPath[str], public_id: FromPath[str], data: FormData
    ) -> Template | Redirect:
        body = _body(request, db, slug)
        site = state_of(request).site
        meeting = _meeting(db, body, public_id)
        form = meeting_form(body, kind_of(site, body.kind)).bind(data)
        return self._update(
            request,
            db,
            body,
            meeting,
            form=form,
            action=lambda: services.update_meeting(db, site, meeting, **self._meeting_values(db, body, form)),
        )

    @post("/{slug:str}/meetings/{public_id:str}/delete", status_code=303)
    def delete_meeting(
        self, request: AnyRequest, db: DB, slug: FromPath[str], public_id: FromPath[str]
    ) -> Redirect:
        body = _body(request, db, slug)
        meeting = _meeting(db, body, public_id)
        return self._delete(
            request,
            db,
            lambda: services.delete_meeting(db, meeting),
            f"{_base(body)}/meetings",
            code="core.meeting.delete",
            target=meeting,
            body=slug,
        )

    @get("/{slug:str}/meetings/{public_id:str}/attendance")
    def attendance(
        self, request: AnyRequest, db: DB, slug: FromPath[str], public_id: FromPath[str]
    ) -> Template:
        body = _body(request, db, slug)
        meeting = _meeting(db, body, public_id)
        recorded = {pid: status.value for pid, status in services.attendance_of(db, meeting).items()}
        return self._attendance_page(request, db, body, meeting, recorded)

    def _attendance_page(
        self,
        request: AnyRequest,
        db: Session,
        body: Body,
        meeting: Meeting,
        chosen: dict[int, str],
        *,
        errors: dict[int, str] | None = None,
        refusal: BodyError | None = None,
        status: int = 200,
    ) -> Template:
        attendees = services.expected_attendees(db, meeting)
        listed = {m.person_id for m in attendees}
        others = [db.get(Person, pid) for pid in services.attendance_of(db, meeting) if pid not in listed]
        return page(
            request,
            "bodies/admin/attendance.html",
            body=body,
            section="meetings",
            meeting=meeting,
            attendees=attendees,
            others=[p for p in others if p is not None],
            chosen=chosen,
            errors=errors or {},
            statuses=[(s.value, _(label)) for s, label in ATTENDANCE_LABELS.items()],
            refusal=refusal,
            title=_("Attendance — {title}").format(title=meeting.title),
            status_code=status,
        )

    @post("/{slug:str}/meetings/{public_id:str}/attendance", status_code=303)
    def save_attendance(
        self, request: AnyRequest, db: DB, slug: FromPath[str], public_id: FromPath[str], data: FormData
    ) -> Template | Redirect:
        body = _body(request, db, slug)
        meeting = _meeting(db, body, public_id)
        attendees = services.expected_attendees(db, meeting)
        people = {m.person.public_id: m.person_id for m in attendees}
        for pid in services.attendance_of(db, meeting):
            if pid not in people.values():
                person = db.get(Person, pid)
                if person is not None:
                    people[person.public_id] = pid
        valid = {s.value for s in AttendanceStatus}
        statuses: dict[int, str | None] = {}
        chosen: dict[int, str] = {}
        errors: dict[int, str] = {}
        for key, raw in data.items():
            if not key.startswith("status-"):
                continue
            value = (raw[-1] if isinstance(raw, list) else str(raw or "")).strip()
            person_id = people.get(key.removeprefix("status-"))
            if person_id is None:
                continue  # someone no longer expected (an old page): ignore rather than fail
            if value and value not in valid:
                errors[person_id] = _("Choose among the options shown.")
            statuses[person_id] = value or None
            if value:
                chosen[person_id] = value
        refusal = None
        if not errors:
            try:
                services.record_attendance(db, meeting, statuses)
                db.commit()
            except BodyError as error:
                db.rollback()
                refusal = error
            else:
                return redirect(
                    request,
                    f"{_base(body)}/meetings/{meeting.public_id}/attendance",
                    _("The attendance is saved."),
                )
        return self._attendance_page(
            request, db, body, meeting, chosen, errors=errors, refusal=refusal, status=400
        )
