"""Demo data: about 270 fictitious missions, some full, recurring and remote; events; a campaign."""

import random
from collections import Counter

from sqlalchemy import func, select

from parvis.demo import DemoContext, seed_core
from parvis.moderation.models import ContentReport
from parvis.plugins.volunteers.demo import seed
from parvis.plugins.volunteers.models import (
    CampaignTeam,
    Category,
    Mission,
    MissionKind,
    MissionStatus,
    Participation,
    Slot,
    VolunteerCampaign,
)
from parvis.plugins.volunteers.search import MissionFilters, search_missions


def test_demo_data(db, site):
    demo = DemoContext(site=site, rng=random.Random(2026), today=site.today())
    seed_core(db, demo)
    seed(db, demo)
    db.commit()
    missions = db.scalars(select(Mission)).all()
    published = [
        m for m in missions if m.status == MissionStatus.PUBLISHED and m.category == Category.MISSION
    ]
    assert 240 <= len(published) <= 280
    kinds = Counter(m.kind for m in published)
    assert kinds[MissionKind.RECURRING] > 30
    assert kinds[MissionKind.REMOTE] > 10
    assert len({m.theme for m in published}) == 7
    assert len({m.district for m in published}) >= 15
    assert sum(1 for m in published if m.taken_total == m.capacity_total) > 10
    assert sum(1 for m in published if m.taken_total == 0) > 10
    assert sum(1 for m in missions if m.category == Category.EVENT) >= 20
    assert any(m.status == MissionStatus.PENDING for m in missions)
    assert db.scalar(select(func.count()).select_from(ContentReport)) >= 1  # core moderation's
    # Counters agree with the participations.
    taken = dict(
        db.execute(
            select(Slot.id, func.count(Participation.id))
            .outerjoin(
                Participation, (Participation.slot_id == Slot.id) & (Participation.status == "confirmed")
            )
            .group_by(Slot.id)
        ).all()
    )
    assert all(slot.taken == taken[slot.id] for slot in db.scalars(select(Slot)))
    assert search_missions(db, MissionFilters(q="repas")).total > 0
    campaign = db.scalar(select(VolunteerCampaign))
    assert campaign.min_age == 18
    assert len(campaign.signups) > 50
    assert db.scalar(select(func.count()).select_from(CampaignTeam)) >= 10
