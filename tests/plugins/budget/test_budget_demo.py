"""Demo data: a past campaign with online and paper ballots, published results and realisation,
and a current campaign whose vote is open (its counts stay hidden)."""

import random

from sqlalchemy import func, select

from parvis.demo import DemoContext, seed_core
from parvis.plugins.budget.demo import seed
from parvis.plugins.budget.models import Ballot, BallotBox, Campaign, Idea, IdeaStatus, Project, ProjectStatus
from parvis.plugins.budget.services import stats
from parvis.plugins.budget.services.campaigns import phase_open


def test_demo_data(db, site, client):
    demo = DemoContext(site=site, rng=random.Random(2026), today=site.today())
    seed_core(db, demo)
    seed(db, demo)
    db.commit()
    past, current = sorted(db.scalars(select(Campaign)), key=lambda c: c.year)
    assert past.results_published_at is not None
    assert current.results_published_at is None
    assert phase_open(current, "vote")
    figures = stats.campaign_stats(db, past)
    assert figures.projects_selected >= 8
    assert figures.completed >= 1
    assert figures.paper_ballots > 0
    assert figures.amount_selected_qpop > 0
    levels = set(db.scalars(select(Project.level).where(Project.campaign_id == past.id)))
    assert len(levels) >= 5
    assert db.scalar(select(func.count()).select_from(Idea).where(Idea.status == IdeaStatus.REJECTED)) >= 5
    assert db.scalar(select(func.count()).select_from(Ballot).where(Ballot.campaign_id == current.id)) > 100
    assert db.scalar(select(func.count()).select_from(BallotBox)) == 6
    assert (
        db.scalar(select(func.count()).select_from(Project).where(Project.status == ProjectStatus.SELECTED))
        >= 8
    )
    for path in (
        f"/en/budget/{past.slug}/results",
        f"/fr/budget/{past.slug}/results/18",
        f"/ja/budget/{past.slug}/realisations",
        f"/en/budget/{past.slug}",
    ):
        assert client.get(path).status_code == 200, path
    assert (
        "Results are published after the vote closes."
        in client.get(f"/en/budget/{current.slug}/results").text
    )
