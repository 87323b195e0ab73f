"""The Parvis plugin API.

A plugin is a module (or object) with functions named like the hooks below and decorated with
`parvis.hookimpl`. It is installed as an entry point in the group ``parvis`` and enabled in the
site configuration's ``[plugins] enabled`` list. Every hook here is documented in docs/plugins.md
and exercised by tests/core/test_hookspecs.py; keep all three in step.

The hook API has a version (``parvis.hookversions.HOOK_API_VERSION``, also in ``parvis.api``): a
changed hook keeps its old form for one minor version, with a deprecation warning
(``parvis.hookversions.DEPRECATIONS``); docs/plugins.md ("Stability") lists the stable hooks.

Hooks that answer once are `firstresult`; every other hook collects one answer per plugin and
Parvis combines them. Built-in behaviour a city may replace is a default implementation marked
`trylast`, so a plugin's own implementation runs first.

The hooks are grouped by concept, one module each (``configuration``, ``web``, ``permissions``,
``jobs``, ``commands``, ``lifecycles``, ``content``, ``comments``, ``decisions``, ``privacy``), and
re-exported here: ``pm.add_hookspecs(parvis.hookspecs)`` registers every one of them.
"""

from parvis.hookspecs.commands import register_commands, seed_demo_data
from parvis.hookspecs.comments import register_commenting, register_debate_spaces, register_supports
from parvis.hookspecs.configuration import (
    add_hookspecs,
    check_settings,
    readiness_checks,
    register_migrations,
    register_settings,
    register_translations,
    startup,
)
from parvis.hookspecs.content import register_content_kinds, register_translatable_kinds, search_documents
from parvis.hookspecs.decisions import (
    decision_transitioned,
    register_decision_types,
    register_workflows,
    validate_decision_transition,
)
from parvis.hookspecs.jobs import register_jobs
from parvis.hookspecs.lifecycles import register_life_cycles, register_workflow_effects
from parvis.hookspecs.permissions import permission_allowed, register_actions, register_body_kinds
from parvis.hookspecs.privacy import (
    erase_personal_data,
    export_personal_data,
    personal_data_kept,
    purge_personal_data,
    register_personal_data,
)
from parvis.hookspecs.web import (
    content_security_sources,
    home_panels,
    menu_items,
    register_api_routes,
    register_routes,
    register_static_dirs,
    register_template_dirs,
)

__all__ = [
    "add_hookspecs",
    "check_settings",
    "content_security_sources",
    "decision_transitioned",
    "erase_personal_data",
    "export_personal_data",
    "home_panels",
    "menu_items",
    "permission_allowed",
    "personal_data_kept",
    "purge_personal_data",
    "readiness_checks",
    "register_actions",
    "register_api_routes",
    "register_body_kinds",
    "register_commands",
    "register_commenting",
    "register_content_kinds",
    "register_debate_spaces",
    "register_decision_types",
    "register_jobs",
    "register_life_cycles",
    "register_migrations",
    "register_personal_data",
    "register_routes",
    "register_settings",
    "register_static_dirs",
    "register_supports",
    "register_template_dirs",
    "register_translatable_kinds",
    "register_translations",
    "register_workflow_effects",
    "register_workflows",
    "search_documents",
    "seed_demo_data",
    "startup",
    "validate_decision_transition",
]
