"""The three groups of a promotion and who belongs to them.

Members register in the Deliberation or the Exploration workshop (one of them when
``members_choose_workshop``); the Monitoring and Questioning space needs no registration: every
member of the promotion may come, and since 2024 members of every participatory body too
(``monitoring_open_to_all_bodies``, through core's shared spaces when they are available).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sqlalchemy import delete, or_, select
from sqlalchemy.orm import Session

from parvis.api import Person, _
from parvis.api.bodies import Group, Membership, MembershipStatus
from parvis.plugins.assembly.kinds import GROUP_NAMES, MONITORING, WORKSHOPS
from parvis.plugins.assembly.models import AssemblyGroupMember, AssemblyPromotion
from parvis.plugins.assembly.services.common import AssemblyError, settings_of

if TYPE_CHECKING:
    from parvis.api import Site


def groups_of(db: Session, promotion: AssemblyPromotion) -> dict[str, Group]:
    """{group kind: group} of the promotion (the first of each kind)."""
    found: dict[str, Group] = {}
    for group in db.scalars(select(Group).where(Group.term_id == promotion.term_id).order_by(Group.id)):
        found.setdefault(group.kind, group)
    return found


def group_by_slug(db: Session, promotion: AssemblyPromotion, slug: str) -> Group | None:
    return db.scalar(select(Group).where(Group.term_id == promotion.term_id, Group.slug == slug[:80]))


def label(group: Group) -> str:
    """The group's translated name (a workshop of a known kind), else its stored name."""
    return str(GROUP_NAMES[group.kind]) if group.kind in GROUP_NAMES else group.name


def active_membership(
    db: Session, promotion: AssemblyPromotion, person_id: int | None, on: date | None = None
) -> Membership | None:
    if person_id is None:
        return None
    query = select(Membership).where(
        Membership.term_id == promotion.term_id,
        Membership.person_id == person_id,
        Membership.status == MembershipStatus.ACTIVE,
    )
    if on is not None:
        query = query.where(or_(Membership.ends_on.is_(None), Membership.ends_on >= on))
    return db.scalar(query)


def members_of(db: Session, group: Group) -> list[Person]:
    """Registered members (workshops) or every active member of the promotion (Monitoring space)."""
    if group.open_to_all_members or group.kind == MONITORING:
        query = (
            select(Person)
            .join(Membership, Membership.person_id == Person.id)
            .where(Membership.term_id == group.term_id, Membership.status == MembershipStatus.ACTIVE)
        )
    else:
        query = (
            select(Person)
            .join(AssemblyGroupMember, AssemblyGroupMember.person_id == Person.id)
            .join(Membership, Membership.person_id == Person.id)
            .where(
                AssemblyGroupMember.group_id == group.id,
                Membership.term_id == group.term_id,
                Membership.status == MembershipStatus.ACTIVE,
            )
        )
    return list(db.scalars(query.order_by(Person.family_name, Person.given_name, Person.id)).unique())


def groups_of_person(db: Session, promotion: AssemblyPromotion, person_id: int | None) -> list[Group]:
    """The groups a member belongs to: their workshops and the Monitoring space."""
    if active_membership(db, promotion, person_id) is None:
        return []
    registered = set(
        db.scalars(select(AssemblyGroupMember.group_id).where(AssemblyGroupMember.person_id == person_id))
    )
    return [
        g
        for g in groups_of(db, promotion).values()
        if g.id in registered or g.open_to_all_members or g.kind == MONITORING
    ]


def join(db: Session, site: Site, promotion: AssemblyPromotion, group: Group, person_id: int) -> None:
    """Register an active member in a workshop (leaving the other one when members choose one)."""
    if group.term_id != promotion.term_id:
        raise AssemblyError(_("Choose among the options shown."), "group")
    if group.kind not in WORKSHOPS:
        raise AssemblyError(_("Every member may come to this space without registering."))
    if active_membership(db, promotion, person_id) is None:
        raise AssemblyError(_("Only active members of this promotion can join a workshop."))
    if settings_of(site).members_choose_workshop:
        others = [
            g.id for kind, g in groups_of(db, promotion).items() if kind in WORKSHOPS and g.id != group.id
        ]
        if others:
            db.execute(
                delete(AssemblyGroupMember).where(
                    AssemblyGroupMember.person_id == person_id, AssemblyGroupMember.group_id.in_(others)
                )
            )
    exists = db.scalar(
        select(AssemblyGroupMember.id).where(
            AssemblyGroupMember.group_id == group.id, AssemblyGroupMember.person_id == person_id
        )
    )
    if exists is None:
        db.add(AssemblyGroupMember(group_id=group.id, person_id=person_id))
    db.flush()


def leave(db: Session, group: Group, person_id: int) -> None:
    db.execute(
        delete(AssemblyGroupMember).where(
            AssemblyGroupMember.group_id == group.id, AssemblyGroupMember.person_id == person_id
        )
    )
    db.flush()


def share_monitoring_space(db: Session, site: Site, promotion: AssemblyPromotion) -> bool:
    """Open (or close) the Monitoring space to every body's members, as the setting says.

    Uses core's shared spaces (``parvis.councils.shared``); returns False when that feature is not
    installed, in which case the Assembly's own monitoring page still lists the sessions to them.
    """
    try:
        from parvis.api.councils import close_to_councils, open_to_all_councils
    except ImportError:  # pragma: no cover - core without the councils feature
        return False
    group = groups_of(db, promotion).get(MONITORING)
    if group is None:
        return False
    if settings_of(site).monitoring_open_to_all_bodies:
        open_to_all_councils(db, group)
    else:
        close_to_councils(db, group)
    return True
