"""Core's decisions feature as a built-in plugin (``parvis.decisions``), registered after ``parvis.core``.

Keeping it a plugin of its own shows the feature uses only the public hooks, and lets its hook
implementations (routes, settings, actions, demo data) sit beside the code they describe.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from parvis.decisions import history, models  # noqa: F401 - tables and triggers join the metadata
from parvis.decisions.privacy import declarations, erase, export, kept  # noqa: F401 - the hooks of personal data (GDPR)
from parvis.decisions.registry import DecisionType, registry
from parvis.decisions.settings import DecisionSettings
from parvis.i18n import lazy_gettext
from parvis.permissions import MEMBER, OFFICIAL, Action
from parvis.pluginmanager import hookimpl

if TYPE_CHECKING:
    from parvis.site import Site

PLUGIN_NAME = "parvis.decisions"


@hookimpl
def register_settings() -> dict[str, type]:
    return {"decisions": DecisionSettings}


@hookimpl
def register_jobs(site: Site) -> list[Any]:
    from parvis.decisions.exports import pdf_job
    from parvis.jobs import JobDefinition, Visibility

    return [
        # Public data, asked for by anyone (signed in or not): the job's page is public too.
        JobDefinition(
            "decisions.followup_pdf",
            pdf_job,
            lazy_gettext("Follow-up report (PDF)"),
            visibility=Visibility.PUBLIC,
        )
    ]


@hookimpl
def register_decision_types() -> list[DecisionType]:
    return [
        DecisionType("proposal", lazy_gettext("Proposal"), lazy_gettext("Proposals"), "opinion", "core"),
        DecisionType("opinion", lazy_gettext("Opinion"), lazy_gettext("Opinions"), "opinion", "core"),
        DecisionType(
            "recommendation",
            lazy_gettext("Recommendation"),
            lazy_gettext("Recommendations"),
            "council",
            "core",
        ),
        DecisionType("voeu", lazy_gettext("Vœu (motion)"), lazy_gettext("Vœux (motions)"), "council", "core"),
        DecisionType(
            "deliberation",
            lazy_gettext("Citizens' deliberation"),
            lazy_gettext("Citizens' deliberations"),
            "council",
            "core",
        ),
    ]


@hookimpl
def register_content_kinds(site: Site) -> list[Any]:
    from parvis.decisions import content

    return content.content_kinds()


@hookimpl
def register_commenting(site: Site) -> list[Any]:
    from parvis.decisions import conversation

    return conversation.commenting()


@hookimpl
def search_documents(db: Any, site: Site) -> Any:
    from sqlalchemy import select

    from parvis.decisions.content import DECISION
    from parvis.search.index import documents_of

    return documents_of(db, site, DECISION, db.scalars(select(models.Decision.public_id)))


@hookimpl
def register_life_cycles(site: Site) -> list[Any]:
    from parvis.decisions.transitions import life_cycle

    return [life_cycle()]


@hookimpl
def register_actions() -> list[Action]:
    return [
        Action("decisions.back_office", lazy_gettext("Open the back office of decisions")),
        Action("decisions.manage", lazy_gettext("Create decisions and move them through their workflow")),
        Action("decisions.record_followup", lazy_gettext("Record the City's follow-up of decisions")),
        Action(
            "decisions.run_votes", lazy_gettext("Open and close plenary votes, record the Council's votes")
        ),
        Action("decisions.vote", lazy_gettext("Vote in the plenary of one's own body"), frozenset({MEMBER})),
        Action(
            "decisions.comment",
            lazy_gettext("Comment on the follow-up of one's own body's decisions"),
            frozenset({MEMBER, OFFICIAL}),
        ),
    ]


@hookimpl
def permission_allowed(site: Site, actor: Any, action: str, resource: Any) -> bool | None:
    """The right to follow-up outlives the term: whoever sat in the term that produced a decision
    may comment on its follow-up, even once their membership roles have ended with the term."""
    if action != "decisions.comment" or not isinstance(resource, models.Decision) or actor.person_id is None:
        return None
    from parvis.decisions.followup import sat_in_term

    return True if sat_in_term(resource, actor.person_id) else None


@hookimpl
def check_settings(site: Site) -> None:
    """Check every workflow and type mapping when the site is built (a bad one stops the start)."""
    registry(site)


@hookimpl
def register_routes(site: Site) -> list[Any]:
    from parvis.decisions.routes_admin import ADMIN_CONTROLLERS
    from parvis.decisions.routes_public import DecisionPublicController

    return [DecisionPublicController, *ADMIN_CONTROLLERS]


@hookimpl
def register_api_routes(site: Site) -> list[Any]:
    from parvis.decisions.routes_api import followup_csv, followup_json

    return [followup_json, followup_csv]


@hookimpl
def menu_items(request: Any) -> list[Any]:
    from parvis.i18n import _
    from parvis.web.context import state_of
    from parvis.web.guards import allowed
    from parvis.web.navigation import MenuItem
    from parvis.web.render import url

    items = [MenuItem(_("Right to follow-up"), url(request, "/follow-up"), order=85)]
    if allowed(state_of(request), "decisions.back_office"):
        items.append(MenuItem(_("Decisions and follow-up"), url(request, "/admin/decisions"), area="admin"))
    return items


@hookimpl
def home_panels(request: Any, db: Any) -> list[Any]:
    from parvis.decisions.routes_public import home_panel

    return [home_panel(request, db)]
