"""Two-factor authentication pages: the code step of sign-in, enrolment, recovery codes, turning
it off; the account's security page (two-factor status, signed-in devices); the unlock link.

The code step keeps no session: after the right password the browser holds only a short-lived
token (``parvis.sign_in.CODE_STEP``, a cookie) and gets its session once the code is right.
Codes are counted like passwords (``parvis.sign_in.code_limits``).
"""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get, post
from litestar.response import Redirect, Template

from parvis import audit, ratelimit
from parvis.auth import end_sessions, is_session, sessions_of, verify_password
from parvis.i18n import _, lazy_gettext, ngettext
from parvis.identity import Account
from parvis.refusals import Invalid, Refused
from parvis.sign_in import (
    CODE_STEP,
    UNLOCK_LINK,
    code_limits,
    find_token,
    forgive,
    unlock,
    use_token,
)
from parvis.two_factor import (
    TwoFactor,
    check_code,
    confirm,
    enrolment,
    formatted_secret,
    has_two_factor,
    new_recovery_codes,
    provisioning_uri,
    qr_svg,
    recovery_codes_left,
    turn_off,
)
from parvis.web import cookies
from parvis.web.addresses import client_address
from parvis.web.context import state_of
from parvis.web.forms import Field, Form
from parvis.web.guards import public, signed_in
from parvis.web.render import flash, page, redirect, url
from parvis.web.sign_in import complete_sign_in
from parvis.web.types import DB, FormData, FromPath, FromQuery
from parvis.web.unit_of_work import on_refusal

CODE = Form(
    Field(
        "code",
        lazy_gettext("Code"),
        max_length=40,
        autocomplete="one-time-code",
        help=lazy_gettext("The 6-digit code your authenticator app shows, or one of your recovery codes."),
    )
)
CONFIRM = Form(
    Field(
        "code",
        lazy_gettext("Code shown by the app"),
        max_length=40,
        autocomplete="one-time-code",
        help=lazy_gettext("6 digits; a new code appears every 30 seconds."),
    )
)
PROOF = Form(
    Field(
        "password",
        lazy_gettext("Your password"),
        kind="password",
        required=False,
        max_length=200,
        autocomplete="current-password",
    ),
    Field(
        "code",
        lazy_gettext("Or a code from your app, or a recovery code"),
        required=False,
        max_length=40,
        autocomplete="one-time-code",
    ),
)


def _safe_next(target: str | None, locale: str, default: str) -> str:
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return f"/{locale}{default}"


def _account(request: Request[Any, Any, Any], db: DB) -> Account:
    account = db.get(Account, state_of(request).actor.account.id)  # type: ignore[union-attr]
    assert account is not None
    return account


def _expired(request: Request[Any, Any, Any]) -> Redirect:
    response = Redirect(path=url(request, "/login"), status_code=303)
    flash(response, _("Your sign-in took too long. Please give your password again."), "warning")
    cookies.delete(response, state_of(request).site, cookies.CODE_STEP)
    return response


BROWSERS = [
    ("Edg/", "Edge"),
    ("OPR/", "Opera"),
    ("Firefox/", "Firefox"),
    ("Chrome/", "Chrome"),
    ("Safari/", "Safari"),
]
SYSTEMS = [
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Android", "Android"),
    ("Windows", "Windows"),
    ("Mac OS X", "macOS"),
    ("CrOS", "ChromeOS"),
    ("Linux", "Linux"),
]


def describe_device(user_agent: str) -> str:
    """ "Firefox, Linux" from a browser's User-Agent header (enough to recognise one's devices)."""
    browser = next((name for token, name in BROWSERS if token in user_agent), "")
    system = next((name for token, name in SYSTEMS if token in user_agent), "")
    described = ", ".join(part for part in (browser, system) if part)
    return described or (user_agent[:60] if user_agent else _("Unknown device"))


def _proof_heading(path: str) -> str:
    if path.endswith("/off"):
        return _("Turn off two-factor authentication")
    return _("Make new recovery codes")


def staff_must_enrol(request: Request[Any, Any, Any]) -> bool:
    return state_of(request).actor.awaiting_two_factor


