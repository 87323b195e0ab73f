"""Pages of personal data: the privacy page, "Download my data" and "Delete my account"."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from litestar import Controller, Response, get, post
from litestar.response import Redirect, Template

from parvis import privacy, ratelimit
from parvis.auth import verify_password
from parvis.exports import json_response
from parvis.formatting import format_date, format_datetime, format_number
from parvis.i18n import _, lazy_gettext
from parvis.identity import Account
from parvis.permissions import ADMIN, OFFICIAL
from parvis.refusals import Refused
from parvis.sign_in import code_limits
from parvis.web.addresses import client_address
from parvis.web.context import state_of
from parvis.web.forms import Field, Form
from parvis.web.guards import public, signed_in
from parvis.web.render import page, redirect
from parvis.web.sign_in import clear_sign_in_cookies
from parvis.web.types import DB, AnyRequest, FormData, FromQuery
from parvis.web.unit_of_work import on_refusal

DELETE = Form(
    Field(
        "password",
        lazy_gettext("Your password"),
        kind="password",
        max_length=200,
        autocomplete="current-password",
        help=lazy_gettext("To be sure it is you who asks."),
    ),
)


def _signed_in_account(request: AnyRequest) -> Account:
    account = state_of(request).actor.account
    assert account is not None  # the signed_in guard
    return account


class PrivacyController(Controller):
    path = "/"

    @get("/privacy", guards=[public], name="privacy")
    def privacy_page(self, request: AnyRequest) -> Template:
        """What personal data the site holds, why, on which legal basis, how long, who receives it."""
        site = state_of(request).site
        return page(
            request,
            "privacy/policy.html",
            services=privacy.services(site),
            contact=site.config.site.contact_email,
            title=_("Personal data"),
        )

    @get("/account/data", guards=[signed_in], name="my-data")
    def my_data(self, request: AnyRequest, db: DB) -> Template:
        """Everything the site holds about the signed-in person, as a readable page."""
        site = state_of(request).site
        account = _signed_in_account(request)
        found = privacy.export(db, site, account)
        return page(request, "privacy/data.html", export=found, cell=cell, title=_("My data"))

    @get("/account/data.json", guards=[signed_in], name="my-data-json")
    def my_data_json(self, request: AnyRequest, db: DB) -> Response[bytes]:
        """The same as a JSON file, to keep or to take elsewhere."""
        site = state_of(request).site
        found = privacy.export(db, site, _signed_in_account(request))
        return json_response(found.to_json(), found.filename(site.today()))

    @get("/account/delete", guards=[signed_in], name="delete-account")
    def delete_form(self, request: AnyRequest, db: DB) -> Template:
        """What deleting the account erases and keeps, and the password to confirm."""
        return self._confirmation(request, db, DELETE.bind())

    def _confirmation(self, request: AnyRequest, db: DB, form: Any) -> Template:
        site = state_of(request).site
        account = _signed_in_account(request)
        return page(
            request,
            "privacy/delete.html",
            form=form,
            export=privacy.export(db, site, account),
            kept=privacy.kept_on_erasure(db, site, account),
            staff=_staff(request),
            title=_("Delete my account"),
        )

    @post("/account/delete", guards=[signed_in], status_code=303)
    def delete_account(self, request: AnyRequest, db: DB, data: FormData) -> Redirect:
        """Erase the person across core and every plugin, end every session and sign out."""
        state = state_of(request)
        site = state.site
        account = _signed_in_account(request)
        form = DELETE.bind(data)
        context: dict[str, Any] = {
            "export": privacy.export(db, site, account),
            "kept": privacy.kept_on_erasure(db, site, account),
            "staff": _staff(request),
            "title": _("Delete my account"),
        }
        on_refusal(request, "privacy/delete.html", form=form, **context)
        values = form.require_valid()
        if _staff(request):
            raise Refused(
                _(
                    "Your account holds the roles of an official or an administrator: ask an "
                    "administrator to remove them first."
                ),
                status_code=403,
            )
        # A password typed here is guessed no faster than at sign-in: counted like a code.
        ratelimit.count_attempt(site, code_limits(site, account, client_address(request)).counted)
        if not verify_password(account, values["password"], site):
            raise Refused(_("This is not your password."), field="password", status_code=400)
        erasure = privacy.erase(db, site, account)
        state.forget_actor()
        response = redirect(request, "/account/deleted", reference=erasure.reference)
        clear_sign_in_cookies(response, request)
        return response

    @get("/account/deleted", guards=[public], name="account-deleted")
    def deleted(self, request: AnyRequest, reference: FromQuery[str | None] = None) -> Template:
        """The page after deletion: done, with the erasure's reference."""
        cleaned = "".join(c for c in (reference or "") if c.isalnum() or c == "-")[:20]
        return page(request, "privacy/deleted.html", reference=cleaned, title=_("Your account is deleted"))


def cell(value: Any) -> str:
    """A value of a person's data, as the HTML page shows it (the JSON file keeps it raw)."""
    if value is None or value in ("", []):
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, datetime):
        return format_datetime(value)
    if isinstance(value, date):
        return format_date(value, "medium")
    if isinstance(value, int | float):
        return format_number(value)
    if isinstance(value, list | tuple):
        return ", ".join(cell(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{key}: {cell(v)}" for key, v in value.items())
    return str(value)


def _staff(request: AnyRequest) -> bool:
    actor = state_of(request).actor
    return ADMIN in actor.roles or OFFICIAL in actor.roles
