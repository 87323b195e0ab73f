"""Every Assembly route, with a real promotion and draw, as every role: no server error, and the
back office refused to visitors, citizens and members."""

import re
from datetime import UTC, datetime

import pytest
from litestar.handlers import HTTPRouteHandler

from parvis.bodies import services as bodies
from parvis.bodies.models import MembershipStatus
from parvis.plugins.assembly.services import common, draws, groups, trainings
from parvis.plugins.assembly.settings import ROLL
from parvis.testing import ParvisClient, login

ROLES = ["anonymous", "citizen", "member", "official"]


@pytest.fixture
def world(db, site, promotion, official, answered, make_account):
    answered(count=150, answers=110)
    draw = draws.prepare(
        db,
        site,
        promotion,
        common.college(promotion.body, ROLL),
        actor=official,
        scheduled_at=datetime(2030, 7, 1, tzinfo=UTC),
    )
    draws.run(db, site, draw, ["x"], actor=official)
    training = trainings.add_training(db, promotion, title="Prendre la parole")
    start = datetime(2031, 1, 10, 17, tzinfo=UTC)
    session = trainings.add_session(
        db, site, training, starts_at=start, ends_at=start.replace(hour=20), capacity=3
    )
    member = make_account()
    bodies.add_member(db, site, promotion.body, promotion.term, member.person, status=MembershipStatus.ACTIVE)
    db.commit()
    group = groups.groups_of(db, promotion)["deliberation"]
    seat = draw.id
    return {
        "public_id": promotion.public_id,
        "code": "roll",
        "draw_id": draw.public_id,
        "slug": group.slug,
        "session_id": str(session.id),
        "seat_id": str(seat),
        "action": "accept",
        "topic_id": "1",
        "meeting_id": "none",
        "batch_id": "none",
        "lang": "en",
        "member": member,
    }


def _routes(app, world):
    for route in app.routes:
        if "assembly" not in route.path:
            continue
        for handler in getattr(route, "route_handlers", []):
            if isinstance(handler, HTTPRouteHandler):
                url = re.sub(r"\{(\w+)(?::\w+)?\}", lambda m: str(world.get(m.group(1), "x")), route.path)
                for method in sorted(handler.http_methods - {"HEAD", "OPTIONS"}):
                    yield method, url


@pytest.mark.parametrize("role", ROLES)
def test_every_route_as_every_role(app, site, world, make_account, role):
    failures = []
    with ParvisClient(app, base_url="http://testserver.local") as client:
        if role == "member":
            login(client, world["member"])
        elif role != "anonymous":
            login(client, make_account(*([] if role == "citizen" else [role])))
        for method, url in _routes(app, world):
            response = client.request(
                method, url, data={} if method != "GET" else None, follow_redirects=False
            )
            if response.status_code >= 500:
                failures.append(f"{role} {method} {url}: {response.status_code}")
            refused = response.status_code in (303, 401, 403)
            if "/admin/" in url and role != "official" and not refused:
                failures.append(f"{role} {method} {url}: {response.status_code}, should be refused")
    assert not failures, "\n".join(failures)
