"""Loading plugins: entry points in the group ``parvis``, filtered by the site configuration.

Disabled and blocked plugins are blocked in pluggy *before* loading, so their code (and their
tables) is never imported.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from importlib.metadata import entry_points
from pathlib import Path
from types import ModuleType
from typing import Any

import pluggy

from parvis import hookimpl, hookspecs
from parvis.config import Config, config_error
from parvis.i18n import TranslationDomain, _

ENTRY_POINT_GROUP = "parvis"
CORE_PLUGIN = "parvis.core"
__all__ = ["CORE_PLUGIN", "ENTRY_POINT_GROUP", "build_plugin_manager", "describe_plugins", "hookimpl"]


@dataclass(frozen=True, slots=True)
class PluginInfo:
    name: str
    version: str
    enabled: bool
    blocked: bool
    hooks: tuple[str, ...]


def build_plugin_manager(config: Config, extra: Iterable[tuple[str, Any]] = ()) -> pluggy.PluginManager:
    """Core's default plugin, the enabled entry points, then ``extra`` (name, module) pairs.

    ``extra`` registers plugins that are not installed as distributions (tests, a site's local module);
    they count as enabled.
    """
    from parvis import defaults
    from parvis.comments import plugin as comments_plugin
    from parvis.content_translations import plugin as content_translations_plugin
    from parvis.decisions import plugin as decisions_plugin
    from parvis.draws import plugin as draws_plugin
    from parvis.moderation import plugin as moderation_plugin
    from parvis.notifications import plugin as notifications_plugin
    from parvis.pages import plugin as pages_plugin
    from parvis.photos import plugin as photos_plugin
    from parvis.pollbook import plugin as pollbook_plugin
    from parvis.search import plugin as search_plugin
    from parvis.workflows import plugin as workflows_plugin

    pm = pluggy.PluginManager("parvis")
    pm.add_hookspecs(hookspecs)
    pm.register(defaults, CORE_PLUGIN)
    pm.register(workflows_plugin, "parvis.workflows")  # core's life cycles (workflow engine)
    pm.register(decisions_plugin, "parvis.decisions")  # core's decisions and follow-up
    pm.register(pollbook_plugin, "parvis.pollbook")  # core's poll book (one vote per elector)
    pm.register(comments_plugin, "parvis.comments")  # core's comments, debates and supports
    pm.register(pages_plugin, "parvis.pages")  # core's static pages (legal notice, accessibility...)
    pm.register(draws_plugin, "parvis.draws")  # core's register of draws (every plugin's draws)
    pm.register(search_plugin, "parvis.search")  # core's site search
    pm.register(moderation_plugin, "parvis.moderation")  # core's moderation (reports, hiding, blocks)
    pm.register(photos_plugin, "parvis.photos")  # core's photo store (every plugin's photos)
    pm.register(notifications_plugin, "parvis.notifications")  # follows, notifications, newsletters
    # Translations of officials' texts (names, titles, descriptions) into the site's languages.
    pm.register(content_translations_plugin, "parvis.content_translations")
    # Core's councils feature (``parvis.councils``) is registered by the first council plugin
    # (``parvis.councils.kit.register_council``): without one, its routes and texts do not exist.
    installed = {ep.name for ep in entry_points(group=ENTRY_POINT_GROUP)}
    extra = list(extra)
    known = installed | {name for name, _plugin in extra}
    for index, name in enumerate(config.plugins.enabled):
        if name not in known:
            raise config_error(
                config.path,
                f"plugins.enabled[{index}]",
                _("the plugin '{name}' is not installed (installed: {names})").format(
                    name=name, names=", ".join(sorted(installed)) or "-"
                ),
            )
    for name in installed:
        if name not in config.plugins.enabled or name in config.plugins.blocked:
            pm.set_blocked(name)
    pm.load_setuptools_entrypoints(ENTRY_POINT_GROUP)
    for name, plugin in extra:
        if name not in config.plugins.blocked:
            pm.register(plugin, name)
    # Plugins may add hookspecs of their own (the budget plugin's ballot rules).
    pm.hook.add_hookspecs.call_historic(kwargs={"pm": pm})
    # A plugin still implementing a deprecated form of a hook is told so (it keeps working).
    from parvis.hookversions import warn_deprecated

    warn_deprecated(pm)
    return pm


def plugin_rank(config: Config, pm: pluggy.PluginManager) -> Callable[[str], tuple[int, int, str]]:
    """The deterministic order of plugins for what they override (templates): the order of
    ``[plugins] enabled`` (a plugin's extra registrations, ``youth_council.council``, with it),
    then the plugins registered by name only (``extra``) in their order, then core's features,
    then core itself."""
    enabled = list(config.plugins.enabled)
    registered = [name for name, _plugin in pm.list_name_plugin()]

    def rank(name: str) -> tuple[int, int, str]:
        if name == CORE_PLUGIN:
            return (3, 0, name)
        if name.startswith("parvis."):
            return (2, 0, name)
        base = name if name in enabled else name.split(".", 1)[0]
        if base in enabled:
            return (0, enabled.index(base), name)
        return (1, registered.index(name) if name in registered else len(registered), name)

    return rank


def answers_by_plugin(
    config: Config, pm: pluggy.PluginManager, hook_name: str, **kwargs: Any
) -> list[tuple[str, Any]]:
    """Each plugin's answer to a registration hook, as (plugin name, answer), in ``plugin_rank``
    order (pluggy's own order depends on the order entry points happen to be found)."""
    caller = getattr(pm.hook, hook_name)
    rank = plugin_rank(config, pm)
    answers = []
    for impl in sorted(caller.get_hookimpls(), key=lambda i: rank(i.plugin_name)):
        answer = impl.function(**{name: kwargs[name] for name in impl.argnames if name in kwargs})
        if answer is not None:
            answers.append((impl.plugin_name, answer))
    return answers


def plugin_package(plugin: Any) -> tuple[str, Path | None] | None:
    """The package a plugin's code lives in, and its folder: ``parvis_citylab`` for the module
    ``parvis_citylab.plugin``; a top-level module is its own package (no folder of its own)."""
    if not isinstance(plugin, ModuleType):
        return None
    package = plugin.__package__ or ""
    file = getattr(plugin, "__file__", None)
    if not package:
        return plugin.__name__, None
    return package, Path(file).parent if file else None


def with_plugin_package(domain: TranslationDomain, plugin: Any) -> TranslationDomain:
    """``domain`` with its ``package`` and ``source`` filled from the plugin that registered it."""
    found = plugin_package(plugin)
    if found is None or (domain.package and domain.source):
        return domain
    package, folder = found
    return replace(domain, package=domain.package or package, source=domain.source or folder)


def unspecified_hooks(pm: pluggy.PluginManager) -> list[tuple[str, str]]:
    """(plugin, hook) pairs implemented by no hookspec: usually a typo in a plugin."""
    found: list[tuple[str, str]] = []
    for hook_name in dir(pm.hook):
        caller = getattr(pm.hook, hook_name)
        if hook_name.startswith("_") or not isinstance(caller, pluggy.HookCaller) or caller.spec is not None:
            continue
        found.extend(
            (impl.plugin_name, hook_name)
            for impl in caller.get_hookimpls()
            if not impl.opts.get("optionalhook")
        )
    return sorted(found)


def describe_plugins(config: Config, pm: pluggy.PluginManager) -> list[PluginInfo]:
    """Every installed plugin with its version, state and the hooks it implements."""
    infos = []
    for ep in sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        plugin = pm.get_plugin(ep.name)
        hooks = tuple(sorted(c.name for c in pm.get_hookcallers(plugin) or ())) if plugin else ()
        version = ep.dist.version if ep.dist else "?"
        infos.append(
            PluginInfo(
                name=ep.name,
                version=version,
                enabled=plugin is not None,
                blocked=ep.name in config.plugins.blocked,
                hooks=hooks,
            )
        )
    for name, plugin in pm.list_name_plugin():
        if name != CORE_PLUGIN and name not in {i.name for i in infos} and plugin is not None:
            hooks = tuple(sorted(c.name for c in pm.get_hookcallers(plugin) or ()))
            infos.append(PluginInfo(name, getattr(plugin, "__version__", "-"), True, False, hooks))
    return infos
