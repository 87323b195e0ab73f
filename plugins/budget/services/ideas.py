"""Ideas: submission by eligible residents during the ideas phase, public names that protect
children, and the public, filterable list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from parvis.api import Account, Person, _, utcnow
from parvis.api.content import ContentRef
from parvis.api.moderation import submitted, visible
from parvis.api.notifications import CREATED, follow
from parvis.plugins.budget.content import IDEA
from parvis.plugins.budget.errors import BudgetRefused
from parvis.plugins.budget.models import CITY, Campaign, Idea, IdeaStatus, PhaseKind
from parvis.plugins.budget.services.campaigns import phase_open
from parvis.plugins.budget.services.participants import is_child, submit_refusals

if TYPE_CHECKING:
    from parvis.api import Site


@dataclass(frozen=True, slots=True)
class IdeaInput:
    title: str
    description: str
    level: str
    theme: str
    place: str = ""
    district: str | None = None
    collective: str = ""
    show_family_name: bool = False


def public_name(site: Site, person: Person, today: datetime | None = None, *, show_family_name: bool) -> str:
    """The name published with an idea: a child's given name only; an adult's full name only if
    they asked for it, else their given name and initial."""
    day = (today or utcnow()).date()
    family = (person.family_name or "").strip()
    if is_child(site, person, day) or not family:
        return person.given_name
    if show_family_name:
        return person.full_name
    return f"{person.given_name} {family[0]}."


def submit_idea(
    db: Session,
    site: Site,
    campaign: Campaign,
    person: Person | None,
    data: IdeaInput,
    *,
    now: datetime | None = None,
) -> Idea:
    now = now or utcnow()
    if not phase_open(campaign, PhaseKind.IDEAS, now):
        raise BudgetRefused(_("Ideas can only be submitted during the ideas phase."))
    refusals = submit_refusals(site, person, now.date())
    if refusals:
        raise BudgetRefused(" ".join(refusals))
    assert person is not None
    config = site.config
    if data.level != CITY and config.district(data.level) is None:
        raise BudgetRefused(_("Choose among the options shown."), "level")
    district = data.level if data.level != CITY else data.district
    if district and config.district(district) is None:
        raise BudgetRefused(_("Choose among the options shown."), "district")
    if site.settings("budget").theme(data.theme) is None:
        raise BudgetRefused(_("Choose among the options shown."), "theme")
    idea = Idea(
        campaign_id=campaign.id,
        title=data.title.strip(),
        description=data.description.strip(),
        level=data.level,
        district=district or None,
        place=data.place.strip(),
        theme=data.theme,
        author_person_id=person.id,
        author_name=public_name(site, person, now, show_family_name=data.show_family_name),
        collective=data.collective.strip(),
    )
    db.add(idea)
    db.flush()
    author = db.scalar(select(Account.id).where(Account.person_id == person.id))
    # Refuses a blocked author (the idea is rolled back); pre-moderation hides it until approved.
    submitted(db, site, ContentRef(IDEA, idea.public_id), author_account_id=author)
    if author is not None:  # the author follows their idea: told when it is reviewed, voted on...
        follow(db, author, ContentRef(IDEA, idea.public_id), reason=CREATED)
    return idea


@dataclass(frozen=True, slots=True)
class IdeaFilters:
    q: str = ""
    district: str = ""
    theme: str = ""
    status: str = ""
    level: str = ""
    # Public lists leave out ideas hidden by moderation; the officials' review lists them all.
    visible_only: bool = True

    def query(self, campaign: Campaign) -> Select[Idea]:
        stmt = select(Idea).where(Idea.campaign_id == campaign.id)
        if self.visible_only:
            stmt = stmt.where(visible(IDEA, Idea.public_id))
        if self.q.strip():
            words = self.q.strip()[:100]
            stmt = stmt.where(
                or_(
                    Idea.title.ilike(f"%{_escape(words)}%", escape="\\"),
                    Idea.description.ilike(f"%{_escape(words)}%", escape="\\"),
                    Idea.place.ilike(f"%{_escape(words)}%", escape="\\"),
                )
            )
        if self.district:
            stmt = stmt.where(Idea.district == self.district)
        if self.theme:
            stmt = stmt.where(Idea.theme == self.theme)
        if self.level:
            stmt = stmt.where(Idea.level == self.level)
        if self.status and self.status in {s.value for s in IdeaStatus}:
            stmt = stmt.where(Idea.status == IdeaStatus(self.status))
        return stmt


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def search_ideas(
    db: Session, campaign: Campaign, filters: IdeaFilters, *, page: int = 1, per_page: int = 20
) -> tuple[list[Idea], int]:
    """One page of ideas matching the filters (newest first) and the number of matches."""
    stmt = filters.query(campaign)
    total = db.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    page = max(1, page)
    rows = db.scalars(
        stmt.order_by(Idea.created_at.desc(), Idea.id.desc()).offset((page - 1) * per_page).limit(per_page)
    )
    return list(rows), int(total)


def idea_by_public_id(db: Session, campaign: Campaign, public_id: str) -> Idea | None:
    return db.scalar(select(Idea).where(Idea.campaign_id == campaign.id, Idea.public_id == public_id))


def count_ideas(db: Session, campaign: Campaign) -> int:
    """The campaign's public ideas (not those hidden by moderation)."""
    return int(
        db.scalar(select(func.count()).where(Idea.campaign_id == campaign.id, visible(IDEA, Idea.public_id)))
        or 0
    )
