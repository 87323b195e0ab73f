"""At most N vœux a year to the City Council: a veto through ``validate_decision_transition``.

A council plugin switches it on with its ``voeux_per_year`` setting (1 in Paris for the Youth
Council and the Council of Europeans). The year is the calendar year, in the site's time zone, of
the move that files the vœu (its recorded date when a past year is imported); a withdrawn vœu
still counts once filed, as it reached the Council.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from parvis.bodies.models import Body
from parvis.councils.spec import council_for
from parvis.decisions import history
from parvis.decisions.transitions import reached_in_year
from parvis.formatting import site_timezone
from parvis.i18n import _, ngettext

if TYPE_CHECKING:
    from parvis.decisions.models import Decision
    from parvis.decisions.workflow import Transition
    from parvis.site import Site

VOEU = "voeu"


def filed_voeux(db: Session, body_id: int, state: str, year: int) -> list[Decision]:
    return reached_in_year(db, body_id, VOEU, state, year)


def refusal(site: Site, db: Session, decision: Decision, transition: Transition) -> str | None:
    """Why filing this vœu would exceed the body's yearly limit, or None."""
    if decision.type != VOEU:
        return None
    body = db.get(Body, decision.body_id)
    council = council_for(site, body.kind) if body is not None else None
    if body is None or council is None:
        return None
    settings = council.settings(site)
    limit = settings.voeux_per_year
    if limit is None or transition.to != settings.voeu_filed_state:
        return None
    # Lock the body so two vœux filed at the same moment are counted one after the other.
    db.execute(select(Body.id).where(Body.id == decision.body_id).with_for_update())
    # The year of the move: now, or the recorded date when a past year is imported (backdated).
    year = history.now().astimezone(site_timezone()).year
    filed = [
        d for d in filed_voeux(db, decision.body_id, settings.voeu_filed_state, year) if d.id != decision.id
    ]
    if len(filed) < limit:
        return None
    if limit == 0:
        return _("{body} does not file vœux with {site.council:the}.").format(body=body.name)
    titles = ", ".join(f"“{d.title}”" for d in filed)
    return ngettext(
        "{body} may file only {count} vœu a year with {site.council:the}, and has already filed {titles} "
        "in {year}. This one can be filed from 1 January {next}.",
        "{body} may file only {count} vœux a year with {site.council:the}, and has already filed {titles} "
        "in {year}. This one can be filed from 1 January {next}.",
        limit,
    ).format(body=body.name, count=limit, titles=titles, year=year, next=year + 1)
