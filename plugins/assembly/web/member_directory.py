"""The members' directory of a promotion and each member's profile, for the other members."""

from __future__ import annotations

from litestar import Controller, get
from litestar.exceptions import NotFoundException
from litestar.response import Template
from sqlalchemy import select

from parvis.api import (
    DB,
    FromPath,
    FromQuery,
    Person,
    _,
    page,
    signed_in,
)
from parvis.api.content_translations import translated
from parvis.plugins.assembly.services import (
    groups,
    profiles,
)

from .common import AnyRequest
from .member_area import members_only, promotion_for
from .public import college_label


class MemberDirectoryController(Controller):
    path = "/assembly"
    guards = [signed_in]

    @get("/members", name="assembly-members")
    def members(self, request: AnyRequest, db: DB, promotion: FromQuery[str | None] = None) -> Template:
        found = promotion_for(db, request, promotion)
        members_only(request, found)
        memberships = profiles.members(db, found)
        ids = [m.person_id for m in memberships]
        workshop_names = {g.id: groups.label(g) for g in groups.groups_of(db, found).values()}
        return page(
            request,
            "assembly/members.html",
            promotion=found,
            memberships=memberships,
            profiles=profiles.profiles(db, ids),
            workshops={
                pid: [workshop_names.get(g, "") for g in gids]
                for pid, gids in profiles.workshops_by_person(db, ids).items()
            },
            college_label=college_label,
            title=_("Members of the promotion {promotion}").format(
                promotion=translated(request, found, "label")
            ),
        )

    @get("/members/{public_id:str}", name="assembly-member")
    def member(self, request: AnyRequest, db: DB, public_id: FromPath[str]) -> Template:
        promotion = promotion_for(db, request)
        members_only(request, promotion)
        person = db.scalar(select(Person).where(Person.public_id == public_id[:24]))
        membership = next(
            (m for m in profiles.members(db, promotion) if person and m.person_id == person.id), None
        )
        if person is None or membership is None:
            raise NotFoundException()
        return page(
            request,
            "assembly/member.html",
            person=person,
            membership=membership,
            profile=profiles.profile_of(db, person.id),
            my_groups=[groups.label(g) for g in groups.groups_of_person(db, promotion, person.id)],
            college_label=college_label,
            title=person.full_name,
        )
