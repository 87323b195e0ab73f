"""Sign-in, sign-out and a resident's own details (the facts eligibility is checked on).

Sign-up is in ``parvis.web.signup``; passwords and addresses in ``parvis.web.passwords`` and
``parvis.web.verification``.
"""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.response import Redirect, Template
from sqlalchemy import select

from parvis.auth import (
    end_session,
    load_actor,
    normalise_email,
    rehash_if_outdated,
    verify_no_password,
    verify_password,
)
from parvis.db import reading_only
from parvis.i18n import _, lazy_gettext, lazy_word
from parvis.identity import Account, Gender, NationalityGroup, Person
from parvis.sign_in import count_password_attempt, forgive, password_limits, unlocked_browser
from parvis.web import cookies
from parvis.web.addresses import client_address
from parvis.web.context import state_of
from parvis.web.forms import Field, Form
from parvis.web.guards import public, signed_in
from parvis.web.render import page, redirect
from parvis.web.sign_in import clear_sign_in_cookies, complete_sign_in
from parvis.web.sign_in import sign_in as signed_in_or_code_step
from parvis.web.types import DB, FormData, FromQuery
from parvis.web.unit_of_work import on_refusal

LOGIN = Form(
    Field("email", lazy_gettext("E-mail address"), kind="email", autocomplete="username"),
    Field(
        "password", lazy_gettext("Password"), kind="password", max_length=200, autocomplete="current-password"
    ),
)


def _profile_form(request: Request[Any, Any, Any]) -> Form:
    config = state_of(request).site.config
    return Form(
        Field("given_name", lazy_gettext("Given name"), max_length=120, autocomplete="given-name"),
        Field(
            "family_name",
            lazy_gettext("Family name"),
            required=False,
            max_length=120,
            autocomplete="family-name",
        ),
        Field("birth_date", lazy_gettext("Date of birth"), kind="date", autocomplete="bday"),
        Field(
            "gender",
            lazy_gettext("Gender"),
            kind="radio",
            required=False,
            choices=Gender.choices,
        ),
        Field(
            "nationality_group",
            lazy_gettext("Nationality"),
            kind="radio",
            choices=NationalityGroup.choices,
        ),
        Field("resident", lazy_gettext("I live in the city"), kind="checkbox", required=False),
        Field(
            "district",
            lazy_word("district", "Name"),
            kind="select",
            required=False,
            choices=[(d.code, d.name) for d in config.districts],
        ),
        Field(
            "neighbourhood",
            lazy_word("neighbourhood", "Name"),
            kind="select",
            required=False,
            choices=[(n.code, n.name) for n in config.neighbourhoods],
            help=lazy_gettext(
                "Optional. Some projects and draws give a share to working-class neighbourhoods."
            ),
        ),
    )


