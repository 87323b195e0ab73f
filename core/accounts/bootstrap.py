"""A production site without an administrator says how to create the first one.

Its home page shows everyone a notice worded for whoever installs the site (the command to run,
nothing about the server), and ``parvis serve --production`` writes the same advice once to the
server log. Development sites (the demo) stay quiet.
"""

from __future__ import annotations

import logging
import weakref
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from parvis.i18n import _
from parvis.identity import Account, RoleGrant
from parvis.permissions import ADMIN

if TYPE_CHECKING:
    from parvis.site import Site

log = logging.getLogger("parvis.accounts")
COMMAND = "parvis users create you@city.example --role admin"
# Sites known to have an administrator: once one exists, the question is not asked again.
_settled: weakref.WeakSet[Site] = weakref.WeakSet()


def has_administrator(db: Session) -> bool:
    return (
        db.scalar(
            select(RoleGrant.id)
            .join(Account, Account.id == RoleGrant.account_id)
            .where(RoleGrant.role == ADMIN, RoleGrant.body_id.is_(None), Account.active)
            .limit(1)
        )
        is not None
    )


def needs_administrator(db: Session, site: Site) -> bool:
    """True on a production site whose database has no active administrator yet."""
    if site.config.server.development or site in _settled:
        return False
    if has_administrator(db):
        _settled.add(site)
        return False
    return True


def warn_at_start(site: Site) -> bool:
    """Log, once, how to create the first administrator if the site has none; whether it did."""
    try:
        with site.session() as db:
            missing = needs_administrator(db, site)
    except SQLAlchemyError:  # no schema yet: `parvis db upgrade` comes first, and says so
        return False
    if missing:
        log.warning(
            _("This site has no administrator yet. Create the first one with: {command}").format(
                command=COMMAND
            )
        )
    return missing


__all__ = ["COMMAND", "has_administrator", "needs_administrator", "warn_at_start"]
