"""Campaigns: creation, dated phases (in order, without overlap), envelopes and the freezing of
the voting rules once the first ballot is cast."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import exists, select
from sqlalchemy.orm import Session, joinedload

from parvis.api import Actor, _, utcnow
from parvis.plugins.budget.ballot_rules import describe_rule, rule_named
from parvis.plugins.budget.errors import BudgetRefused
from parvis.plugins.budget.models import CITY, Ballot, BudgetEnvelope, Campaign, Phase, PhaseKind
from parvis.plugins.budget.services.envelopes import qpop_parts, split

if TYPE_CHECKING:
    from parvis.api import Site

PHASE_ORDER = list(PhaseKind)


def campaign_by_slug(db: Session, slug: str, *, for_casting: bool = False) -> Campaign | None:
    """The campaign with its phases (one query: every page checks the phase).

    ``for_casting`` takes a key-share lock on the campaign row until the transaction ends, so
    what the ballot is checked against (rule, grades, phase) cannot change before it is stored:
    ``ensure_rules_editable`` waits for the lock, then sees the ballot.
    """
    stmt = select(Campaign).where(Campaign.slug == slug).options(joinedload(Campaign.phases))
    if for_casting:
        stmt = stmt.with_for_update(read=True, key_share=True, of=Campaign)
    return db.execute(stmt).unique().scalar_one_or_none()


def all_campaigns(db: Session) -> list[Campaign]:
    return list(db.scalars(select(Campaign).order_by(Campaign.year.desc(), Campaign.id.desc())))


def featured_campaign(db: Session) -> Campaign | None:
    """The campaign the public pages lead to: the most recent one."""
    return db.scalar(select(Campaign).order_by(Campaign.year.desc(), Campaign.id.desc()).limit(1))


def current_phase(campaign: Campaign, now: datetime | None = None) -> Phase | None:
    now = now or utcnow()
    return next((p for p in campaign.phases if p.is_open(now)), None)


def phase_open(campaign: Campaign, kind: PhaseKind, now: datetime | None = None) -> bool:
    phase = campaign.phase(kind)
    return phase is not None and phase.is_open(now or utcnow())


def vote_closed(campaign: Campaign, now: datetime | None = None) -> bool:
    """True once the vote phase has ended (and only then may counts be entered or shown)."""
    phase = campaign.phase(PhaseKind.VOTE)
    return phase is not None and (now or utcnow()) >= phase.ends_at


def levels(site: Site) -> list[str]:
    """Every ballot level: the all-city ballot, then each district of the site configuration."""
    return [CITY, *(d.code for d in site.config.districts)]


def level_label(site: Site, level: str, locale: str | None = None) -> str:
    from parvis.api import current_locale, use_locale, word

    if level == CITY:
        with use_locale(locale or current_locale.get()):
            return word("whole_city", "Name")
    district = site.config.district(level)
    return district.name if district else level


def check_phases(phases: Mapping[PhaseKind, tuple[datetime, datetime]]) -> None:
    """Phases end after they start and follow each other in the campaign's order."""
    previous: tuple[PhaseKind, datetime] | None = None
    for kind in PHASE_ORDER:
        if kind not in phases:
            continue
        starts, ends = phases[kind]
        if ends <= starts:
            raise BudgetRefused(_("A phase must end after it starts."), f"{kind.value}_ends")
        if previous and starts < previous[1]:
            raise BudgetRefused(
                _("Each phase must start after the previous one has ended."), f"{kind.value}_starts"
            )
        previous = (kind, ends)
    if PhaseKind.VOTE not in phases:
        raise BudgetRefused(_("A campaign needs a vote phase."), "vote_starts")


def set_phases(
    db: Session, campaign: Campaign, phases: Mapping[PhaseKind, tuple[datetime, datetime]]
) -> None:
    """Replace the campaign's dates. Once ballots exist, the vote's dates may only be extended."""
    check_phases(phases)
    if campaign.id is not None and has_ballots(db, campaign.id):
        vote = campaign.phase(PhaseKind.VOTE)
        starts, ends = phases[PhaseKind.VOTE]
        if vote and (starts != vote.starts_at or ends < vote.ends_at):
            raise BudgetRefused(
                _("Ballots have been cast: the vote can no longer start later or end earlier."), "vote_ends"
            )
    current = {p.kind: p for p in campaign.phases}
    for kind, phase in current.items():
        if kind not in phases:
            campaign.phases.remove(phase)
    for kind, (starts, ends) in phases.items():
        if kind in current:
            current[kind].starts_at, current[kind].ends_at = starts, ends
        else:
            campaign.phases.append(Phase(kind=kind, starts_at=starts, ends_at=ends))
    campaign.phases.sort(key=lambda p: p.starts_at)


