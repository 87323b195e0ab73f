"""Plenaries and trainings for members, and the Monitoring and Questioning space."""

from __future__ import annotations

from litestar import Controller, get, post
from litestar.exceptions import NotFoundException, PermissionDeniedException
from litestar.response import Redirect, Template

from parvis.api import (
    DB,
    FromPath,
    _,
    allowed,
    backoffice,
    page,
    redirect,
    signed_in,
    state_of,
    utcnow,
)
from parvis.plugins.assembly.kinds import (
    MONITORING,
    MONITORING_SESSION,
)
from parvis.plugins.assembly.permissions import MEMBERS_AREA
from parvis.plugins.assembly.services import (
    common,
    groups,
    plenaries,
    trainings,
)

from .common import AnyRequest
from .member_area import members_only, person_id_of, promotion_for


class MemberLifeController(Controller):
    path = "/assembly"
    guards = [signed_in]

    @get("/plenaries", name="assembly-plenaries")
    def plenary_list(self, request: AnyRequest, db: DB) -> Template:
        promotion = promotion_for(db, request)
        members_only(request, promotion)
        found = plenaries.plenaries(db, promotion)
        return page(
            request,
            "assembly/plenaries.html",
            promotion=promotion,
            plenaries=[(m, plenaries.agenda(db, m)) for m in found],
            now=utcnow(),
            title=_("Plenaries"),
        )

    @get("/trainings", name="assembly-trainings")
    def training_list(self, request: AnyRequest, db: DB) -> Template:
        promotion = promotion_for(db, request)
        members_only(request, promotion)
        found = trainings.of_promotion(db, promotion)
        session_ids = [s.id for t in found for s in t.sessions]
        return page(
            request,
            "assembly/trainings.html",
            promotion=promotion,
            trainings=found,
            counts=trainings.counts(db, session_ids),
            mine=trainings.enrolments_of(db, person_id_of(request)),
            now=utcnow(),
            title=_("Trainings"),
        )

    @post("/trainings/{session_id:int}/enrol", status_code=303)
    def enrol(self, request: AnyRequest, db: DB, session_id: FromPath[int]) -> Redirect:
        promotion = promotion_for(db, request)
        members_only(request, promotion)
        session = trainings.session_by_id(db, session_id)
        if session is None:
            raise NotFoundException()
        backoffice.refuse_to(request, "/assembly/trainings")
        trainings.enrol(db, promotion, session, person_id_of(request))
        return redirect(request, "/assembly/trainings", _("You are enrolled."))

    @post("/trainings/{session_id:int}/unenrol", status_code=303)
    def unenrol(self, request: AnyRequest, db: DB, session_id: FromPath[int]) -> Redirect:
        promotion = promotion_for(db, request)
        members_only(request, promotion)
        session = trainings.session_by_id(db, session_id)
        if session is None:
            raise NotFoundException()
        trainings.unenrol(db, session, person_id_of(request))
        return redirect(request, "/assembly/trainings", _("Your enrolment is cancelled."))


class MonitoringController(Controller):
    """The Monitoring and Questioning space: open to every member without registration and, when the
    setting says so (Paris since 2024), to the members of every participatory body."""

    path = "/assembly/monitoring"
    guards = [signed_in]

    @get("/", name="assembly-monitoring")
    def sessions(self, request: AnyRequest, db: DB) -> Template:
        state = state_of(request)
        site = state.site
        promotion = promotion_for(db, request)
        member = allowed(state, MEMBERS_AREA, promotion.body)
        other_body = any("member" in roles for roles in state.actor.body_roles.values())
        if not member and not (common.settings_of(site).monitoring_open_to_all_bodies and other_body):
            raise PermissionDeniedException(
                _("This space is open to the members of the participatory bodies.")
            )
        group = groups.groups_of(db, promotion).get(MONITORING)
        found = [m for m in plenaries.meetings_of(db, promotion, MONITORING_SESSION) if m.ends_at >= utcnow()]
        if group is not None:
            found = [m for m in found if m.group_id in (None, group.id)]
        return page(
            request,
            "assembly/monitoring.html",
            promotion=promotion,
            group=group,
            sessions=found,
            guest=not member,
            open_to_all=common.settings_of(site).monitoring_open_to_all_bodies,
            title=_("Monitoring and Questioning space"),
        )
