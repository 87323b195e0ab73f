"""The hook API's version, its stable hooks, and the deprecated forms that still work.

``HOOK_API_VERSION`` is "major.minor": a minor version adds hooks or arguments (pluggy lets an
implementation take any subset of a hook's arguments, so adding one breaks nobody) and may
deprecate a form of a hook; a deprecated form keeps working, with a ``DeprecationWarning`` naming
the plugin, for one minor version, and is refused from the version given in ``removed_in``. A
major version may change or remove stable hooks. docs/plugins.md ("Stability") says the same.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from dataclasses import dataclass

import pluggy

from parvis.i18n import N_, _

HOOK_API_VERSION = "1.1"

# Hooks whose name, arguments and answer keep their meaning until the next major version. Hooks
# not listed (the decisions' and the councils' own hooks, ``add_hookspecs``) may still change in a
# minor version, with a deprecation when they do.
STABLE_HOOKS = frozenset(
    {
        "register_settings",
        "check_settings",
        "register_translations",
        "register_migrations",
        "startup",
        "readiness_checks",
        "register_routes",
        "register_api_routes",
        "register_template_dirs",
        "register_static_dirs",
        "content_security_sources",
        "menu_items",
        "home_panels",
        "register_body_kinds",
        "register_actions",
        "permission_allowed",
        "register_jobs",
        "register_commands",
        "seed_demo_data",
        "register_personal_data",
        "export_personal_data",
        "personal_data_kept",
        "erase_personal_data",
        "purge_personal_data",
    }
)


@dataclass(frozen=True, slots=True)
class Deprecation:
    """A form of ``hook`` that still works but will be refused from ``removed_in``: an
    implementation that does not take the ``required`` arguments."""

    hook: str
    required: tuple[str, ...]
    since: str
    removed_in: str
    why: str


DEPRECATIONS: tuple[Deprecation, ...] = tuple(
    Deprecation(
        hook,
        ("site",),
        since="1.1",
        removed_in="1.2",
        why=N_("routes, templates and static files may depend on the site's settings"),
    )
    for hook in ("register_routes", "register_api_routes", "register_template_dirs", "register_static_dirs")
)


@dataclass(frozen=True, slots=True)
class DeprecatedUse:
    plugin: str
    deprecation: Deprecation
    filename: str
    lineno: int
    module: str

    def __str__(self) -> str:
        d = self.deprecation
        return _(
            "{plugin}: {hook}() without {arguments} is deprecated since hook API {since} and will be "
            "refused from {removed} ({why}): write `def {hook}({arguments}):`"
        ).format(
            plugin=self.plugin,
            hook=d.hook,
            arguments=", ".join(d.required),
            since=d.since,
            removed=d.removed_in,
            why=_(d.why),
        )


def deprecated_uses(pm: pluggy.PluginManager) -> Iterator[DeprecatedUse]:
    """The implementations of a deprecated form, plugin by plugin."""
    for deprecation in DEPRECATIONS:
        caller = getattr(pm.hook, deprecation.hook, None)
        if caller is None:
            continue
        for impl in caller.get_hookimpls():
            if all(name in impl.argnames for name in deprecation.required):
                continue
            code = getattr(impl.function, "__code__", None)
            yield DeprecatedUse(
                impl.plugin_name,
                deprecation,
                code.co_filename if code else "<plugin>",
                code.co_firstlineno if code else 0,
                getattr(impl.function, "__module__", "") or impl.plugin_name,
            )


def warn_deprecated(pm: pluggy.PluginManager) -> list[DeprecatedUse]:
    """Warn (``DeprecationWarning``, pointing at the plugin's own function) about every deprecated form."""
    found = list(deprecated_uses(pm))
    for use in found:
        warnings.warn_explicit(str(use), DeprecationWarning, use.filename, use.lineno, module=use.module)
    return found
