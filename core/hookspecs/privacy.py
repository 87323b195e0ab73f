"""Hooks of personal data (GDPR): declarations, export, erasure and retention (parvis.privacy).

``account`` and ``person`` are the account and the person record of the one person concerned;
either may be None (a person drawn from the electoral roll has no account; an account may have
no person yet). Answer only about rows that refer to them.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from parvis.hookspecs.marker import hookspec

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from parvis.identity import Account, Person
    from parvis.privacy import ExportSection, Kept, PersonalData
    from parvis.site import Site


@hookspec
def register_personal_data(site: Site) -> Sequence[PersonalData]:
    """Declare the personal data the plugin holds: ``parvis.privacy.PersonalData`` values.

    Each says what is held (categories), why (purpose), on which legal basis (``LegalBasis``,
    GDPR article 6), how long (a ``Retention``: "6 months after the end of the term") and who
    receives it, with the tables that hold it. The privacy page is generated from these
    declarations; read retention periods from ``site`` settings so the page says what the site
    really does.
    """


@hookspec
def export_personal_data(
    db: Session, site: Site, account: Account | None, person: Person | None
) -> Sequence[ExportSection | None]:
    """Return everything the plugin holds about this person, as ``ExportSection`` tables.

    ``None`` stands for a table with no row (what ``export_table`` returns then): core skips it.

    Titles and column labels translated in the current language, values JSON-ready (text,
    numbers, booleans, dates, lists). Read only: called for "Download my data", by officials'
    exports and from jobs. Leave out secrets (password hashes, tokens) and say so in a ``note``.
    """


@hookspec
def personal_data_kept(
    db: Session, site: Site, account: Account | None, person: Person | None
) -> Sequence[Kept]:
    """Say what ``erase_personal_data`` would keep about this person, and why, without changing anything.

    Shown on the "Delete my account" page before the person confirms; must match what
    ``erase_personal_data`` then returns.
    """


@hookspec
def erase_personal_data(
    db: Session, site: Site, account: Account | None, person: Person | None
) -> Sequence[Kept]:
    """Erase or anonymise what the plugin holds about this person; return what is kept and why.

    Called in one transaction for all plugins, before core deletes the account and deletes (or,
    when kept rows still refer to it, anonymises) the person record; do not commit. Keep only
    what the law or the integrity of a public record requires (an anonymous ballot stays counted,
    pay records stay for the accounts), unlinked from the person where possible, and return a
    ``Kept`` for each, naming its tables.
    """


@hookspec
def purge_personal_data(db: Session, site: Site, now: datetime) -> Mapping[str, int]:
    """Delete what has outlived its declared retention at ``now``; return counts by kind.

    Called by ``parvis.privacy.purge_expired`` (``parvis privacy purge``, and daily as a job),
    each plugin in its own transaction (do not commit). Keys are namespaced:
    ``{"assembly.answers": 120}``. Delete only what is expired: the purge runs every day.
    """
