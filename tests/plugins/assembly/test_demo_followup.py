"""Demo data: the Assembly's past recommendations with a follow-up, seeded once, on its body."""

import random

from sqlalchemy import func, select

from parvis.bodies.models import Body, Meeting
from parvis.decisions.models import Decision, FollowUp, FollowUpStatus
from parvis.demo import DemoContext, seed_core
from parvis.plugins.assembly import demo_followup
from parvis.plugins.assembly.services import common


def seeded(db, site):
    context = DemoContext(site=site, rng=random.Random(7), today=site.today())
    seed_core(db, context)
    body = common.ensure_body(db, site)
    demo_followup.seed(db, context, body)
    db.commit()
    return context, body


def test_the_demo_follows_up_past_recommendations_once(db, site):
    context, body = seeded(db, site)
    assert db.scalar(select(func.count()).select_from(Body)) == 1  # the Assembly's own body
    assert {c.code for c in body.colleges} == {"roll", "non_eu", "young"}  # made by create_body
    decisions = db.scalars(select(Decision)).all()
    assert len(decisions) == len(demo_followup.measures()) == 7
    assert {d.term.label for d in decisions} == {"2021-23", "2023-24", "2024-25"}
    topics = {d.topic for d in decisions}
    assert {"Culture", "Logement", "Mobilités", "Solidarités", "Environnement", "Démocratie"} <= topics
    statuses = set(db.scalars(select(FollowUp.status)))
    assert {FollowUpStatus.DONE, FollowUpStatus.IN_PROGRESS, FollowUpStatus.NOT_STARTED} <= statuses
    assert {d.state for d in decisions} >= {"implemented", "in_implementation", "adopted", "submitted"}
    assert db.scalar(select(Meeting).where(Meeting.kind == "follow_up")) is not None
    demo_followup.seed(db, context, body)  # a second run adds nothing
    assert db.scalar(select(func.count()).select_from(Decision)) == 7


def test_the_demo_pages_render_in_every_language(client, db, site):
    seeded(db, site)
    for lang in ("fr", "en", "ja"):
        page = client.get(f"/{lang}/bodies/citizens-assembly/follow-up")
        assert page.status_code == 200
        assert "Un plan parisien de la lecture" in page.text
    decision = db.scalar(select(Decision).where(Decision.reference == "AC-2022-02"))
    page = client.get(f"/ja/decisions/{decision.public_id}")
    assert "進行中" in page.text  # in progress
    assert "Deuxième vague" in page.text


def test_the_past_promotions_outputs_are_the_seeds(db, site):
    """Issue 18.5: each past promotion's outputs, by kind, as the City's presentation lists them."""
    seeded(db, site)
    outputs: dict[str, list[tuple[str, str]]] = {}
    for d in db.scalars(select(Decision).order_by(Decision.reference)):
        outputs.setdefault(d.term.label, []).append((d.type, d.title))
    assert outputs == {
        "2021-23": [
            ("voeu", "Un plan parisien de la lecture"),
            ("voeu", "Accélérer la rénovation énergétique des logements privés"),
            ("voeu", "Rédiger un Code de la rue partagé"),
        ],
        "2023-24": [
            ("deliberation", "Sans-abrisme : mettre à l'abri et accompagner les personnes à la rue"),
            ("voeu", "Des rues jardins"),
        ],
        "2024-25": [
            ("deliberation", "De nouveaux pouvoirs de décider"),
            ("voeu", "Rompre la solitude"),
        ],
    }
