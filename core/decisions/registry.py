"""Decision types and workflows declared by core, plugins and the city, gathered once per site.

Precedence: built-in workflows < plugins' ``register_workflows`` < the city's
``[settings.decisions.workflows]`` < its ``[workflows]`` (``parvis.workflows``); a decision
type's workflow is the one its declaration names unless ``[settings.decisions.type_workflows]``
maps it to another.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from parvis.config import ConfigError, config_error
from parvis.decisions.workflow import Workflow
from parvis.i18n import _

if TYPE_CHECKING:
    from parvis.decisions.models import Decision
    from parvis.site import Site


@dataclass(frozen=True, slots=True)
class DecisionType:
    """A kind of decision a body produces (``register_decision_types``)."""

    code: str  # "recommendation", "voeu"...
    label: Any  # lazy translated singular, e.g. lazy_gettext("Recommendation")
    plural: Any  # lazy translated plural, for headings and filters
    workflow: str = "council"  # the workflow's name
    plugin: str = ""


@dataclass(frozen=True, slots=True)
class Registry:
    types: dict[str, DecisionType]
    workflows: dict[str, Workflow]
    type_workflows: dict[str, str]

    def workflow_for_type(self, code: str) -> Workflow:
        return self.workflows[self.type_workflows[code]]

    def workflow_of(self, decision: Decision) -> Workflow:
        """The workflow a decision was created with (its name is stored on the decision)."""
        workflow = self.workflows.get(decision.workflow)
        if workflow is None:
            raise ConfigError(
                _("Decision {ref} uses the workflow '{name}', which is no longer configured.").format(
                    ref=decision.public_id, name=decision.workflow
                )
            )
        return workflow

    def type_label(self, code: str) -> str:
        declared = self.types.get(code)
        return str(declared.label) if declared else code


_registries: WeakKeyDictionary[Site, Registry] = WeakKeyDictionary()


def registry(site: Site) -> Registry:
    """The site's decision types and workflows, built (and checked) on first use."""
    found = _registries.get(site)
    if found is None:
        found = _registries[site] = build_registry(site)
    return found


def _config_error(site: Site, key: str, reason: str) -> ConfigError:
    return config_error(site.config.path, key, reason)


def build_registry(site: Site) -> Registry:
    from parvis.decisions.transitions import DECISION
    from parvis.workflows.lifecycle import life_cycles

    settings = site.settings("decisions")
    # Built-in < plugins' ``register_workflows`` < ``[settings.decisions.workflows]`` < ``[workflows]``.
    workflows = life_cycles(site).workflows[DECISION]
    types = {t.code: t for declared in reversed(site.hook.register_decision_types()) for t in declared or ()}
    for code, name in settings.type_workflows.items():
        if code not in types:
            raise _config_error(
                site,
                f"settings.decisions.type_workflows.{code}",
                _("unknown decision type '{code}'").format(code=code),
            )
        if name not in workflows:
            raise _config_error(
                site,
                f"settings.decisions.type_workflows.{code}",
                _("unknown workflow '{name}'").format(name=name),
            )
    mapping = {code: settings.type_workflows.get(code, t.workflow) for code, t in types.items()}
    for code, name in mapping.items():
        if name not in workflows:
            raise ConfigError(
                _("Decision type '{code}' uses the unknown workflow '{name}'.").format(code=code, name=name)
            )
    return Registry(types=types, workflows=workflows, type_workflows=mapping)
