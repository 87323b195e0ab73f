"""One way to refuse, in every family: a domain refusal (a ``Refused`` subclass) raised by a
service comes back as the form again with the message at its field (HTML), as a 4xx with the
reason (htmx and JSON clients), and leaves nothing written; routes neither catch it nor commit.

The site is the bundled Paris profile: the councils (the Youth Council), the decisions, the
budget and the volunteers are all enabled.
"""

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from litestar import Request, post
from litestar.response import Redirect
from sqlalchemy import func, select

from parvis.auth import load_actor
from parvis.bodies import services as bodies
from parvis.bodies.models import Membership
from parvis.councils.errors import CouncilRefused
from parvis.councils.models import Call
from parvis.decisions import authoring
from parvis.decisions.followup import FollowUpRefused
from parvis.decisions.transitions import TransitionRefused
from parvis.decisions.votes import VoteRefused
from parvis.identity import Person
from parvis.images import PhotoRefused
from parvis.moderation.service import Blocked
from parvis.plugins.budget.errors import AlreadyVoted, BudgetRefused, ResultsNotPublished
from parvis.plugins.budget.models import Campaign, PhaseKind
from parvis.plugins.budget.services import campaigns as budget_campaigns
from parvis.plugins.volunteers.campaigns import CampaignError
from parvis.plugins.volunteers.models import CampaignSignup, VolunteerCampaign
from parvis.plugins.volunteers.signup import SignupError
from parvis.refusals import Invalid, Refused
from parvis.testing import RoutesPlugin, login
from parvis.web.forms import Field, Form
from parvis.web.guards import public
from parvis.web.render import redirect
from parvis.web.types import DB
from parvis.web.unit_of_work import on_refusal

from ..plugins.volunteers.conftest import solidarity_night
from .decisions.conftest import assembly_with_term

JSON = {"accept": "application/json"}
HTMX = {"hx-request": "true"}


@post("/refusals/join", guards=[public], status_code=303)
def join(request: Request, db: DB) -> Redirect:
    """A button whose refusal goes back to the page it came from, the reason in a flash."""
    on_refusal(request, lambda refusal: redirect(request, "/", refusal and refusal.message))
    db.add(Person(given_name="Written before the refusal"))
    db.flush()
    raise SignupError("This date has passed.")


@pytest.fixture
def parvis_extra_plugins():
    return [("refusals_join", RoutesPlugin([join]))]


def at_field(html: str, field: str, message: str) -> bool:
    """The message is shown as the error of that field (``macros/forms.html``)."""
    return re.search(rf'id="f-{field}-error">\s*{re.escape(message)}', html) is not None


def count(db, model) -> int:
    db.expire_all()
    return db.scalar(select(func.count()).select_from(model))


# -- the classes --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "family",
    [
        CouncilRefused,
        FollowUpRefused,
        VoteRefused,
        TransitionRefused,
        BudgetRefused,
        AlreadyVoted,
        ResultsNotPublished,
        Blocked,
        PhotoRefused,
        CampaignError,
        SignupError,
    ],
)
def test_every_domain_error_is_a_refusal_with_a_message(family):
    refusal = family("Not now.")
    assert isinstance(refusal, Refused)
    assert refusal.message == "Not now." == str(refusal)
    assert 400 <= refusal.status_code < 500


def test_status_codes_say_input_state_or_who():
    assert BudgetRefused("Choose among the options shown.", "level").status_code == 400
    assert BudgetRefused("The vote is not open.").status_code == 409
    assert ResultsNotPublished("Results are published after the vote closes.").status_code == 403
    assert CouncilRefused("No.", details=["one", "two"]).details == ["one", "two"]


