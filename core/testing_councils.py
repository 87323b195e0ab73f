"""A council to test calls and mandates on (``council_with_terms``), for core's councils tests and
council plugins' own: calls fill next year's term, mandate limits look back at last year's."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy.orm import Session

from parvis.bodies import services
from parvis.bodies.models import Body
from parvis.site import Site


def council_with_terms(db: Session, site: Site, kind: str, name: str) -> Body:
    """A body of the council kind ``kind`` with two one-year terms: "last", which ended five weeks
    ago, and "next", which starts in 30 days (``body.terms[-1]``, the one a call fills); committed."""
    today = site.today()
    body = services.create_body(db, site, kind, name)
    services.add_term(db, body, "last", today - timedelta(days=400), today - timedelta(days=36))
    services.add_term(db, body, "next", today + timedelta(days=30), today + timedelta(days=394))
    db.commit()
    return body
