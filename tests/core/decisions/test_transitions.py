"""Moving decisions through their workflow: allowed moves, precise refusals and plugin vetoes."""

from datetime import date

import pytest
from sqlalchemy import select

from parvis import hookimpl
from parvis.auth import Actor, load_actor
from parvis.bodies.models import Body, Term
from parvis.decisions import authoring, transitions, votes
from parvis.decisions.models import CouncilOutcome, FollowUpEvent
from parvis.decisions.registry import DecisionType, registry
from parvis.decisions.transitions import TransitionRefused
from parvis.decisions.workflow import State, Transition, Workflow
from parvis.i18n import use_locale

from .conftest import pass_plenary_vote


def test_a_recommendation_goes_from_draft_to_implemented(db, site, make_decision, official_actor):
    decision = make_decision("adopted")
    assert decision.state == "adopted"
    assert decision.followup is not None
    assert decision.followup.status == "not_started"
    transitions.transition(db, site, decision, "in_implementation", official_actor)
    transitions.transition(db, site, decision, "implemented", official_actor, note="Livré en 2025.")
    db.commit()
    moves = db.scalars(
        select(FollowUpEvent.changes).where(
            FollowUpEvent.decision_id == decision.id, FollowUpEvent.kind == "transition"
        )
    ).all()
    assert [m["state"] for m in moves] == [
        ["draft", "validated"],
        ["validated", "submitted"],
        ["submitted", "adopted"],
        ["adopted", "in_implementation"],
        ["in_implementation", "implemented"],
    ]


def test_a_move_outside_the_workflow_is_refused_with_a_reason(db, site, make_decision, official_actor):
    decision = make_decision("draft")
    refused = "cannot go from “Draft” to “Adopted by the Council of Paris”"
    with pytest.raises(TransitionRefused, match=refused):
        transitions.transition(db, site, decision, "adopted", official_actor)
    with pytest.raises(TransitionRefused, match="no step called 'party'"):
        transitions.transition(db, site, decision, "party", official_actor)
    assert decision.state == "draft"


def test_the_reason_is_translated(db, site, make_decision, official_actor):
    decision = make_decision("draft")
    with use_locale("fr"), pytest.raises(TransitionRefused) as refused:
        transitions.transition(db, site, decision, "adopted", official_actor)
    assert "Brouillon" in refused.value.message


def test_only_the_roles_of_the_transition_may_make_it(db, site, make_decision, make_member):
    decision = make_decision("validated")
    member = load_actor(db, make_member())
    with pytest.raises(TransitionRefused, match="Only these roles may do this: City official"):
        transitions.transition(db, site, decision, "submitted", member)
    with pytest.raises(TransitionRefused, match="sign in"):
        transitions.transition(db, site, decision, "submitted", Actor())


def test_validation_needs_a_passed_plenary_vote(db, site, make_decision, official_actor, make_member):
    decision = make_decision("draft")
    with pytest.raises(TransitionRefused, match="have not voted"):
        transitions.transition(db, site, decision, "validated", official_actor)
    members = [make_member() for _ in range(4)]
    vote = votes.open_vote(db, site, decision, official_actor)
    votes.cast_ballot(db, vote, members[0].person_id, "against")
    votes.cast_ballot(db, vote, members[1].person_id, "against")
    votes.cast_ballot(db, vote, members[2].person_id, "for")
    votes.close_vote(db, vote, official_actor)
    with pytest.raises(TransitionRefused, match="did not approve"):
        transitions.transition(db, site, decision, "validated", official_actor)
    pass_plenary_vote(db, site, decision, official_actor, make_member, count=5)
    transitions.transition(db, site, decision, "validated", official_actor)
    assert decision.state == "validated"


def test_adoption_needs_the_councils_vote(db, site, make_decision, official_actor):
    decision = make_decision("submitted")
    with pytest.raises(TransitionRefused, match="Record the vote of the Council of Paris first"):
        transitions.transition(db, site, decision, "adopted", official_actor)
    votes.record_council_vote(
        db, decision, official_actor, session_on=date(2025, 6, 12), outcome=CouncilOutcome.REJECTED
    )
    with pytest.raises(TransitionRefused, match="does not match"):
        transitions.transition(db, site, decision, "adopted", official_actor)
    transitions.transition(db, site, decision, "rejected", official_actor)
    assert decision.state == "rejected"
    assert decision.followup is None


def test_available_lists_each_move_with_its_refusal(db, site, make_decision, official_actor):
    decision = make_decision("submitted")
    found = {step.to: reason for step, reason in transitions.available(db, site, decision, official_actor)}
    assert found["withdrawn"] is None
    assert "Council" in found["adopted"]


def test_editing_is_refused_once_the_state_is_not_editable(db, site, make_decision, official_actor):
    decision = make_decision("draft")
    authoring.update_decision(db, site, decision, official_actor, title="Cent rues jardins")
    assert decision.title == "Cent rues jardins"
    transition_decision = make_decision("validated")
    with pytest.raises(TransitionRefused, match="can no longer be edited"):
        authoring.update_decision(db, site, transition_decision, official_actor, title="Autre")


# -- a plugin vetoes a second vœu per year ---------------------------------------------------------


