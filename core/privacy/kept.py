"""What erasure keeps, as rules: a plugin says once what stays and why, and which of the person's
rows make it so; ``kept_by`` answers for one person.

A plugin's ``personal_data_kept`` returns ``kept_by(RULES, db, account, person)`` and its
``erase_personal_data`` starts from that hook, so the "Delete my account" page and the erasure
itself always say the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from parvis.i18n import _
from parvis.privacy.declarations import Kept, Retention


@dataclass(frozen=True, slots=True)
class KeptRule:
    """Something erasure keeps when the person has rows of a kind.

    ``person`` (or ``account``) is the column that refers to the person (or to their account), or
    a tuple of such columns: the rule applies when a row has the person in one of them and meets
    the conditions in ``where``. ``what`` and ``why`` are message ids (``N_``) and ``until`` a
    ``Retention``, all translated when the rule is applied; ``tables`` and ``keeps_name`` are
    ``Kept``'s.
    """

    what: str
    why: str
    person: Any = None
    account: Any = None
    where: Sequence[Any] = ()
    until: Retention | None = None
    tables: Sequence[str] = ()
    keeps_name: bool = False

    def __post_init__(self) -> None:
        if (self.person is None) == (self.account is None):
            raise ValueError(f"{self.what}: a kept rule names the person's columns or the account's")

    def applies(self, db: Session, account: Any, person: Any) -> bool:
        subject, columns = (person, self.person) if self.person is not None else (account, self.account)
        if subject is None:
            return False
        return any(
            db.scalar(select(exists().where(column == subject.id, *self.where)))
            for column in (columns if isinstance(columns, tuple) else (columns,))
        )

    def kept(self) -> Kept:
        until = self.until.describe() if self.until is not None else ""
        return Kept(_(self.what), _(self.why), until, tuple(self.tables), self.keeps_name)


def kept_by(rules: Iterable[KeptRule], db: Session, account: Any, person: Any) -> list[Kept]:
    """What the rules that apply to this person (or account) keep, in the current language."""
    return [rule.kept() for rule in rules if rule.applies(db, account, person)]


__all__ = ["KeptRule", "kept_by"]
