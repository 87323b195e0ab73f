"""Members' pages: my seat, my meetings, my pay statement, members' profiles, the groups (topic
vote, agendas), trainings, plenaries and the Monitoring and Questioning space."""

from __future__ import annotations

from typing import Any

from litestar import Controller, get, post
from litestar.exceptions import NotFoundException, PermissionDeniedException
from litestar.response import Redirect, Template
from sqlalchemy import select

from parvis.api import (
    DB,
    Account,
    Field,
    Form,
    FormData,
    FromPath,
    FromQuery,
    Person,
    _,
    allowed,
    lazy_gettext,
    page,
    redirect,
    signed_in,
    state_of,
    utcnow,
)
from parvis.api.bodies import (
    ATTENDANCE_LABELS,
    MEMBERSHIP_STATUS_LABELS,
    Attendance,
    Meeting,
    MembershipStatus,
)
from parvis.plugins.assembly.kinds import (
    EXPLORATION,
    MONITORING,
    MONITORING_SESSION,
    PLENARY,
    TRAINING,
    WORKSHOPS,
)
from parvis.plugins.assembly.models import AssemblyPromotion, PollStatus, TopicSource
from parvis.plugins.assembly.permissions import MEMBERS_AREA
from parvis.plugins.assembly.services import (
    common,
    compensation,
    groups,
    plenaries,
    profiles,
    seats,
    topics,
    trainings,
)
from parvis.plugins.assembly.services.common import AssemblyError

from .common import AnyRequest, back, site_of
from .public import college_label

PROFILE = Form(
    Field(
        "bio",
        lazy_gettext("A few words about you, for the other members"),
        kind="textarea",
        required=False,
        max_length=2000,
    ),
    Field(
        "show_email",
        lazy_gettext("Show my e-mail address to the other members"),
        kind="checkbox",
        required=False,
    ),
)
PROPOSAL = Form(
    Field("title", lazy_gettext("Topic"), max_length=200),
    Field("description", lazy_gettext("Why this topic?"), kind="textarea", required=False),
)


def _promotion(db: DB, request: AnyRequest, public_id: str | None = None) -> AssemblyPromotion:
    promotion = (
        common.promotion_by_public_id(db, public_id[:24])
        if public_id
        else common.current_promotion(db, site_of(request))
    )
    if promotion is None:
        raise NotFoundException()
    return promotion


def _members_only(request: AnyRequest, promotion: AssemblyPromotion) -> None:
    """Members of the Assembly (any promotion running) and officials; others are refused."""
    if not allowed(state_of(request), MEMBERS_AREA, promotion.body):
        raise PermissionDeniedException(_("This page is for the members of the Citizens' Assembly."))


def _person_id(request: AnyRequest) -> int | None:
    return state_of(request).actor.person_id


