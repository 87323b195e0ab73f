"""Back office of a promotion's groups: their topics, the topic vote, their outputs (drafts of decisions)."""

from __future__ import annotations

from typing import Any, NamedTuple

from litestar import get, post
from litestar.di import NamedDependency, Provide
from litestar.exceptions import NotFoundException
from litestar.response import Redirect, Template

from parvis.api import (
    DB,
    Field,
    Form,
    FormData,
    FromPath,
    _,
    audit,
    backoffice,
    lazy_gettext,
    page,
    redirect,
    state_of,
)
from parvis.api.decisions import registry
from parvis.plugins.assembly.kinds import DELIBERATION, EXPLORATION
from parvis.plugins.assembly.models import AssemblyPromotion, PollStatus, TopicSource
from parvis.plugins.assembly.services import groups, outputs, plenaries, topics

from .common import AnyRequest, PromotionAdmin, back, promotion_or_404, promotion_page, site_of
from .forms import TOPIC

OPEN_POLL = Form(Field("closes_at", lazy_gettext("The vote closes at"), kind="datetime", required=False))
OUTPUT = Form(
    Field("output_title", lazy_gettext("Title"), max_length=300),
    Field("output_summary", lazy_gettext("Summary"), kind="textarea", required=False),
)


class GroupOfPromotion(NamedTuple):
    promotion: AssemblyPromotion
    group: Any
    target: str  # the group's page, where a refusal goes back with why


FoundGroup = NamedDependency[GroupOfPromotion]


def group_of(request: AnyRequest, db: DB, public_id: FromPath[str], slug: FromPath[str]) -> GroupOfPromotion:
    """The group a handler below ``/groups/{slug}`` works on (the dependency ``group_found``)."""
    promotion = promotion_or_404(db, public_id)
    group = groups.group_by_slug(db, promotion, slug)
    if group is None:
        raise NotFoundException()
    target = f"/admin/assembly/{promotion.public_id}/groups/{group.slug}"
    backoffice.refuse_to(request, target)
    return GroupOfPromotion(promotion, group, target)


class AssemblyGroupsAdminController(PromotionAdmin):
    dependencies = {"group_found": Provide(group_of, sync_to_thread=True)}  # it reads the database

    @get("/groups", name="admin-assembly-groups")
    def group_list(self, request: AnyRequest, db: DB, public_id: FromPath[str]) -> Template:
        promotion = promotion_or_404(db, public_id)
        site = site_of(request)
        found = groups.groups_of(db, promotion)
        return promotion_page(
            request,
            promotion,
            "assembly/admin/groups.html",
            "groups",
            _("Groups of the promotion {label}"),
            groups=[(groups.label(g), g, len(groups.members_of(db, g))) for g in found.values()],
            polls={kind: topics.find_poll(db, g) for kind, g in found.items()},
            outputs=[d for d in plenaries.decisions_of(db, promotion) if d.group_id is not None],
            registry=registry(site),
        )

    @get("/groups/{slug:str}", name="admin-assembly-group")
    def group_page(self, request: AnyRequest, db: DB, group_found: FoundGroup) -> Template:
        promotion, group, _target = group_found
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
            output_label=registry(site).type_label(outputs.output_type(site, group)),
            deliberation=DELIBERATION,
            exploration=EXPLORATION,
            section="groups",
            title=groups.label(group),
        )

    @post("/groups/{slug:str}/topics", status_code=303)
    def add_topic(self, request: AnyRequest, db: DB, data: FormData, group_found: FoundGroup) -> Redirect:
        _promotion, group, target = group_found
        form = TOPIC.bind(data)
        if not form.valid:
            return back(request, target, _("Give the topic a title."), "error")
        topics.add_topic(
            db,
            topics.poll_for(db, group),
            title=form.values["title"],
            description=form.values["description"] or "",
            source=TopicSource.MAYOR if group.kind == DELIBERATION else TopicSource.MEMBER,
        )
        return redirect(request, target, _("The topic is added."))

    @post("/groups/{slug:str}/topics/{topic_id:int}/review", status_code=303)
    def review_topic(
        self,
        request: AnyRequest,
        db: DB,
        topic_id: FromPath[int],
        data: FormData,
        group_found: FoundGroup,
    ) -> Redirect:
        _promotion, group, target = group_found
        poll = topics.find_poll(db, group)
        topic = next((t for t in poll.topics if t.id == topic_id), None) if poll else None
        if topic is None:
            raise NotFoundException()
        topics.review(db, topic, admissible=data.get("admissible") == "1", note=str(data.get("note") or ""))
        audit.record_request(
            request, "assembly.topic.review", target=topic, admissible=data.get("admissible") == "1"
        )
        return redirect(request, target, _("The check is recorded."))

    @post("/groups/{slug:str}/poll/{action:str}", status_code=303)
    def poll_action(
        self,
        request: AnyRequest,
        db: DB,
        action: FromPath[str],
        data: FormData,
        group_found: FoundGroup,
    ) -> Redirect:
        _promotion, group, target = group_found
        poll = topics.find_poll(db, group)
        if poll is None or action not in ("open", "close", "settle"):
            raise NotFoundException()
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
        audit.record_request(request, f"assembly.poll.{action}", target=poll, group=group.slug)
        return redirect(request, target, message)

    @post("/groups/{slug:str}/output", status_code=303)
    def add_output(self, request: AnyRequest, db: DB, data: FormData, group_found: FoundGroup) -> Redirect:
        promotion, group, target = group_found
        form = OUTPUT.bind(data)
        if not form.valid:
            return back(request, target, _("Give it a title."), "error")
        decision = outputs.create_output(
            db,
            site_of(request),
            promotion,
            group,
            title=form.values["output_title"],
            summary=form.values["output_summary"] or "",
            actor=state_of(request).actor,
        )
        return redirect(
            request,
            f"/admin/decisions/{decision.public_id}",
            _("The draft is created; take it through the workflow."),
        )
