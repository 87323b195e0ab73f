"""The budget's pages: public (campaign, ideas, projects, vote, receipts, results) and back office."""

from __future__ import annotations

from typing import Any


def routes() -> list[Any]:
    from parvis.plugins.budget.web.admin_campaigns import CampaignAdminController
    from parvis.plugins.budget.web.admin_ideas import IdeaReviewController
    from parvis.plugins.budget.web.admin_paper import PaperAdminController
    from parvis.plugins.budget.web.admin_projects import ProjectAdminController
    from parvis.plugins.budget.web.admin_realisation import RealisationAdminController
    from parvis.plugins.budget.web.admin_voters import VerificationAdminController
    from parvis.plugins.budget.web.ideas import IdeaController
    from parvis.plugins.budget.web.public import BudgetController
    from parvis.plugins.budget.web.results import ResultsController
    from parvis.plugins.budget.web.vote import VoteController

    return [
        BudgetController,
        IdeaController,
        VoteController,
        ResultsController,
        CampaignAdminController,
        IdeaReviewController,
        ProjectAdminController,
        PaperAdminController,
        VerificationAdminController,
        RealisationAdminController,
    ]
