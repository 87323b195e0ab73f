"""Councils, charters, membership and budget: the rules, shared by the pages, the demo and tests.

Nothing here commits: the request's unit of work (or ``parvis demo``) does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from parvis.api import Invalid, Person, Refused, Site, _, use_locale
from parvis.api.bodies import create_body, unique_slug
from parvis.api.sortition import PublishedFile, draw_lot, lot_spec, pool_from_records, publish_draw
from parvis.plugins.neighbourhood_councils import colleges
from parvis.plugins.neighbourhood_councils.models import (
    Allocation,
    Charter,
    Composition,
    Council,
    CouncilCollege,
    Credit,
    Expense,
    Link,
    Member,
    Spending,
)
from parvis.plugins.neighbourhood_councils.settings import NeighbourhoodCouncilsSettings

NAME = "neighbourhood_councils"


def settings_of(site: Site) -> NeighbourhoodCouncilsSettings:
    return site.settings(NAME)


def district_name(site: Site, code: str | None) -> str:
    found = next((d for d in site.config.districts if d.code == code), None)
    return found.name if found else (code or "")


def check_perimeter(site: Site, district: str, neighbourhoods: list[str]) -> None:
    if district not in {d.code for d in site.config.districts}:
        raise Invalid(_("Choose among the options shown."), field="district")
    known = {n.code: n.district for n in site.config.neighbourhoods}
    wrong = [n for n in neighbourhoods if known.get(n) != district]
    if wrong:
        raise Invalid(
            _("These neighbourhoods are not in the chosen {site.district}: {names}.").format(
                names=", ".join(wrong)
            ),
            field="neighbourhoods",
        )


def create_council(
    db: Session,
    site: Site,
    *,
    name: str,
    district: str,
    neighbourhoods: list[str],
    charter: str,
    description: str = "",
    composition: Composition = Composition.OPEN,
    composition_notes: str = "",
    latitude: float | None = None,
    longitude: float | None = None,
) -> Council:
    check_perimeter(site, district, neighbourhoods)
    body = create_body(db, site, "neighbourhood_council", name, description)
    council = Council(
        body_id=body.id,
        slug=unique_slug(db, Council.slug, name, fallback="council"),
        name=name,
        district=district,
        neighbourhoods=list(neighbourhoods),
        description=description,
        composition=composition,
        composition_notes=composition_notes,
        latitude=latitude,
        longitude=longitude,
    )
    council.charters.append(Charter(version=1, text=charter, published_at=site.now()))
    db.add(council)
    db.flush()
    return council


def current_charter(db: Session, council: Council) -> Charter | None:
    return db.scalar(
        select(Charter).where(Charter.council_id == council.id).order_by(Charter.version.desc()).limit(1)
    )


def revise_charter(db: Session, site: Site, council: Council, text: str) -> Charter | None:
    """A new version when the text changed (members who join from now on sign it)."""
    current = current_charter(db, council)
    if current is not None and current.text.strip() == text.strip():
        return None
    charter = Charter(
        council_id=council.id,
        version=(current.version + 1) if current else 1,
        text=text,
        published_at=site.now(),
    )
    db.add(charter)
    db.flush()
    return charter


def active_member(db: Session, council: Council, person_id: int | None) -> Member | None:
    if person_id is None:
        return None
    return db.scalar(
        select(Member).where(
            Member.council_id == council.id, Member.person_id == person_id, Member.left_at.is_(None)
        )
    )


def member_count(db: Session, council: Council) -> int:
    query = select(func.count()).where(Member.council_id == council.id, Member.left_at.is_(None))
    return int(db.scalar(query) or 0)


def eligibility_failures(site: Site, council: Council, person: Person, link: Link) -> list[str]:
    """Why ``person`` may not join: core's eligibility rule (age...) and the link with the district."""
    reasons = list(site.eligibility(settings_of(site).eligibility).failures(person, site.today()))
    if link == Link.LIVE and person.district and person.district != council.district:
        reasons.append(
            _("Your address on record is outside {site.district:this}: choose the link you have with it.")
        )
    return reasons


def join(
    db: Session,
    site: Site,
    council: Council,
    person: Person,
    link: Link,
    *,
    college: CouncilCollege | None = None,
) -> Member:
    """Register ``person`` with the council; they sign its current charter. With a ``college``
    (councils with colleges), they take one of its seats or volunteer for its draw."""
    if not council.active:
        raise Refused(_("This council no longer takes registrations."))
    failures = eligibility_failures(site, council, person, link)
    if failures:
        raise Refused(
            _("You cannot join this council: {reasons}").format(reasons=" ".join(failures)), details=failures
        )
    charter = current_charter(db, council)
    if charter is None:
        raise Refused(_("This council has no charter yet: registrations open once it is published."))
    member = db.scalar(select(Member).where(Member.council_id == council.id, Member.person_id == person.id))
    if member is not None and member.left_at is None:
        raise Refused(_("You are already a member of this council."))
    if member is None:
        member = Member(council_id=council.id, person_id=person.id, link=link, charter_id=charter.id)
        db.add(member)
    member.link, member.charter_id, member.joined_at, member.left_at = link, charter.id, site.now(), None
    member.animator = False
    db.flush()
    colleges.enter(db, member, college)
    return member


