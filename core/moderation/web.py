"""Moderation's pages: reporting content (anyone signed in), the moderators' queue and
decisions, blocked accounts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from anyio.to_thread import run_sync
from litestar import Controller, get, post
from litestar.connection import ASGIConnection
from litestar.exceptions import NotFoundException, PermissionDeniedException
from litestar.response import Redirect, Template
from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis import content
from parvis.content import ContentRef
from parvis.i18n import _, lazy_gettext
from parvis.identity import Account
from parvis.moderation import decisions, queue, service
from parvis.moderation.models import ModerationBlock, ModerationState, Reason
from parvis.web.addresses import client_address
from parvis.web.context import state_of
from parvis.web.forms import Field, Form
from parvis.web.guards import allowed, can, districts_allowed, signed_in, signed_in_actor
from parvis.web.render import flash, page, redirect
from parvis.web.types import DB, AnyRequest, FormData, FromPath, FromQuery
from parvis.web.unit_of_work import on_refusal

REPORT_FORM = Form(
    Field(
        "reason",
        lazy_gettext("Why should moderators look at it?"),
        kind="radio",
        choices=Reason.choices,
    ),
    Field(
        "note",
        lazy_gettext("Anything moderators should know"),
        kind="textarea",
        required=False,
        max_length=service.NOTE_LENGTH,
    ),
)


DECISION_FORM = Form(
    Field(
        "decision",
        lazy_gettext("Decision"),
        kind="radio",
        choices=decisions.Decision.choices,
    ),
    Field(
        "reason",
        lazy_gettext("Reason"),
        kind="textarea",
        max_length=decisions.REASON_LENGTH,
        help=lazy_gettext("Shown to the author when the content is hidden, and kept in the audit log."),
    ),
)

BLOCK_FORM = Form(
    Field("reason", lazy_gettext("Reason"), kind="textarea", max_length=decisions.REASON_LENGTH),
)


def _back_to_blocks(request: AnyRequest) -> Any:
    """On a refusal: back to the blocked accounts, the reason in a flash."""

    def answer(refusal: Any) -> Redirect:
        response = redirect(request, "/admin/moderation/blocks")
        if refusal is not None:
            flash(response, refusal.message, "error")
        return response

    return answer


async def moderates_content(connection: ASGIConnection[Any, Any, Any, Any], _handler: Any) -> None:
    """Moderators, and holders of a content kind's ``moderated_by`` action (a district's officials
    for their district's neighbourhood contributions, say)."""
    state = connection.scope["state"]["parvis"]
    actor = await signed_in_actor(connection)
    if not await run_sync(lambda: service.may_moderate(state.site, actor, None)):
        raise PermissionDeniedException(_("You do not have access to this page."))


moderates_content.action = decisions.MODERATE  # type: ignore[attr-defined]  # for the route x role test
# ... and the kinds' own actions, which the route x role test reads for the site.
moderates_content.also = lambda site: sorted(set(service.moderating_actions(site).values()))  # type: ignore[attr-defined]


def _scope(state: Any) -> Any:
    """What this moderator sees in the queue: their districts, and the kinds they moderate
    through a kind's ``moderated_by`` action."""
    by_kind = {
        kind: districts_allowed(state, action)
        for kind, action in service.moderating_actions(state.site).items()
        if allowed(state, action)
    }
    return queue.scope(districts_allowed(state, decisions.MODERATE), by_kind)


def _ref(text: str | None) -> ContentRef:
    return ContentRef.parse(text or "")


class ReportController(Controller):
    path = "/moderation"
    guards = [signed_in]

    def _page(self, request: AnyRequest, db: Session, ref: ContentRef, form: Any, **extra: Any) -> Template:
        state = state_of(request)
        item = content.public_item(db, state.site, ref)
        assert state.actor.account is not None
        return page(
            request,
            "moderation/report.html",
            item=item,
            ref=ref,
            form=form,
            item_url=content.url(item, state.locale),
            blocked=service.block_of(db, state.actor.account.id),
            title=_("Report content to the moderators"),
            **extra,
        )

    @get("/report", name="moderation-report")
    def form(self, request: AnyRequest, db: DB, ref: FromQuery[str | None] = None) -> Template:
        return self._page(request, db, _ref(ref), REPORT_FORM.bind())

    @post("/report", status_code=303)
    def report(self, request: AnyRequest, db: DB, data: FormData) -> Template | Redirect:
        state = state_of(request)
        ref = _ref(str(data.get("ref") or ""))
        form = REPORT_FORM.bind(data)
        item = content.public_item(db, state.site, ref)
        on_refusal(
            request,
            lambda refusal: self._page(request, db, ref, form, error=refusal and refusal.message),
            form=form,
        )
        values = form.require_valid()
        account = db.get(Account, state.actor.account.id)  # type: ignore[union-attr]
        assert account is not None
        service.report(db, state.site, account, ref, reason=values["reason"], note=values["note"] or "")
        return redirect(request, item.path, _("Thank you: moderators will look at your report."))


