"""Account administration in the back office: find accounts, see one, change its roles, disable it.

Administrators only (``core.manage_accounts``, ``core.manage_roles``): an account's page shows its
sign-in addresses and every power it holds. Officials looking for a person to seat in a body
search people from the body's members form instead. Every change is written to the audit log with
the account as its object.
"""

from __future__ import annotations

from typing import Any

from litestar import Controller, get, post
from litestar.exceptions import NotFoundException
from litestar.response import Redirect, Template
from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis import administration as admin
from parvis import audit
from parvis.accounts import manage
from parvis.auth import last_sign_ins
from parvis.bodies.models import Body, Membership
from parvis.i18n import _, lazy_gettext, lazy_word
from parvis.identity import Account, RoleGrant
from parvis.permissions import MEMBER
from parvis.refusals import Invalid, Refused
from parvis.web.addresses import client_address
from parvis.web.context import state_of
from parvis.web.forms import Field, Form
from parvis.web.guards import can, check
from parvis.web.listing import filter_query, paginate
from parvis.web.render import page as render_page
from parvis.web.render import redirect
from parvis.web.types import DB, AnyRequest, FormData, FromPath, FromQuery
from parvis.web.unit_of_work import on_refusal

MANAGE_ACCOUNTS, MANAGE_ROLES = "core.manage_accounts", "core.manage_roles"


def filters_form(site: Any) -> Form:
    return Form(
        Field("q", lazy_gettext("Name or e-mail address"), required=False, max_length=100),
        Field(
            "district",
            lazy_word("district", "Name"),
            kind="select",
            required=False,
            choices=[(d.code, d.name) for d in site.config.districts],
        ),
        Field(
            "role",
            lazy_gettext("Site role"),
            kind="select",
            required=False,
            choices=lambda: [(code, admin.site_role_label(code)) for code in admin.SITE_ROLES],
        ),
        Field(
            "status",
            lazy_gettext("Status"),
            kind="select",
            required=False,
            choices=lambda: [("active", _("Active")), ("disabled", _("Disabled"))],
        ),
    )


def body_role_form(db: Session) -> Form:
    return Form(
        Field("body", lazy_gettext("Body"), kind="select", choices=admin.body_choices(db)),
        Field(
            "role",
            lazy_gettext("Role in this body"),
            kind="select",
            choices=lambda: [(code, admin.body_role_label(code)) for code in admin.BODY_ROLES],
            help=lazy_gettext(
                "A member sits in the body's running term; a facilitator runs its meetings and sees its "
                "members; a body official manages the body in the back office."
            ),
        ),
    )


def district_role_form(site: Any) -> Form:
    """A district-scoped role (a district's officials or moderators) in one or more districts."""
    return Form(
        Field(
            "role",
            lazy_gettext("Role"),
            kind="select",
            choices=lambda: [(code, admin.site_role_label(code)) for code in admin.DISTRICT_ROLES],
        ),
        Field(
            "districts",
            lazy_gettext("In these {site.district:pl}"),
            kind="checkboxes",
            choices=[(d.code, d.name) for d in site.config.districts],
        ),
    )


def _account(db: Session, public_id: str) -> Account:
    account = db.scalar(select(Account).where(Account.public_id == public_id[:24]))
    if account is None:
        raise NotFoundException()
    return account


def _body(db: Session, slug: Any) -> Body:
    body = db.scalar(select(Body).where(Body.slug == str(slug or "")[:80]))
    if body is None:
        raise Invalid(_("Choose among the options shown."), "body")
    return body


def _district_names(site: Any, codes: list[str]) -> str:
    names = {d.code: d.name for d in site.config.districts}
    return ", ".join(names.get(code, code) for code in codes)


def _role_of(change: RoleGrant | Membership | None, role: str = "") -> dict[str, Any]:
    """The role an audit entry names, and the term for a membership."""
    if isinstance(change, Membership):
        return {"role": MEMBER, "term": change.term.label}
    return {"role": change.role if change is not None else role}


