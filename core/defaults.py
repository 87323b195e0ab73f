"""Core's own hook implementations, registered as the plugin ``parvis.core``.

Built-in behaviour a city may replace is marked ``trylast`` so any plugin's implementation of
the same hook runs first (Datasette's default-plugin pattern).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from parvis import audit, mail, ratelimit, sign_in, two_factor  # noqa: F401 - their models are core's schema
from parvis.accounts import tokens  # noqa: F401 - its model is part of core's schema
from parvis.auth import Actor
from parvis.councils import models as council_models  # noqa: F401 - core tables, used or not
from parvis.i18n import TranslationDomain, default_localedir, lazy_gettext
from parvis.permissions import ADMIN, FACILITATOR, MEMBER, OFFICIAL, Action
from parvis.pluginmanager import hookimpl

if TYPE_CHECKING:
    from parvis.site import Site

HERE = Path(__file__).parent


@hookimpl(trylast=True)
def register_template_dirs(site: Site) -> list[Path]:
    return [HERE / "templates"]


@hookimpl
def register_static_dirs(site: Site) -> dict[str, Path]:
    return {"core": HERE / "static"}


@hookimpl
def register_translations() -> TranslationDomain:
    return TranslationDomain("parvis", default_localedir())


@hookimpl(tryfirst=True)
def readiness_checks(site: Site) -> list[Any]:
    from parvis.health import core_checks

    return core_checks()


@hookimpl
def register_migrations() -> Path:
    return HERE / "migrations" / "versions"


@hookimpl
def register_routes(site: Site) -> list[Any]:
    from parvis.bodies.routes import BODY_ADMIN_CONTROLLERS, BodyPublicController
    from parvis.jobs.web import JobController, JobsAdminController
    from parvis.privacy.routes import PrivacyController
    from parvis.web.accounts import AccountController
    from parvis.web.admin import AdminController
    from parvis.web.admin_accounts import AccountsAdminController
    from parvis.web.admin_audit import AuditController
    from parvis.web.admin_mail import MailController
    from parvis.web.components import ComponentsController
    from parvis.web.home import HomeController
    from parvis.web.passwords import PasswordController
    from parvis.web.signup import SignupController
    from parvis.web.two_factor import TwoFactorController
    from parvis.web.verification import VerificationController

    return [
        HomeController,
        AccountController,
        PrivacyController,
        SignupController,
        PasswordController,
        VerificationController,
        TwoFactorController,
        AdminController,
        AccountsAdminController,
        AuditController,
        MailController,
        *BODY_ADMIN_CONTROLLERS,
        BodyPublicController,
        JobController,
        JobsAdminController,
        ComponentsController,
    ]


@hookimpl
def home_panels(request: Any, db: Any) -> list[Any]:
    """The next public meetings, under "Open now" (parvis.bodies.home)."""
    from parvis.bodies.home import next_meetings

    return next_meetings(request, db)


@hookimpl
def register_content_kinds(site: Site) -> list[Any]:
    from parvis.bodies import content

    return content.content_kinds()


@hookimpl
def search_documents(db: Any, site: Site) -> Any:
    from parvis.bodies import content

    return content.search_documents(db, site)


@hookimpl
def register_settings() -> dict[str, type]:
    from parvis.jobs.settings import JobsSettings

    return {"jobs": JobsSettings}


@hookimpl
def register_jobs(site: Site) -> list[Any]:
    from parvis.jobs import maintenance
    from parvis.mail import schedule as mail_schedule
    from parvis.privacy import schedule as privacy_schedule

    return [*maintenance.definitions(), *mail_schedule.definitions(), *privacy_schedule.definitions()]


@hookimpl
def register_actions() -> list[Action]:
    return [
        Action("core.manage_bodies", lazy_gettext("Manage bodies, terms, members and meetings")),
        Action("core.manage_roles", lazy_gettext("Grant and remove roles"), frozenset({ADMIN})),
        Action(
            "core.manage_accounts",
            lazy_gettext("Search accounts, see their sign-ins, disable and re-enable them"),
            frozenset({ADMIN}),
        ),
        Action(
            "core.view_members",
            lazy_gettext("See members' profiles"),
            frozenset({OFFICIAL, MEMBER, FACILITATOR}),
        ),
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
    if any(actor.has_role(role, body_id) for role in declared.roles):
        return True
    if declared.district_scoped and actor.district_roles:
        # A district's officials: on a resource of one of their districts, or (no resource, a
        # route's guard) in some district; the route then shows only their districts' things.
        if resource is None:
            return bool(actor.districts_with(declared.roles))
        district = getattr(resource, "district", None)
        return district is not None and any(
            actor.has_role(role, district=district) for role in declared.roles
        )
    return False


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

    state = state_of(request)
    items = [MenuItem(_("Participatory bodies"), url(request, "/bodies"), order=90)]
    if allowed(state, "core.manage_bodies"):
        items.append(MenuItem(_("Bodies, members and meetings"), url(request, "/admin/bodies"), area="admin"))
    if allowed(state, "core.manage_accounts"):
        accounts = MenuItem(_("Accounts and roles"), url(request, "/admin/accounts"), order=80, area="admin")
        items.append(accounts)
    if state.actor.has_role(ADMIN):
        items += [
            MenuItem(_("Audit log"), url(request, "/admin/audit"), order=90, area="admin"),
            MenuItem(_("E-mail outbox"), url(request, "/admin/mail"), order=91, area="admin"),
        ]
    if state.actor.has_role(OFFICIAL):
        items.append(MenuItem(_("Background jobs"), url(request, "/admin/jobs"), order=95, area="admin"))
    return items


# -- personal data (parvis.privacy): core's account, details, sessions, mail, memberships, audit --


@hookimpl
def register_personal_data(site: Site) -> list[Any]:
    from parvis.privacy import core_data

    return core_data.declarations(site)


@hookimpl
def export_personal_data(db: Any, site: Site, account: Any, person: Any) -> list[Any]:
    from parvis.privacy import core_data

    return core_data.export(db, site, account, person)


@hookimpl
def personal_data_kept(db: Any, site: Site, account: Any, person: Any) -> list[Any]:
    from parvis.privacy import core_data

    return core_data.kept(db, site, account, person)


@hookimpl(trylast=True)
def erase_personal_data(db: Any, site: Site, account: Any, person: Any) -> list[Any]:
    """Core's part runs after every plugin's: plugins still find the account and memberships."""
    from parvis.privacy import core_data

    return core_data.erase(db, site, account, person)


@hookimpl
def purge_personal_data(db: Any, site: Site, now: Any) -> dict[str, int]:
    from parvis.privacy import core_data

    return core_data.purge(db, site, now)