class MemberController(Controller):
    path = "/assembly"
    guards = [signed_in]

    # -- my space -------------------------------------------------------------------------------

    @get("/me", name="assembly-me")
    def me(self, request: AnyRequest, db: DB) -> Template:
        site = site_of(request)
        person_id = _person_id(request)
        mine = seats.my_seats(db, person_id)
        promotion = common.current_promotion(db, site)
        active = groups.active_membership(db, promotion, person_id) if promotion else None
        upcoming = _my_meetings(db, promotion, person_id, upcoming=True)[:5] if active else []
        return page(
            request,
            "assembly/me.html",
            seats=mine,
            promotion=promotion,
            active=active,
            my_groups=[(groups.label(g), g) for g in groups.groups_of_person(db, promotion, person_id)]
            if promotion
            else [],
            upcoming=upcoming,
            status_labels=MEMBERSHIP_STATUS_LABELS,
            college_label=college_label,
            title=_("My space in the Citizens' Assembly"),
        )

    @post("/me/seat", status_code=303)
    def my_seat(self, request: AnyRequest, db: DB, data: FormData) -> Redirect:
        """An invited person with an account (college B, or after linking) answers the offer."""
        state = state_of(request)
        choice = str(data.get("choice") or "")
        seat_id = str(data.get("seat") or "")
        mine = {str(s.id): s for s in seats.my_seats(db, state.actor.person_id)}
        seat = mine.get(seat_id)
        if seat is None or choice not in ("accept", "decline"):
            return back(request, "/assembly/me", _("Choose among the options shown."), "error")
        try:
            if choice == "accept":
                account = db.get(Account, state.actor.account.id)  # type: ignore[union-attr]
                seats.accept(db, state.site, seat, account)
                message = _("Welcome to the Citizens' Assembly!")
            else:
                seats.decline(db, state.site, seat)
                message = _("Your answer is recorded: you decline the seat.")
        except AssemblyError as error:
            return back(request, "/assembly/me", error.message, "error")
        db.commit()
        state.forget_actor()
        return redirect(request, "/assembly/me", message)

    @get("/me/meetings", name="assembly-my-meetings")
    def my_meetings(self, request: AnyRequest, db: DB) -> Template:
        promotion = _promotion(db, request)
        _members_only(request, promotion)
        person_id = _person_id(request)
        upcoming = _my_meetings(db, promotion, person_id, upcoming=True)
        past = _my_meetings(db, promotion, person_id, upcoming=False)
        marks = _attendance(db, person_id, upcoming + past)
        return page(
            request,
            "assembly/my_meetings.html",
            promotion=promotion,
            upcoming=upcoming,
            past=past,
            marks=marks,
            attendance_labels=ATTENDANCE_LABELS,
            kind_label=lambda kind: promotion_kind_label(request, kind),
            title=_("My meetings"),
        )

    @get("/me/pay", name="assembly-my-pay")
    def my_pay(self, request: AnyRequest, db: DB) -> Template:
        promotion = _promotion(db, request)
        _members_only(request, promotion)
        site = site_of(request)
        person_id = _person_id(request)
        periods = compensation.statement(db, site, promotion, person_id) if person_id else []
        return page(
            request,
            "assembly/my_pay.html",
            promotion=promotion,
            periods=periods,
            rates=compensation.rate_table(db, site, promotion.body),
            paid_meetings=common.settings_of(site).paid_meetings,
            kind_label=lambda kind: promotion_kind_label(request, kind),
            total=sum(p.cents for p in periods),
            title=_("My compensation"),
        )

    @get("/me/profile", name="assembly-my-profile")
    def profile_form(self, request: AnyRequest, db: DB) -> Template:
        promotion = _promotion(db, request)
        _members_only(request, promotion)
        person_id = _person_id(request)
        found = profiles.profile_of(db, person_id) if person_id else None
        initial = {"bio": found.bio, "show_email": found.show_email} if found else {}
        return page(
            request, "assembly/my_profile.html", form=PROFILE.bind(initial=initial), title=_("My profile")
        )

    @post("/me/profile", status_code=303)
    def profile_save(self, request: AnyRequest, db: DB, data: FormData) -> Template | Redirect:
        promotion = _promotion(db, request)
        _members_only(request, promotion)
        person_id = _person_id(request)
        form = PROFILE.bind(data)
        if not form.valid or person_id is None:
            return page(
                request, "assembly/my_profile.html", form=form, title=_("My profile"), status_code=400
            )
        profiles.save(db, person_id, bio=form.values["bio"] or "", show_email=bool(form.values["show_email"]))
        db.commit()
        return redirect(request, "/assembly/members", _("Your profile is saved."))

    # -- members -------------------------------------------------------------------------------

    @get("/members", name="assembly-members")
    def members(self, request: AnyRequest, db: DB, promotion: FromQuery[str | None] = None) -> Template:
        found = _promotion(db, request, promotion)
        _members_only(request, found)
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
            title=_("Members of the promotion {promotion}").format(promotion=found.label),
        )

    @get("/members/{public_id:str}", name="assembly-member")
    def member(self, request: AnyRequest, db: DB, public_id: FromPath[str]) -> Template:
        promotion = _promotion(db, request)
        _members_only(request, promotion)
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

    # -- groups ---------------------------------------------------------------------------------

    @get("/groups/{slug:str}", name="assembly-group")
    def group(self, request: AnyRequest, db: DB, slug: FromPath[str]) -> Template:
        promotion = _promotion(db, request)
        _members_only(request, promotion)
        found = groups.group_by_slug(db, promotion, slug)
        if found is None:
            raise NotFoundException()
        site = site_of(request)
        person_id = _person_id(request)
        poll = topics.find_poll(db, found)
        registered = {p.id for p in groups.members_of(db, found)}
        meetings = [m for m in plenaries.meetings_of(db, promotion) if m.group_id == found.id]
        return page(
            request,
            "assembly/group.html",
            promotion=promotion,
            group=found,
            name=groups.label(found),
            members=groups.members_of(db, found),
            is_member=person_id in registered,
            is_active=groups.active_membership(db, promotion, person_id) is not None,
            workshop=found.kind in WORKSHOPS,
            poll=poll,
            poll_open=poll is not None and topics.is_open(poll),
            may_vote=poll is not None and topics.may_vote(db, site, poll, person_id),
            my_vote=topics.my_vote(db, poll, person_id) if poll else None,
            results=topics.results(db, poll) if poll and poll.status == PollStatus.CLOSED else [],
            chosen=topics.chosen(poll),
            proposals_open=found.kind == EXPLORATION and (poll is None or poll.status == PollStatus.DRAFT),
            proposal_form=PROPOSAL.bind(),
            meetings=meetings,
            now=utcnow(),
            kind_label=lambda kind: promotion_kind_label(request, kind),
            title=groups.label(found),
        )

    @post("/groups/{slug:str}/join", status_code=303)
    def join(self, request: AnyRequest, db: DB, slug: FromPath[str]) -> Redirect:
        promotion = _promotion(db, request)
        _members_only(request, promotion)
        found = groups.group_by_slug(db, promotion, slug)
        if found is None:
            raise NotFoundException()
        try:
            groups.join(db, site_of(request), promotion, found, _person_id(request) or 0)
        except AssemblyError as error:
            return back(request, f"/assembly/groups/{found.slug}", error.message, "error")
        db.commit()
        return redirect(request, f"/assembly/groups/{found.slug}", _("You have joined this workshop."))

    @post("/groups/{slug:str}/vote", status_code=303)
    def vote(self, request: AnyRequest, db: DB, slug: FromPath[str], data: FormData) -> Redirect:
        promotion = _promotion(db, request)
        _members_only(request, promotion)
        found = groups.group_by_slug(db, promotion, slug)
        poll = topics.find_poll(db, found) if found else None
        if found is None or poll is None:
            raise NotFoundException()
        topic = str(data.get("topic") or "")
        try:
            topics.vote(
                db, site_of(request), poll, _person_id(request), int(topic) if topic.isdigit() else -1
            )
        except AssemblyError as error:
            return back(request, f"/assembly/groups/{found.slug}", error.message, "error")
        db.commit()
        return redirect(request, f"/assembly/groups/{found.slug}", _("Your vote is recorded."))

    @post("/groups/{slug:str}/propose", status_code=303)
    def propose(self, request: AnyRequest, db: DB, slug: FromPath[str], data: FormData) -> Redirect:
        promotion = _promotion(db, request)
        _members_only(request, promotion)
        found = groups.group_by_slug(db, promotion, slug)
        if found is None or found.kind != EXPLORATION:
            raise NotFoundException()
        person_id = _person_id(request)
        if groups.active_membership(db, promotion, person_id) is None:
            return back(
                request,
                f"/assembly/groups/{found.slug}",
                _("Only active members of this promotion can propose a topic."),
                "error",
            )
        form = PROPOSAL.bind(data)
        if not form.valid:
            return back(request, f"/assembly/groups/{found.slug}", _("Give the topic a title."), "error")
        try:
            topics.add_topic(
                db,
                topics.poll_for(db, found),
                title=form.values["title"],
                description=form.values["description"] or "",
                source=TopicSource.MEMBER,
                proposed_by_id=person_id,
            )
        except AssemblyError as error:
            return back(request, f"/assembly/groups/{found.slug}", error.message, "error")
        db.commit()
        return redirect(
            request,
            f"/assembly/groups/{found.slug}",
            _("Your proposal is recorded; the City checks it is within its competences before the vote."),
        )

    # -- plenaries, trainings, monitoring space -----------------------------------------------------

    @get("/plenaries", name="assembly-plenaries")
    def plenary_list(self, request: AnyRequest, db: DB) -> Template:
        promotion = _promotion(db, request)
        _members_only(request, promotion)
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
        promotion = _promotion(db, request)
        _members_only(request, promotion)
        found = trainings.of_promotion(db, promotion)
        session_ids = [s.id for t in found for s in t.sessions]
        return page(
            request,
            "assembly/trainings.html",
            promotion=promotion,
            trainings=found,
            counts=trainings.counts(db, session_ids),
            mine=trainings.enrolments_of(db, _person_id(request)),
            now=utcnow(),
            title=_("Trainings"),
        )

    @post("/trainings/{session_id:int}/enrol", status_code=303)
    def enrol(self, request: AnyRequest, db: DB, session_id: FromPath[int]) -> Redirect:
        promotion = _promotion(db, request)
        _members_only(request, promotion)
        session = trainings.session_by_id(db, session_id)
        if session is None:
            raise NotFoundException()
        try:
            trainings.enrol(db, promotion, session, _person_id(request))
        except AssemblyError as error:
            return back(request, "/assembly/trainings", error.message, "error")
        db.commit()
        return redirect(request, "/assembly/trainings", _("You are enrolled."))

    @post("/trainings/{session_id:int}/unenrol", status_code=303)
    def unenrol(self, request: AnyRequest, db: DB, session_id: FromPath[int]) -> Redirect:
        promotion = _promotion(db, request)
        _members_only(request, promotion)
        session = trainings.session_by_id(db, session_id)
        if session is None:
            raise NotFoundException()
        trainings.unenrol(db, session, _person_id(request))
        db.commit()
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
        promotion = _promotion(db, request)
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