class AccountsAdminController(Controller):
    path = "/admin/accounts"
    guards = [can(MANAGE_ACCOUNTS)]

    @get("/", name="admin-accounts")
    def index(self, request: AnyRequest, db: DB, page: FromQuery[int] = 1) -> Template:
        """Accounts found by name, e-mail address, district, site role and status."""
        site = state_of(request).site
        filters = filters_form(site).bind(request.query_params)
        values = filters.values
        query = admin.search_query(
            admin.Filters(
                text=values.get("q") or "",
                district=values.get("district") or "",
                role=values.get("role") or "",
                status=values.get("status") or "",
            )
        )
        return render_page(
            request,
            "admin/accounts/index.html",
            filters=filters,
            listing=paginate(db, query, page),
            query=filter_query(filters),
            districts={d.code: d.name for d in site.config.districts},
            site_role_label=admin.site_role_label,
            title=_("Accounts and roles"),
        )

    @get("/{public_id:str}", name="admin-account")
    def show(self, request: AnyRequest, db: DB, public_id: FromPath[str]) -> Template:
        account = _account(db, public_id)
        return render_page(request, "admin/accounts/account.html", **self._context(request, db, account))

    def _context(self, request: AnyRequest, db: Session, account: Account, **extra: Any) -> dict[str, Any]:
        site = state_of(request).site
        return {
            "account": account,
            "person": account.person,
            "site_roles": admin.site_roles(db, account),
            "district_roles": admin.district_roles(db, account),
            "site_role_labels": {code: admin.site_role_label(code) for code in admin.SITE_ROLES},
            "body_roles": admin.body_roles(db, site, account),
            "body_form": extra.pop("body_form", None) or body_role_form(db).bind(),
            "district_form": extra.pop("district_form", None) or district_role_form(site).bind(),
            "district_names": {d.code: d.name for d in site.config.districts},
            "sign_ins": last_sign_ins(db, account),
            "district": site.config.district(account.person.district)
            if account.person and account.person.district
            else None,
            "title": account.display_name,
            **extra,
        }

    def _refusing(self, request: AnyRequest, db: Session, account: Account, **extra: Any) -> None:
        """On a refusal, the account's page comes back with the reason."""
        on_refusal(request, "admin/accounts/account.html", **self._context(request, db, account, **extra))

    @post("/{public_id:str}/roles", status_code=303)
    def grant_site_role(
        self, request: AnyRequest, db: DB, public_id: FromPath[str], data: FormData
    ) -> Redirect:
        state = state_of(request)
        check(state, MANAGE_ROLES)
        account = _account(db, public_id)
        self._refusing(request, db, account)
        role = str(data.get("role") or "")
        admin.grant_site_role(db, account, role, by=state.actor.account)
        audit.record_request(request, "core.role.grant", target=account, role=role)
        message = _("{name} is now {role}.").format(
            name=account.display_name, role=admin.site_role_label(role)
        )
        return redirect(request, f"/admin/accounts/{account.public_id}", message)

    @post("/{public_id:str}/roles/revoke", status_code=303)
    def revoke_site_role(
        self, request: AnyRequest, db: DB, public_id: FromPath[str], data: FormData
    ) -> Redirect:
        check(state_of(request), MANAGE_ROLES)
        account = _account(db, public_id)
        self._refusing(request, db, account)
        role = str(data.get("role") or "")
        admin.revoke_site_role(db, account, role)
        audit.record_request(request, "core.role.revoke", target=account, role=role)
        message = _("{name} is no longer {role}.").format(
            name=account.display_name, role=admin.site_role_label(role)
        )
        return redirect(request, f"/admin/accounts/{account.public_id}", message)

    @post("/{public_id:str}/district-roles", status_code=303)
    def grant_district_role(
        self, request: AnyRequest, db: DB, public_id: FromPath[str], data: FormData
    ) -> Redirect:
        """A role in some districts only, through the service ``parvis users grant --district``
        uses (its audit entry names who, the role and the districts added)."""
        state = state_of(request)
        check(state, MANAGE_ROLES)
        account = _account(db, public_id)
        form = district_role_form(state.site).bind(data)
        self._refusing(request, db, account, district_form=form)
        values = form.require_valid()
        role, districts = values["role"], list(values["districts"] or [])
        added = manage.grant_in_districts(
            db, state.site, account, role, districts, actor=state.actor, address=client_address(request)
        )
        names = _district_names(state.site, added or districts)
        message = (
            _("{name} is now {role} in: {districts}.")
            if added
            else _("{name} already had the role {role} in: {districts}.")
        ).format(name=account.display_name, role=admin.site_role_label(role), districts=names)
        return redirect(request, f"/admin/accounts/{account.public_id}", message)

    @post("/{public_id:str}/district-roles/revoke", status_code=303)
    def revoke_district_role(
        self, request: AnyRequest, db: DB, public_id: FromPath[str], data: FormData
    ) -> Redirect:
        state = state_of(request)
        check(state, MANAGE_ROLES)
        account = _account(db, public_id)
        form = district_role_form(state.site).bind(data)
        self._refusing(request, db, account)
        values = form.require_valid()
        role, districts = values["role"], list(values["districts"] or [])
        removed = manage.revoke_in_districts(
            db, state.site, account, role, districts, actor=state.actor, address=client_address(request)
        )
        if not removed:
            raise Refused(_("{name} does not have this role.").format(name=account.display_name))
        message = _("{name} is no longer {role} in: {districts}.").format(
            name=account.display_name,
            role=admin.site_role_label(role),
            districts=_district_names(state.site, removed),
        )
        return redirect(request, f"/admin/accounts/{account.public_id}", message)

    @post("/{public_id:str}/body-roles", status_code=303)
    def grant_body_role(
        self, request: AnyRequest, db: DB, public_id: FromPath[str], data: FormData
    ) -> Redirect:
        state = state_of(request)
        account = _account(db, public_id)
        form = body_role_form(db).bind(data)
        self._refusing(request, db, account, body_form=form)
        values = form.require_valid()
        body = _body(db, values["body"])
        check(state, MANAGE_ROLES, body)
        granted = admin.grant_body_role(db, state.site, account, body, values["role"], by=state.actor.account)
        audit.record_request(request, "core.role.grant", target=account, body=body.slug, **_role_of(granted))
        message = _("{name} is now {role} of {body}.").format(
            name=account.display_name, role=admin.body_role_label(values["role"]), body=body.name
        )
        return redirect(request, f"/admin/accounts/{account.public_id}", message)

    @post("/{public_id:str}/body-roles/revoke", status_code=303)
    def revoke_body_role(
        self, request: AnyRequest, db: DB, public_id: FromPath[str], data: FormData
    ) -> Redirect:
        state = state_of(request)
        account = _account(db, public_id)
        self._refusing(request, db, account)
        body = _body(db, data.get("body"))
        check(state, MANAGE_ROLES, body)
        role = str(data.get("role") or "")
        ended = admin.revoke_body_role(db, state.site, account, body, role)
        audit.record_request(
            request, "core.role.revoke", target=account, body=body.slug, **_role_of(ended, role)
        )
        message = _("{name} is no longer {role} of {body}.").format(
            name=account.display_name, role=admin.body_role_label(role), body=body.name
        )
        return redirect(request, f"/admin/accounts/{account.public_id}", message)

    @post("/{public_id:str}/disable", status_code=303)
    def disable(self, request: AnyRequest, db: DB, public_id: FromPath[str]) -> Redirect:
        account = _account(db, public_id)
        self._refusing(request, db, account)
        sessions = admin.disable_account(db, account)
        audit.record_request(request, "core.account.disable", target=account, sessions_ended=sessions)
        message = _("{name} can no longer sign in; their sessions have ended.").format(
            name=account.display_name
        )
        return redirect(request, f"/admin/accounts/{account.public_id}", message)

    @post("/{public_id:str}/enable", status_code=303)
    def enable(self, request: AnyRequest, db: DB, public_id: FromPath[str]) -> Redirect:
        account = _account(db, public_id)
        self._refusing(request, db, account)
        admin.enable_account(db, account)
        audit.record_request(request, "core.account.enable", target=account)
        message = _("{name} can sign in again.").format(name=account.display_name)
        return redirect(request, f"/admin/accounts/{account.public_id}", message)