def leave(db: Session, site: Site, council: Council, person_id: int | None) -> Member:
    member = active_member(db, council, person_id)
    if member is None:
        raise Refused(_("You are not a member of this council."))
    member.left_at = site.now()
    member.animator = False
    colleges.vacate(db, member)
    db.flush()
    return member


# -- Budget ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SpendingLine:
    spending: Spending
    spent: int


@dataclass(frozen=True, slots=True)
class Statement:
    """What a council had, decided and spent in a year from one credit (cents)."""

    year: int
    credit: Credit
    allocation: int
    decided: int
    spent: int
    lines: list[SpendingLine]

    @property
    def available(self) -> int:
        return self.allocation - self.decided


def allocation_for(
    db: Session, site: Site, council: Council, year: int, credit: Credit = Credit.OPERATING
) -> int:
    found = db.scalar(
        select(Allocation.amount).where(
            Allocation.council_id == council.id, Allocation.year == year, Allocation.credit == credit
        )
    )
    if found is not None:
        return int(found)
    settings = settings_of(site)
    return settings.yearly_investment if credit == Credit.INVESTMENT else settings.yearly_allocation


def set_allocation(
    db: Session, council: Council, year: int, amount: int, credit: Credit = Credit.OPERATING
) -> Allocation:
    if amount < 0:
        raise Refused(_("Enter an amount of zero or more."), field="amount")
    row = db.scalar(
        select(Allocation).where(
            Allocation.council_id == council.id, Allocation.year == year, Allocation.credit == credit
        )
    )
    if row is None:
        row = Allocation(council_id=council.id, year=year, credit=credit, amount=amount)
        db.add(row)
    row.amount = amount
    db.flush()
    return row


def statement(
    db: Session, site: Site, council: Council, year: int, credit: Credit = Credit.OPERATING
) -> Statement:
    spendings = db.scalars(
        select(Spending)
        .where(Spending.council_id == council.id, Spending.year == year, Spending.credit == credit)
        .order_by(Spending.decided_on, Spending.id)
    ).all()
    lines = [SpendingLine(s, sum(e.amount for e in s.expenses)) for s in spendings]
    return Statement(
        year=year,
        credit=credit,
        allocation=allocation_for(db, site, council, year, credit),
        decided=sum(s.amount for s in spendings),
        spent=sum(line.spent for line in lines),
        lines=lines,
    )


def statements(db: Session, site: Site, council: Council, year: int) -> list[Statement]:
    """The year's statement of each credit: operating allocation, then investment credits."""
    return [statement(db, site, council, year, credit) for credit in Credit]


def decide_spending(
    db: Session,
    site: Site,
    council: Council,
    *,
    title: str,
    amount: int,
    decided_on: date,
    credit: Credit = Credit.OPERATING,
) -> Spending:
    """A spending decision voted by the council, within what remains of the year's credit."""
    year = decided_on.year
    current = statement(db, site, council, year, credit)
    if amount <= 0:
        raise Refused(_("Enter an amount greater than zero."), field="amount")
    if amount > current.available:
        raise Refused(_("This is more than what remains of the year's credit."), field="amount")
    spending = Spending(
        council_id=council.id, year=year, credit=credit, title=title, amount=amount, decided_on=decided_on
    )
    db.add(spending)
    db.flush()
    return spending


def record_expense(db: Session, spending: Spending, *, label: str, amount: int, paid_on: date) -> Expense:
    """Money spent against a decision, never more than the decision's amount in total."""
    if amount <= 0:
        raise Refused(_("Enter an amount greater than zero."), field="amount")
    spent = sum(e.amount for e in spending.expenses)
    if spent + amount > spending.amount:
        raise Refused(_("The expenses would exceed the amount the council decided."), field="amount")
    expense = Expense(spending=spending, label=label, amount=amount, paid_on=paid_on)
    db.add(expense)
    db.flush()
    return expense


# -- Animation group ---------------------------------------------------------------------------


def draw_animation_group(db: Session, site: Site, council: Council, seats: int, public_input: str) -> Any:
    """Draw the animation group by lot among the members who volunteered (all active members here),
    with core's verifiable sortition engine, and publish it in core's register of draws; returns
    the draw's record (seed, inputs' hashes)."""
    members = db.scalars(
        select(Member).where(Member.council_id == council.id, Member.left_at.is_(None)).order_by(Member.id)
    ).all()
    if seats < 1 or seats > len(members):
        raise Invalid(
            _("Choose between 1 and {count} seats: the council has {count} members.").format(
                count=len(members)
            ),
            field="seats",
        )
    pool = pool_from_records([{"id": str(m.id)} for m in members], columns=[])
    record = draw_lot(pool, lot_spec(seats=seats), [public_input])
    drawn = set(record.panel)
    for member in members:
        member.animator = str(member.id) in drawn
    db.flush()
    with use_locale(site.config.site.default_locale):  # the register keeps one language
        title = _("{council}: animation group").format(council=council.name)
    publish_draw(
        db,
        site,
        plugin="neighbourhood_councils",
        body_key=council.slug,
        body_name=council.name,
        kind="lot",
        title=title,
        subject=f"neighbourhood_councils.animation/{council.public_id}/{record.seed}",
        record=record,
        files=[PublishedFile("pool", pool.canonical_bytes())],
        page_path=f"/neighbourhood-councils/{council.slug}",
        drawn_at=site.now(),
    )
    return record
