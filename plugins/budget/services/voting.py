"""Casting a ballot online: one all-city ballot and one district ballot per voter, secret.

The "has voted" record and the anonymous ballot are inserted in one transaction. The voter
record's primary key makes a second ballot of the same voter and scope fail in the database,
whatever the number of concurrent requests; the failure becomes ``AlreadyVoted``, never a 500.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, insert, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from parvis.api import Person, _, utcnow
from parvis.plugins.budget.ballot_rules import campaign_rule, check_ballot, field_name
from parvis.plugins.budget.errors import AlreadyVoted, BudgetRefused
from parvis.plugins.budget.models import CITY, Ballot, Campaign, PhaseKind, Scope, VoterRecord
from parvis.plugins.budget.services import receipts
from parvis.plugins.budget.services.campaigns import phase_open
from parvis.plugins.budget.services.participants import vote_refusals
from parvis.plugins.budget.services.projects import ballot_projects

if TYPE_CHECKING:
    from parvis.api import Site


# Both rows in one statement: the voter record first, so a second ballot of the same voter fails
# (unique violation) before anything is written; nothing links the two rows once stored.
_CAST_PG = text(
    "WITH voted AS (INSERT INTO budget_voter_record (campaign_id, scope, person_id) "
    "VALUES (:campaign_id, :scope, :person_id) RETURNING 1) "
    "INSERT INTO budget_ballot (campaign_id, level, id, grades, receipt_hash, cast_on) "
    "SELECT :campaign_id, :level, :id, :grades, :receipt_hash, :cast_on FROM voted"
)


def scope_of(level: str) -> Scope:
    return Scope.CITY if level == CITY else Scope.DISTRICT


def voted_scopes(db: Session, campaign: Campaign, person_id: int) -> set[Scope]:
    return set(
        db.scalars(
            select(VoterRecord.scope).where(
                VoterRecord.campaign_id == campaign.id, VoterRecord.person_id == person_id
            )
        )
    )


def parse_grades(
    data: Mapping[str, Any], projects: Sequence[Any], n_grades: int
) -> tuple[list[int | None], dict[str, str]]:
    """Grades from a submitted grades or approval form (a missing grade is None: it counts as the
    worst). Ballots of any kind are read with ``ballot_rules.read_ballot``."""
    grades: list[int | None] = []
    errors: dict[str, str] = {}
    for project in projects:
        raw = data.get(field_name(project))
        if isinstance(raw, list):
            raw = raw[-1] if raw else None
        if raw in (None, ""):
            grades.append(None)
            continue
        text = str(raw).strip()
        if not text.isdigit() or not 0 <= int(text) < n_grades:
            errors[field_name(project)] = _("Choose among the options shown.")
            grades.append(None)
        else:
            grades.append(int(text))
    return grades, errors


def pack(grades: Sequence[int | None], blank: int = 0) -> bytes:
    """One byte per project in ballot order; a blank is ``blank`` (the worst grade, 0)."""
    return bytes(blank if g is None else g for g in grades)


def cast_ballot(
    db: Session,
    site: Site,
    campaign: Campaign,
    person: Person | None,
    level: str,
    *,
    grades: Sequence[int | None],
    projects: Sequence[Any] | None = None,
    now: datetime | None = None,
) -> str:
    """Record the ballot and the fact that ``person`` voted; return the receipt code (shown once).

    Raise ``BudgetRefused`` (vote closed, not eligible, unknown ballot, bad grades) or
    ``AlreadyVoted``, or the ``Refused`` of the rule's or a plugin's ballot check (field
    ``ballot``). ``projects`` are the ballot's projects (or ``ballot_keys``) when the caller
    already has them. Casting never writes the campaign row (concurrent casts only share a lock
    on it): its rule's description is frozen when the rule is chosen.
    The caller commits, or rolls back on a refusal.
    """
    now = now or utcnow()
    if not phase_open(campaign, PhaseKind.VOTE, now):
        raise BudgetRefused(_("The vote is not open."))
    refusals = vote_refusals(db, site, person, now.date())
    if refusals:
        raise BudgetRefused(" ".join(refusals))
    assert person is not None
    if projects is None:
        projects = ballot_projects(db, campaign, level)
    if not projects:
        raise BudgetRefused(_("There is no ballot for {site.district:this}."))
    if len(grades) != len(projects) or any(g is not None and not 0 <= g < campaign.n_grades for g in grades):
        raise BudgetRefused(_("The ballot does not match the projects on it. Please fill it in again."))
    rule = campaign_rule(site, campaign)
    check_ballot(site, campaign, rule, level, projects, grades)
    code = receipts.new_code()
    values = {
        "campaign_id": campaign.id,
        "scope": scope_of(level).value,
        "person_id": person.id,
        "level": level,
        "id": secrets.token_hex(16),
        "grades": pack(grades, rule.ballot.blank),
        "receipt_hash": receipts.digest(code),
        "cast_on": site.today(),
    }
    try:
        if db.get_bind().dialect.name == "postgresql":
            db.execute(_CAST_PG, values)  # one round trip for both rows
        else:
            db.execute(
                insert(VoterRecord).values({k: values[k] for k in ("campaign_id", "scope", "person_id")})
            )
            db.execute(
                insert(Ballot).values({k: v for k, v in values.items() if k not in ("scope", "person_id")})
            )
    except IntegrityError:  # the transaction is spoilt: the caller's unit of work rolls it back
        raise AlreadyVoted(_("You have already voted on this ballot.")) from None
    return code


@dataclass(frozen=True, slots=True)
class ReceiptStatus:
    campaign: Campaign
    level: str
    counted: bool


def check_receipt(db: Session, code: str) -> ReceiptStatus | None:
    """What a receipt code proves: that a ballot with it is stored (and counted once published).

    The ballot's grades are never shown: a receipt that revealed them would let someone prove
    their vote to a person pressuring them.
    """
    if receipts.normalise(code) is None:
        return None
    row = db.execute(
        select(Ballot.campaign_id, Ballot.level).where(Ballot.receipt_hash == receipts.digest(code))
    ).first()
    if row is None:
        return None
    campaign = db.get(Campaign, row.campaign_id)
    assert campaign is not None
    return ReceiptStatus(campaign, row.level, campaign.results_published_at is not None)


def online_voters(db: Session, campaign: Campaign) -> dict[Scope, int]:
    """How many people voted online, per scope (participation, never a tally)."""
    rows = db.execute(
        select(VoterRecord.scope, func.count())
        .where(VoterRecord.campaign_id == campaign.id)
        .group_by(VoterRecord.scope)
    )
    return {Scope(scope): int(n) for scope, n in rows}
