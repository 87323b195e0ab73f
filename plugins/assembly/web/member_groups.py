"""A group's page for members: joining a workshop, the topic vote, proposing a topic."""

from __future__ import annotations

from litestar import Controller, get, post
from litestar.exceptions import NotFoundException
from litestar.response import Redirect, Template

from parvis.api import DB, FormData, FromPath, _, backoffice, page, redirect, signed_in, utcnow
from parvis.plugins.assembly.kinds import EXPLORATION, WORKSHOPS
from parvis.plugins.assembly.models import PollStatus, TopicSource
from parvis.plugins.assembly.services import groups, plenaries, topics

from .common import AnyRequest, back, site_of
from .forms import PROPOSAL
from .member_area import members_only, person_id_of, promotion_for, promotion_kind_label


class MemberGroupsController(Controller):
    path = "/assembly"
    guards = [signed_in]

    @get("/groups/{slug:str}", name="assembly-group")
    def group(self, request: AnyRequest, db: DB, slug: FromPath[str]) -> Template:
        promotion = promotion_for(db, request)
        members_only(request, promotion)
        found = groups.group_by_slug(db, promotion, slug)
        if found is None:
            raise NotFoundException()
        site = site_of(request)
        person_id = person_id_of(request)
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
        promotion = promotion_for(db, request)
        members_only(request, promotion)
        found = groups.group_by_slug(db, promotion, slug)
        if found is None:
            raise NotFoundException()
        backoffice.refuse_to(request, f"/assembly/groups/{found.slug}")
        groups.join(db, site_of(request), promotion, found, person_id_of(request) or 0)
        return redirect(request, f"/assembly/groups/{found.slug}", _("You have joined this workshop."))

    @post("/groups/{slug:str}/vote", status_code=303)
    def vote(self, request: AnyRequest, db: DB, slug: FromPath[str], data: FormData) -> Redirect:
        promotion = promotion_for(db, request)
        members_only(request, promotion)
        found = groups.group_by_slug(db, promotion, slug)
        poll = topics.find_poll(db, found) if found else None
        if found is None or poll is None:
            raise NotFoundException()
        topic = str(data.get("topic") or "")
        backoffice.refuse_to(request, f"/assembly/groups/{found.slug}")
        topics.vote(db, site_of(request), poll, person_id_of(request), int(topic) if topic.isdigit() else -1)
        return redirect(request, f"/assembly/groups/{found.slug}", _("Your vote is recorded."))

    @post("/groups/{slug:str}/propose", status_code=303)
    def propose(self, request: AnyRequest, db: DB, slug: FromPath[str], data: FormData) -> Redirect:
        promotion = promotion_for(db, request)
        members_only(request, promotion)
        found = groups.group_by_slug(db, promotion, slug)
        if found is None or found.kind != EXPLORATION:
            raise NotFoundException()
        person_id = person_id_of(request)
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
        backoffice.refuse_to(request, f"/assembly/groups/{found.slug}")
        topics.add_topic(
            db,
            topics.poll_for(db, found),
            title=form.values["title"],
            description=form.values["description"] or "",
            source=TopicSource.MEMBER,
            proposed_by_id=person_id,
        )
        return redirect(
            request,
            f"/assembly/groups/{found.slug}",
            _("Your proposal is recorded; the City checks it is within its competences before the vote."),
        )
