"""What follows a right password: the session, or first the two-factor code step; and sign-out.

Any flow that signs someone in (sign-in, sign-up, a password reset that signs in) ends with
``sign_in(request, db, account, target)``, so two-factor authentication is never skipped, the
session token and the CSRF token rotate, and the cookies carry the production ``__Host-`` names.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from litestar import Request
from litestar.response import Redirect
from sqlalchemy.orm import Session

from parvis.auth import SESSION_LIFETIME, record_sign_in, start_session
from parvis.identity import Account
from parvis.sign_in import CODE_STEP, issue_token
from parvis.two_factor import has_two_factor
from parvis.web import cookies
from parvis.web.addresses import client_address
from parvis.web.context import state_of
from parvis.web.csrf import cookie_for


def sign_in(request: Request[Any, Any, Any], db: Session, account: Account, target: str) -> Redirect:
    """The password was right: open the session, or, with two-factor authentication on, send the
    browser to the code step (no session until the code is right; the pending state is a
    short-lived token bound to this browser by a cookie)."""
    state = state_of(request)
    site = state.site
    if not has_two_factor(db, account):
        return complete_sign_in(request, db, account, target)
    minutes = site.config.security.two_factor_minutes
    token = issue_token(db, site, account, CODE_STEP, timedelta(minutes=minutes), target=target)
    response = Redirect(path=f"/{state.locale}/login/code", status_code=303)
    response.set_cookie(cookies.make(site, cookies.CODE_STEP, token, max_age=minutes * 60))
    return response


def complete_sign_in(request: Request[Any, Any, Any], db: Session, account: Account, target: str) -> Redirect:
    """Open a new session (the previous token, if any, is dropped), rotate the CSRF token and
    record the sign-in (administrators see the last ones)."""
    state = state_of(request)
    site = state.site
    address = client_address(request)
    user_agent = request.headers.get("user-agent", "")
    token = start_session(db, account, previous_token=state.token, address=address, user_agent=user_agent)
    record_sign_in(db, site, account, address=address, user_agent=user_agent)
    response = Redirect(path=target, status_code=303)
    response.set_cookie(
        cookies.make(site, cookies.SESSION, token, max_age=int(SESSION_LIFETIME.total_seconds()))
    )
    _csrf, csrf_cookie = cookie_for(site, request.app.state.csrf_secret, token)
    response.set_cookie(csrf_cookie)
    cookies.delete(response, site, cookies.CODE_STEP)
    return response


def clear_sign_in_cookies(response: Any, request: Request[Any, Any, Any]) -> None:
    """Sign-out: the session, its CSRF token and any half-done sign-in are forgotten."""
    cookies.delete(response, state_of(request).site, cookies.SESSION, cookies.CSRF, cookies.CODE_STEP)
