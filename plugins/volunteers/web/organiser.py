"""The organisers' side of a mission: proposing it, editing it and its schedule, and the list of
participants with their decisions (and a CSV sign-in sheet)."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Response, get, post
from litestar.response import Redirect, Template
from sqlalchemy import func, select

from parvis.api import (
    DB,
    Account,
    FormData,
    FromPath,
    FromQuery,
    _,
    audit,
    check,
    csv_response,
    csv_text,
    flash,
    format_datetime,
    local,
    not_found,
    redirect,
    signed_in,
    state_of,
)
from parvis.api import AnyRequest as Req
from parvis.plugins.volunteers import catalogue, lifecycle
from parvis.plugins.volunteers.models import (
    Mission,
    MissionKind,
    Organisation,
    Participation,
    ParticipationStatus,
    Slot,
)
from parvis.plugins.volunteers.permissions import MANAGE_MISSION
from parvis.plugins.volunteers.web.common import (
    mission_or_404,
    organisation_or_404,
    render,
)
from parvis.plugins.volunteers.web.forms import mission_form, mission_initial, mission_input


def _form_page(
    request: Req, form: Any, organisation: Organisation, mission: Mission | None, status_code: int = 200
) -> Template:
    title = _("Edit the mission") if mission else _("Propose a mission")
    return render(
        request,
        "volunteers/mission_form.html",
        form=form,
        organisation=organisation,
        mission=mission,
        title=title,
        status_code=status_code,
    )


def _schedule_notes(report: Any) -> list[str]:
    notes = []
    if report.kept_with_volunteers:
        notes.append(
            _(
                "{count} dates removed from the schedule were kept because volunteers signed up for them."
            ).format(count=len(report.kept_with_volunteers))
        )
    if report.capacity_kept:
        notes.append(
            _(
                "{count} dates kept their number of places: "
                "more volunteers have signed up than the new number."
            ).format(count=len(report.capacity_kept))
        )
    return notes


class OrganiserController(Controller):
    path = "/volunteers"
    include_in_schema = False  # pages, not API: the OpenAPI schema documents /api only

    @get("/organisations/{slug:str}/missions/new", guards=[signed_in], name="volunteers-mission-new")
    def new(self, request: Req, db: DB, slug: FromPath[str]) -> Template:
        organisation = organisation_or_404(db, slug)
        check(state_of(request), MANAGE_MISSION, organisation)
        initial = {"category": "mission", "kind": MissionKind.ONE_OFF.value, "capacity": "10"}
        form = mission_form(state_of(request).site).bind(initial=initial)
        return _form_page(request, form, organisation, None)

    @post("/organisations/{slug:str}/missions/new", guards=[signed_in], status_code=303)
    def create(self, request: Req, db: DB, slug: FromPath[str], data: FormData) -> Template | Redirect:
        state = state_of(request)
        organisation = organisation_or_404(db, slug)
        check(state, MANAGE_MISSION, organisation)
        form = mission_form(state.site).bind(data)
        values = mission_input(form)
        if values is None:
            return _form_page(request, form, organisation, None, status_code=400)
        mission = catalogue.create_mission(db, state.site, organisation, values, state.actor.account)
        if data.get("submit_now"):
            lifecycle.apply(db, state.site, mission, "submit", state.actor)
        message = (
            _("The mission was sent to the City for validation.")
            if data.get("submit_now")
            else _("The mission is saved as a draft.")
        )
        return redirect(request, f"/volunteers/missions/{mission.public_id}", message)

    @get("/missions/{public_id:str}/edit", guards=[signed_in], name="volunteers-mission-edit")
    def edit(self, request: Req, db: DB, public_id: FromPath[str]) -> Template:
        mission = mission_or_404(db, public_id)
        state = state_of(request)
        check(state, MANAGE_MISSION, mission)
        if not lifecycle.editable(state.site, mission):
            raise not_found()
        slots = mission.slots
        capacity = max((s.capacity for s in slots), default=10)
        until = local(slots[-1].starts_at).date() if slots and mission.kind == MissionKind.RECURRING else None
        weekdays = (
            sorted({str(local(s.starts_at).weekday()) for s in slots})
            if mission.kind == MissionKind.RECURRING
            else []
        )
        form = mission_form(state.site).bind(initial=mission_initial(mission, capacity, until, weekdays))
        return _form_page(request, form, mission.organisation, mission)

    @post("/missions/{public_id:str}/edit", guards=[signed_in], status_code=303)
    def update(self, request: Req, db: DB, public_id: FromPath[str], data: FormData) -> Template | Redirect:
        state = state_of(request)
        mission = mission_or_404(db, public_id)
        check(state, MANAGE_MISSION, mission)
        if not lifecycle.editable(state.site, mission):
            raise not_found()
        form = mission_form(state.site).bind(data)
        values = mission_input(form)
        if values is None:
            return _form_page(request, form, mission.organisation, mission, status_code=400)
        report = catalogue.update_mission(db, state.site, mission, values)
        response = redirect(request, f"/volunteers/missions/{mission.public_id}")
        notes = _schedule_notes(report)
        flash(response, " ".join([_("The mission is saved."), *notes]), "warning" if notes else "success")
        return response

    def _participants(
        self, db: DB, mission: Mission, slot_id: int | None
    ) -> tuple[list[Slot], Slot | None, list[Any]]:
        slots = list(db.scalars(select(Slot).where(Slot.mission_id == mission.id).order_by(Slot.starts_at)))
        chosen = next((s for s in slots if s.id == slot_id), None)
        if chosen is None and slots:
            from parvis.api import utcnow

            now = utcnow()
            chosen = next((s for s in slots if s.ends_at > now), slots[-1])
        rows: list[Any] = []
        if chosen is not None:
            rows = list(
                db.execute(
                    select(Participation, Account)
                    .join(Account, Account.id == Participation.account_id)
                    .where(Participation.slot_id == chosen.id)
                    .order_by(Participation.status, Participation.id)
                ).all()
            )
        return slots, chosen, rows

    @get("/missions/{public_id:str}/participants", guards=[signed_in], name="volunteers-participants")
    def participants(
        self, request: Req, db: DB, public_id: FromPath[str], slot: FromQuery[int | None] = None
    ) -> Template:
        mission = mission_or_404(db, public_id)
        check(state_of(request), MANAGE_MISSION, mission)
        slots, chosen, rows = self._participants(db, mission, slot)
        waiting = {
            p.id: n
            for n, p in enumerate(
                (p for p, _a in rows if p.status == ParticipationStatus.WAITLISTED), start=1
            )
        }
        counts = dict(
            db.execute(
                select(Participation.slot_id, func.count())
                .join(Slot, Slot.id == Participation.slot_id)
                .where(Slot.mission_id == mission.id, Participation.status == ParticipationStatus.WAITLISTED)
                .group_by(Participation.slot_id)
            ).all()
        )
        return render(
            request,
            "volunteers/participants.html",
            mission=mission,
            slots=slots,
            chosen=chosen,
            rows=rows,
            waiting=waiting,
            waiting_counts=counts,
            title=_("Participants: {mission}").format(mission=mission.title),
        )

    @get("/missions/{public_id:str}/participants.csv", guards=[signed_in], name="volunteers-participants-csv")
    def participants_csv(
        self, request: Req, db: DB, public_id: FromPath[str], slot: FromQuery[int | None] = None
    ) -> Response[str]:
        mission = mission_or_404(db, public_id)
        check(state_of(request), MANAGE_MISSION, mission)
        _slots, chosen, rows = self._participants(db, mission, slot)
        if chosen is None:
            raise not_found()
        header = [_("Name"), _("E-mail address"), _("Status"), _("Signed up on"), _("Validated")]
        labels = {
            ParticipationStatus.CONFIRMED: _("Confirmed"),
            ParticipationStatus.WAITLISTED: _("Waiting list"),
            ParticipationStatus.CANCELLED: _("Cancelled"),
            ParticipationStatus.DECLINED: _("Declined"),
        }
        lines = (
            [
                account.display_name,
                account.email,
                labels[participation.status],
                format_datetime(participation.created_at, "short"),
                _("yes") if participation.validated_at else "",
            ]
            for participation, account in rows
        )
        text = csv_text(header, lines)
        name = f"participants-{mission.public_id}-{local(chosen.starts_at):%Y%m%d-%H%M}.csv"
        audit.record_request(
            request, "volunteers.participants.export", target=mission, records=len(rows), slot=chosen.id
        )
        return csv_response(text, name)
