"""A council's colleges: each has seats, filled by open registration, by the officials'
designation, or by lot among the members who volunteer for it (core's verifiable sortition,
published in the register of draws, the rest of the volunteers kept as a ranked reserve).

A council without colleges (an open assembly) never meets any of this: its members have no
college and no seat. Nothing here commits: the request's unit of work (or ``parvis demo``) does.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from parvis.api import Invalid, Refused, Site, _, use_locale
from parvis.api.sortition import (
    DrawEntry,
    DrawRecord,
    PublishedFile,
    draw_lot,
    lot_spec,
    pool_from_records,
    publish_draw,
)
from parvis.plugins.neighbourhood_councils.models import (
    Composition,
    Council,
    CouncilCollege,
    Filling,
    Member,
    Seat,
)


@dataclass(frozen=True, slots=True)
class CollegeSeats:
    """A college and where its seats stand."""

    college: CouncilCollege
    seated: int
    volunteers: int
    reserve: int

    @property
    def free(self) -> int:
        return max(self.college.seats - self.seated, 0)


def colleges_of(db: Session, council: Council) -> list[CouncilCollege]:
    return list(
        db.scalars(
            select(CouncilCollege)
            .where(CouncilCollege.council_id == council.id)
            .order_by(CouncilCollege.position, CouncilCollege.id)
        )
    )


def college_of(db: Session, council: Council, college_id: int) -> CouncilCollege | None:
    return db.scalar(
        select(CouncilCollege).where(CouncilCollege.id == college_id, CouncilCollege.council_id == council.id)
    )


def add_college(db: Session, council: Council, *, name: str, seats: int, filling: Filling) -> CouncilCollege:
    if council.composition == Composition.OPEN:
        raise Refused(_("An open assembly has no colleges: change the council's composition first."))
    if seats < 1:
        raise Invalid(_("Enter a number greater than zero."), field="college_seats")
    position = db.scalar(select(func.count()).where(CouncilCollege.council_id == council.id)) or 0
    college = CouncilCollege(
        council_id=council.id, name=name, seats=seats, filling=filling, position=position
    )
    db.add(college)
    db.flush()
    return college


def _members(db: Session, college: CouncilCollege, *seats: Seat) -> list[Member]:
    return list(
        db.scalars(
            select(Member)
            .where(Member.college_id == college.id, Member.left_at.is_(None), Member.seat.in_(seats))
            .order_by(Member.reserve_rank, Member.id)
        )
    )


def _lock(db: Session, college: CouncilCollege) -> None:
    """Hold the college's row until the end of the transaction: two people taking its last seat,
    or two officials drawing it, at the same time, go one after the other (PostgreSQL; SQLite
    serialises its writers anyway)."""
    db.execute(select(CouncilCollege.id).where(CouncilCollege.id == college.id).with_for_update())


def seated(db: Session, college: CouncilCollege) -> int:
    return len(_members(db, college, Seat.SEATED))


def summary(db: Session, council: Council) -> list[CollegeSeats]:
    """Every college of the council with its seats filled, volunteers and reserve."""
    found = []
    for college in colleges_of(db, council):
        counts = {seat: len(_members(db, college, seat)) for seat in Seat}
        found.append(CollegeSeats(college, counts[Seat.SEATED], counts[Seat.VOLUNTEER], counts[Seat.RESERVE]))
    return found


def open_to_residents(db: Session, council: Council) -> list[CouncilCollege]:
    """The colleges a resident may choose when joining (the others are designated)."""
    return [c for c in colleges_of(db, council) if c.filling in (Filling.OPEN, Filling.LOT)]


def enter(db: Session, member: Member, college: CouncilCollege | None) -> None:
    """Place a member who joins: seated in an open college with a free seat, a volunteer for a
    college drawn by lot, or in no college."""
    member.college_id, member.seat, member.reserve_rank = None, None, None
    if college is None:
        return
    if college.council_id != member.council_id or college.filling == Filling.DESIGNATION:
        raise Invalid(_("Choose among the options shown."), field="college")
    if college.filling == Filling.OPEN:
        _lock(db, college)
        if seated(db, college) >= college.seats:
            raise Invalid(_("Every seat of this college is taken: choose another one."), field="college")
        member.seat = Seat.SEATED
    else:
        member.seat = Seat.VOLUNTEER
    member.college_id = college.id
    db.flush()


def vacate(db: Session, member: Member) -> Member | None:
    """A member leaves: their seat goes to the first of the college's reserve (who is returned)."""
    college = db.get(CouncilCollege, member.college_id) if member.college_id is not None else None
    was_seated = member.seat == Seat.SEATED
    member.college_id, member.seat, member.reserve_rank = None, None, None
    db.flush()
    if college is None or not was_seated or college.filling != Filling.LOT:
        return None
    reserve = _members(db, college, Seat.RESERVE)
    if not reserve:
        return None
    reserve[0].seat, reserve[0].reserve_rank = Seat.SEATED, None
    db.flush()
    return reserve[0]


