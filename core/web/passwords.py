"""Password pages: "Forgot your password?", the link's page to choose a new one, and changing it
when signed in (the current password is asked; every other session ends)."""

from __future__ import annotations

from typing import Any

from litestar import Controller, get, post
from litestar.response import Redirect, Template

from parvis import mail
from parvis.accounts import passwords, reset
from parvis.accounts.tokens import invalid_link_message
from parvis.auth import verify_password
from parvis.i18n import _, lazy_gettext
from parvis.identity import Account
from parvis.site import Site
from parvis.web.addresses import client_address
from parvis.web.context import state_of
from parvis.web.forms import BoundForm, Field, Form
from parvis.web.guards import public, signed_in
from parvis.web.render import page, redirect
from parvis.web.types import DB, FormData, FromPath
from parvis.web.types import AnyRequest as Req
from parvis.web.unit_of_work import on_refusal

FORGOT = Form(Field("email", lazy_gettext("E-mail address"), kind="email", autocomplete="email"))


def new_password_fields(site: Site, label: Any = None) -> list[Field]:
    """A new password typed twice, with the site's minimum length in the hint."""
    return [
        Field(
            "password",
            label or lazy_gettext("New password"),
            kind="password",
            max_length=passwords.MAX_LENGTH,
            autocomplete="new-password",
            help=passwords.password_help(site),
        ),
        Field("password_again", lazy_gettext("Password again"), kind="password", autocomplete="new-password"),
    ]


def check_new_password(site: Site, form: BoundForm, email: str) -> dict[str, Any]:
    """The form's values once both passwords match and the site accepts the password."""
    values = form.values
    if (
        values.get("password")
        and values.get("password_again")
        and values["password"] != values["password_again"]
    ):
        form.add_error("password_again", _("The two passwords are different."))
    if values.get("password") and "password" not in form.errors:
        reason = passwords.problem(site, values["password"], email)
        if reason is not None:
            form.add_error("password", reason)
    return form.require_valid()


def _reset_form(site: Site) -> Form:
    return Form(*new_password_fields(site))


def _change_form(site: Site) -> Form:
    return Form(
        Field(
            "current_password",
            lazy_gettext("Current password"),
            kind="password",
            max_length=passwords.MAX_LENGTH,
            autocomplete="current-password",
        ),
        *new_password_fields(site),
    )


class PasswordController(Controller):
    path = "/"

    @get("/password/forgot", guards=[public], name="password-forgot")
    def forgot_form(self, request: Req) -> Template:
        return page(request, "auth/forgot.html", form=FORGOT.bind(), title=_("Forgot your password?"))

    @post("/password/forgot", guards=[public], status_code=303)
    def forgot(self, request: Req, db: DB, data: FormData) -> Redirect:
        state = state_of(request)
        form = FORGOT.bind(data)
        on_refusal(request, "auth/forgot.html", form=form, title=_("Forgot your password?"))
        values = form.require_valid()
        reset.request_reset(
            db, state.site, values["email"], address=client_address(request), locale=state.locale
        )
        return redirect(request, "/password/forgot/sent")

    @get("/password/forgot/sent", guards=[public], name="password-forgot-sent")
    def forgot_sent(self, request: Req) -> Template:
        minutes = state_of(request).site.config.accounts.reset_link_minutes
        return page(request, "auth/forgot_sent.html", minutes=minutes, title=_("Check your inbox"))

    @get("/password/reset/{token:str}", guards=[public], name="password-reset")
    def reset_form(self, request: Req, db: DB, token: FromPath[str]) -> Template:
        state = state_of(request)
        account = reset.link_account(db, state.site, token)
        if account is None:
            return _link_invalid(request)
        return page(
            request,
            "auth/reset.html",
            form=_reset_form(state.site).bind(),
            account=account,
            token=token,
            title=_("Choose a new password"),
        )

    @post("/password/reset/{token:str}", guards=[public], status_code=303)
    def reset(self, request: Req, db: DB, token: FromPath[str], data: FormData) -> Template | Redirect:
        state = state_of(request)
        account = reset.link_account(db, state.site, token)
        if account is None:
            return _link_invalid(request)
        form = _reset_form(state.site).bind(data)
        on_refusal(
            request,
            "auth/reset.html",
            form=form,
            account=account,
            token=token,
            title=_("Choose a new password"),
        )
        values = check_new_password(state.site, form, account.email)
        reset.reset_password(db, state.site, token, values["password"], locale=state.locale)
        return redirect(request, "/login", _("Your password is changed. Sign in with it."))

    @get("/account/password", guards=[signed_in], name="account-password")
    def change_form(self, request: Req) -> Template:
        site = state_of(request).site
        return page(request, "auth/password.html", form=_change_form(site).bind(), title=_("My password"))

    @post("/account/password", guards=[signed_in], status_code=303)
    def change(self, request: Req, db: DB, data: FormData) -> Redirect:
        state = state_of(request)
        account = db.get(Account, state.actor.account.id)  # type: ignore[union-attr]
        assert account is not None
        form = _change_form(state.site).bind(data)
        on_refusal(request, "auth/password.html", form=form, title=_("My password"))
        current = form.values.get("current_password")
        if current and not verify_password(account, current):
            form.add_error("current_password", _("This is not your current password."))
        values = check_new_password(state.site, form, account.email)
        passwords.set_password(db, state.site, account, values["password"], keep=state.token)
        mail.send_template(
            db, state.site, account, "mail/password_changed", locale=account.locale or state.locale
        )
        return redirect(
            request, "/account", _("Your password is changed. Your other sessions are signed out.")
        )


def _link_invalid(request: Req) -> Template:
    return page(
        request,
        "auth/link_invalid.html",
        text=invalid_link_message(),
        title=_("This link no longer works"),
        status_code=400,
    )


__all__ = ["PasswordController", "check_new_password", "new_password_fields"]