def promotion_kind_label(request: AnyRequest, kind: str) -> str:
    from parvis.api.bodies import kind_of
    from parvis.plugins.assembly.kinds import KIND

    return kind_of(site_of(request), KIND).meeting_kind_label(kind)


def _my_meetings(
    db: Any, promotion: AssemblyPromotion | None, person_id: int | None, *, upcoming: bool
) -> list[Meeting]:
    """The meetings a member is expected at: their workshops, plenaries, the Monitoring space, the
    trainings they enrolled in."""
    if promotion is None or person_id is None:
        return []
    mine = {g.id for g in groups.groups_of_person(db, promotion, person_id)}
    enrolled = trainings.enrolments_of(db, person_id)
    sessions = {
        s.meeting_id for t in trainings.of_promotion(db, promotion) for s in t.sessions if s.id in enrolled
    }
    now = utcnow()
    out = []
    for meeting in plenaries.meetings_of(db, promotion):
        relevant = (
            meeting.kind == PLENARY
            or (meeting.group_id is not None and meeting.group_id in mine)
            or meeting.id in sessions
            or (meeting.group_id is None and meeting.kind != TRAINING)
        )
        if relevant and ((meeting.ends_at >= now) == upcoming):
            out.append(meeting)
    return out if upcoming else list(reversed(out))


def _attendance(db: Any, person_id: int | None, meetings: list[Meeting]) -> dict[int, Any]:
    if person_id is None or not meetings:
        return {}
    rows = db.execute(
        select(Attendance.meeting_id, Attendance.status).where(
            Attendance.person_id == person_id, Attendance.meeting_id.in_([m.id for m in meetings])
        )
    )
    return dict(rows.all())


__all__ = ["MemberController", "MembershipStatus", "MonitoringController"]