def test_a_refusal_reaches_a_form_field_one_way():
    form = Form(Field("title", "Title"), Field("slug", "Address")).bind({"title": "x", "slug": "y"})
    assert form.attach(Refused("Taken.", field="slug")) is None
    assert form.errors == {"slug": "Taken."}
    elsewhere = Refused("Closed.", field="vote_starts")
    assert form.attach(elsewhere) is elsewhere  # no such field here: shown above the form
    assert form.attach(Refused("Closed.", field="vote_starts"), fallback_field="title") is None
    assert form.errors["title"] == "Closed."
    detailed = Refused("You cannot apply:", field="title", details=["Too old."])
    assert form.attach(detailed) is detailed  # its details need the notice above the form
    assert form.attach(Invalid("Some of the information sent is not valid.")) is None  # already said


def test_a_refusal_answered_by_a_redirect_rolls_back_and_tells_htmx_and_json_why(client, db):
    before = count(db, Person)
    page = client.post("/en/refusals/join", follow_redirects=False)
    assert page.status_code == 303
    assert page.headers["location"] == "/en/"
    assert "This date has passed." in client.get("/en/").text  # the flash
    fragment = client.post("/en/refusals/join", headers=HTMX, follow_redirects=False)
    assert fragment.status_code == 409  # following a redirect would lose the reason
    assert "This date has passed." in fragment.text
    answer = client.post("/en/refusals/join", headers=JSON)
    assert (answer.status_code, answer.json()["detail"]) == (409, "This date has passed.")
    assert count(db, Person) == before


# -- councils -----------------------------------------------------------------------------------


@pytest.fixture
def council(db, site):
    today = site.today()
    body = bodies.create_body(db, site, "youth_council", "Conseil parisien de la jeunesse")
    bodies.add_term(db, body, "first", today + timedelta(days=30), today + timedelta(days=394))
    db.commit()
    return body


def test_a_council_refusal_comes_back_at_its_field_and_writes_nothing(client, db, site, council, login_as):
    login_as("official")
    today = site.today()
    data = {
        "term": str(council.terms[0].id),
        "title": "Appel 2027",
        "opens_on": today.isoformat(),
        "closes_on": (today - timedelta(days=1)).isoformat(),
    }
    path = f"/en/admin/bodies/{council.slug}/calls"
    message = "The closing date must not be before the opening date."
    page = client.post(path, data=data)
    assert page.status_code == 400
    assert at_field(page.text, "closes_on", message)
    assert 'value="Appel 2027"' in page.text  # what was typed is kept
    fragment = client.post(path, data=data, headers=HTMX)
    assert fragment.status_code == 400
    assert at_field(fragment.text, "closes_on", message)
    assert "<html" not in fragment.text  # the form alone, for htmx to swap
    answer = client.post(path, data=data, headers=JSON)
    assert answer.status_code == 400
    assert answer.json()["detail"] == message
    assert answer.json()["field"] == "closes_on"
    assert count(db, Call) == 0


# -- decisions ----------------------------------------------------------------------------------


@pytest.fixture
def draft(db, site, make_account):
    body, term = assembly_with_term(db, site, slug="assemblee", label="2026-28")
    official = load_actor(db, make_account("official"))
    decision = authoring.create_decision(
        db,
        site,
        body=body,
        term=term,
        decision_type="recommendation",
        title="Des rues jardins",
        actor=official,
    )
    member = make_account()
    db.add(Membership(body_id=body.id, term_id=term.id, person_id=member.person_id))
    db.commit()
    return decision, member


def test_a_decisions_refusal_shows_the_page_again_and_writes_nothing(client, db, draft):
    decision, member = draft
    login(client, member)
    path = f"/en/decisions/{decision.public_id}/ballot"
    page = client.post(path, data={"choice": "for"})
    assert page.status_code == 409
    assert "No vote is open on this decision." in page.text
    assert "Des rues jardins" in page.text  # the decision's page, not a bare error
    answer = client.post(path, data={"choice": "for"}, headers=JSON)
    assert (answer.status_code, answer.json()["detail"]) == (409, "No vote is open on this decision.")
    invalid = client.post(path, data={"choice": "maybe"})
    assert invalid.status_code == 400  # the form's own verdict (Invalid)
    moved = client.post(f"/en/decisions/{decision.public_id}/transition", data={"to": "party"}, headers=HTMX)
    assert moved.status_code == 409
    assert "There is no step called &#39;party&#39;." in moved.text
    db.expire_all()
    assert db.get(type(decision), decision.id).state == "draft"


