"""A mission's page: its dates and places, sign-up and cancellation, calendar file, and the
organisers' and officials' actions on it (reports and hiding are core moderation's)."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Response, get, post
from litestar.response import Redirect, Template
from sqlalchemy import or_, select

from parvis.api import (
    DB,
    VOLUNTEER,
    FormData,
    FromPath,
    _,
    allowed,
    audit,
    check,
    download,
    flash,
    not_found,
    on_refusal,
    public,
    redirect,
    require_verified,
    signed_in,
    state_of,
    utcnow,
)
from parvis.api import AnyRequest as Req
from parvis.api.content import ContentRef
from parvis.api.content_translations import translated
from parvis.api.moderation import MODERATE as CORE_MODERATE
from parvis.api.moderation import state as moderation_state
from parvis.plugins.volunteers import ical, lifecycle, signup
from parvis.plugins.volunteers.content import MISSION, is_public
from parvis.plugins.volunteers.models import (
    Mission,
    MissionStatus,
    Participation,
    ParticipationStatus,
    Slot,
)
from parvis.plugins.volunteers.permissions import MANAGE_MISSION, MODERATE
from parvis.plugins.volunteers.web.cards import when
from parvis.plugins.volunteers.web.common import mission_or_404, render

SLOTS_SHOWN = 60


def visible(request: Req, db: DB, mission: Mission) -> bool:
    """Published missions not hidden by moderation are public; others only for their organisers,
    officials and moderators (core moderation's ``core.moderate``)."""
    if is_public(db, mission):
        return True
    state = state_of(request)
    return (
        allowed(state, MANAGE_MISSION, mission)
        or allowed(state, MODERATE, mission)
        or allowed(state, CORE_MODERATE, mission)
    )


def upcoming_slots(db: DB, mission: Mission, limit: int = SLOTS_SHOWN) -> list[Slot]:
    now = utcnow()
    return list(
        db.scalars(
            select(Slot)
            .where(Slot.mission_id == mission.id, or_(Slot.starts_at > now, Slot.ends_at > now))
            .order_by(Slot.starts_at)
            .limit(limit)
        )
    )


def back(request: Req, mission: Mission, message: str, category: str = "success") -> Redirect:
    response = redirect(request, f"/volunteers/missions/{mission.public_id}")
    flash(response, message, category)
    return response


def back_on_refusal(request: Req, mission: Mission) -> None:
    """If this request is refused, back to the mission's page with the reason (``on_refusal``)."""
    on_refusal(request, lambda refusal: back(request, mission, refusal.message if refusal else "", "error"))


def calendar_host(request: Req) -> str:
    configured = state_of(request).site.settings("volunteers").calendar_domain
    return configured or (request.url.hostname or "localhost")


def slot_event(request: Req, mission: Mission, slot: Slot, status: str = "CONFIRMED") -> ical.Event:
    location = ", ".join(p for p in (mission.place_name, mission.address) if p)
    return ical.Event(
        uid=ical.event_uid(mission.public_id, slot.id, calendar_host(request)),
        starts_at=slot.starts_at,
        ends_at=slot.ends_at,
        summary=mission.title,
        description=mission.description[:2000],
        location=location,
        url=str(
            request.url.with_replacements(
                path=f"/{state_of(request).locale}/volunteers/missions/{mission.public_id}", query=""
            )
        ),
        status=status if mission.status != MissionStatus.CANCELLED else "CANCELLED",
        latitude=mission.latitude,
        longitude=mission.longitude,
        updated_at=mission.updated_at,
    )


def _decide(db: DB, site: Any, participation_id: int, decision: str) -> str:
    if decision == "validate":
        signup.validate(db, site, participation_id)
        return _("The volunteer is validated.")
    if decision == "decline":
        signup.decline(db, site, participation_id)
        return _("The volunteer is declined; the place goes to the waiting list.")
    raise signup.SignupError(_("Choose a decision."))


class MissionController(Controller):
    path = "/volunteers/missions"
    include_in_schema = False  # pages, not API: the OpenAPI schema documents /api only

    @get("/{public_id:str}", guards=[public], name="volunteers-mission")
    def detail(self, request: Req, db: DB, public_id: FromPath[str]) -> Template:
        mission = mission_or_404(db, public_id)
        if not visible(request, db, mission):
            raise not_found()
        state = state_of(request)
        slots = upcoming_slots(db, mission)
        mine: dict[int, tuple[Participation, int | None]] = {}
        if state.actor.account is not None and slots:
            for participation in db.scalars(
                select(Participation).where(
                    Participation.account_id == state.actor.account.id,
                    Participation.slot_id.in_([s.id for s in slots]),
                    Participation.status.in_(signup.ACTIVE),
                )
            ):
                position = (
                    signup.waiting_position(db, participation)
                    if participation.status == ParticipationStatus.WAITLISTED
                    else None
                )
                mine[participation.slot_id] = (participation, position)
        can_manage = allowed(state, MANAGE_MISSION, mission)
        can_moderate = allowed(state, CORE_MODERATE, mission)
        transitions = lifecycle.possible(db, state.site, mission, state.actor)
        return render(
            request,
            "volunteers/mission.html",
            mission=mission,
            organisation=mission.organisation,
            slots=slots,
            mine=mine,
            can_manage=can_manage,
            can_moderate=can_moderate,
            editable=lifecycle.editable(state.site, mission),
            transitions=transitions,
            ref=ContentRef(MISSION, mission.public_id),
            moderation=moderation_state(db, ContentRef(MISSION, mission.public_id)),
            when_text=when(mission.kind, mission.starts_at, mission.ends_at, mission.slot_count),
            title=translated(request, mission, "title"),
        )

    @get("/{public_id:str}/calendar.ics", guards=[public], name="volunteers-mission-ics")
    def calendar(self, request: Req, db: DB, public_id: FromPath[str]) -> Response[str]:
        mission = mission_or_404(db, public_id)
        if not visible(request, db, mission):
            raise not_found()
        events = [slot_event(request, mission, slot) for slot in upcoming_slots(db, mission, 400)]
        body = ical.calendar(events, mission.title)
        return download(body, f"mission-{mission.public_id}.ics", "text/calendar; charset=utf-8")

    @post("/{public_id:str}/slots/{slot_id:int}/join", guards=[signed_in], status_code=303)
    def join(
        self, request: Req, db: DB, public_id: FromPath[str], slot_id: FromPath[int], data: FormData
    ) -> Redirect:
        state = state_of(request)
        mission = mission_or_404(db, public_id)
        if not visible(request, db, mission):
            raise not_found()
        check(state, "volunteers.sign_up", mission)
        require_verified(state, VOLUNTEER)
        if mission.prerequisites and not data.get("prerequisites"):
            return back(request, mission, _("Please confirm that you meet the prerequisites."), "error")
        slot = db.get(Slot, slot_id)
        if slot is None or slot.mission_id != mission.id:
            raise not_found()
        account = state.actor.account
        assert account is not None
        back_on_refusal(request, mission)
        joined = signup.join(db, state.site, slot_id, account)
        if joined.position is None:
            message = _("You are signed up. Thank you for your commitment!")
        else:
            message = _(
                "This date is full: you are on the waiting list, in position {position}. "
                "If a place frees up, it is yours and we will tell you."
            ).format(position=joined.position)
        return back(request, mission, message)

    @post("/{public_id:str}/transition", guards=[signed_in], status_code=303)
    def transition(self, request: Req, db: DB, public_id: FromPath[str], data: FormData) -> Redirect:
        state = state_of(request)
        mission = mission_or_404(db, public_id)
        name = str(data.get("transition") or "")
        target = lifecycle.transition_named(state.site, mission, name)
        if target is None:
            return back(
                request, mission, _("This change is not possible in the mission's current state."), "error"
            )
        lifecycle.require_role(state.site, state.actor, mission, target)
        back_on_refusal(request, mission)
        lifecycle.apply(db, state.site, mission, name, state.actor, note=str(data.get("note") or ""))
        audit.record_request(request, f"volunteers.mission.{name}", target=mission)
        messages = {
            "submit": _("The mission was sent to the City for validation."),
            "publish": _("The mission is published."),
            "return": _("The mission was sent back to its organisation."),
            "complete": _("The mission is marked as completed."),
            "cancel": _("The mission is cancelled; its volunteers are told."),
        }
        return back(request, mission, messages.get(name, _("The mission is saved.")))


class ParticipationController(Controller):
    """A volunteer's own sign-ups, and the organiser's decisions on them."""

    path = "/volunteers/participations"
    include_in_schema = False  # pages, not API: the OpenAPI schema documents /api only

    @get("/{participation_id:int}/cancel", guards=[signed_in], name="volunteers-cancel-confirm")
    def confirm_cancel(self, request: Req, db: DB, participation_id: FromPath[int]) -> Template:
        """Cancelling asks first (the page works without JavaScript): which mission, which date."""
        participation = db.get(Participation, participation_id)
        if participation is None or participation.account_id != state_of(request).actor.account.id:  # type: ignore[union-attr]
            raise not_found()
        return render(
            request,
            "volunteers/cancel.html",
            participation=participation,
            mission=participation.slot.mission,
            slot=participation.slot,
            title=_("Cancel your sign-up?"),
        )

    @post("/{participation_id:int}/cancel", guards=[signed_in], status_code=303)
    def cancel(self, request: Req, db: DB, participation_id: FromPath[int]) -> Redirect:
        state = state_of(request)
        participation = db.get(Participation, participation_id)
        if participation is None or participation.account_id != state.actor.account.id:  # type: ignore[union-attr]
            raise not_found()
        mission = participation.slot.mission
        back_on_refusal(request, mission)
        signup.cancel(db, state.site, participation_id)
        return redirect(request, "/volunteers/me", _("Your sign-up is cancelled."))

    @post("/{participation_id:int}/decide", guards=[signed_in], status_code=303)
    def decide(self, request: Req, db: DB, participation_id: FromPath[int], data: FormData) -> Redirect:
        state = state_of(request)
        participation = db.get(Participation, participation_id)
        if participation is None:
            raise not_found()
        mission = participation.slot.mission
        check(state, MANAGE_MISSION, mission)
        decision = str(data.get("decision") or "")
        path, slot = f"/volunteers/missions/{mission.public_id}/participants", participation.slot_id
        on_refusal(
            request, lambda refusal: redirect(request, path, refusal.message if refusal else None, slot=slot)
        )
        message = _decide(db, state.site, participation_id, decision)
        return redirect(request, path, message, slot=slot)