def _safe_next(target: str | None) -> str:
    """The path to go back to after sign-in, if it is a path of this site (no open redirect:
    never "//host", a backslash, a scheme or a control character); else ""."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return ""
    if "\\" in target or any(ord(c) < 32 or c.isspace() for c in target):
        return ""
    return target


def _landing(db: DB, account: Account, locale: str) -> str:
    """Where a sign-in without a page to go back to lands: officials on their space, others on
    their account."""
    return f"/{locale}/admin" if load_actor(db, account).staff else f"/{locale}/account"


def _signed_in_redirect(request: Request[Any, Any, Any], db: DB, account: Account, target: str) -> Redirect:
    return complete_sign_in(request, db, account, target)


class AccountController(Controller):
    path = "/"

    @get("/login", guards=[public], name="login")
    def login_form(self, request: Request[Any, Any, Any], next: FromQuery[str | None] = None) -> Template:  # noqa: A002
        return page(request, "auth/login.html", form=LOGIN.bind(), next=_safe_next(next), title=_("Sign in"))

    @post("/login", guards=[public], status_code=303)
    def login(self, request: Request[Any, Any, Any], db: DB, data: FormData) -> Template | Redirect:
        """Limits first (counted atomically, before any check: parvis.sign_in), then the password;
        an unknown address costs the same time as a known one (verify_no_password)."""
        state = state_of(request)
        site = state.site
        form = LOGIN.bind(data)
        target = _safe_next(str(data.get("next") or ""))
        on_refusal(request, "auth/login.html", form=form, next=target, title=_("Sign in"))
        values = form.require_valid()
        email = normalise_email(values["email"])
        browser = unlocked_browser(db, site, cookies.read(site, request.cookies, cookies.UNLOCKED), email)
        limits = password_limits(site, email, client_address(request), browser)
        count_password_attempt(site, email, limits)  # Throttled: the form again, with how long to wait
        with reading_only(db):  # the hash check takes tens of ms: never under SQLite's write lock
            account = db.scalar(select(Account).where(Account.email == email))
            if account is not None and account.active:
                right = verify_password(account, values["password"])
            else:
                right = verify_no_password(values["password"], site)
        if not right or account is None:
            form.add_error("password", _("The e-mail address or the password is not right."))
            return page(
                request, "auth/login.html", form=form, next=target, title=_("Sign in"), status_code=400
            )
        rehash_if_outdated(account, values["password"], site)
        forgive(db, limits)
        return signed_in_or_code_step(request, db, account, target or _landing(db, account, state.locale))

    @post("/logout", guards=[public], status_code=303)
    def logout(self, request: Request[Any, Any, Any], db: DB) -> Redirect:
        state = state_of(request)
        if state.token:
            end_session(db, state.token)
        response = redirect(request, "/", _("You are signed out."))
        clear_sign_in_cookies(response, request)
        return response

    @get("/account", guards=[signed_in], name="account")
    def account(self, request: Request[Any, Any, Any], welcome: FromQuery[bool] = False) -> Template:
        person = state_of(request).actor.account.person  # type: ignore[union-attr]
        initial = _person_initial(person)
        return page(
            request,
            "auth/account.html",
            form=_profile_form(request).bind(initial=initial),
            welcome=welcome,
            title=_("My account"),
        )

    @post("/account", guards=[signed_in], status_code=303)
    def update_account(self, request: Request[Any, Any, Any], db: DB, data: FormData) -> Template | Redirect:
        state = state_of(request)
        form = _profile_form(request).bind(data)
        values = form.values
        config = state.site.config
        hood = config.neighbourhood(values.get("neighbourhood") or "")
        if hood and values.get("district") and hood.district != values["district"]:
            form.add_error(
                "neighbourhood", _("This {site.neighbourhood} is not in the {site.district} chosen.")
            )
        if not form.valid:
            return page(
                request, "auth/account.html", form=form, welcome=False, title=_("My account"), status_code=400
            )
        account = db.get(Account, state.actor.account.id)  # type: ignore[union-attr]
        person = account.person or Person(given_name=values["given_name"])  # type: ignore[union-attr]
        person.given_name = values["given_name"]
        person.family_name = values["family_name"] or ""
        person.birth_date = values["birth_date"]
        person.gender = values["gender"]
        person.nationality_group = values["nationality_group"]
        person.resident = bool(values["resident"])
        person.district = values["district"] or (hood.district if hood else None)
        person.neighbourhood = values["neighbourhood"]
        person.qpop = bool(hood and hood.qpop)
        account.person = person  # type: ignore[union-attr]
        return redirect(request, "/account", _("Your details are saved."))


def _person_initial(person: Person | None) -> dict[str, Any]:
    if person is None:
        return {}
    return {
        "given_name": person.given_name,
        "family_name": person.family_name,
        "birth_date": person.birth_date,
        "gender": person.gender.value if person.gender else None,
        "nationality_group": person.nationality_group.value if person.nationality_group else None,
        "resident": person.resident,
        "district": person.district,
        "neighbourhood": person.neighbourhood,
    }
