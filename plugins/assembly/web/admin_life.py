"""Back office of the members' life: seats and replacements, groups with their topic vote and
outputs, plenary agendas, trainings."""

from __future__ import annotations

from typing import Any

from litestar import Controller, get, post
from litestar.exceptions import NotFoundException
from litestar.response import Redirect, Template
from sqlalchemy import select

from parvis.api import (
    DB,
    Field,
    Form,
    FormData,
    FromPath,
    _,
    audit,
    can,
    lazy_gettext,
    page,
    redirect,
    state_of,
)
from parvis.api.bodies import MEMBERSHIP_STATUS_LABELS, Meeting
from parvis.api.decisions import Decision, registry
from parvis.plugins.assembly.kinds import DELIBERATION, EXPLORATION, PLENARY
from parvis.plugins.assembly.models import POLL_STATUS_LABELS, AssemblySeat, PollStatus, TopicSource
from parvis.plugins.assembly.permissions import MANAGE
from parvis.plugins.assembly.services import groups, outputs, plenaries, seats, topics, trainings
from parvis.plugins.assembly.services.common import AssemblyError

from .common import AnyRequest, back, promotion_or_404, site_of
from .public import college_label

TOPIC = Form(
    Field("title", lazy_gettext("Topic"), max_length=200),
    Field("description", lazy_gettext("Description"), kind="textarea", required=False),
)
OPEN_POLL = Form(Field("closes_at", lazy_gettext("The vote closes at"), kind="datetime", required=False))
OUTPUT = Form(
    Field("output_title", lazy_gettext("Title"), max_length=300),
    Field("output_summary", lazy_gettext("Summary"), kind="textarea", required=False),
)
TRAINING = Form(
    Field("title", lazy_gettext("Title"), max_length=200),
    Field("description", lazy_gettext("Description"), kind="textarea", required=False),
)


def session_form(found: list[Any]) -> Form:
    return Form(
        Field(
            "training", lazy_gettext("Training"), kind="select", choices=[(t.slug, t.title) for t in found]
        ),
        *SESSION_FIELDS,
    )


SESSION_FIELDS = (
    Field("starts_at", lazy_gettext("Start"), kind="datetime"),
    Field("ends_at", lazy_gettext("End"), kind="datetime"),
    Field("place", lazy_gettext("Place"), required=False, max_length=300),
    Field("capacity", lazy_gettext("Places"), kind="integer", min=1, max=1000),
)


