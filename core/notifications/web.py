"""Pages of notifications: the list, the settings, the follow button's action, unsubscribing.

``POST /{lang}/unsubscribe/{token}`` is RFC 8058's one-click unsubscribe: mail programs post
``List-Unsubscribe=One-Click`` to it without a session or a CSRF token, so it is exempt from
CSRF by design; the signed token alone says who leaves which list, and leaving is harmless.
"""

from __future__ import annotations

from typing import Any

from litestar import Controller, Response, get, post
from litestar.exceptions import NotFoundException
from litestar.response import Redirect, Template

from parvis.content import ContentRef, public_item
from parvis.i18n import _, lazy_gettext
from parvis.identity import Account
from parvis.notifications import follows, notices, preferences, unsubscribe
from parvis.notifications.models import Frequency
from parvis.web.context import state_of
from parvis.web.forms import Field, Form
from parvis.web.guards import public, signed_in
from parvis.web.render import page, redirect
from parvis.web.types import DB, AnyRequest, FormData, FromPath
from parvis.web.unit_of_work import on_refusal


def _frequency_choices() -> list[tuple[str, str]]:
    return [
        (Frequency.IMMEDIATELY.value, _("At once")),
        (Frequency.DAILY.value, _("A daily digest")),
        (Frequency.WEEKLY.value, _("A weekly digest")),
        (Frequency.NEVER.value, _("Never: only on the site")),
    ]


SETTINGS = Form(
    Field("frequency", lazy_gettext("E-mail me my notifications"), kind="radio", choices=_frequency_choices),
    Field(
        "newsletters",
        lazy_gettext("Send me the newsletters"),
        kind="checkbox",
        required=False,
        help=lazy_gettext("News of the site's participation, a few times a year. You can stop at any time."),
    ),
)


def _back_path(target: str, lang: str) -> str:
    """A path of this site without its language prefix (the follow button's ``next``), else "/"."""
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    if any(ord(c) < 32 or c.isspace() for c in target):
        return "/"
    prefix = f"/{lang}/"
    return target[len(prefix) - 1 :] if target.startswith(prefix) else target


class NotificationController(Controller):
    path = "/notifications"

    @get("/", guards=[signed_in], name="notifications")
    def index(self, request: AnyRequest, db: DB) -> Template:
        state = state_of(request)
        account = state.actor.account
        assert account is not None
        items = notices.describe(notices.latest(db, account))
        return page(request, "notifications/index.html", items=items, title=_("Notifications"))

    @post("/read", guards=[signed_in], status_code=303)
    def read_all(self, request: AnyRequest, db: DB) -> Redirect:
        state = state_of(request)
        account = state.actor.account
        assert account is not None
        notices.mark_read(db, state.site, account)
        return redirect(request, "/notifications", _("All notifications are marked as read."))

    @get("/settings", guards=[signed_in], name="notification-settings")
    def settings(self, request: AnyRequest, db: DB) -> Template:
        account = state_of(request).actor.account
        assert account is not None
        chosen = preferences.settings_of(db, account.id)
        form = SETTINGS.bind(initial={"frequency": chosen.frequency.value, "newsletters": chosen.newsletters})
        return page(request, "notifications/settings.html", form=form, title=_("E-mail settings"))

    @post("/settings", guards=[signed_in], status_code=303)
    def save_settings(self, request: AnyRequest, db: DB, data: FormData) -> Redirect:
        state = state_of(request)
        account = state.actor.account
        assert account is not None
        form = SETTINGS.bind(data)
        on_refusal(request, "notifications/settings.html", form=form, title=_("E-mail settings"))
        values = form.require_valid()
        preferences.choose(
            db,
            state.site,
            account.id,
            frequency=Frequency(values["frequency"]),
            newsletters=bool(values["newsletters"]),
        )
        return redirect(request, "/notifications/settings", _("Your choices are saved."))


class FollowController(Controller):
    path = "/follow"

    @post("/", guards=[signed_in], status_code=303)
    def toggle(self, request: AnyRequest, db: DB, data: FormData) -> Redirect:
        state = state_of(request)
        account = state.actor.account
        assert account is not None
        ref = ContentRef.parse(str(data.get("ref") or ""))
        item = public_item(db, state.site, ref)
        back = _back_path(str(data.get("next") or item.path), state.locale)
        if data.get("action") == "unfollow":
            follows.unfollow(db, account, ref)
            return redirect(request, back, _("You no longer follow “{title}”.").format(title=item.title))
        follows.follow(db, account, ref)
        return redirect(
            request,
            back,
            _("You follow “{title}”: you will be told when it changes.").format(title=item.title),
        )


class UnsubscribeController(Controller):
    path = "/unsubscribe"

    @get("/{token:str}", guards=[public], name="unsubscribe")
    def confirm(self, request: AnyRequest, db: DB, token: FromPath[str]) -> Template:
        account, which = self._read(request, db, token)
        return page(
            request,
            "notifications/unsubscribe.html",
            which=which,
            email=account.email,
            token=token,
            done=False,
            title=_("Stop these e-mails"),
        )

    @post("/{token:str}", guards=[public], opt={"exclude_from_csrf": True}, status_code=200)
    def leave(self, request: AnyRequest, db: DB, token: FromPath[str], data: FormData) -> Response[Any]:
        account, which = self._read(request, db, token)
        preferences.stop(db, state_of(request).site, account.id, which)
        if data.get("List-Unsubscribe") == "One-Click":  # a mail program (RFC 8058): no page
            return Response(content=_("Unsubscribed."), media_type="text/plain")
        return page(
            request,
            "notifications/unsubscribe.html",
            which=which,
            email=account.email,
            token=token,
            done=True,
            title=_("Stop these e-mails"),
        )

    def _read(self, request: AnyRequest, db: DB, token: str) -> tuple[Account, str]:
        read = unsubscribe.read(state_of(request).site, token)
        account = db.get(Account, read[0]) if read is not None else None
        if read is None or account is None:
            raise NotFoundException(_("This link is not valid: open the latest e-mail you received."))
        return account, read[1]


CONTROLLERS = [NotificationController, FollowController, UnsubscribeController]
