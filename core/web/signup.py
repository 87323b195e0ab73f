"""The sign-up page. Its answer is the same whether the address is new or taken ("check your
inbox"): see ``parvis.accounts.signup``."""

from __future__ import annotations

from litestar import Controller, get, post
from litestar.response import Redirect, Template

from parvis.accounts import signup
from parvis.i18n import _, lazy_gettext
from parvis.site import Site
from parvis.web.context import state_of
from parvis.web.forms import Field, Form
from parvis.web.guards import public
from parvis.web.passwords import check_new_password, new_password_fields
from parvis.web.render import page, redirect
from parvis.web.types import DB, FormData
from parvis.web.types import AnyRequest as Req
from parvis.web.unit_of_work import on_refusal


def signup_form(site: Site) -> Form:
    return Form(
        Field(
            "display_name", lazy_gettext("Name shown on the site"), max_length=120, autocomplete="nickname"
        ),
        Field("email", lazy_gettext("E-mail address"), kind="email", max_length=254, autocomplete="email"),
        *new_password_fields(site, lazy_gettext("Password")),
        Field("consent", lazy_gettext("I have read how my personal data is used"), kind="checkbox"),
    )


class SignupController(Controller):
    path = "/"

    @get("/signup", guards=[public], name="signup")
    def signup_page(self, request: Req) -> Template:
        site = state_of(request).site
        return page(request, "auth/signup.html", form=signup_form(site).bind(), title=_("Create an account"))

    @post("/signup", guards=[public], status_code=303)
    def signup(self, request: Req, db: DB, data: FormData) -> Redirect:
        state = state_of(request)
        form = signup_form(state.site).bind(data)
        on_refusal(request, "auth/signup.html", form=form, title=_("Create an account"))
        values = check_new_password(state.site, form, form.values.get("email") or "")
        signup.sign_up(
            db,
            state.site,
            display_name=values["display_name"],
            email=values["email"],
            password=values["password"],
            locale=state.locale,
        )
        return redirect(request, "/signup/sent")

    @get("/signup/sent", guards=[public], name="signup-sent")
    def sent(self, request: Req) -> Template:
        hours = state_of(request).site.config.accounts.verification_link_hours
        return page(request, "auth/signup_sent.html", hours=hours, title=_("Check your inbox"))


__all__ = ["SignupController", "signup_form"]