def create_campaign(
    db: Session,
    site: Site,
    *,
    slug: str,
    year: int,
    title: str,
    total: int,
    phases: Mapping[PhaseKind, tuple[datetime, datetime]],
    actor: Actor | None = None,
    description: str = "",
    citywide: int | None = None,
) -> Campaign:
    """A campaign with the configured rule, its phases and envelopes computed from the settings."""
    settings = site.settings("budget")
    if campaign_by_slug(db, slug) is not None:
        raise BudgetRefused(_("Another campaign already uses this short name."), "slug")
    if total < 0:
        raise BudgetRefused(_("Enter an amount of at least 0."), "total")
    rule = rule_named(site, settings.rule)
    if citywide is None:
        citywide = total * settings.citywide_percent // 100
    if not 0 <= citywide <= total:
        raise BudgetRefused(_("The all-city envelope must fit in the total."), "citywide")
    campaign = Campaign(
        slug=slug,
        year=year,
        title=title,
        description=description,
        total_amount=total,
        citywide_amount=citywide,
        rule=rule.name,
        n_grades=len(rule.ballot.grades),
        rule_description=describe_rule(site, rule),
        qpop_mode=settings.qpop_mode,
        qpop_percent=settings.qpop_percent,
        created_by_id=actor.account.id if actor and actor.account else None,
    )
    set_phases(db, campaign, phases)
    build_envelopes(site, campaign)
    db.add(campaign)
    db.flush()
    return campaign


def build_envelopes(site: Site, campaign: Campaign) -> None:
    """(Re)compute every envelope: all-city, then the rest by district population (or equally)."""
    settings = site.settings("budget")
    districts = site.config.districts
    weights = [d.population if settings.district_split == "population" else 1 for d in districts]
    amounts = split(campaign.total_amount - campaign.citywide_amount, weights)
    wanted = {CITY: campaign.citywide_amount, **{d.code: a for d, a in zip(districts, amounts, strict=True)}}
    existing = {e.level: e for e in campaign.envelopes}
    for level, amount in wanted.items():
        base, minimum, bonus = qpop_parts(amount, campaign.qpop_mode, campaign.qpop_percent)
        envelope = existing.get(level) or BudgetEnvelope(level=level)
        envelope.amount, envelope.qpop_minimum, envelope.qpop_bonus = base, minimum, bonus
        if level not in existing:
            campaign.envelopes.append(envelope)


def has_ballots(db: Session, campaign_id: int) -> bool:
    return bool(db.scalar(select(exists().where(Ballot.campaign_id == campaign_id))))


def ensure_rules_editable(db: Session, campaign: Campaign) -> None:
    """Refuse to change what shapes the vote (rule, envelopes, ballots) once a ballot exists.

    The campaign row is locked first (``FOR UPDATE``): a ballot being cast holds a key-share lock
    on it through its foreign key, so the check waits for casts in flight and cannot miss one.
    SQLite serialises writers anyway.
    """
    db.execute(select(Campaign.id).where(Campaign.id == campaign.id).with_for_update())
    if has_ballots(db, campaign.id):
        raise BudgetRefused(_("Ballots have been cast: the voting rules, envelopes and ballots are frozen."))


def set_rule(db: Session, site: Site, campaign: Campaign, name: str) -> None:
    ensure_rules_editable(db, campaign)
    rule = rule_named(site, name)
    campaign.rule = rule.name
    campaign.n_grades = len(rule.ballot.grades)
    campaign.rule_description = describe_rule(site, rule)  # frozen with the first ballot


def update_money(
    db: Session,
    site: Site,
    campaign: Campaign,
    *,
    total: int,
    citywide: int,
    qpop_mode: str,
    qpop_percent: int,
) -> None:
    """Change the total, the all-city envelope or the Qpop rule and recompute every envelope."""
    ensure_rules_editable(db, campaign)
    if not 0 <= citywide <= total:
        raise BudgetRefused(_("The all-city envelope must fit in the total."), "citywide")
    if qpop_mode not in {"minimum", "bonus", "none"}:
        raise BudgetRefused(_("Choose among the options shown."), "qpop_mode")
    if not 0 <= qpop_percent <= 100:
        raise BudgetRefused(_("Enter a percentage between 0 and 100."), "qpop_percent")
    campaign.total_amount, campaign.citywide_amount = total, citywide
    campaign.qpop_mode, campaign.qpop_percent = qpop_mode, qpop_percent
    build_envelopes(site, campaign)


def set_envelope(
    db: Session, campaign: Campaign, level: str, *, amount: int, qpop_minimum: int = 0, qpop_bonus: int = 0
) -> BudgetEnvelope:
    """Adjust one envelope by hand (before the vote); the campaign's total follows."""
    ensure_rules_editable(db, campaign)
    envelope = campaign.envelope(level)
    if envelope is None:
        raise BudgetRefused(_("This campaign has no such ballot."))
    if min(amount, qpop_minimum, qpop_bonus) < 0:
        raise BudgetRefused(_("Enter an amount of at least 0."), "amount")
    if qpop_minimum > amount:
        raise BudgetRefused(_("The Qpop minimum cannot exceed the envelope."), "qpop_minimum")
    envelope.amount, envelope.qpop_minimum, envelope.qpop_bonus = amount, qpop_minimum, qpop_bonus
    campaign.total_amount = sum(e.amount + e.qpop_bonus for e in campaign.envelopes)
    city = campaign.envelope(CITY)
    campaign.citywide_amount = city.amount + city.qpop_bonus if city else 0
    return envelope
