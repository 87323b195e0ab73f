"""Helpers for the decisions tests: a body with a term and members, decisions at any step."""

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from parvis.auth import Actor, load_actor
from parvis.bodies.models import Body, Membership, Term
from parvis.decisions import authoring, transitions, votes
from parvis.decisions.models import BallotChoice, CouncilOutcome
from parvis.i18n import use_locale
from parvis.testing import login

# The built-in "council" workflow's path from draft to each state.
PATH = {
    "draft": [],
    "validated": ["validated"],
    "submitted": ["validated", "submitted"],
    "adopted": ["validated", "submitted", "adopted"],
    "in_implementation": ["validated", "submitted", "adopted", "in_implementation"],
}


@pytest.fixture(autouse=True)
def english(site):
    """Messages in English unless a test asks for another language (building a Paris site sets
    French, its default, so this runs after the ``site`` fixture)."""
    with use_locale("en"):
        yield


@pytest.fixture
def parvis_plugins():
    """Core (with parvis.decisions) only: the decisions feature needs no body plugin."""
    return []


def assembly_with_term(
    db, site, slug: str = "citizens-assembly", label: str = "2025-27"
) -> tuple[Body, Term]:
    """A citizens' assembly and a term of it that runs today (membership roles count only while
    the member's term runs); flushed, not committed."""
    body = Body(slug=slug, kind="citizens_assembly", name="Assemblée citoyenne")
    db.add(body)
    db.flush()
    today = site.today()
    term = Term(
        body_id=body.id,
        label=label,
        starts_on=today - timedelta(days=60),
        ends_on=today + timedelta(days=300),
    )
    db.add(term)
    db.flush()
    return body, term


@pytest.fixture
def assembly(db, site):
    body, _term = assembly_with_term(db, site)
    db.commit()
    return body


@pytest.fixture
def term(assembly):
    return assembly.terms[0]


@pytest.fixture
def official_actor(db, make_account):
    account = make_account("official")
    return load_actor(db, account)


@pytest.fixture
def make_member(db, make_account, assembly, term):
    """An account with an active membership of the assembly's term."""

    def factory(**facts):
        account = make_account(**facts)
        db.add(Membership(body_id=assembly.id, term_id=term.id, person_id=account.person_id))
        db.commit()
        return account

    return factory


@pytest.fixture
def member_client(client, make_member):
    account = make_member()
    login(client, account)
    return account


@pytest.fixture
def make_decision(db, site, assembly, term, official_actor, make_member):
    """``make_decision("adopted")``: a recommendation moved along the council workflow."""

    def factory(state="draft", decision_type="recommendation", title="Des rues jardins", **fields):
        decision = authoring.create_decision(
            db,
            site,
            body=assembly,
            term=term,
            decision_type=decision_type,
            title=title,
            actor=official_actor,
            **fields,
        )
        for step in PATH[state]:
            if step == "validated":
                pass_plenary_vote(db, site, decision, official_actor, make_member)
            if step == "adopted":
                votes.record_council_vote(
                    db, decision, official_actor, session_on=date(2025, 6, 12), outcome=CouncilOutcome.ADOPTED
                )
            transitions.transition(db, site, decision, step, official_actor)
        db.commit()
        return decision

    return factory


def pass_plenary_vote(db, site, decision, official: Actor, make_member, count: int = 1) -> None:
    """Every member of the term (``count`` new ones at least) votes for."""
    for _ in range(count):
        make_member()
    vote = votes.open_vote(db, site, decision, official)
    roll = db.scalars(select(Membership.person_id).where(Membership.term_id == decision.term_id))
    for person_id in roll:
        votes.cast_ballot(db, vote, person_id, BallotChoice.FOR)
    votes.close_vote(db, vote, official)