class OneVoeuPerYear:
    """What the youth council and the Council of Europeans do: one vœu a year to the Council."""

    @hookimpl
    def validate_decision_transition(self, site, db, decision, transition, actor):
        if decision.type != "voeu" or transition.to != "submitted":
            return None
        year = site.today().year
        already = [
            d
            for d in transitions.reached_in_year(db, decision.body_id, "voeu", "submitted", year)
            if d.id != decision.id
        ]
        if already:
            return "Only one vœu per year may be submitted to the Council."
        return None


ONE_VOEU = OneVoeuPerYear()


@pytest.mark.hooks("validate_decision_transition")
def test_a_sample_plugin_vetoes_a_second_voeu_per_year(db, make_site, make_account):
    site = make_site([], extra=(("one_voeu", ONE_VOEU),))
    body = Body(slug="youth", kind="youth_council", name="Conseil parisien de la jeunesse")
    db.add(body)
    db.flush()
    term = Term(body_id=body.id, label="2025-26", starts_on=date(2025, 9, 1), ends_on=date(2026, 12, 31))
    db.add(term)
    db.flush()
    official = Actor(make_account("official"), frozenset({"official"}))
    first, second, proposal = (
        authoring.create_decision(
            db, site, body=body, term=term, decision_type=t, title=title, actor=official
        )
        for t, title in (("voeu", "Vœu 1"), ("voeu", "Vœu 2"), ("recommendation", "Autre"))
    )
    for decision in (first, second, proposal):
        vote = votes.open_vote(db, site, decision, official)
        votes.close_vote(db, vote, official)  # nobody on the roll: quorum 50 % of 0 members...
    # ...is not reached with zero participants, so record a passed vote the way an import does.
    for decision in (first, second, proposal):
        decision.plenary_votes[-1].quorum_reached = decision.plenary_votes[-1].passed = True
        transitions.transition(db, site, decision, "validated", official)
    transitions.transition(db, site, first, "submitted", official)
    with pytest.raises(TransitionRefused, match="Only one vœu per year"):
        transitions.transition(db, site, second, "submitted", official)
    transitions.transition(db, site, proposal, "submitted", official)  # not a vœu: no limit
    assert (first.state, second.state, proposal.state) == ("submitted", "validated", "submitted")


class Recorder:
    def __init__(self):
        self.moves = []

    @hookimpl
    def decision_transitioned(self, site, db, decision, transition, actor):
        self.moves.append((decision.title, transition.to, actor.account.email))


@pytest.mark.hooks("decision_transitioned")
def test_plugins_hear_about_each_move(db, make_site, make_account):
    recorder = Recorder()
    site = make_site([], extra=(("recorder", recorder),))
    body = Body(slug="b", kind="k", name="B")
    db.add(body)
    db.flush()
    term = Term(body_id=body.id, label="t", starts_on=date(2025, 1, 1), ends_on=date(2025, 12, 31))
    db.add(term)
    db.flush()
    official = Actor(make_account("official", email="o@example.org"), frozenset({"official"}))
    decision = authoring.create_decision(
        db, site, body=body, term=term, decision_type="recommendation", title="R", actor=official
    )
    transitions.transition(db, site, decision, "withdrawn", official)
    assert recorder.moves == [("R", "withdrawn", "o@example.org")]


class MembersWorkflow:
    """A plugin's own decision type on its own workflow, where members may withdraw their draft."""

    @hookimpl
    def register_workflows(self):
        return [
            Workflow(
                name="petition",
                label="Petition",
                initial="open",
                states=[
                    State("open", "Open", editable=True, public=True),
                    State("withdrawn", "Withdrawn", public=True, final=True),
                    State("answered", "Answered", public=True, followup=True, final=True),
                ],
                transitions=[
                    Transition(["open"], "withdrawn", ["member"], "Withdraw"),
                    Transition(["open"], "answered", ["official"], "Answer"),
                ],
            )
        ]

    @hookimpl
    def register_decision_types(self):
        return [DecisionType("petition", "Petition", "Petitions", "petition", "members")]


MEMBERS_WORKFLOW = MembersWorkflow()


@pytest.mark.hooks("register_workflows", "register_decision_types")
def test_a_plugin_declares_a_type_and_workflow_where_members_act(db, make_site, make_account):
    site = make_site([], extra=(("members", MEMBERS_WORKFLOW),))
    declared = registry(site)
    assert declared.workflow_for_type("petition").name == "petition"
    assert "recommendation" in declared.types  # core's types are still there
    body = Body(slug="p", kind="k", name="P")
    db.add(body)
    db.flush()
    term = Term(body_id=body.id, label="t", starts_on=date(2025, 1, 1), ends_on=date(2025, 12, 31))
    db.add(term)
    db.flush()
    member = Actor(make_account(), frozenset(), {body.id: frozenset({"member"})})
    outsider = Actor(make_account(), frozenset({"citizen"}))
    decision = authoring.create_decision(
        db, site, body=body, term=term, decision_type="petition", title="P", actor=member
    )
    with pytest.raises(TransitionRefused):
        transitions.transition(db, site, decision, "withdrawn", outsider)
    with pytest.raises(TransitionRefused):
        transitions.transition(db, site, decision, "answered", member)
    transitions.transition(db, site, decision, "withdrawn", member)
    assert decision.state == "withdrawn"
