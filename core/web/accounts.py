"""Sign-up, sign-in, sign-out and a resident's own details (the facts eligibility is checked on)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from litestar import Controller, Request, get, post
from litestar.datastructures import Cookie
from litestar.exceptions import TooManyRequestsException
from litestar.response import Redirect, Template
from sqlalchemy import select

from parvis.auth import (
    SESSION_COOKIE,
    SESSION_LIFETIME,
    clear_failures,
    end_session,
    hash_password,
    normalise_email,
    recent_failures,
    record_failure,
    record_sign_in,
    start_session,
    verify_password,
)
from parvis.i18n import _, lazy_gettext, lazy_word
from parvis.identity import GENDER_LABELS, NATIONALITY_LABELS, Account, Person
from parvis.web.addresses import client_address
from parvis.web.context import state_of
from parvis.web.forms import Field, Form
from parvis.web.guards import public, signed_in
from parvis.web.render import page, redirect
from parvis.web.types import DB, FormData, FromQuery

MIN_PASSWORD = 12

SIGNUP = Form(
    Field("display_name", lazy_gettext("Name shown on the site"), max_length=120, autocomplete="nickname"),
    Field("email", lazy_gettext("E-mail address"), kind="email", autocomplete="email"),
    Field(
        "password",
        lazy_gettext("Password"),
        kind="password",
        min_length=MIN_PASSWORD,
        max_length=200,
        autocomplete="new-password",
        help=lazy_gettext("At least 12 characters. A short sentence is easy to remember and hard to guess."),
    ),
    Field("password_again", lazy_gettext("Password again"), kind="password", autocomplete="new-password"),
    Field("consent", lazy_gettext("I have read how my personal data is used"), kind="checkbox"),
)

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
            choices=lambda: [(g.value, _(label)) for g, label in GENDER_LABELS.items()],
        ),
        Field(
            "nationality_group",
            lazy_gettext("Nationality"),
            kind="radio",
            choices=lambda: [(n.value, _(label)) for n, label in NATIONALITY_LABELS.items()],
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


def _safe_next(target: str | None, locale: str) -> str:
    """Only same-site paths are followed after sign-in (no open redirect)."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return f"/{locale}/account"


def _session_cookie(token: str, secure: bool) -> Cookie:
    return Cookie(
        key=SESSION_COOKIE,
        value=token,
        path="/",
        httponly=True,
        secure=secure,
        samesite="lax",
        max_age=int(SESSION_LIFETIME.total_seconds()),
    )


def _signed_in_redirect(request: Request[Any, Any, Any], db: DB, account: Account, target: str) -> Redirect:
    state = state_of(request)
    token = start_session(db, account, previous_token=state.token)
    db.commit()
    response = Redirect(path=target, status_code=303)
    response.set_cookie(_session_cookie(token, secure=not state.site.config.server.development))
    return response


class AccountController(Controller):
    path = "/"

    @get("/signup", guards=[public], name="signup")
    def signup_form(self, request: Request[Any, Any, Any]) -> Template:
        return page(request, "auth/signup.html", form=SIGNUP.bind(), title=_("Create an account"))

    @post("/signup", guards=[public], status_code=303)
    def signup(self, request: Request[Any, Any, Any], db: DB, data: FormData) -> Template | Redirect:
        form = SIGNUP.bind(data)
        if form.valid and form.values["password"] != form.values["password_again"]:
            form.add_error("password_again", _("The two passwords are different."))
        email = form.values.get("email")
        if email and db.scalar(select(Account.id).where(Account.email == email)):
            form.add_error("email", _("An account already uses this address. Sign in instead."))
        if not form.valid:
            return page(request, "auth/signup.html", form=form, title=_("Create an account"), status_code=400)
        person = Person(given_name=form.values["display_name"], email=email)
        account = Account(
            email=email,
            display_name=form.values["display_name"],
            password_hash=hash_password(form.values["password"]),
            locale=state_of(request).locale,
            person=person,
        )
        db.add_all([person, account])
        db.flush()
        return _signed_in_redirect(request, db, account, f"/{state_of(request).locale}/account?welcome=1")

    @get("/login", guards=[public], name="login")
    def login_form(self, request: Request[Any, Any, Any], next: FromQuery[str | None] = None) -> Template:  # noqa: A002
        return page(request, "auth/login.html", form=LOGIN.bind(), next=next or "", title=_("Sign in"))

    @post("/login", guards=[public], status_code=303)
    def login(self, request: Request[Any, Any, Any], db: DB, data: FormData) -> Template | Redirect:
        state = state_of(request)
        server = state.site.config.server
        form = LOGIN.bind(data)
        target = _safe_next(str(data.get("next") or ""), state.locale)
        address = client_address(request)
        if form.valid:
            by_account, by_address = recent_failures(
                db, form.values["email"], address, timedelta(minutes=server.login_window_minutes)
            )
            if (
                by_account >= server.login_attempts_per_account
                or by_address >= server.login_attempts_per_address
            ):
                raise TooManyRequestsException(
                    _("Too many failed attempts. Please wait {minutes} minutes and try again.").format(
                        minutes=server.login_window_minutes
                    )
                )
            account = db.scalar(select(Account).where(Account.email == normalise_email(form.values["email"])))
            if account and account.active and verify_password(account, form.values["password"]):
                clear_failures(db, account.email)
                record_sign_in(
                    db, state.site, account, address=address, user_agent=request.headers.get("user-agent", "")
                )
                return _signed_in_redirect(request, db, account, target)
            record_failure(db, form.values["email"], address)
            db.commit()
            form.add_error("password", _("The e-mail address or the password is not right."))
        return page(request, "auth/login.html", form=form, next=target, title=_("Sign in"), status_code=400)

    @post("/logout", guards=[public], status_code=303)
    def logout(self, request: Request[Any, Any, Any], db: DB) -> Redirect:
        state = state_of(request)
        if state.token:
            end_session(db, state.token)
            db.commit()
        response = redirect(request, "/", _("You are signed out."))
        response.delete_cookie(SESSION_COOKIE, path="/")
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
        db.commit()
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
