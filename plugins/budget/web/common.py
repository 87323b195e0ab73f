"""Helpers shared by the budget's controllers: lookups that 404, labels, dates of phases."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from litestar.response import Template
from sqlalchemy.orm import Session

from parvis.api import AnyRequest as Req
from parvis.api import BoundForm, Site, _, backoffice, local, not_found, page, site_timezone, state_of
from parvis.plugins.budget import labels
from parvis.plugins.budget.ballot_rules import RuleView, rule_view
from parvis.plugins.budget.models import CITY, Campaign, Phase
from parvis.plugins.budget.services.campaigns import campaign_by_slug, current_phase, level_label, levels


def campaign_or_404(db: Session, slug: str, *, for_casting: bool = False) -> Campaign:
    campaign = campaign_by_slug(db, slug, for_casting=for_casting)
    if campaign is None:
        raise not_found()
    return campaign


def site_of(request: Req) -> Site:
    return state_of(request).site


def level_choices(request: Req, *, with_city: bool = True) -> list[tuple[str, str]]:
    site = site_of(request)
    return [(lvl, level_label(site, lvl)) for lvl in levels(site) if with_city or lvl != CITY]


def district_choices(request: Req) -> list[tuple[str, str]]:
    return level_choices(request, with_city=False)


def last_day(phase: Phase) -> date:
    """The last day of a phase, in the site's time zone (phases end at midnight after it)."""
    return (local(phase.ends_at) - timedelta(microseconds=1)).date()


def day_start(day: date) -> datetime:
    """Local midnight at the start of ``day``, as an aware datetime."""
    return datetime.combine(day, time(0), tzinfo=site_timezone())


@dataclass(frozen=True)
class NewPage:
    """The page of a form that adds one row to a campaign (a ballot box, a workshop): its title,
    the list the row joins (its label, its path below the campaign's) and where the form posts."""

    title: Any  # lazy strings: translated when the page is shown
    section: Any
    section_path: str
    action: str

    def render(self, request: Req, campaign: Campaign, form: BoundForm) -> Template:
        return render(
            request,
            "budget/admin/new.html",
            campaign=campaign,
            form=form,
            title=str(self.title),
            section=(str(self.section), self.section_path),
            action=self.action,
        )

    def submit(
        self, request: Req, campaign: Campaign, form: BoundForm, *, fallback_field: str
    ) -> dict[str, Any]:
        """The form's valid values; a refusal shows this page again with the form (status 400)."""
        return backoffice.submit(
            request, form, lambda _shown: self.render(request, campaign, form), fallback_field=fallback_field
        )


def render(request: Req, template: str, *, status_code: int = 200, **context: Any) -> Template:
    """``page`` with the budget's label helpers."""
    return page(request, template, status_code=status_code, **budget_context(request, **context))


def budget_context(request: Req, **context: Any) -> dict[str, Any]:
    """A page's context with the budget's label helpers (for ``render`` and ``on_refusal``)."""
    site = site_of(request)
    campaign = context.get("campaign")
    shown = rule_view(site, campaign) if campaign is not None else None
    return dict(
        level_label=lambda level: level_label(site, level),
        theme_label=lambda code: labels.theme_label(site, code),
        last_day=last_day,
        grades=shown.scale if shown is not None else [],
        rule_shown=shown,
        phase_now=current_phase(campaign) if campaign is not None else None,
        district_split=site.settings("budget").district_split,
        **context,
    )


def grades_of(request: Req, campaign: Campaign) -> list[str]:
    """The labels of the campaign's scale (grades, worst first), translated: from the rule's
    frozen description when there is one, so they outlive the rule's plugin."""
    return rule_of(request, campaign).scale


def rule_of(request: Req, campaign: Campaign) -> RuleView:
    return rule_view(site_of(request), campaign)


class LazyFormat:
    """A label translated and filled in when shown: ``LazyFormat(N_("{phase}: first day"), phase=...)``.

    Values that are message ids are translated too, so form labels declared at import time
    follow the reader's language.
    """

    def __init__(self, message: str, **values: Any) -> None:
        self.message = message
        self.values = values

    def __str__(self) -> str:
        return _(self.message).format(
            **{k: _(v) if isinstance(v, str) else str(v) for k, v in self.values.items()}
        )

    def __html__(self) -> str:
        from markupsafe import escape

        return str(escape(str(self)))
