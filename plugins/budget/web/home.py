"""The budget's card on the home page: what residents can do now, and until when."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from parvis.api import HomePanel, _, format_date, url
from parvis.api.content_translations import translated
from parvis.plugins.budget.models import PhaseKind
from parvis.plugins.budget.services.campaigns import current_phase, featured_campaign
from parvis.plugins.budget.web.common import last_day


def home_panels(request: Any, db: Session) -> list[HomePanel]:
    title = _("Participatory budget")
    campaign = featured_campaign(db)
    if campaign is None:
        return [
            HomePanel(
                title,
                _("Residents propose projects and vote to decide part of the City's investment budget."),
                url(request, "/budget"),
                _("Learn more"),
                order=40,
            )
        ]
    phase = current_phase(campaign)
    base = f"/budget/{campaign.slug}"
    if phase is not None and phase.kind == PhaseKind.IDEAS:
        text = _("Submit your idea until {date}.").format(date=format_date(last_day(phase)))
        return [
            HomePanel(
                title, text, url(request, f"{base}/ideas/new"), _("Submit an idea"), "call", phase.ends_at, 40
            )
        ]
    if phase is not None and phase.kind == PhaseKind.VOTE:
        text = _("Vote for the projects you prefer until {date}.").format(date=format_date(last_day(phase)))
        return [HomePanel(title, text, url(request, f"{base}/vote"), _("Vote"), "vote", phase.ends_at, 40)]
    if campaign.results_published_at is not None:
        text = _("The results of the {campaign} are published.").format(
            campaign=translated(request, campaign, "title")
        )
        return [HomePanel(title, text, url(request, f"{base}/results"), _("See the results"), order=40)]
    return [
        HomePanel(
            title,
            _("Residents propose projects and vote to decide part of the City's investment budget."),
            url(request, base),
            _("Learn more"),
            order=40,
        )
    ]
