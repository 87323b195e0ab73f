"""Seats: the drawn are invited, accept or decline; a vacated seat is refilled from the reserve.

Each seat links a pool pseudonym to a core membership. Replacement asks the engine
(``replacements``) for the first person of the ranked reserve whose arrival keeps every quota,
given every seat vacated so far in order, so repeated replacements stay consistent with the
published record.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis.api import Account, Gender, NationalityGroup, Person, _, bodies, sortition, utcnow
from parvis.api.bodies import Body, College, Membership, MembershipStatus, Term
from parvis.plugins.assembly.models import (
    AssemblyApplication,
    AssemblyDraw,
    AssemblyInvitee,
    AssemblyPromotion,
    AssemblyResponse,
    AssemblySeat,
)
from parvis.plugins.assembly.services import codes
from parvis.plugins.assembly.services.common import AssemblyError, settings_of
from parvis.plugins.assembly.settings import ROLL

if TYPE_CHECKING:
    from parvis.api import Site


def _gender(code: str | None) -> Gender | None:
    try:
        return Gender(code) if code else None
    except ValueError:
        return Gender.OTHER


def college_failures(site: Site, college: College, person: Person, on: date) -> list[str]:
    """The college's own rule from the settings. College A's nationality is proven by the roll
    itself (French and EU citizens only), so it is not asked again."""
    rule = settings_of(site).college_rules.get(college.code)
    if rule is None:
        return []
    if college.code == ROLL and person.nationality_group is None:
        import msgspec

        rule = msgspec.structs.replace(rule, nationality_groups=None)
    return rule.failures(person, on)


def person_for(db: Session, site: Site, promotion: AssemblyPromotion, pool_id: str) -> Person:
    """The person behind a pool pseudonym: from the invitee and answers (A, C) or the application (B)."""
    response = db.scalar(
        select(AssemblyResponse).where(
            AssemblyResponse.promotion_id == promotion.id, AssemblyResponse.pool_id == pool_id
        )
    )
    if response is not None:
        invitee = response.invitee
        hood = site.config.neighbourhood(response.neighbourhood or "")
        person = Person(
            given_name=invitee.given_name or "?",
            family_name=invitee.family_name,
            email=invitee.email
            or (response.contact if response.contact and "@" in response.contact else None),
            birth_date=invitee.birth_date,
            gender=_gender(response.gender),
            resident=response.resident,
            district=response.district,
            neighbourhood=hood.code if hood else None,
            qpop=response.qpop,
            address=", ".join(p for p in (invitee.address, f"{invitee.postcode} {invitee.city}".strip()) if p)
            or None,
        )
        db.add(person)
        db.flush()
        return person
    application = db.scalar(
        select(AssemblyApplication).where(
            AssemblyApplication.promotion_id == promotion.id, AssemblyApplication.pool_id == pool_id
        )
    )
    if application is None or application.person_id is None:
        raise AssemblyError(
            _("The answers of {id} are no longer kept: this person cannot be seated.").format(id=pool_id)
        )
    person = db.get_one(Person, application.person_id)
    hood = site.config.neighbourhood(application.neighbourhood or "")
    person.birth_date = application.birth_date
    person.nationality_group = NationalityGroup.NON_EU
    person.nationality = application.nationality
    person.gender = _gender(application.gender)
    person.resident = True
    person.district = application.district
    person.neighbourhood = hood.code if hood else None
    person.qpop = bool(hood and hood.qpop)
    db.flush()
    return person


def _seat(
    db: Session, site: Site, draw: AssemblyDraw, pool_id: str, replaces: AssemblySeat | None = None
) -> AssemblySeat:
    promotion = db.get(AssemblyPromotion, draw.promotion_id)
    assert promotion is not None
    person = person_for(db, site, promotion, pool_id)
    college = draw.college
    failures = college_failures(site, college, person, promotion.term.starts_on)
    if failures:
        raise AssemblyError(
            _("{name} does not meet the conditions of {college}: {reasons}").format(
                name=person.full_name, college=college.name, reasons=" ".join(failures)
            )
        )
    body = db.get(Body, promotion.body_id)
    assert body is not None
    try:
        membership = bodies.add_member(
            db, site, body, promotion.term, person, college=college, status=MembershipStatus.INVITED
        )
    except bodies.BodyError as error:
        raise AssemblyError(error.message, error.field, error.details) from None
    seat = AssemblySeat(
        promotion_id=promotion.id,
        draw_id=draw.id,
        membership_id=membership.id,
        pool_id=pool_id,
        replaces_id=replaces.id if replaces else None,
    )
    db.add(seat)
    db.flush()
    return seat


def seat_winners(db: Session, site: Site, draw: AssemblyDraw, pool_ids: list[str]) -> list[AssemblySeat]:
    return [_seat(db, site, draw, pool_id) for pool_id in pool_ids]


def seats_of(db: Session, promotion: AssemblyPromotion, college: College | None = None) -> list[AssemblySeat]:
    query = (
        select(AssemblySeat)
        .join(Membership, Membership.id == AssemblySeat.membership_id)
        .join(Person, Person.id == Membership.person_id)
        .where(AssemblySeat.promotion_id == promotion.id)
        .order_by(Person.family_name, Person.given_name, AssemblySeat.id)
    )
    if college is not None:
        query = query.where(Membership.college_id == college.id)
    return list(db.scalars(query))


def seat_of_membership(db: Session, membership: Membership) -> AssemblySeat | None:
    return db.scalar(select(AssemblySeat).where(AssemblySeat.membership_id == membership.id))


def seat_for_code(db: Session, code_text: str) -> AssemblySeat:
    """The seat of the person who answered with this code (a drawn respondent accepting or declining)."""
    code = codes.normalise(code_text)
    invitee = (
        db.scalar(select(AssemblyInvitee).where(AssemblyInvitee.code_hash == codes.digest(code)))
        if code
        else None
    )
    response = invitee.response if invitee is not None else None
    seat = (
        db.scalar(
            select(AssemblySeat).where(
                AssemblySeat.promotion_id == response.promotion_id, AssemblySeat.pool_id == response.pool_id
            )
        )
        if response is not None
        else None
    )
    if seat is None:
        raise AssemblyError(_("No seat is offered with this code."), "code")
    return seat


def _set_status(db: Session, site: Site, seat: AssemblySeat, status: MembershipStatus) -> None:
    membership = seat.membership
    try:
        bodies.update_member(
            db,
            site,
            membership,
            role=membership.role,
            college=membership.college,
            status=status,
            starts_on=membership.starts_on,
            ends_on=membership.ends_on,
        )
    except bodies.BodyError as error:
        raise AssemblyError(error.message, error.field) from None


def accept(db: Session, site: Site, seat: AssemblySeat, account: Account | None = None) -> None:
    """The invited person takes the seat. With an account, the membership moves to the account's
    person (the drawn person's facts fill what the account does not know yet)."""
    membership = seat.membership
    if membership.status != MembershipStatus.INVITED:
        raise AssemblyError(_("This seat is no longer waiting for an answer."))
    if account is not None:
        _attach(db, membership, account)
    _set_status(db, site, seat, MembershipStatus.ACTIVE)


def _attach(db: Session, membership: Membership, account: Account) -> None:
    drawn = membership.person
    if account.person_id == drawn.id:
        return
    mine = account.person
    if mine is None:
        account.person = drawn
        db.flush()
        return
    clash = db.scalar(
        select(Membership.id).where(
            Membership.term_id == membership.term_id,
            Membership.person_id == mine.id,
            Membership.id != membership.id,
        )
    )
    if clash:
        raise AssemblyError(_("Your account already has a seat in this promotion."))
    for field in (
        "given_name",
        "family_name",
        "birth_date",
        "gender",
        "district",
        "neighbourhood",
        "address",
    ):
        value = getattr(drawn, field)
        if value:
            setattr(mine, field, value)
    mine.resident = drawn.resident or mine.resident
    mine.qpop = drawn.qpop
    if drawn.nationality_group is not None:
        mine.nationality_group = drawn.nationality_group
    membership.person = mine
    db.flush()
    if (
        db.scalar(select(Membership.id).where(Membership.person_id == drawn.id)) is None
        and drawn.account is None
    ):
        db.delete(drawn)
    db.flush()


def decline(db: Session, site: Site, seat: AssemblySeat) -> None:
    if seat.membership.status != MembershipStatus.INVITED:
        raise AssemblyError(_("This seat is no longer waiting for an answer."))
    _set_status(db, site, seat, MembershipStatus.DECLINED)
    seat.vacated_at = utcnow()
    db.flush()


def leave(db: Session, site: Site, seat: AssemblySeat, on: date) -> None:
    """A member leaves during the promotion: the membership ends and the seat can be refilled."""
    membership = seat.membership
    if membership.status != MembershipStatus.ACTIVE:
        raise AssemblyError(_("Only an active member can leave."))
    membership.ends_on = on
    _set_status(db, site, seat, MembershipStatus.LEFT)
    seat.vacated_at = utcnow()
    db.flush()


def replacement_of(db: Session, seat: AssemblySeat) -> AssemblySeat | None:
    return db.scalar(select(AssemblySeat).where(AssemblySeat.replaces_id == seat.id))


def replace(db: Session, site: Site, seat: AssemblySeat) -> AssemblySeat:
    """Invite the reserve person the engine designates for this vacated seat."""
    from parvis.plugins.assembly.services.draws import pool_of, record_of

    if seat.vacated_at is None:
        raise AssemblyError(_("This seat is not vacant."))
    existing = replacement_of(db, seat)
    if existing is not None:
        return existing
    draw = seat.draw
    record = record_of(draw)
    if record is None:
        raise AssemblyError(_("Run the draw before verifying it."))
    vacated = db.scalars(
        select(AssemblySeat)
        .where(AssemblySeat.draw_id == draw.id, AssemblySeat.vacated_at.is_not(None))
        .order_by(AssemblySeat.vacated_at, AssemblySeat.id)
    ).all()
    leaving = [s.pool_id for s in vacated]
    chosen = sortition.replacements(record, pool_of(draw), leaving).get(seat.pool_id)
    if chosen is None:
        raise AssemblyError(_("Nobody left in the reserve keeps the quotas: the seat stays empty."))
    return _seat(db, site, draw, chosen, replaces=seat)


def replace_by_draw(
    db: Session, site: Site, draw: AssemblyDraw, public_inputs: list[str]
) -> list[AssemblySeat]:
    """Refill every vacant seat of a stratified panel by a replacement draw (``register``): the
    people drawn are invited; the draw is published in core's register of draws."""
    from parvis.plugins.assembly.services import register

    pairs, _entry = register.replacement_draw(db, site, draw, public_inputs)
    return [_seat(db, site, draw, chosen, replaces=seat) for seat, chosen in pairs]


def my_seats(db: Session, person_id: int | None) -> list[AssemblySeat]:
    if person_id is None:
        return []
    return list(
        db.scalars(
            select(AssemblySeat)
            .join(Membership, Membership.id == AssemblySeat.membership_id)
            .join(Term, Term.id == Membership.term_id)
            .where(Membership.person_id == person_id)
            .order_by(Term.starts_on.desc())
        )
    )
