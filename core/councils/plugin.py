"""Core's councils feature as a built-in plugin (``parvis.councils``), registered after
``parvis.decisions``: it adds the ``register_councils`` hook, the pages of every council and the
yearly limit on vœux. Its tables (``core_council_*``) are in core's migrations."""

from __future__ import annotations

from datetime import datetime, time
from typing import TYPE_CHECKING, Any

from parvis.councils import hookspecs, models  # noqa: F401 - the tables join the metadata
from parvis.i18n import lazy_gettext
from parvis.permissions import Action
from parvis.pluginmanager import hookimpl

if TYPE_CHECKING:
    import pluggy
    from sqlalchemy.orm import Session

    from parvis.auth import Actor
    from parvis.decisions.models import Decision
    from parvis.decisions.workflow import Transition
    from parvis.site import Site
    from parvis.web.navigation import HomePanel, MenuItem

PLUGIN_NAME = "parvis.councils"


@hookimpl
def add_hookspecs(pm: pluggy.PluginManager) -> None:
    pm.add_hookspecs(hookspecs)


@hookimpl
def register_actions() -> list[Action]:
    return [
        Action("councils.manage", lazy_gettext("Manage a council's calls, referrals and hearings")),
        Action("councils.draw", lazy_gettext("Run the draw of a council's call for applications")),
    ]


@hookimpl
def register_jobs(site: Site) -> list[Any]:
    from parvis.councils.announcements import announce_job
    from parvis.councils.draws import draw_job
    from parvis.jobs import JobDefinition, Visibility, crontab

    return [
        JobDefinition(
            "councils.draw",
            draw_job,
            lazy_gettext("Draw of a call for applications"),
            retries=1,
            visibility=Visibility.OFFICIALS,
        ),
        JobDefinition(
            "councils.announce_calls",
            announce_job,
            lazy_gettext("Tell eligible residents that a call for applications is open"),
            schedule=crontab(minute="13"),
        ),
    ]


@hookimpl
def register_life_cycles(site: Site) -> list[Any]:
    from parvis.councils.lifecycle import life_cycles_of_councils

    return life_cycles_of_councils()


@hookimpl
def register_content_kinds(site: Site) -> list[Any]:
    from parvis.councils.announcements import content_kinds

    return content_kinds()


@hookimpl
def register_translatable_kinds(site: Site) -> list[Any]:
    """Calls' titles and descriptions, translated by whoever manages the council."""
    from parvis.content_translations.registry import TranslatableKind
    from parvis.councils.models import Call
    from parvis.councils.web import MANAGE

    return [
        TranslatableKind.titled(
            "councils.call",
            lazy_gettext("Call for applications"),
            Call,
            action=MANAGE,
            resource=lambda call: call.body,
            edit_path=lambda call: f"/admin/bodies/{call.body.slug}/calls/{call.public_id}",
        )
    ]


@hookimpl
def register_routes(site: Site) -> list[Any]:
    from parvis.councils.routes_admin import CouncilAdminController
    from parvis.councils.routes_public import CouncilPublicController
    from parvis.councils.routes_shared import SharedSessionsController
    from parvis.councils.routes_steps import CouncilCallStepsController

    return [
        CouncilPublicController,
        CouncilAdminController,
        CouncilCallStepsController,
        SharedSessionsController,
    ]


@hookimpl
def validate_decision_transition(
    site: Site, db: Session, decision: Decision, transition: Transition, actor: Actor
) -> str | None:
    from parvis.councils.voeu import refusal

    return refusal(site, db, decision, transition)


@hookimpl
def menu_items(request: Any) -> list[MenuItem]:
    from parvis.i18n import _
    from parvis.web.context import state_of
    from parvis.web.navigation import MenuItem
    from parvis.web.render import url

    if not state_of(request).actor.body_roles:
        return []
    return [MenuItem(_("Sessions open to all councils"), url(request, "/councils/open-sessions"), order=88)]


@hookimpl
def home_panels(request: Any, db: Session) -> list[HomePanel]:
    """An "open now" card for every council whose call for applications is open."""
    from markupsafe import Markup
    from sqlalchemy import select

    from parvis.bodies.models import Body
    from parvis.content_translations.view import marked
    from parvis.councils.applications import current_call
    from parvis.councils.spec import councils
    from parvis.formatting import site_timezone
    from parvis.i18n import _
    from parvis.web.context import state_of
    from parvis.web.navigation import HomePanel
    from parvis.web.render import url

    site = state_of(request).site
    kinds = list(councils(site))
    if not kinds:
        return []
    today = site.today()
    panels = []
    for body in db.scalars(select(Body).where(Body.active, Body.kind.in_(kinds)).order_by(Body.name)):
        call = current_call(db, body, today)
        if call is not None:
            panels.append(
                HomePanel(
                    title=marked(request, call, "title"),
                    # The body's name starts the sentence as a proper noun, untranslated or not.
                    text=Markup.escape(
                        _("{body}: applications are open; seats are then drawn by lot.")
                    ).format(body=marked(request, body, "name", note=False)),
                    href=url(request, f"/bodies/{body.slug}/apply"),
                    link_label=_("Apply"),
                    kind="call",
                    deadline=datetime.combine(call.closes_on, time(23, 59), site_timezone()),
                    order=10,
                )
            )
    return panels
