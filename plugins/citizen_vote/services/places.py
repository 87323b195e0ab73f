"""A vote's voting places, the sections each serves, and their clerks."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, selectinload

from parvis.api import _
from parvis.plugins.citizen_vote.models import (
    Clerk,
    Place,
    PlaceSection,
    Vote,
)
from parvis.plugins.citizen_vote.services.votes import (
    VoteRefused,
)

if TYPE_CHECKING:
    from parvis.api import Site


def add_place(
    db: Session,
    site: Site,
    vote: Vote,
    *,
    name: str,
    district: str,
    address: str = "",
    sections: Iterable[str] = (),
) -> Place:
    if site.config.district(district) is None:
        raise VoteRefused(_("Choose among the options shown."), "district")
    place = Place(vote_id=vote.id, name=name, district=district, address=address)
    vote.places.append(place)
    db.flush()
    set_sections(db, vote, place, sections)
    return place


def set_sections(db: Session, vote: Vote, place: Place, sections: Iterable[str]) -> None:
    wanted = sorted({s.strip() for s in sections if s.strip()})
    taken = dict(
        db.execute(
            select(PlaceSection.section, Place.name)
            .join(Place, Place.id == PlaceSection.place_id)
            .where(PlaceSection.vote_id == vote.id, PlaceSection.section.in_(wanted), Place.id != place.id)
        ).all()
    )
    if taken:
        section, other = next(iter(sorted(taken.items())))
        raise VoteRefused(
            _("The section {section} already votes at {place}.").format(section=section, place=other),
            "sections",
        )
    db.execute(delete(PlaceSection).where(PlaceSection.place_id == place.id))
    db.add_all(PlaceSection(vote_id=vote.id, place_id=place.id, section=s) for s in wanted)
    db.flush()


def place_by_public_id(db: Session, vote: Vote, public_id: str) -> Place | None:
    return db.scalar(
        select(Place)
        .where(Place.vote_id == vote.id, Place.public_id == public_id)
        .options(selectinload(Place.sections), selectinload(Place.counts))
    )


def place_of_section(db: Session, vote: Vote, section: str) -> Place | None:
    return db.scalar(
        select(Place)
        .join(PlaceSection, PlaceSection.place_id == Place.id)
        .where(PlaceSection.vote_id == vote.id, PlaceSection.section == section.strip())
    )


def add_clerk(db: Session, place: Place, account_id: int) -> None:
    if db.scalar(select(Clerk.id).where(Clerk.place_id == place.id, Clerk.account_id == account_id)) is None:
        db.add(Clerk(place_id=place.id, account_id=account_id))
        db.flush()


def is_clerk(db: Session, place: Place, account_id: int | None) -> bool:
    if account_id is None:
        return False
    found = select(Clerk.id).where(Clerk.place_id == place.id, Clerk.account_id == account_id)
    return db.scalar(found) is not None


def clerk_places(db: Session, vote: Vote, account_id: int) -> list[Place]:
    return list(
        db.scalars(
            select(Place)
            .join(Clerk, Clerk.place_id == Place.id)
            .where(Place.vote_id == vote.id, Clerk.account_id == account_id)
            .order_by(Place.district, Place.name)
        )
    )