class LifeAdminController(Controller):
    path = "/admin/assembly/{public_id:str}"
    guards = [can(MANAGE)]

    # -- seats ------------------------------------------------------------------------------------

    @get("/seats", name="admin-assembly-seats")
    def seat_list(self, request: AnyRequest, db: DB, public_id: FromPath[str]) -> Template:
        promotion = promotion_or_404(db, public_id)
        found = seats.seats_of(db, promotion)
        replaced = {s.replaces_id for s in found if s.replaces_id}
        return page(
            request,
            "assembly/admin/seats.html",
            promotion=promotion,
            seats=found,
            replaced=replaced,
            status_labels=MEMBERSHIP_STATUS_LABELS,
            college_label=college_label,
            section="seats",
            title=_("Seats of the promotion {label}").format(label=promotion.label),
        )

    @post("/seats/{seat_id:int}/{action:str}", status_code=303)
    def seat_action(
        self,
        request: AnyRequest,
        db: DB,
        public_id: FromPath[str],
        seat_id: FromPath[int],
        action: FromPath[str],
    ) -> Redirect:
        promotion = promotion_or_404(db, public_id)
        seat = db.get(AssemblySeat, seat_id)
        if (
            seat is None
            or seat.promotion_id != promotion.id
            or action not in ("accept", "decline", "leave", "replace")
        ):
            raise NotFoundException()
        site = site_of(request)
        target = f"/admin/assembly/{promotion.public_id}/seats"
        try:
            if action == "accept":
                seats.accept(db, site, seat)
                message = _("The seat is accepted.")
            elif action == "decline":
                seats.decline(db, site, seat)
                message = _("The seat is declined; it can be refilled from the reserve.")
            elif action == "leave":
                seats.leave(db, site, seat, site.today())
                message = _("The member has left; the seat can be refilled from the reserve.")
            else:
                new = seats.replace(db, site, seat)
                message = _("{name} is invited to take the seat.").format(
                    name=new.membership.person.full_name
                )
        except AssemblyError as error:
            db.rollback()
            return back(request, target, error.message, "error")
        audit.record_request(request, f"assembly.seat.{action}", target=seat.membership.person, seat=seat.id)
        db.commit()
        return redirect(request, target, message)

    # -- groups, topics, outputs --------------------------------------------------------------------

    @get("/groups", name="admin-assembly-groups")
    def group_list(self, request: AnyRequest, db: DB, public_id: FromPath[str]) -> Template:
        promotion = promotion_or_404(db, public_id)
        site = site_of(request)
        found = groups.groups_of(db, promotion)
        return page(
            request,
            "assembly/admin/groups.html",
            promotion=promotion,
            groups=[(groups.label(g), g, len(groups.members_of(db, g))) for g in found.values()],
            polls={kind: topics.find_poll(db, g) for kind, g in found.items()},
            outputs=[d for d in plenaries.decisions_of(db, promotion) if d.group_id is not None],
            registry=registry(site),
            poll_labels=POLL_STATUS_LABELS,
            section="groups",
            title=_("Groups of the promotion {label}").format(label=promotion.label),
        )

    @get("/groups/{slug:str}", name="admin-assembly-group")
    def group_page(
        self, request: AnyRequest, db: DB, public_id: FromPath[str], slug: FromPath[str]
    ) -> Template:
        promotion, group, _target = self._group(db, public_id, slug)
        site = site_of(request)
        poll = topics.find_poll(db, group)
        return page(
            request,
            "assembly/admin/group.html",
            promotion=promotion,
            group=group,
            count=len(groups.members_of(db, group)),
            poll=poll,
            results=topics.results(db, poll) if poll and poll.status != PollStatus.DRAFT else [],
            chosen=topics.chosen(poll),
            outputs=[d for d in plenaries.decisions_of(db, promotion) if d.group_id == group.id],
            topic_form=TOPIC.bind(),
            poll_form=OPEN_POLL.bind(),
            output_form=OUTPUT.bind(),
            poll_labels=POLL_STATUS_LABELS,
            output_label=registry(site).type_label(outputs.output_type(site, group)),
            deliberation=DELIBERATION,
            exploration=EXPLORATION,
            section="groups",
            title=groups.label(group),
        )

    def _group(self, db: DB, public_id: str, slug: str) -> tuple[Any, Any, str]:
        promotion = promotion_or_404(db, public_id)
        group = groups.group_by_slug(db, promotion, slug)
        if group is None:
            raise NotFoundException()
        return promotion, group, f"/admin/assembly/{promotion.public_id}/groups/{group.slug}"

    @post("/groups/{slug:str}/topics", status_code=303)
    def add_topic(
        self, request: AnyRequest, db: DB, public_id: FromPath[str], slug: FromPath[str], data: FormData
    ) -> Redirect:
        _promotion, group, target = self._group(db, public_id, slug)
        form = TOPIC.bind(data)
        if not form.valid:
            return back(request, target, _("Give the topic a title."), "error")
        try:
            topics.add_topic(
                db,
                topics.poll_for(db, group),
                title=form.values["title"],
                description=form.values["description"] or "",
                source=TopicSource.MAYOR if group.kind == DELIBERATION else TopicSource.MEMBER,
            )
        except AssemblyError as error:
            return back(request, target, error.message, "error")
        db.commit()
        return redirect(request, target, _("The topic is added."))

    @post("/groups/{slug:str}/topics/{topic_id:int}/review", status_code=303)
    def review_topic(
        self,
        request: AnyRequest,
        *,
        db: DB,
        public_id: FromPath[str],
        slug: FromPath[str],
        topic_id: FromPath[int],
        data: FormData,
    ) -> Redirect:
        _promotion, group, target = self._group(db, public_id, slug)
        poll = topics.find_poll(db, group)
        topic = next((t for t in poll.topics if t.id == topic_id), None) if poll else None
        if topic is None:
            raise NotFoundException()
        try:
            topics.review(
                db, topic, admissible=data.get("admissible") == "1", note=str(data.get("note") or "")
            )
        except AssemblyError as error:
            return back(request, target, error.message, "error")
        audit.record_request(
            request, "assembly.topic.review", target=topic, admissible=data.get("admissible") == "1"
        )
        db.commit()
        return redirect(request, target, _("The check is recorded."))

    @post("/groups/{slug:str}/poll/{action:str}", status_code=303)
    def poll_action(
        self,
        request: AnyRequest,
        *,
        db: DB,
        public_id: FromPath[str],
        slug: FromPath[str],
        action: FromPath[str],
        data: FormData,
    ) -> Redirect:
        _promotion, group, target = self._group(db, public_id, slug)
        poll = topics.find_poll(db, group)
        if poll is None or action not in ("open", "close", "settle"):
            raise NotFoundException()
        try:
            if action == "open":
                form = OPEN_POLL.bind(data)
                if not form.valid:
                    return back(request, target, _("Enter a date and time like 2026-03-31 18:30."), "error")
                topics.open_poll(db, poll, form.values["closes_at"])
                message = _("The vote is open.")
            elif action == "close":
                tied = topics.close_poll(db, poll)
                message = (
                    _("The vote is closed: several topics are tied, choose one.")
                    if tied
                    else _("The vote is closed.")
                )
            else:
                topic_id = str(data.get("topic") or "")
                topic = next((t for t in poll.topics if str(t.id) == topic_id), None)
                if topic is None:
                    return back(request, target, _("Choose among the options shown."), "error")
                topics.settle_tie(db, poll, topic)
                message = _("The topic is chosen.")
        except AssemblyError as error:
            db.rollback()
            return back(request, target, error.message, "error")
        audit.record_request(request, f"assembly.poll.{action}", target=poll, group=group.slug)
        db.commit()
        return redirect(request, target, message)

    @post("/groups/{slug:str}/output", status_code=303)
    def add_output(
        self, request: AnyRequest, db: DB, public_id: FromPath[str], slug: FromPath[str], data: FormData
    ) -> Redirect:
        promotion, group, target = self._group(db, public_id, slug)
        form = OUTPUT.bind(data)
        if not form.valid:
            return back(request, target, _("Give it a title."), "error")
        try:
            decision = outputs.create_output(
                db,
                site_of(request),
                promotion,
                group,
                title=form.values["output_title"],
                summary=form.values["output_summary"] or "",
                actor=state_of(request).actor,
            )
        except AssemblyError as error:
            return back(request, target, error.message, "error")
        db.commit()
        return redirect(
            request,
            f"/admin/decisions/{decision.public_id}",
            _("The draft is created; take it through the workflow."),
        )

    # -- plenaries ----------------------------------------------------------------------------------

    @get("/plenaries", name="admin-assembly-plenaries")
    def plenary_list(self, request: AnyRequest, db: DB, public_id: FromPath[str]) -> Template:
        promotion = promotion_or_404(db, public_id)
        site = site_of(request)
        found = plenaries.plenaries(db, promotion)
        return page(
            request,
            "assembly/admin/plenaries.html",
            promotion=promotion,
            plenaries=[(m, plenaries.agenda(db, m)) for m in found],
            decisions=plenaries.decisions_of(db, promotion),
            registry=registry(site),
            per_year=site.settings("assembly").plenaries_per_year,
            section="plenaries",
            title=_("Plenaries of the promotion {label}").format(label=promotion.label),
        )

    @post("/plenaries/{meeting_id:str}/items", status_code=303)
    def plenary_item(
        self, request: AnyRequest, db: DB, public_id: FromPath[str], meeting_id: FromPath[str], data: FormData
    ) -> Redirect:
        promotion = promotion_or_404(db, public_id)
        meeting = db.scalar(
            select(Meeting).where(Meeting.public_id == meeting_id[:24], Meeting.kind == PLENARY)
        )
        decision = db.scalar(
            select(Decision).where(Decision.public_id == str(data.get("decision") or "")[:24])
        )
        target = f"/admin/assembly/{promotion.public_id}/plenaries"
        if meeting is None:
            raise NotFoundException()
        if decision is None:
            return back(request, target, _("Choose among the options shown."), "error")
        try:
            if data.get("remove") == "1":
                plenaries.remove_item(db, meeting, decision)
            else:
                plenaries.add_item(db, promotion, meeting, decision)
        except AssemblyError as error:
            return back(request, target, error.message, "error")
        db.commit()
        return redirect(request, target, _("The agenda is saved."))

    # -- trainings ----------------------------------------------------------------------------------

    @get("/trainings", name="admin-assembly-trainings")
    def training_list(self, request: AnyRequest, db: DB, public_id: FromPath[str]) -> Template:
        promotion = promotion_or_404(db, public_id)
        found = trainings.of_promotion(db, promotion)
        ids = [s.id for t in found for s in t.sessions]
        return page(
            request,
            "assembly/admin/trainings.html",
            promotion=promotion,
            trainings=found,
            counts=trainings.counts(db, ids),
            training_form=TRAINING.bind(),
            session_form=session_form(found).bind(),
            section="trainings",
            title=_("Trainings of the promotion {label}").format(label=promotion.label),
        )

    @post("/trainings", status_code=303)
    def add_training(self, request: AnyRequest, db: DB, public_id: FromPath[str], data: FormData) -> Redirect:
        promotion = promotion_or_404(db, public_id)
        target = f"/admin/assembly/{promotion.public_id}/trainings"
        form = TRAINING.bind(data)
        if not form.valid:
            return back(request, target, _("Give it a title."), "error")
        trainings.add_training(
            db, promotion, title=form.values["title"], description=form.values["description"] or ""
        )
        db.commit()
        return redirect(request, target, _("The training is added."))

    @post("/trainings/sessions", status_code=303)
    def add_session(self, request: AnyRequest, db: DB, public_id: FromPath[str], data: FormData) -> Redirect:
        promotion = promotion_or_404(db, public_id)
        target = f"/admin/assembly/{promotion.public_id}/trainings"
        form = session_form(trainings.of_promotion(db, promotion)).bind(data)
        if not form.valid:
            return back(request, target, next(iter(form.errors.values())), "error")
        training = trainings.by_slug(db, promotion, form.values["training"])
        if training is None:
            raise NotFoundException()
        try:
            trainings.add_session(
                db,
                site_of(request),
                training,
                starts_at=form.values["starts_at"],
                ends_at=form.values["ends_at"],
                place=form.values["place"] or "",
                capacity=form.values["capacity"],
            )
        except AssemblyError as error:
            return back(request, target, error.message, "error")
        db.commit()
        return redirect(request, target, _("The session is added."))
