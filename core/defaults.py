"""Core's own hook implementations, registered as the plugin ``parvis.core``.

Built-in behaviour a city may replace is marked ``trylast`` so any plugin's implementation of
the same hook runs first (Datasette's default-plugin pattern).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from parvis import audit, mail  # noqa: F401 - their models are part of core's schema
from parvis.auth import Actor
from parvis.councils import models as council_models  # noqa: F401 - core tables, used or not
from parvis.i18n import TranslationDomain, default_localedir, lazy_gettext
from parvis.permissions import ADMIN, OFFICIAL, Action
from parvis.pluginmanager import hookimpl

if TYPE_CHECKING:
    from parvis.site import Site

HERE = Path(__file__).parent


@hookimpl(trylast=True)
def register_template_dirs() -> list[Path]:
    return [HERE / "templates"]


@hookimpl
def register_static_dirs() -> dict[str, Path]:
    return {"core": HERE / "static"}


@hookimpl
def register_translations() -> TranslationDomain:
    return TranslationDomain("parvis", default_localedir())


@hookimpl
def register_migrations() -> Path:
    return HERE / "migrations" / "versions"


@hookimpl
def register_routes() -> list[Any]:
    from parvis.bodies.routes import BodyAdminController, BodyPublicController
    from parvis.web.accounts import AccountController
    from parvis.web.admin import AdminController
    from parvis.web.admin_audit import AuditController
    from parvis.web.admin_mail import MailController
    from parvis.web.home import HomeController

    return [
        HomeController,
        AccountController,
        AdminController,
        AuditController,
        MailController,
        BodyAdminController,
        BodyPublicController,
    ]


@hookimpl
def register_actions() -> list[Action]:
    return [
        Action("core.manage_bodies", lazy_gettext("Manage bodies, terms, members and meetings")),
        Action("core.manage_roles", lazy_gettext("Grant and remove roles"), frozenset({ADMIN})),
        Action("core.view_members", lazy_gettext("See members' profiles"), frozenset({OFFICIAL, "member"})),
    ]


@hookimpl(trylast=True)
def permission_allowed(site: Site, actor: Actor, action: str, resource: Any) -> bool | None:
    """Grant an action to the roles its declaration lists, site-wide or in the resource's body."""
    if not actor.authenticated:
        return False
    declared = site.actions.get(action)
    if declared is None:
        return actor.has_role(ADMIN)
    body_id = getattr(resource, "body_id", None) or (
        resource.id if resource is not None and type(resource).__name__ == "Body" else None
    )
    return any(actor.has_role(role, body_id) for role in declared.roles)


@hookimpl(tryfirst=True)
def seed_demo_data(db: Any, demo: Any) -> None:
    from parvis.demo import seed_core

    seed_core(db, demo)


@hookimpl
def menu_items(request: Any) -> list[Any]:
    from parvis.i18n import _
    from parvis.web.context import state_of
    from parvis.web.guards import allowed
    from parvis.web.navigation import MenuItem
    from parvis.web.render import url

    items = [MenuItem(_("Participatory bodies"), url(request, "/bodies"), order=90)]
    state = state_of(request)
    if allowed(state, "core.manage_bodies"):
        items.append(MenuItem(_("Bodies, members and meetings"), url(request, "/admin/bodies"), area="admin"))
    if state.actor.has_role(ADMIN):
        items += [
            MenuItem(_("Audit log"), url(request, "/admin/audit"), order=90, area="admin"),
            MenuItem(_("E-mail outbox"), url(request, "/admin/mail"), order=91, area="admin"),
        ]
    return items


@hookimpl
def register_commands(cli: Any) -> None:
    try:
        from parvis.sortition.cli import draw
    except ImportError:  # the sortition engine is optional while it is being built
        return
    cli.add_command(draw)
