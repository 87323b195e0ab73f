"""Moderators' decisions: hide, restore, approve, dismiss reports; block and unblock accounts.

Each decision needs a reason, is checked against the moderator's scope (``core.moderate`` on the
content's district, or its kind's ``moderated_by`` action), and goes to the audit log. Hiding
tells the author why, on the content's page and by mail.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import TYPE_CHECKING

from sqlalchemy import update
from sqlalchemy.orm import Session

from parvis import audit, content
from parvis.auth import Actor
from parvis.content import ContentRef
from parvis.enums import LabelledEnum
from parvis.i18n import N_, _
from parvis.identity import Account
from parvis.mail import send_template
from parvis.moderation.models import ContentReport, ModerationBlock, ModerationState, Status
from parvis.moderation.service import _state_for, block_of, may_moderate, open_reports
from parvis.refusals import Invalid, Refused
from parvis.search.index import reindex

if TYPE_CHECKING:
    from parvis.site import Site

MODERATE = "core.moderate"  # district-scoped: a district's moderators decide on its content
BLOCK = "core.block_accounts"  # site-wide moderators only: a block holds everywhere
REASON_LENGTH = 2000


class Decision(LabelledEnum):
    HIDE = "hide", N_("Hide it")
    RESTORE = "restore", N_("Restore it")
    APPROVE = "approve", N_("Approve it (publish)")
    DISMISS = "dismiss", N_("Dismiss the reports")


def _reason(text: str) -> str:
    text = (text or "").strip()
    if not text:
        raise Invalid(_("Give a reason: it is kept in the audit log and shown to the author."), "reason")
    if len(text) > REASON_LENGTH:
        raise Invalid(_("At most {count} characters.").format(count=REASON_LENGTH), "reason")
    return text


def _allowed(site: Site, actor: Actor, action: str, resource: object) -> None:
    if not site.hook.permission_allowed(site=site, actor=actor, action=action, resource=resource):
        raise Refused(_("You may not moderate this content."), status_code=403)


def _target(ref: ContentRef, title: str) -> SimpleNamespace:
    """What the audit log names: the content kind, its key and its title."""
    return SimpleNamespace(__tablename__=ref.kind, public_id=ref.key, title=title)


def _resolve_reports(db: Session, site: Site, ref: ContentRef, *, upheld: bool) -> None:
    db.execute(
        update(ContentReport)
        .where(
            ContentReport.content_kind == ref.kind,
            ContentReport.content_key == ref.key,
            ContentReport.resolved_at.is_(None),
        )
        .values(resolved_at=site.now(), upheld=upheld)
        .execution_options(synchronize_session=False)
    )


def decide(
    db: Session,
    site: Site,
    actor: Actor,
    ref: ContentRef,
    decision: str,
    *,
    reason: str,
    address: str = "",
) -> ModerationState:
    """Apply a moderator's decision to the content; refused outside their scope or when the
    decision does not fit the content's state (approving content that is not awaiting approval)."""
    try:
        chosen = Decision(decision)
    except ValueError:
        raise Invalid(_("Choose among the options shown."), "decision") from None
    reason = _reason(reason)
    item = content.load(db, site, ref)
    if item is None:
        raise Refused(_("This content no longer exists."), status_code=404)
    found = _state_for(db, site, ref)
    if not may_moderate(site, actor, found):
        raise Refused(_("You may not moderate this content."), status_code=403)
    reports = open_reports(db, ref)
    now = site.now()
    if chosen is Decision.HIDE:
        if found.status is Status.HIDDEN:
            raise Refused(_("This content is already hidden."))
        found.status = Status.HIDDEN
        _resolve_reports(db, site, ref, upheld=True)
    elif chosen is Decision.RESTORE:
        if not found.hidden:
            raise Refused(_("This content is not hidden."))
        found.status = Status.RESTORED
        _resolve_reports(db, site, ref, upheld=False)
    elif chosen is Decision.APPROVE:
        if found.status is not Status.PENDING:
            raise Refused(_("This content is not awaiting approval."))
        found.status = Status.VISIBLE
    else:
        if not reports:
            raise Refused(_("This content has no report to dismiss."))
        if found.status is Status.REPORTED:
            found.status = Status.VISIBLE
        _resolve_reports(db, site, ref, upheld=False)
    found.reason = reason
    found.decided_at = now
    found.decided_by_id = actor.account.id if actor.account is not None else None
    found.queued_at = now if found.status is Status.PENDING else None
    db.flush()
    reindex(db, site, ref)  # the site search follows (a hidden item's kind loads it as not public)
    audit.record(
        db,
        site,
        f"moderation.{chosen.value}",
        actor=actor,
        target=_target(ref, item.title),
        address=address,
        reason=reason,
        reports=reports,
    )
    if chosen is Decision.HIDE and found.author_account_id is not None:
        author = db.get(Account, found.author_account_id)
        if author is not None and author.active:
            send_template(
                db, site, author, "mail/moderation_hidden", title=item.title, reason=reason, path=item.path
            )
    db.flush()
    return found


def block(
    db: Session, site: Site, actor: Actor, account: Account, reason: str, *, address: str = ""
) -> ModerationBlock:
    """The account can no longer post or report (``submitted`` and ``report`` refuse it, saying why)."""
    _allowed(site, actor, BLOCK, None)
    reason = _reason(reason)
    if actor.account is not None and actor.account.id == account.id:
        raise Refused(_("You cannot block your own account."))
    if block_of(db, account.id) is not None:
        raise Refused(_("{name} is already blocked.").format(name=account.display_name))
    made = ModerationBlock(
        account_id=account.id,
        reason=reason,
        blocked_at=site.now(),
        blocked_by_id=actor.account.id if actor.account is not None else None,
    )
    db.add(made)
    audit.record(db, site, "moderation.block", actor=actor, target=account, address=address, reason=reason)
    db.flush()
    return made


def unblock(
    db: Session, site: Site, actor: Actor, account: Account, reason: str, *, address: str = ""
) -> None:
    _allowed(site, actor, BLOCK, None)
    reason = _reason(reason)
    found = block_of(db, account.id)
    if found is None:
        raise Refused(_("{name} is not blocked.").format(name=account.display_name))
    db.delete(found)
    audit.record(db, site, "moderation.unblock", actor=actor, target=account, address=address, reason=reason)
    db.flush()
