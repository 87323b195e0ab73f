"""Supports: a signed-in, eligible person supports an object once, and may withdraw."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from parvis.auth import Actor
from parvis.comments.models import Support
from parvis.comments.registry import supporting
from parvis.content import ContentItem, ContentRef, load
from parvis.i18n import _
from parvis.refusals import Refused

if TYPE_CHECKING:
    from parvis.site import Site


class SupportRefused(Refused):
    """Not allowed (403) or not possible now (409)."""


def supported_item(db: Session, site: Site, ref: ContentRef) -> ContentItem:
    from litestar.exceptions import NotFoundException

    item = load(db, site, ref)
    if item is None or not item.public or ref.kind not in supporting(site):
        raise NotFoundException()
    return item


def refusal_reason(db: Session, site: Site, actor: Actor, item: ContentItem) -> str | None:
    """None if the actor may support (or withdraw) now, else why not."""
    if not actor.authenticated:
        return _("Sign in to support.")
    return supporting(site)[item.ref.kind].may_support(db, site, actor, item)


def _check(db: Session, site: Site, actor: Actor, ref: ContentRef) -> int:
    item = supported_item(db, site, ref)
    reason = refusal_reason(db, site, actor, item)
    if reason is not None:
        raise SupportRefused(reason, status_code=403 if actor.authenticated else 401)
    assert actor.account is not None
    return actor.account.id


def support(db: Session, site: Site, actor: Actor, ref: ContentRef) -> None:
    """Support the object once (a second support is refused)."""
    account_id = _check(db, site, actor, ref)
    try:
        with db.begin_nested():
            db.add(Support(content_kind=ref.kind, content_key=ref.key, account_id=account_id, at=site.now()))
    except IntegrityError:
        raise SupportRefused(_("You already support this.")) from None


def withdraw(db: Session, site: Site, actor: Actor, ref: ContentRef) -> None:
    """Take one's support back (nothing happens if there was none)."""
    account_id = _check(db, site, actor, ref)
    db.execute(
        delete(Support).where(
            Support.content_kind == ref.kind, Support.content_key == ref.key, Support.account_id == account_id
        )
    )


def support_count(db: Session, ref: ContentRef) -> int:
    return (
        db.scalar(
            select(func.count(Support.id)).where(
                Support.content_kind == ref.kind, Support.content_key == ref.key
            )
        )
        or 0
    )


def has_supported(db: Session, actor: Actor, ref: ContentRef) -> bool:
    if actor.account is None:
        return False
    return (
        db.scalar(
            select(Support.id).where(
                Support.content_kind == ref.kind,
                Support.content_key == ref.key,
                Support.account_id == actor.account.id,
            )
        )
        is not None
    )
