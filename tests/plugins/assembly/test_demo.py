"""Demo data: a complete fictitious promotion, on top of the past promotions' recommendations."""

import random

from sqlalchemy import func, select

from parvis.bodies.models import Attendance, Body, Meeting, MembershipStatus
from parvis.decisions.models import Decision
from parvis.demo import DemoContext, seed_core
from parvis.draws.models import DrawEntry
from parvis.plugins.assembly.demo import seed
from parvis.plugins.assembly.kinds import DELIBERATION, EXPLORATION
from parvis.plugins.assembly.models import (
    AssemblyAggregate,
    AssemblyDraw,
    AssemblyPaymentBatch,
    AssemblyResponse,
    DrawStatus,
)
from parvis.plugins.assembly.services import common, compensation, draws, groups, seats, topics


def test_a_complete_fictitious_promotion(db, site, client):
    printed: list[str] = []
    demo = DemoContext(site=site, rng=random.Random(2026), today=site.today(), progress=printed.append)
    seed_core(db, demo)
    seed(db, demo)
    db.commit()
    # The demo prints a few codes of the next promotion's letters, with the questionnaire's path in
    # the site's language; they open it (College C's information form), on the one seeded promotion.
    [line] = [p for p in printed if "/fr/assembly/questionnaire" in p]
    codes = line.rsplit(": ", 1)[1].split(", ")
    assert len(codes) == 3
    assert 'name="code"' in client.get("/fr/assembly/questionnaire").text
    answered = client.post("/fr/assembly/questionnaire", data={"code": codes[0]})
    assert answered.status_code == 200, answered.text[:300]
    assert len(db.scalars(select(Body)).all()) == 1  # one Assembly body, past and current promotions
    promotion = common.current_promotion(db, site)
    assert promotion.term.starts_on <= site.today() <= promotion.term.ends_on
    found = db.scalars(select(AssemblyDraw).where(AssemblyDraw.promotion_id == promotion.id)).all()
    assert len(found) == 5  # two pre-draws, a stratified panel, two lots
    assert {d.status for d in found} == {DrawStatus.PUBLISHED}
    panel = next(d for d in found if d.kind == "panel")
    assert draws.verify(panel, recompute=False).ok
    # Every draw is in the register of draws, and the declined seats were refilled by a draw.
    kinds = set(db.scalars(select(DrawEntry.kind).where(DrawEntry.plugin == "assembly")))
    assert kinds == {"lot", "panel", "predraw", "replacement"}
    active = [s for s in seats.seats_of(db, promotion) if s.membership.status == MembershipStatus.ACTIVE]
    assert 97 <= len(active) <= 100
    assert "assembly" in demo.accounts
    member = demo.accounts["assembly"].person
    assert compensation.statement(db, site, promotion, member.id)
    assert db.scalar(select(func.count()).select_from(AssemblyPaymentBatch)) >= 1
    for kind in (DELIBERATION, EXPLORATION):
        assert topics.chosen(topics.find_poll(db, groups.groups_of(db, promotion)[kind])) is not None
    assert db.scalar(select(func.count()).select_from(Attendance)) > 100
    assert db.scalar(select(func.count()).select_from(Meeting)) >= 20
    past = db.scalar(select(func.count()).select_from(Decision).where(Decision.term_id != promotion.term_id))
    assert past == 7  # the past promotions' outputs (issue 18.5)
    assert (
        db.scalar(select(func.count()).select_from(Decision).where(Decision.term_id == promotion.term_id))
        == 2
    )
    # purged: only the reserve's answers are left, the counts are kept
    assert db.scalar(select(func.count()).select_from(AssemblyResponse)) <= 90
    assert db.scalar(select(func.count()).select_from(AssemblyAggregate)) > 20
    seed(db, demo)  # seeding again changes nothing
    assert len(db.scalars(select(AssemblyDraw)).all()) == 6  # and the next promotion's pre-draw
