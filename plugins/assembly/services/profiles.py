"""Members' profiles: seen by the promotion's members and officials only, written by the member."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from parvis.api import Person
from parvis.api.bodies import Membership, MembershipStatus
from parvis.plugins.assembly.models import AssemblyGroupMember, AssemblyProfile, AssemblyPromotion


def members(db: Session, promotion: AssemblyPromotion) -> list[Membership]:
    """Active members of the promotion, with their person and college, by name."""
    return list(
        db.scalars(
            select(Membership)
            .join(Person, Person.id == Membership.person_id)
            .options(joinedload(Membership.person), joinedload(Membership.college))
            .where(Membership.term_id == promotion.term_id, Membership.status == MembershipStatus.ACTIVE)
            .order_by(Person.family_name, Person.given_name, Person.id)
        ).unique()
    )


def profile_of(db: Session, person_id: int) -> AssemblyProfile | None:
    return db.get(AssemblyProfile, person_id)


def profiles(db: Session, person_ids: list[int]) -> dict[int, AssemblyProfile]:
    if not person_ids:
        return {}
    return {
        p.person_id: p
        for p in db.scalars(select(AssemblyProfile).where(AssemblyProfile.person_id.in_(person_ids)))
    }


def save(db: Session, person_id: int, *, bio: str, show_email: bool) -> AssemblyProfile:
    profile = profile_of(db, person_id)
    if profile is None:
        profile = AssemblyProfile(person_id=person_id)
        db.add(profile)
    profile.bio = (bio or "").strip()[:2000]
    profile.show_email = show_email
    db.flush()
    return profile


def workshops_by_person(db: Session, person_ids: list[int]) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    if not person_ids:
        return out
    for person_id, group_id in db.execute(
        select(AssemblyGroupMember.person_id, AssemblyGroupMember.group_id).where(
            AssemblyGroupMember.person_id.in_(person_ids)
        )
    ):
        out.setdefault(person_id, []).append(group_id)
    return out
