"""The residents' electorate of a consultative vote: every resident known to the site, living in
one of its districts, aged the vote's minimum age (16 by default) or more on the vote day,
whatever their nationality.

Why it is frozen into the roll table rather than read live from core's people: one poll book.
Marking (``core_poll_mark``, elector = the roll entry's id), the clerks' search, turnout, the
counts' check against the marks, the control commission's report, the published figures and
``parvis vote tally`` all read ``citizen_vote_roll``; an electorate frozen into it makes all of
them work unchanged, and it gives the same guarantees as an imported roll: a fixed list, counted,
whose SHA-256 is published before the vote, that later changes to people's records cannot move.

Why the cut-off is the day the official freezes it: core keeps a person's current facts only (no
history of residence), so the one honest statement is "the residents known to the site on the day
the electorate was frozen". Whoever becomes a resident (or joins the site) afterwards is not on
it, which the public page says. Age, on the other hand, is judged on the vote day, by core's
eligibility rule (``EligibilityRule(min_age=…, residents_only=True)``), so a resident who turns 16
between the cut-off and the vote is on it.

The hash is the SHA-256 of the electorate written as a roll CSV (the columns of an imported roll,
``ROLL_COLUMNS``, UTF-8, ``\\n`` line ends, in roll-number order): the same people give the same
bytes, so freezing again gives the same hash, and the file can be rebuilt to check it.
"""

from __future__ import annotations

import csv
import hashlib
import io
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session, load_only

from parvis.api import EligibilityRule, Person, _, format_date, site_timezone
from parvis.plugins.citizen_vote.models import RESIDENTS, RollEntry, Vote
from parvis.plugins.citizen_vote.services.roll import CHUNK, ROLL_COLUMNS, RollReport
from parvis.plugins.citizen_vote.services.votes import VoteRefused, has_marks

if TYPE_CHECKING:
    from parvis.api import Site


def vote_day(site: Site, vote: Vote) -> date:
    """The vote day in the site's time zone: the day on which electors' ages are judged."""
    return vote.opens_at.astimezone(site_timezone(site)).date()


def rule_of(vote: Vote) -> EligibilityRule:
    """Core's eligibility rule for a residents' electorate: residents of the minimum age, any
    nationality (the districts are checked apart: those of the site's configuration)."""
    return EligibilityRule(min_age=vote.min_age, residents_only=True)


def _section(settings: Any, person: Person) -> str:
    if settings.resident_sections == "neighbourhood" and person.neighbourhood:
        return str(person.neighbourhood)[:40]
    return str(person.district)


def residents(db: Session, site: Site, vote: Vote) -> list[dict[str, Any]]:
    """The electorate's rows in roll-number order (by district, family name, given name, birth
    date, then person), numbered ``R0000001``…"""
    districts = [d.code for d in site.config.districts]
    rule, day = rule_of(vote), vote_day(site, vote)
    settings = site.settings("citizen_vote")
    query = (
        select(Person)
        .options(
            load_only(
                Person.given_name,
                Person.family_name,
                Person.birth_date,
                Person.resident,
                Person.district,
                Person.neighbourhood,
                Person.nationality_group,
            )
        )
        .where(Person.resident.is_(True), Person.erased_at.is_(None), Person.district.in_(districts))
        .execution_options(yield_per=CHUNK)
    )
    rows: list[dict[str, Any]] = [
        {
            "person_id": person.id,
            "family_name": person.family_name[:120],
            "given_name": person.given_name[:120],
            "birth_date": person.birth_date,
            "section": _section(settings, person),
            "district": person.district,
        }
        for person in db.scalars(query)
        if rule.allows(person, day)
    ]
    rows.sort(
        key=lambda r: (
            r["district"],
            r["family_name"].lower(),
            r["given_name"].lower(),
            r["birth_date"],
            r["person_id"],
        )
    )
    for n, row in enumerate(rows, start=1):
        row["number"] = f"R{n:07d}"
    return rows


def roll_bytes(rows: list[dict[str, Any]]) -> bytes:
    """The electorate as a roll CSV: the bytes whose SHA-256 is published."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(ROLL_COLUMNS)
    for row in rows:
        writer.writerow([row[c].isoformat() if c == "birth_date" else row[c] for c in ROLL_COLUMNS])
    return out.getvalue().encode()


def freeze_residents(db: Session, site: Site, vote: Vote, *, progress: Any = None) -> RollReport:
    """Build the vote's electorate from core's people, today, into the roll table (replacing a
    previous freeze); refused once the vote has opened (so no mark can refer to a replaced
    entry). Its count and SHA-256 are published."""
    if vote.electorate != RESIDENTS:
        raise VoteRefused(_("This vote's electorate is an imported electoral roll."))
    # Once the vote is open, a voter's mark may refer to an entry: the electorate stays as it is.
    if has_marks(db, vote) or vote.results_published_at is not None or site.now() >= vote.opens_at:
        raise VoteRefused(_("Voting has started: the roll is frozen."))
    rows = residents(db, site, vote)
    if not rows:
        raise VoteRefused(_("No resident known to the site is old enough to vote on the vote day."))
    db.execute(delete(RollEntry).where(RollEntry.vote_id == vote.id))
    for start in range(0, len(rows), CHUNK):
        db.execute(insert(RollEntry), [{"vote_id": vote.id, **r} for r in rows[start : start + CHUNK]])
        if progress is not None:
            progress(min(100.0, 100.0 * (start + CHUNK) / len(rows)))
    vote.roll_sha256 = hashlib.sha256(roll_bytes(rows)).hexdigest()
    vote.roll_count = len(rows)
    vote.roll_cutoff = site.today()
    db.flush()
    return RollReport(len(rows), vote.roll_sha256)


def entry_of_person(db: Session, site: Site, vote: Vote, person: Person | None) -> RollEntry:
    """The signed-in resident's entry on the frozen electorate, or a refusal that says why they
    are not on it (no resident's details, too young on the vote day, not a resident known to the
    site on the cut-off date)."""
    entry = (
        db.scalar(select(RollEntry).where(RollEntry.vote_id == vote.id, RollEntry.person_id == person.id))
        if person is not None
        else None
    )
    if entry is not None:
        return entry
    if vote.roll_cutoff is None or not vote.roll_count:
        raise VoteRefused(_("The electorate of this vote is not frozen yet: come back on the vote day."))
    day = vote_day(site, vote)
    if person is None or person.birth_date is None:
        raise VoteRefused(
            _(
                "Your account holds no resident's details (address, birth date): "
                "you are not on the electorate."
            )
        )
    age = person.age_on(day)
    if age is not None and age < vote.min_age:
        raise VoteRefused(
            _(
                "Only residents aged {age} or over on the vote day ({day}) are on the electorate: "
                "you are not."
            ).format(age=vote.min_age, day=format_date(day))
        )
    raise VoteRefused(
        _(
            "The electorate was frozen on {date} from the residents known to the site that day: "
            "you were not among them."
        ).format(date=format_date(vote.roll_cutoff))
    )
