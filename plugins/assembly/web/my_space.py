"""The member's own space: my seat (accept or decline the offer), my meetings, my pay, my profile."""

from __future__ import annotations

from typing import Any

from litestar import Controller, get, post
from litestar.response import Redirect, Template
from sqlalchemy import select

from parvis.api import (
    DB,
    Account,
    Field,
    Form,
    FormData,
    _,
    backoffice,
    lazy_gettext,
    page,
    redirect,
    signed_in,
    state_of,
    utcnow,
)
from parvis.api.bodies import (
    Attendance,
    Meeting,
)
from parvis.plugins.assembly.kinds import (
    PLENARY,
    TRAINING,
)
from parvis.plugins.assembly.models import AssemblyPromotion
from parvis.plugins.assembly.services import (
    common,
    compensation,
    groups,
    plenaries,
    profiles,
    seats,
    trainings,
)

from .common import AnyRequest, back, site_of
from .member_area import members_only, person_id_of, promotion_for, promotion_kind_label
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


class MySpaceController(Controller):
    path = "/assembly"
    guards = [signed_in]

    @get("/me", name="assembly-me")
    def me(self, request: AnyRequest, db: DB) -> Template:
        site = site_of(request)
        person_id = person_id_of(request)
        mine = seats.my_seats(db, person_id)
        promotion = common.current_promotion(db, site)
        active = groups.active_membership(db, promotion, person_id) if promotion else None
        upcoming = my_meetings_of(db, promotion, person_id, upcoming=True)[:5] if active else []
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
        backoffice.refuse_to(request, "/assembly/me")
        if choice == "accept":
            account = db.get(Account, state.actor.account.id)  # type: ignore[union-attr]
            seats.accept(db, state.site, seat, account)
            message = _("Welcome to the Citizens' Assembly!")
        else:
            seats.decline(db, state.site, seat)
            message = _("Your answer is recorded: you decline the seat.")
        state.forget_actor()
        return redirect(request, "/assembly/me", message)

    @get("/me/meetings", name="assembly-my-meetings")
    def my_meetings(self, request: AnyRequest, db: DB) -> Template:
        promotion = promotion_for(db, request)
        members_only(request, promotion)
        person_id = person_id_of(request)
        upcoming = my_meetings_of(db, promotion, person_id, upcoming=True)
        past = my_meetings_of(db, promotion, person_id, upcoming=False)
        marks = attendance_marks(db, person_id, upcoming + past)
        return page(
            request,
            "assembly/my_meetings.html",
            promotion=promotion,
            upcoming=upcoming,
            past=past,
            marks=marks,
            kind_label=lambda kind: promotion_kind_label(request, kind),
            title=_("My meetings"),
        )

    @get("/me/pay", name="assembly-my-pay")
    def my_pay(self, request: AnyRequest, db: DB) -> Template:
        promotion = promotion_for(db, request)
        members_only(request, promotion)
        site = site_of(request)
        person_id = person_id_of(request)
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
        promotion = promotion_for(db, request)
        members_only(request, promotion)
        person_id = person_id_of(request)
        found = profiles.profile_of(db, person_id) if person_id else None
        initial = {"bio": found.bio, "show_email": found.show_email} if found else {}
        return page(
            request, "assembly/my_profile.html", form=PROFILE.bind(initial=initial), title=_("My profile")
        )

    @post("/me/profile", status_code=303)
    def profile_save(self, request: AnyRequest, db: DB, data: FormData) -> Template | Redirect:
        promotion = promotion_for(db, request)
        members_only(request, promotion)
        person_id = person_id_of(request)
        form = PROFILE.bind(data)
        if not form.valid or person_id is None:
            return page(
                request, "assembly/my_profile.html", form=form, title=_("My profile"), status_code=400
            )
        profiles.save(db, person_id, bio=form.values["bio"] or "", show_email=bool(form.values["show_email"]))
        return redirect(request, "/assembly/members", _("Your profile is saved."))


def my_meetings_of(
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


def attendance_marks(db: Any, person_id: int | None, meetings: list[Meeting]) -> dict[int, Any]:
    if person_id is None or not meetings:
        return {}
    rows = db.execute(
        select(Attendance.meeting_id, Attendance.status).where(
            Attendance.person_id == person_id, Attendance.meeting_id.in_([m.id for m in meetings])
        )
    )
    return dict(rows.all())