def designate(db: Session, college: CouncilCollege, member: Member) -> None:
    """The officials give a seat of a designated college to a member of the council."""
    if college.filling != Filling.DESIGNATION or member.council_id != college.council_id:
        raise Invalid(_("Choose among the options shown."), field="member")
    if member.left_at is not None:
        raise Invalid(_("Choose among the options shown."), field="member")
    if member.college_id == college.id and member.seat == Seat.SEATED:
        return
    _lock(db, college)
    if seated(db, college) >= college.seats:
        raise Refused(_("Every seat of this college is taken."))
    member.college_id, member.seat, member.reserve_rank = college.id, Seat.SEATED, None
    db.flush()


def _subject(council: Council, college: CouncilCollege) -> str:
    return f"neighbourhood_councils.college/{council.public_id}/{college.id}/"


def latest_draw(db: Session, council: Council, college: CouncilCollege) -> DrawEntry | None:
    """The college's latest draw in core's register (None before its first)."""
    return db.scalar(
        select(DrawEntry)
        .where(DrawEntry.subject.startswith(_subject(council, college), autoescape=True))
        .order_by(DrawEntry.id.desc())
        .limit(1)
    )


def draw(db: Session, site: Site, council: Council, college: CouncilCollege, public_input: str) -> DrawRecord:
    """Fill the college's free seats by lot among its volunteers (and its reserve), with core's
    verifiable sortition engine; the others become the ranked reserve. The draw is published in
    core's register of draws with its pool, so anyone can check it."""
    if college.filling != Filling.LOT:
        raise Refused(_("This college is not drawn by lot."))
    _lock(db, college)
    free = college.seats - seated(db, college)
    if free < 1:
        raise Refused(_("Every seat of this college is taken."))
    candidates = sorted(_members(db, college, Seat.VOLUNTEER, Seat.RESERVE), key=lambda m: m.id)
    if not candidates:
        raise Refused(_("Nobody has volunteered for this college yet."))
    seats = min(free, len(candidates))
    pool = pool_from_records([{"id": str(m.id)} for m in candidates], columns=[])
    record = draw_lot(pool, lot_spec(seats=seats, reserve=len(candidates) - seats), [public_input])
    drawn, ranks = set(record.panel), {key: rank for rank, key in enumerate(record.reserve, start=1)}
    for member in candidates:
        key = str(member.id)
        member.seat = Seat.SEATED if key in drawn else Seat.RESERVE
        member.reserve_rank = None if key in drawn else ranks.get(key)
    db.flush()
    previous = latest_draw(db, council, college)
    with use_locale(site.config.site.default_locale):  # the register keeps one language
        title = _("{council}: college {college}").format(council=council.name, college=college.name)
    publish_draw(
        db,
        site,
        plugin="neighbourhood_councils",
        body_key=council.slug,
        body_name=council.name,
        kind="lot",
        title=title,
        subject=_subject(council, college) + record.seed,
        record=record,
        files=[PublishedFile("pool", pool.canonical_bytes())],
        page_path=f"/neighbourhood-councils/{council.slug}",
        drawn_at=site.now(),
        follows=previous,
    )
    return record