# -- budget -------------------------------------------------------------------------------------


def test_a_budget_refusal_comes_back_at_its_field_and_writes_nothing(client, db, site, login_as):
    now = datetime.now(UTC)
    budget_campaigns.create_campaign(
        db,
        site,
        slug="2027",
        year=2027,
        title="Budget 2027",
        total=1_000_00,
        phases={
            kind: (now + timedelta(days=10 * i), now + timedelta(days=10 * i + 5))
            for i, kind in enumerate(PhaseKind)
        },
    )
    db.commit()
    login_as("official")
    data = {
        "title": "Budget participatif bis",
        "slug": "2027",
        "year": "2027",
        "total": "1000",
        "ideas_starts": "2027-01-10",
        "ideas_ends": "2027-02-10",
        "vote_starts": "2027-09-01",
        "vote_ends": "2027-09-21",
    }
    message = "Another campaign already uses this short name."
    page = client.post("/en/admin/budget/new", data=data)
    assert page.status_code == 400
    assert at_field(page.text, "slug", message)
    fragment = client.post("/en/admin/budget/new", data=data, headers=HTMX)
    assert fragment.status_code == 400
    assert at_field(fragment.text, "slug", message)
    answer = client.post("/en/admin/budget/new", data=data, headers=JSON)
    assert (answer.status_code, answer.json()["detail"], answer.json()["field"]) == (400, message, "slug")
    assert count(db, Campaign) == 1


# -- volunteers ---------------------------------------------------------------------------------


@pytest.fixture
def night(db):
    return solidarity_night(db)


def test_a_volunteers_refusal_comes_back_at_its_field_and_writes_nothing(client, db, night, login_as):
    login_as(birth_date=date.today() - timedelta(days=365 * 15))  # too young for the night
    data = {"role": "field_volunteer", "district": "18", "charter": "1"}
    path = "/en/volunteers/campaigns/nuit/signup"
    message = "This campaign is open from the age of 18."
    page = client.post(path, data=data)
    assert page.status_code == 400
    assert at_field(page.text, "role", message)  # a refusal naming no field, placed by the route
    answer = client.post(path, data=data, headers=JSON)
    assert (answer.status_code, answer.json()["detail"]) == (409, message)
    assert count(db, CampaignSignup) == 0


def test_a_duplicate_found_by_the_database_is_a_refusal_too(client, db, night, login_as):
    """Two officials creating the same address at once: the second flush fails; the route turns it
    into an Invalid at the field, and the unit of work rolls back."""
    login_as("official")
    starts = datetime.now(UTC) + timedelta(days=60)
    data = {
        "title": "Une autre nuit",
        "slug": "nuit",
        "description": "Encore.",
        "charter": "Rien.",
        "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
        "ends_at": (starts + timedelta(hours=4)).strftime("%Y-%m-%dT%H:%M"),
        "min_age": "18",
        "team_min_size": "4",
        "team_max_size": "5",
    }
    page = client.post("/en/volunteers/campaigns/new", data=data)
    assert page.status_code == 400
    assert at_field(page.text, "slug", "Another campaign already uses this address.")
    assert count(db, VolunteerCampaign) == 1


def test_refusals_are_translated(client, db, night, login_as):
    login_as(birth_date=date.today() - timedelta(days=365 * 15))
    data = {"role": "field_volunteer", "district": "18", "charter": "1"}
    page = client.post("/fr/volunteers/campaigns/nuit/signup", data=data)
    assert page.status_code == 400
    assert at_field(page.text, "role", "Cette campagne est ouverte dès 18 ans.")
