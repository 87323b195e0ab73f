"""The presentation page each council plugin shows at its own address (``/youth-council``...):
the same facts for every council, in the plugin's own template, which extends
``councils/home.html``."""

from __future__ import annotations

from typing import Any

from litestar.response import Template
from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis.bodies import services as bodies
from parvis.bodies.kinds import kind_of
from parvis.bodies.models import Body
from parvis.councils import applications as apps
from parvis.councils.referrals import referrals
from parvis.councils.spec import Council
from parvis.councils.web import AnyRequest, describe_rule
from parvis.web.context import state_of
from parvis.web.render import page


def main_body(db: Session, council: Council) -> Body | None:
    """The body of the council's kind the plugin presents (the first one created, if several)."""
    return db.scalar(select(Body).where(Body.kind == council.kind, Body.active).order_by(Body.id).limit(1))


def council_home(
    request: AnyRequest, db: Session, council: Council, template: str, *, title: str, **extra: Any
) -> Template:
    site = state_of(request).site
    body = main_body(db, council)
    today = site.today()
    term = bodies.default_term(db, body, today) if body else None
    return page(
        request,
        template,
        body=body,
        kind=kind_of(site, council.kind),
        settings=council.settings(site),
        rules=describe_rule(council.settings(site).eligibility),
        term=term,
        counts=bodies.seat_counts(db, body, term) if body else {},
        call=apps.current_call(db, body, today) if body else None,
        referrals=referrals(db, body)[:3] if body else [],
        meetings=bodies.upcoming_meetings(db, body, limit=3) if body else [],
        year=today.year,
        title=title,
        **extra,
    )
