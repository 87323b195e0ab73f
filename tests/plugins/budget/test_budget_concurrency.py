"""One ballot per voter and scope is a database guarantee: 200 concurrent casts store exactly one.

Runs on SQLite here and on PostgreSQL when $PARVIS_TEST_DATABASE_URL is set.
"""

from __future__ import annotations

from sqlalchemy import func, select

from parvis.identity import Person
from parvis.plugins.budget.errors import AlreadyVoted
from parvis.plugins.budget.models import Ballot, Campaign, VoterRecord
from parvis.plugins.budget.services.voting import cast_ballot
from parvis.testing import run_concurrently, wait_until, waits_on_a_lock

ATTEMPTS = 200


def test_200_concurrent_casts_of_one_voters_ballot_store_exactly_one(
    site, db, make_campaign, make_project, voter
):
    campaign = make_campaign("vote")
    make_project(campaign)
    make_project(campaign)
    person_id = voter().person_id
    campaign_id = campaign.id

    def attempt(session):
        person = session.get(Person, person_id)
        return cast_ballot(session, site, session.get(Campaign, campaign_id), person, "city", grades=[3, 1])

    results, errors = run_concurrently(site, [attempt] * ATTEMPTS)
    assert len(results) == 1, errors[:3]
    assert len(errors) == ATTEMPTS - 1
    others = {repr(e) for e in errors if not isinstance(e, AlreadyVoted)}
    assert not others, others
    db.expire_all()
    assert db.scalar(select(func.count()).select_from(Ballot)) == 1
    assert db.scalar(select(func.count()).select_from(VoterRecord)) == 1


def test_concurrent_voters_all_counted(site, db, make_campaign, make_project, voter):
    campaign = make_campaign("vote")
    make_project(campaign)
    people = [voter().person_id for _ in range(20)]
    campaign_id = campaign.id

    def job_for(person_id):
        def job(session):
            return cast_ballot(
                session,
                site,
                session.get(Campaign, campaign_id),
                session.get(Person, person_id),
                "city",
                grades=[2],
            )

        return job

    results, errors = run_concurrently(site, [job_for(p) for p in people])
    assert not errors
    assert len(set(results)) == 20  # distinct receipts
    db.expire_all()
    assert db.scalar(select(func.count()).select_from(Ballot)) == 20


def test_a_rule_change_racing_the_first_ballot_waits_for_it_then_is_refused(
    site, db, make_campaign, make_project, voter
):
    """The cast holds a key-share lock on the campaign; the rule change waits for it, then sees the ballot."""
    import threading

    from parvis.plugins.budget.errors import BudgetRefused
    from parvis.plugins.budget.services import campaigns

    campaign = make_campaign("vote")
    make_project(campaign)
    person_id = voter().person_id
    slug = campaign.slug
    outcome: list[object] = []

    caster = site.session()
    locked = campaigns.campaign_by_slug(caster, slug, for_casting=True)
    cast_ballot(caster, site, locked, caster.get(Person, person_id), "city", grades=[3])
    started = threading.Event()

    def change_rule() -> None:
        session = site.session()
        started.set()
        try:
            campaigns.set_rule(session, site, campaigns.campaign_by_slug(session, slug), "approval_greedy")
            session.commit()
            outcome.append("changed")
        except BudgetRefused as refusal:
            session.rollback()
            outcome.append(refusal)
        finally:
            session.close()

    editor = threading.Thread(target=change_rule)
    editor.start()
    try:
        # PostgreSQL shows the editor queued on the campaign's row; SQLite's single write lock
        # queues any second writer, so there it is enough that the editor has begun.
        assert wait_until(lambda: started.is_set() and waits_on_a_lock(site) is not False)
        assert outcome == [], "the rule change must wait for the ballot being cast"
    finally:
        caster.commit()
        caster.close()
    editor.join()
    assert len(outcome) == 1
    assert isinstance(outcome[0], BudgetRefused)
    db.expire_all()
    assert db.get(Campaign, campaign.id).rule == "majority_judgment_greedy"
