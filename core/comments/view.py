"""What a thread shows a reader, and the Jinja functions plugins call on their object pages:
``{{ comments_thread("budget.idea", idea.public_id) }}`` and
``{{ support_button("budget.idea", idea.public_id) }}``."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup
from sqlalchemy.orm import Session

from parvis.auth import Actor
from parvis.comments import service, supports
from parvis.comments.models import Comment
from parvis.comments.registry import commenting, supporting
from parvis.content import ContentItem, ContentRef, load
from parvis.web.context import state_of
from parvis.web.types import AnyRequest


@dataclass(slots=True)
class ThreadView:
    item: ContentItem
    entries: list[service.Entry]
    count: int
    sort: str
    reason: str | None  # why the reader may not comment; None: the form is shown
    can_answer: bool
    now: datetime
    actor: Actor
    error: str | None = None
    draft: str = ""  # the text of a refused comment, given back
    draft_reply_to: str = ""
    focus: str = ""  # the public id of the comment to move focus to (a new one)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def ref(self) -> ContentRef:
        return self.item.ref

    @property
    def dom_id(self) -> str:
        return "comments-" + "".join(ch if ch.isalnum() else "-" for ch in str(self.ref))

    @property
    def action(self) -> str:
        return f"/comments/{self.ref.kind}/{self.ref.key}"

    def may_edit(self, comment: Comment) -> bool:
        return service.may_edit(self.actor, comment, self.now)

    def is_mine(self, comment: Comment) -> bool:
        return self.actor.account is not None and comment.author_account_id == self.actor.account.id


def build(
    db: Session, request: AnyRequest, ref: ContentRef, *, sort: str | None = None, **extra: Any
) -> ThreadView:
    state = state_of(request)
    site = state.site
    item = service.item_of(db, site, ref)
    chosen = sort if sort in service.SORTS else request.query_params.get("comments")
    chosen = chosen if chosen in service.SORTS else service.NEWEST
    actor = state.actor
    return ThreadView(
        item=item,
        entries=service.thread(db, ref, sort=chosen, reader=actor),
        count=service.count(db, ref),
        sort=chosen,
        reason=service.refusal_reason(db, site, actor, item),
        can_answer=service.may_answer(db, site, actor, item),
        now=site.now(),
        actor=actor,
        **extra,
    )


@dataclass(slots=True)
class SupportView:
    item: ContentItem
    count: int
    mine: bool
    reason: str | None
    error: str | None = None
    message: str | None = None

    @property
    def action(self) -> str:
        return f"/supports/{self.item.ref.kind}/{self.item.ref.key}"

    @property
    def dom_id(self) -> str:
        return "support-" + "".join(ch if ch.isalnum() else "-" for ch in str(self.item.ref))


def build_support(db: Session, request: AnyRequest, ref: ContentRef, **extra: Any) -> SupportView:
    state = state_of(request)
    item = supports.supported_item(db, state.site, ref)
    return SupportView(
        item=item,
        count=supports.support_count(db, ref),
        mine=supports.has_supported(db, state.actor, ref),
        reason=supports.refusal_reason(db, state.site, state.actor, item),
        **extra,
    )


def _render(context: Context, template: str, **values: Any) -> Markup:
    env = context.environment
    # The output of an autoescaping template: already escaped markup.
    return Markup(env.get_template(template).render({**context.get_all(), **values}))  # noqa: S704


@pass_context
def comments_thread(context: Context, kind: str, key: str) -> Markup:
    """The conversation on an object, for its page: ``{{ comments_thread(kind, key) }}``."""
    request = context["request"]
    state = state_of(request)
    ref = ContentRef(kind, str(key))
    item = load(state.db, state.site, ref)
    if item is None or not item.public or kind not in commenting(state.site):
        return Markup("")  # a draft, or a kind not opted in: no conversation (yet)
    return _render(context, "comments/_thread.html", thread=build(state.db, request, ref))


@pass_context
def support_button(context: Context, kind: str, key: str) -> Markup:
    """The public count of supports and the button to support or withdraw."""
    request = context["request"]
    state = state_of(request)
    ref = ContentRef(kind, str(key))
    item = load(state.db, state.site, ref)
    if item is None or not item.public or kind not in supporting(state.site):
        return Markup("")
    view = build_support(state.db, request, ref)
    return _render(context, "comments/_support.html", support=view)
