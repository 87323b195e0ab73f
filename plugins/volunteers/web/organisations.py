"""Organisation pages: the public page with its missions, its members' back office, the
officials' form to create one and its administrators' form to edit it."""

from __future__ import annotations

import re
from typing import Any

from litestar import Controller, get, post
from litestar.response import Redirect, Template
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from parvis.api import (
    DB,
    Account,
    FormData,
    FromPath,
    FromQuery,
    Invalid,
    _,
    allowed,
    audit,
    can,
    check,
    flash,
    normalise_email,
    on_refusal,
    page_number,
    public,
    redirect,
    signed_in,
    state_of,
)
from parvis.api import AnyRequest as Req
from parvis.api.moderation import hidden_keys, visible
from parvis.plugins.volunteers.content import MISSION
from parvis.plugins.volunteers.models import Mission, Organisation, OrgKind, OrgMember, OrgRole
from parvis.plugins.volunteers.permissions import MANAGE_MISSION, MANAGE_ORG, MODERATE
from parvis.plugins.volunteers.search import MissionFilters, search_missions
from parvis.plugins.volunteers.web.common import cards, organisation_or_404, render
from parvis.plugins.volunteers.web.forms import member_form, organisation_form

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class OrganisationController(Controller):
    path = "/volunteers/organisations"
    include_in_schema = False  # pages, not API: the OpenAPI schema documents /api only

    @get("/", guards=[public], name="volunteers-organisations")
    def index(self, request: Req, db: DB) -> Template:
        rows = db.execute(
            select(Organisation, func.count(Mission.id))
            .outerjoin(
                Mission,
                (Mission.organisation_id == Organisation.id)
                & (Mission.status == "published")
                & visible(MISSION, Mission.public_id),
            )
            .where(Organisation.active.is_(True))
            .group_by(Organisation.id)
            .order_by(Organisation.kind.desc(), Organisation.name)
        ).all()
        return render(
            request,
            "volunteers/organisations.html",
            rows=rows,
            can_create=allowed(state_of(request), MODERATE),
            title=_("Organisations"),
        )

    @get("/new", guards=[can(MODERATE)], name="volunteers-organisation-new")
    def new(self, request: Req) -> Template:
        form = organisation_form().bind(initial={"kind": "association"})
        return self._form_page(request, form, None)

    def _form_page(
        self, request: Req, form: Any, organisation: Organisation | None, status_code: int = 200
    ) -> Template:
        return render(
            request,
            "volunteers/organisation_form.html",
            form=form,
            organisation=organisation,
            title=_("New organisation")
            if organisation is None
            else _("Edit {organisation}").format(organisation=organisation.name),
            status_code=status_code,
        )

    @post("/new", guards=[can(MODERATE)], status_code=303)
    def create(self, request: Req, db: DB, data: FormData) -> Template | Redirect:
        form = organisation_form().bind(data)
        values = form.values
        _check_website(form)
        if values.get("slug") and not SLUG.match(values["slug"]):
            form.add_error("slug", _("Use lower-case letters, digits and hyphens only."))
        elif values.get("slug") and db.scalar(
            select(Organisation.id).where(Organisation.slug == values["slug"])
        ):
            form.add_error("slug", _("Another organisation already uses this address."))
        admin = None
        if values.get("admin_email"):
            admin = db.scalar(select(Account).where(Account.email == normalise_email(values["admin_email"])))
            if admin is None:
                form.add_error("admin_email", _("No account uses this address."))
        on_refusal(request, lambda _shown: self._form_page(request, form, None), form=form, status_code=400)
        form.require_valid()
        organisation = Organisation(slug=values["slug"])
        _apply_details(organisation, values)
        if admin is not None:
            organisation.members.append(OrgMember(account_id=admin.id, role=OrgRole.ADMIN))
        db.add(organisation)
        try:
            db.flush()
        except IntegrityError:  # the address was taken at the same moment by another request
            raise Invalid(_("Another organisation already uses this address."), "slug") from None
        return redirect(
            request,
            f"/volunteers/organisations/{organisation.slug}/manage",
            _("The organisation is created."),
        )

    @get("/{slug:str}", guards=[public], name="volunteers-organisation")
    def detail(self, request: Req, db: DB, slug: FromPath[str], page: FromQuery[int] = 1) -> Template:
        organisation = organisation_or_404(db, slug)
        filters = MissionFilters(organisation_id=organisation.id, page=page_number(page))
        results = search_missions(db, filters, 24)
        state = state_of(request)
        return render(
            request,
            "volunteers/organisation.html",
            organisation=organisation,
            results=results,
            cards=cards(request, results.rows),
            can_manage=allowed(state, MANAGE_MISSION, organisation),
            title=organisation.name,
        )

    @get("/{slug:str}/edit", guards=[signed_in], name="volunteers-organisation-edit")
    def edit(self, request: Req, db: DB, slug: FromPath[str]) -> Template:
        organisation = organisation_or_404(db, slug)
        state = state_of(request)
        check(state, MANAGE_ORG, organisation)
        initial = {key: getattr(organisation, key) for key in DETAILS} | {"kind": organisation.kind.value}
        form = organisation_form(creating=False, with_kind=allowed(state, MODERATE)).bind(initial=initial)
        return self._form_page(request, form, organisation)

    @post("/{slug:str}/edit", guards=[signed_in], status_code=303)
    def update(self, request: Req, db: DB, slug: FromPath[str], data: FormData) -> Template | Redirect:
        organisation = organisation_or_404(db, slug)
        state = state_of(request)
        check(state, MANAGE_ORG, organisation)
        form = organisation_form(creating=False, with_kind=allowed(state, MODERATE)).bind(data)
        _check_website(form)
        if not form.valid:
            return self._form_page(request, form, organisation, 400)
        _apply_details(organisation, form.values)
        return redirect(
            request, f"/volunteers/organisations/{slug}/manage", _("The organisation's page is updated.")
        )

    @get("/{slug:str}/manage", guards=[signed_in], name="volunteers-organisation-manage")
    def manage(self, request: Req, db: DB, slug: FromPath[str]) -> Template:
        organisation = organisation_or_404(db, slug)
        state = state_of(request)
        check(state, MANAGE_MISSION, organisation)
        return self._manage_page(request, db, organisation, member_form().bind(initial={"role": "member"}))

    def _manage_page(
        self, request: Req, db: DB, organisation: Organisation, form: Any, status_code: int = 200
    ) -> Template:
        state = state_of(request)
        missions = db.scalars(
            select(Mission)
            .where(Mission.organisation_id == organisation.id)
            .order_by(Mission.status, Mission.starts_at.desc())
            .limit(500)
        ).all()
        members = db.execute(
            select(OrgMember, Account)
            .join(Account, Account.id == OrgMember.account_id)
            .where(OrgMember.organisation_id == organisation.id)
            .order_by(Account.display_name)
        ).all()
        return render(
            request,
            "volunteers/manage.html",
            organisation=organisation,
            missions=missions,
            hidden=hidden_keys(db, MISSION, [m.public_id for m in missions]),
            members=members,
            form=form,
            can_manage_members=allowed(state, MANAGE_ORG, organisation),
            title=_("Manage {organisation}").format(organisation=organisation.name),
            status_code=status_code,
        )

    @post("/{slug:str}/members", guards=[signed_in], status_code=303)
    def add_member(self, request: Req, db: DB, slug: FromPath[str], data: FormData) -> Template | Redirect:
        organisation = organisation_or_404(db, slug)
        check(state_of(request), MANAGE_ORG, organisation)
        form = member_form().bind(data)
        account = None
        if form.valid:
            account = db.scalar(select(Account).where(Account.email == normalise_email(form.values["email"])))
            if account is None:
                form.add_error(
                    "email", _("No account uses this address. Ask the person to create one first.")
                )
            elif db.scalar(
                select(OrgMember.id).where(
                    OrgMember.organisation_id == organisation.id, OrgMember.account_id == account.id
                )
            ):
                form.add_error("email", _("This person is already a member."))
        if not form.valid or account is None:
            return self._manage_page(request, db, organisation, form, status_code=400)
        db.add(
            OrgMember(
                organisation_id=organisation.id, account_id=account.id, role=OrgRole(form.values["role"])
            )
        )
        audit.record_request(request, "volunteers.organisation_member.add", target=account, organisation=slug)
        return redirect(request, f"/volunteers/organisations/{slug}/manage", _("The member is added."))

    @post("/{slug:str}/members/{member_id:int}/remove", guards=[signed_in], status_code=303)
    def remove_member(self, request: Req, db: DB, slug: FromPath[str], member_id: FromPath[int]) -> Redirect:
        organisation = organisation_or_404(db, slug)
        check(state_of(request), MANAGE_ORG, organisation)
        member = db.get(OrgMember, member_id)
        if member is None or member.organisation_id != organisation.id:
            response = redirect(request, f"/volunteers/organisations/{slug}/manage")
            flash(response, _("This member does not exist."), "error")
            return response
        audit.record_request(
            request, "volunteers.organisation_member.delete", target=member.account, organisation=slug
        )
        db.delete(member)
        return redirect(request, f"/volunteers/organisations/{slug}/manage", _("The member is removed."))


DETAILS = ("name", "description", "website", "email")


def _apply_details(organisation: Organisation, values: dict[str, Any]) -> None:
    """What both forms set; the kind only when the form offers it (to City officials)."""
    for key in DETAILS:
        setattr(organisation, key, values.get(key) or "")
    if "kind" in values:
        organisation.kind = OrgKind(values["kind"])


def _check_website(form: Any) -> None:
    website = form.values.get("website") or ""
    if website and not website.startswith(("https://", "http://")):
        form.add_error("website", _("Enter a web address starting with https://."))
