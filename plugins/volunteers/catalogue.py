"""Creating and editing missions: their fields, slots and search text, kept consistent.

Every change of a mission's text goes through ``index`` so the search never shows stale text;
every change of its dates goes through ``schedule.apply_schedule``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from parvis.api import Account, use_locale, utcnow
from parvis.api.content import ContentRef
from parvis.api.search import index_text, reindex
from parvis.plugins.volunteers import signup
from parvis.plugins.volunteers.content import MISSION
from parvis.plugins.volunteers.models import (
    Category,
    EventType,
    Mission,
    MissionKind,
    MissionStatus,
    Organisation,
)
from parvis.plugins.volunteers.schedule import Occurrence, ScheduleReport, apply_schedule
from parvis.plugins.volunteers.themes import theme_label

if TYPE_CHECKING:
    from parvis.api import Site


@dataclass(slots=True)
class MissionInput:
    title: str
    description: str
    theme: str
    kind: MissionKind
    capacity: int
    occurrences: list[Occurrence]
    category: Category = Category.MISSION
    event_type: EventType | None = None
    place_name: str = ""
    address: str = ""
    district: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    min_age: int | None = None
    prerequisites: str = ""
    skills: list[str] = field(default_factory=list)


def theme_words(site: Site, code: str) -> list[str]:
    """The theme's name in every language of the site, so "environnement" finds environment missions."""
    settings = site.settings("volunteers")
    names = []
    for locale in site.locales:
        with use_locale(locale):
            names.append(theme_label(settings, code))
    return names


def index(mission: Mission, organisation_name: str, theme_names: list[str]) -> None:
    parts = [
        mission.title,
        mission.description,
        mission.skills,
        mission.place_name,
        mission.address,
        organisation_name,
        *theme_names,
    ]
    mission.search_document = "\n".join(p for p in parts if p)
    mission.search_stems = index_text(parts, "fr")


def _assign(mission: Mission, data: MissionInput) -> None:
    mission.title = " ".join(data.title.split())  # one line: it is also an e-mail subject
    mission.description = data.description
    mission.theme = data.theme
    mission.kind = data.kind
    mission.category = data.category
    mission.event_type = data.event_type if data.category == Category.EVENT else None
    mission.place_name = data.place_name
    mission.address = data.address
    mission.district = data.district
    mission.latitude = data.latitude
    mission.longitude = data.longitude
    mission.min_age = data.min_age
    mission.prerequisites = data.prerequisites
    mission.skills = ", ".join(s.strip() for s in data.skills if s.strip())


def create_mission(
    db: Session, site: Site, organisation: Organisation, data: MissionInput, author: Account | None
) -> Mission:
    mission = Mission(
        organisation_id=organisation.id,
        status=MissionStatus.DRAFT,
        created_by_id=author.id if author else None,
    )
    _assign(mission, data)
    index(mission, organisation.name, theme_words(site, data.theme))
    db.add(mission)
    db.flush()
    apply_schedule(db, mission, data.occurrences, data.capacity)
    return mission


def update_mission(db: Session, site: Site, mission: Mission, data: MissionInput) -> ScheduleReport:
    _assign(mission, data)
    organisation = db.get(Organisation, mission.organisation_id)
    assert organisation is not None
    index(mission, organisation.name, theme_words(site, data.theme))
    mission.updated_at = utcnow()
    db.flush()
    report = apply_schedule(db, mission, data.occurrences, data.capacity)
    for slot_id in report.grown:
        signup.fill_from_waitlist(db, site, slot_id)
    db.refresh(mission)
    reindex(db, site, ContentRef(MISSION, mission.public_id))  # its text in the site search
    return report
