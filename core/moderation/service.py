"""What plugins call: is a content ref hidden, a filter for their lists, ``submitted`` when
someone creates content (pre-moderation, blocks), and people's reports."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, String, cast, exists, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from parvis import content, ratelimit
from parvis.content import ContentRef
from parvis.i18n import _
from parvis.identity import Account
from parvis.moderation.models import (
    HIDDEN_STATUSES,
    ContentReport,
    ModerationBlock,
    ModerationState,
    Reason,
    Status,
)
from parvis.refusals import Invalid, Refused
from parvis.search.index import reindex

if TYPE_CHECKING:
    from parvis.moderation.settings import ModerationSettings
    from parvis.site import Site

NOTE_LENGTH = 1000


class Blocked(Refused):
    """The account may no longer post or report; the message says why (HTTP 403)."""

    status_code = 403


def settings_of(site: Site) -> ModerationSettings:
    return site.settings("moderation")


# ---------------------------------------------------------------------------
# States
# ---------------------------------------------------------------------------


def state(db: Session, ref: ContentRef) -> ModerationState | None:
    return db.scalar(
        select(ModerationState).where(
            ModerationState.content_kind == ref.kind, ModerationState.content_key == ref.key
        )
    )


def is_hidden(db: Session, ref: ContentRef) -> bool:
    """True while the content is hidden: awaiting approval, reported past the threshold, or hidden
    by a moderator."""
    return bool(
        db.scalar(
            select(
                exists().where(
                    ModerationState.content_kind == ref.kind,
                    ModerationState.content_key == ref.key,
                    ModerationState.status.in_(HIDDEN_STATUSES),
                )
            )
        )
    )


def visible(kind: str, key_column: Any) -> ColumnElement[bool]:
    """A WHERE clause keeping the rows whose content is not hidden:
    ``select(Idea).where(visible("budget.idea", Idea.public_id))`` (a key column that is not a
    string, an id, is cast)."""
    key = key_column if isinstance(getattr(key_column, "type", None), String) else cast(key_column, String)
    return ~exists().where(
        ModerationState.content_kind == kind,
        ModerationState.content_key == key,
        ModerationState.status.in_(HIDDEN_STATUSES),
    )


def hidden_keys(db: Session, kind: str, keys: list[str]) -> set[str]:
    """Which of ``keys`` of one kind are hidden (for lists built in Python)."""
    return set(hidden_states(db, kind, keys))


def hidden_states(db: Session, kind: str, keys: list[str]) -> dict[str, ModerationState]:
    """The states of those of ``keys`` of one kind that are hidden, by key (their status and
    reason, for a list that shows its authors their own hidden items)."""
    if not keys:
        return {}
    found = db.scalars(
        select(ModerationState).where(
            ModerationState.content_kind == kind,
            ModerationState.content_key.in_(keys),
            ModerationState.status.in_(HIDDEN_STATUSES),
        )
    )
    return {state.content_key: state for state in found}


def _state_for(db: Session, site: Site, ref: ContentRef) -> ModerationState:
    """The ref's state, made (visible) with the content's district and author if it had none."""
    found = state(db, ref)
    if found is None:
        item = content.load(db, site, ref)
        found = ModerationState(
            content_kind=ref.kind,
            content_key=ref.key,
            status=Status.VISIBLE,
            district=item.district if item else None,
            author_account_id=item.author_account_id if item else None,
            created_at=site.now(),
        )
        db.add(found)
        db.flush()
    return found


def is_premoderated(site: Site, kind: str) -> bool:
    return kind in settings_of(site).premoderated


def submitted(
    db: Session,
    site: Site,
    ref: ContentRef,
    *,
    author_account_id: int | None = None,
    premoderate: bool = False,
) -> bool:
    """Call when someone creates content (after its row is flushed, so the kind can load it).

    Refuses a blocked author (``Blocked``: the caller's transaction rolls back); puts the content
    in pre-moderation when its kind is listed in ``[settings.moderation] premoderated``, or when
    ``premoderate`` says so (a plugin's own setting). Returns True when the content is hidden
    until a moderator approves it (tell the author so)."""
    if author_account_id is not None:
        require_not_blocked(db, author_account_id)
    if not (premoderate or is_premoderated(site, ref.kind)):
        return False
    found = _state_for(db, site, ref)
    if author_account_id is not None:
        found.author_account_id = author_account_id
    found.status = Status.PENDING
    found.queued_at = site.now()
    db.flush()
    reindex(db, site, ref)
    return True


# ---------------------------------------------------------------------------
# Who moderates
# ---------------------------------------------------------------------------


def moderating_actions(site: Site) -> dict[str, str]:
    """Content kinds that other actions' holders moderate too (``ContentKind.moderated_by``):
    {kind: action}."""
    return {name: kind.moderated_by for name, kind in content.kinds(site).items() if kind.moderated_by}


def may_moderate(site: Site, actor: Any, found: ModerationState | None) -> bool:
    """Whether ``actor`` may decide on the content of ``found``: a moderator in its district (or
    site-wide), or a holder of its kind's ``moderated_by`` action there. With ``found`` None: on
    some content (a route's guard, the menu)."""
    allowed = site.hook.permission_allowed
    if allowed(site=site, actor=actor, action="core.moderate", resource=found):
        return True
    actions = moderating_actions(site)
    if found is None:
        return any(allowed(site=site, actor=actor, action=a, resource=None) for a in set(actions.values()))
    action = actions.get(found.content_kind)
    return action is not None and bool(allowed(site=site, actor=actor, action=action, resource=found))


# ---------------------------------------------------------------------------
# Blocks
# ---------------------------------------------------------------------------


def block_of(db: Session, account_id: int) -> ModerationBlock | None:
    return db.scalar(select(ModerationBlock).where(ModerationBlock.account_id == account_id))


def require_not_blocked(db: Session, account_id: int) -> None:
    """Refuse (``Blocked``, 403) an account a moderator blocked, telling them why."""
    found = block_of(db, account_id)
    if found is not None:
        raise Blocked(
            _(
                "Your account is blocked by moderation: you can no longer post or report. Reason: {reason}"
            ).format(reason=found.reason)
        )


# ---------------------------------------------------------------------------
# Reports
# ---------------------------------------------------------------------------


def open_reports(db: Session, ref: ContentRef) -> int:
    return int(
        db.scalar(
            select(func.count()).where(
                ContentReport.content_kind == ref.kind,
                ContentReport.content_key == ref.key,
                ContentReport.resolved_at.is_(None),
            )
        )
        or 0
    )


def reason_of(value: str) -> Reason:
    try:
        return Reason(value)
    except ValueError:
        raise Invalid(_("Choose among the options shown."), "reason") from None


def report(
    db: Session, site: Site, account: Account, ref: ContentRef, *, reason: str, note: str = ""
) -> ContentReport:
    """``account`` reports the content. Once per account and content; rate-limited per account;
    past the threshold of open reports the content is hidden pending review."""
    require_not_blocked(db, account.id)
    chosen = reason_of(reason)
    note = (note or "").strip()
    if len(note) > NOTE_LENGTH:
        raise Invalid(_("At most {count} characters.").format(count=NOTE_LENGTH), "note")
    item = content.load(db, site, ref)
    if item is None:
        raise Refused(_("This content no longer exists."), status_code=404)
    if item.author_account_id == account.id:
        raise Refused(_("You cannot report your own contribution."))
    if db.scalar(
        select(ContentReport.id).where(
            ContentReport.content_kind == ref.kind,
            ContentReport.content_key == ref.key,
            ContentReport.account_id == account.id,
        )
    ):
        raise Refused(_("You have already reported this content: moderators will look at it."))
    settings = settings_of(site)
    ratelimit.count_in(
        db,
        site,
        [
            ratelimit.per_window(
                f"moderation.report:{account.id}", settings.reports_per_hour, timedelta(hours=1)
            )
        ],
        message=_("You have sent many reports in a short time: please wait before sending another."),
    )
    found = _state_for(db, site, ref)
    made = ContentReport(
        content_kind=ref.kind,
        content_key=ref.key,
        account_id=account.id,
        reason=chosen,
        note=note,
        created_at=site.now(),
    )
    try:
        with db.begin_nested():
            db.add(made)
            db.flush()
    except IntegrityError:
        raise Refused(_("You have already reported this content: moderators will look at it.")) from None
    if found.queued_at is None:
        found.queued_at = site.now()
    threshold = settings.report_threshold
    if threshold and found.status in (Status.VISIBLE, Status.RESTORED) and open_reports(db, ref) >= threshold:
        found.status = Status.REPORTED
        db.flush()
        reindex(db, site, ref)
    db.flush()
    return made


# ---------------------------------------------------------------------------
# Content pages
# ---------------------------------------------------------------------------


def hidden_notice(
    db: Session, site: Site, actor: Any, ref: ContentRef, *, author_account_id: int | None = None
) -> ModerationState | None:
    """For the content's own page: None while it is visible; its state (status, ``reason``) when it
    is hidden and ``actor`` is its author or may moderate it, so the page says why; a 404 for
    everyone else."""
    from litestar.exceptions import NotFoundException

    found = state(db, ref)
    if found is None or not found.hidden:
        return None
    account = getattr(actor, "account", None)
    author = author_account_id if author_account_id is not None else found.author_account_id
    if account is not None and (account.id == author or may_moderate(site, actor, found)):
        return found
    raise NotFoundException()