class TwoFactorController(Controller):
    path = "/"

    # -- the code step of sign-in ------------------------------------------------------------

    @get("/login/code", guards=[public], name="login-code")
    def code_form(self, request: Request[Any, Any, Any], db: DB) -> Template | Redirect:
        site = state_of(request).site
        if find_token(db, site, cookies.read(site, request.cookies, cookies.CODE_STEP), CODE_STEP) is None:
            return _expired(request)
        return page(request, "auth/code.html", form=CODE.bind(), title=_("Two-factor authentication"))

    @post("/login/code", guards=[public], status_code=303)
    def code(self, request: Request[Any, Any, Any], db: DB, data: FormData) -> Template | Redirect:
        state = state_of(request)
        site = state.site
        token = cookies.read(site, request.cookies, cookies.CODE_STEP)
        pending = find_token(db, site, token, CODE_STEP)
        account = db.get(Account, pending.account_id) if pending is not None else None
        if pending is None or account is None or not account.active:
            return _expired(request)
        form = CODE.bind(data)
        on_refusal(request, "auth/code.html", form=form, title=_("Two-factor authentication"))
        values = form.require_valid()
        limits = code_limits(site, account, client_address(request))
        ratelimit.count_attempt(site, limits.counted)
        kind = check_code(db, site, account, values["code"])
        if kind is None:
            form.add_error("code", _("This code is not right."))
            return page(
                request, "auth/code.html", form=form, title=_("Two-factor authentication"), status_code=400
            )
        if use_token(db, site, token, CODE_STEP) is None:  # the same step finished in another tab
            return _expired(request)
        forgive(db, limits)
        response = complete_sign_in(
            request, db, account, _safe_next(pending.target, state.locale, "/account")
        )
        if kind == "recovery":
            left = recovery_codes_left(db, account)
            flash(
                response,
                ngettext(
                    "You signed in with a recovery code; {count} is left. You can make new ones on your "
                    "security page.",
                    "You signed in with a recovery code; {count} are left. You can make new ones on your "
                    "security page.",
                    left,
                ).format(count=left),
                "warning",
            )
        return response

    # -- the account's security page ----------------------------------------------------------

    @get("/account/security", guards=[signed_in], name="account-security")
    def security_page(self, request: Request[Any, Any, Any], db: DB) -> Template:
        state = state_of(request)
        account = _account(request, db)
        sessions = sessions_of(db, account)
        return page(
            request,
            "auth/security.html",
            two_factor=has_two_factor(db, account),
            codes_left=recovery_codes_left(db, account),
            sessions=[(s, describe_device(s.user_agent), is_session(s, state.token)) for s in sessions],
            title=_("Sign-in and security"),
        )

    @post("/account/sessions/others", guards=[signed_in], status_code=303)
    def end_others(self, request: Request[Any, Any, Any], db: DB) -> Redirect:
        state = state_of(request)
        ended = end_sessions(db, _account(request, db), keep=state.token)
        return redirect(
            request,
            "/account/security",
            ngettext(
                "{count} other device is signed out.", "{count} other devices are signed out.", ended
            ).format(count=ended),
        )

    # -- enrolment ----------------------------------------------------------------------------

    def _enrolment_context(self, request: Request[Any, Any, Any], db: DB, next_path: str) -> dict[str, Any]:
        site = state_of(request).site
        account = _account(request, db)
        row = enrolment(db, site, account)
        uri = provisioning_uri(site, account, row.secret)
        return {
            "qr": qr_svg(uri, _("QR code to scan with an authenticator app")),
            "secret": formatted_secret(row.secret),
            "required": staff_must_enrol(request),
            "next": next_path,
            "title": _("Two-factor authentication"),
        }

    @get("/account/two-factor", guards=[signed_in], name="two-factor")
    def two_factor(
        self,
        request: Request[Any, Any, Any],
        db: DB,
        next: FromQuery[str | None] = None,  # noqa: A002
    ) -> Template | Redirect:
        if has_two_factor(db, _account(request, db)):
            return redirect(request, "/account/security")
        context = self._enrolment_context(request, db, next or "")
        return page(request, "auth/two_factor_setup.html", form=CONFIRM.bind(), **context)

    @post("/account/two-factor", guards=[signed_in], status_code=200)
    def turn_on(self, request: Request[Any, Any, Any], db: DB, data: FormData) -> Template | Redirect:
        state = state_of(request)
        account = _account(request, db)
        if has_two_factor(db, account):
            return redirect(request, "/account/security")
        if db.get(TwoFactor, account.id) is None:  # no secret shown yet: show one first
            return redirect(request, "/account/two-factor")
        limits = code_limits(state.site, account, client_address(request))
        ratelimit.count_attempt(state.site, limits.counted)
        next_path = str(data.get("next") or "")
        form = CONFIRM.bind(data)
        context = self._enrolment_context(request, db, next_path)
        on_refusal(request, "auth/two_factor_setup.html", form=form, **context)
        values = form.require_valid()
        codes = confirm(db, state.site, account, values["code"])
        forgive(db, limits)
        audit.record_request(request, "core.two_factor.on", target=account)
        return page(
            request,
            "auth/recovery_codes.html",
            codes=codes,
            next=_safe_next(next_path, state.locale, "/account/security"),
            title=_("Your recovery codes"),
        )

    def _prove(self, request: Request[Any, Any, Any], db: DB, account: Account, data: dict[str, Any]) -> None:
        """The password or a code, checked under the code limits; refused otherwise."""
        state = state_of(request)
        limits = code_limits(state.site, account, client_address(request))
        ratelimit.count_attempt(state.site, limits.counted)
        form = PROOF.bind(data)
        heading = _proof_heading(request.url.path)
        on_refusal(
            request,
            "auth/security_proof.html",
            form=form,
            action=request.url.path,
            heading=heading,
            title=_("Confirm it is you"),
        )
        values = form.require_valid()
        if values["password"]:
            right = verify_password(account, values["password"])
        elif values["code"]:
            right = check_code(db, state.site, account, values["code"]) is not None
        else:
            raise Invalid(_("Give your password or a code."), field="password")
        if not right:
            field = "password" if values["password"] else "code"
            raise Invalid(_("This is not right."), field=field)
        forgive(db, limits)

    def _proof_page(self, request: Request[Any, Any, Any], db: DB) -> Template | Redirect:
        if not has_two_factor(db, _account(request, db)):
            return redirect(request, "/account/security")
        action = request.url.path
        return page(
            request,
            "auth/security_proof.html",
            form=PROOF.bind(),
            action=action,
            heading=_proof_heading(action),
            title=_("Confirm it is you"),
        )

    @get("/account/two-factor/off", guards=[signed_in], name="two-factor-off")
    def off_form(self, request: Request[Any, Any, Any], db: DB) -> Template | Redirect:
        """Asks the password or a code before turning two-factor authentication off."""
        return self._proof_page(request, db)

    @get("/account/two-factor/recovery-codes", guards=[signed_in], name="two-factor-recovery-codes")
    def recovery_codes_form(self, request: Request[Any, Any, Any], db: DB) -> Template | Redirect:
        """Asks the password or a code before making new recovery codes."""
        return self._proof_page(request, db)

    @post("/account/two-factor/off", guards=[signed_in], status_code=303)
    def off(self, request: Request[Any, Any, Any], db: DB, data: FormData) -> Redirect:
        state = state_of(request)
        account = _account(request, db)
        self._prove(request, db, account, data)
        actor = state.actor
        if state.site.config.security.two_factor_for_staff and (actor.staff or actor.awaiting_two_factor):
            raise Refused(_("Your role requires two-factor authentication: it cannot be turned off."))
        turn_off(db, account)
        audit.record_request(request, "core.two_factor.off", target=account)
        return redirect(request, "/account/security", _("Two-factor authentication is off."))

    @post("/account/two-factor/recovery-codes", guards=[signed_in], status_code=200)
    def recovery_codes(self, request: Request[Any, Any, Any], db: DB, data: FormData) -> Template:
        state = state_of(request)
        account = _account(request, db)
        if not has_two_factor(db, account):
            raise Refused(_("Two-factor authentication is off."))
        self._prove(request, db, account, data)
        codes = new_recovery_codes(db, account)
        audit.record_request(request, "core.two_factor.recovery_codes", target=account)
        return page(
            request,
            "auth/recovery_codes.html",
            codes=codes,
            next=f"/{state.locale}/account/security",
            title=_("Your recovery codes"),
        )

    # -- the unlock link mailed to the owner of an account under attack -----------------------

    @get("/unlock/{token:str}", guards=[public], name="unlock")
    def unlock_form(self, request: Request[Any, Any, Any], db: DB, token: FromPath[str]) -> Template:
        site = state_of(request).site
        valid = find_token(db, site, token, UNLOCK_LINK) is not None
        return page(
            request,
            "auth/unlock.html",
            token=token,
            valid=valid,
            title=_("Sign in despite the failed attempts"),
            status_code=200 if valid else 404,
        )

    @post("/unlock/{token:str}", guards=[public], status_code=303)
    def unlock_browser(
        self, request: Request[Any, Any, Any], db: DB, token: FromPath[str]
    ) -> Template | Redirect:
        site = state_of(request).site
        used = use_token(db, site, token, UNLOCK_LINK)
        account = db.get(Account, used.account_id) if used is not None else None
        if account is None:
            return page(
                request,
                "auth/unlock.html",
                token=token,
                valid=False,
                title=_("Sign in despite the failed attempts"),
                status_code=404,
            )
        browser = unlock(db, site, account)
        audit.record(
            db, site, "core.sign_in.unlock", actor=account, target=account, address=client_address(request)
        )
        response = redirect(request, "/login", _("This browser may sign in to your account now."))
        days = site.config.security.unlocked_browser_days
        response.set_cookie(cookies.make(site, cookies.UNLOCKED, browser, max_age=days * 86400))
        return response
