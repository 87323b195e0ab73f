"""E-mail address pages: the account's address (confirmed or not, sending the link again,
changing it) and the page a confirmation link opens."""

from __future__ import annotations

from typing import Any

from litestar import Controller, get, post
from litestar.response import Redirect, Template

from parvis.accounts import tokens, verification
from parvis.auth import verify_password
from parvis.i18n import _, lazy_gettext
from parvis.identity import Account
from parvis.web.context import state_of
from parvis.web.forms import BoundForm, Field, Form
from parvis.web.guards import public, signed_in
from parvis.web.render import page, redirect
from parvis.web.types import DB, FormData, FromPath
from parvis.web.types import AnyRequest as Req
from parvis.web.unit_of_work import on_refusal

CHANGE = Form(
    Field("email", lazy_gettext("New e-mail address"), kind="email", max_length=254, autocomplete="email"),
    Field(
        "current_password",
        lazy_gettext("Current password"),
        kind="password",
        autocomplete="current-password",
        help=lazy_gettext("To make sure it is you."),
    ),
)


def _account(request: Req, db: DB) -> Account:
    account = db.get(Account, state_of(request).actor.account.id)  # type: ignore[union-attr]
    assert account is not None
    return account


def _email_context(request: Req, db: DB, form: BoundForm | None = None) -> dict[str, Any]:
    state = state_of(request)
    account = _account(request, db)
    return {
        "account": account,
        "pending": verification.pending_change(db, state.site, account),
        "form": form or CHANGE.bind(),
        "title": _("My e-mail address"),
    }


class VerificationController(Controller):
    path = "/"

    @get("/account/email", guards=[signed_in], name="account-email")
    def email_page(self, request: Req, db: DB) -> Template:
        return page(request, "auth/email.html", **_email_context(request, db))

    @post("/account/email/resend", guards=[signed_in], status_code=303)
    def resend(self, request: Req, db: DB) -> Redirect:
        state = state_of(request)
        on_refusal(request, "auth/email.html", **_email_context(request, db))
        account = _account(request, db)
        verification.send_link_again(db, state.site, account)
        return redirect(
            request, "/account/email", _("We sent a new link to {email}.").format(email=account.email)
        )

    @post("/account/email", guards=[signed_in], status_code=303)
    def change(self, request: Req, db: DB, data: FormData) -> Redirect:
        state = state_of(request)
        form = CHANGE.bind(data)
        context = _email_context(request, db, form)
        on_refusal(request, "auth/email.html", **context)
        account = context["account"]
        current = form.values.get("current_password")
        if current and not verify_password(account, current):
            form.add_error("current_password", _("This is not your current password."))
        values = form.require_valid()
        verification.request_change(db, state.site, account, values["email"])
        return redirect(
            request,
            "/account/email",
            _("We sent a link to {email}. Your address changes when you open it.").format(
                email=values["email"]
            ),
        )

    @get("/verify/{token:str}", guards=[public], name="verify-address")
    def confirm_page(self, request: Req, db: DB, token: FromPath[str]) -> Template:
        state = state_of(request)
        found = tokens.peek(db, state.site, token, tokens.Purpose.VERIFY, tokens.Purpose.EMAIL_CHANGE)
        account = db.get(Account, found.account_id) if found is not None else None
        if found is None or account is None:
            return page(
                request,
                "auth/link_invalid.html",
                text=tokens.invalid_link_message(),
                title=_("This link no longer works"),
                status_code=400,
            )
        return page(
            request,
            "auth/verify.html",
            address=found.new_email or account.email,
            change=found.purpose == tokens.Purpose.EMAIL_CHANGE,
            token=token,
            title=_("Confirm your e-mail address"),
        )

    @post("/verify/{token:str}", guards=[public], status_code=303)
    def confirm(self, request: Req, db: DB, token: FromPath[str]) -> Redirect:
        state = state_of(request)
        on_refusal(
            request,
            "auth/link_invalid.html",
            text=tokens.invalid_link_message(),
            title=_("This link no longer works"),
        )
        account = verification.confirm(db, state.site, token)
        if state.actor.account is not None and state.actor.account.id == account.id:
            return redirect(request, "/account/email", _("Your e-mail address is confirmed. Thank you!"))
        return redirect(request, "/login", _("Your e-mail address is confirmed. Sign in to continue."))


__all__ = ["VerificationController"]