class ModerationController(Controller):
    path = "/admin/moderation"
    guards = [moderates_content]

    @get("/", name="moderation-queue")
    def index(self, request: AnyRequest, db: DB) -> Template:
        state = state_of(request)
        where = _scope(state)
        return page(
            request,
            "moderation/queue.html",
            waiting=queue.waiting(db, state.site, where=where),
            hidden=queue.hidden(db, state.site, where=where),
            title=_("Moderation"),
        )

    def _entry_page(
        self, request: AnyRequest, db: Session, ref: ContentRef, form: Any, **extra: Any
    ) -> Template:
        state = state_of(request)
        found = queue.entry(db, state.site, ref)
        item = content.load(db, state.site, ref)
        if item is None:
            raise NotFoundException()
        # Only content within the moderator's scope (their districts; the kinds they moderate).
        scoped = (
            found.state
            if found is not None
            else ModerationState(content_kind=ref.kind, content_key=ref.key, district=item.district)
        )
        if not service.may_moderate(state.site, state.actor, scoped):
            raise PermissionDeniedException(_("You may not moderate this content."))
        return page(
            request,
            "moderation/entry.html",
            entry=found,
            item=item,
            ref=ref,
            form=form,
            block_form=BLOCK_FORM.bind(),
            item_url=content.url(item, state.locale),
            can_block=state.site.hook.permission_allowed(
                site=state.site, actor=state.actor, action=decisions.BLOCK, resource=None
            ),
            author_block=service.block_of(db, item.author_account_id) if item.author_account_id else None,
            title=_("Moderation: {title}").format(title=item.title),
            **extra,
        )

    @get("/item", name="moderation-entry")
    def entry(self, request: AnyRequest, db: DB, ref: FromQuery[str | None] = None) -> Template:
        return self._entry_page(request, db, _ref(ref), DECISION_FORM.bind())

    @post("/decide", status_code=303)
    def decide(self, request: AnyRequest, db: DB, data: FormData) -> Template | Redirect:
        state = state_of(request)
        ref = _ref(str(data.get("ref") or ""))
        if content.load(db, state.site, ref) is None:
            raise NotFoundException()
        form = DECISION_FORM.bind(data)
        on_refusal(
            request,
            lambda refusal: self._entry_page(request, db, ref, form, error=refusal and refusal.message),
            form=form,
        )
        values = form.require_valid()
        decisions.decide(
            db,
            state.site,
            state.actor,
            ref,
            values["decision"],
            reason=values["reason"],
            address=client_address(request),
        )
        return redirect(request, "/admin/moderation", _("Your decision is recorded."))

    @get("/blocks", name="moderation-blocks", guards=[can(decisions.BLOCK)])
    def blocks(self, request: AnyRequest, db: DB) -> Template:
        found = db.execute(
            select(ModerationBlock, Account)
            .join(Account, Account.id == ModerationBlock.account_id)
            .order_by(ModerationBlock.blocked_at.desc())
        ).all()
        return page(
            request,
            "moderation/blocks.html",
            blocks=found,
            form=BLOCK_FORM.bind(),
            title=_("Blocked accounts"),
        )

    @post("/blocks/{public_id:str}", status_code=303, guards=[can(decisions.BLOCK)])
    def block(self, request: AnyRequest, db: DB, public_id: FromPath[str], data: FormData) -> Redirect:
        message = _("{name} can no longer post or report.")
        return self._set_block(request, db, public_id, data, step=decisions.block, message=message)

    @post("/blocks/{public_id:str}/lift", status_code=303, guards=[can(decisions.BLOCK)])
    def unblock(self, request: AnyRequest, db: DB, public_id: FromPath[str], data: FormData) -> Redirect:
        message = _("{name} can post and report again.")
        return self._set_block(request, db, public_id, data, step=decisions.unblock, message=message)

    def _set_block(
        self,
        request: AnyRequest,
        db: Session,
        public_id: str,
        data: dict[str, Any],
        *,
        step: Callable[..., Any],
        message: str,
    ) -> Redirect:
        """Block an account or lift its block (``step``), for the reason given; back to the list
        with ``message``, which names the account as ``{name}``."""
        state = state_of(request)
        account = db.scalar(select(Account).where(Account.public_id == public_id))
        if account is None:
            raise NotFoundException()
        form = BLOCK_FORM.bind(data)
        on_refusal(request, _back_to_blocks(request), form=form)
        values = form.require_valid()
        step(db, state.site, state.actor, account, values["reason"], address=client_address(request))
        return redirect(request, "/admin/moderation/blocks", message.format(name=account.display_name))
