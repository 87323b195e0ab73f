"""Life cycles declared by core and plugins, and the workflows each follows on one site.

A ``LifeCycle`` says what moves (a mission, a budget idea...): the TOML file of its default
workflows, the state flags and roles its workflows may name, the conditions a transition may
require, and the attribute holding the state. Plugins declare theirs with ``register_life_cycles``
and the effects transitions may name with ``register_workflow_effects``.

A city replaces any workflow in its configuration: ``[workflows.<name>]`` tables of the same shape
as the plugin's file. Precedence: the file < what the life cycle adds (``more_workflows``: the decisions'
plugin hook and settings) < the city's ``[workflows]``. Everything is checked when the site is
built: a typo in a state name would otherwise surface months later as a stuck mission.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from parvis.config import ConfigError, config_error
from parvis.i18n import N_, _
from parvis.workflows.model import Transition, Vocabulary, Workflow, load_file, parse_workflow, problems

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from parvis.auth import Actor
    from parvis.site import Site


@dataclass(frozen=True, slots=True)
class Move:
    """One transition being made, as conditions, vetoes and effects see it."""

    site: Site
    db: Session
    life_cycle: LifeCycle
    workflow: Workflow
    subject: Any
    transition: Transition
    source: str
    target: str
    actor: Actor | None  # None: the platform itself (a count, a merge), never refused for its role
    comment: str = ""


@dataclass(frozen=True, slots=True)
class Role:
    """A role a transition may name: its label (a message id) and who holds it for a subject."""

    label: str
    holds: Callable[[Site, Actor, Any], bool]

    @classmethod
    def for_action(cls, label: str, action: str, resource: Callable[[Any], Any] | None = None) -> Role:
        """The role of whoever may do ``action`` (``permission_allowed``) on the subject, or on
        ``resource(subject)`` (a call's body): a city grants the role as it grants the action."""

        def holds(site: Site, actor: Actor, subject: Any) -> bool:
            on = resource(subject) if resource is not None else subject
            return bool(site.hook.permission_allowed(site=site, actor=actor, action=action, resource=on))

        return cls(label, holds)


@dataclass(frozen=True, slots=True)
class Effect:
    """What a transition may do once the state has changed, named in workflows by ``key``
    (``effects = ["volunteers.notify_published"]``); ``run`` gets the ``Move``."""

    key: str
    run: Callable[[Move], None]
    description: Any = ""


@dataclass(frozen=True, slots=True)
class LifeCycle:
    """Something that moves through a workflow.

        ``kind`` names it ("volunteers.mission"); ``file`` holds its default workflows (one TOML table
        per workflow, named by the table's key; ``names`` picks some tables of a file two life cycles
    share); ``roles`` are those its transitions may name;
        ``flags`` the state flags besides ``final``; ``conditions`` the checks a transition may
        ``require`` (each returns a translated reason to refuse, or None). The state is read and set
        on ``subject.<attribute>``; ``workflow_of`` says which workflow a subject follows (default: the
        first of the file). ``veto``, ``after`` and ``record`` let a life cycle add a check, a
        follow-up and a history of its own (decisions keep their public history; others get one row of
        ``core_workflow_event`` per move).
    """

    kind: str
    label: Any
    file: Path
    roles: Mapping[str, Role]
    names: Collection[str] = ()  # the tables of ``file`` that are this life cycle's (default: all)
    flags: Collection[str] = ()
    conditions: Mapping[str, Callable[[Move], str | None]] = field(default_factory=dict)
    attribute: str = "status"
    workflow_of: Callable[[Any], str] | None = None
    more_workflows: Callable[[Site], Iterable[Workflow]] | None = None
    veto: Callable[[Move], str | None] | None = None
    after: Callable[[Move], None] | None = None
    record: Callable[[Move], None] | None = None
    # The refusal of a move the workflow does not have, with {current} and {target} state labels.
    not_possible: str = N_("This cannot go from “{current}” to “{target}”.")
    # The refusal of a move whose transition asks for a comment (``comment = true``) given none.
    comment_missing: str = N_("Please write a comment to explain this step.")

    def vocabulary(self, effects: Collection[str] | None) -> Vocabulary:
        return Vocabulary(
            flags=frozenset(self.flags),
            roles=frozenset(self.roles),
            conditions=frozenset(self.conditions),
            effects=effects,
        )


@dataclass(frozen=True, slots=True)
class LifeCycles:
    """A site's life cycles, their workflows (by life cycle, then by name) and the known effects."""

    kinds: dict[str, LifeCycle]
    workflows: dict[str, dict[str, Workflow]]
    effects: dict[str, Effect]

    def life_cycle(self, kind: str) -> LifeCycle:
        return self.kinds[kind]

    def workflow(self, kind: str, subject: Any = None) -> Workflow:
        """The workflow ``subject`` follows (without a subject: the life cycle's first one)."""
        named = self.workflows[kind]
        declared = self.kinds[kind]
        if subject is None or declared.workflow_of is None:
            return next(iter(named.values()))
        name = declared.workflow_of(subject)
        workflow = named.get(name)
        if workflow is None:
            raise ConfigError(
                _("{what} uses the workflow '{name}', which is no longer configured.").format(
                    what=getattr(subject, "public_id", subject), name=name
                )
            )
        return workflow


_built: WeakKeyDictionary[Site, LifeCycles] = WeakKeyDictionary()


def site_of_session(db: Session) -> Site:
    """The site a session was opened for (``Site.session()`` records it in ``db.info``)."""
    return db.info["parvis_site"]


def life_cycles(site: Site) -> LifeCycles:
    """The site's life cycles and workflows, built (and checked) on first use."""
    found = _built.get(site)
    if found is None:
        found = _built[site] = build(site)
    return found


def build(site: Site) -> LifeCycles:
    effects: dict[str, Effect] = {}
    for declared in site.hook.register_workflow_effects(site=site):
        for effect in declared or ():
            effects[effect.key] = effect
    kinds: dict[str, LifeCycle] = {}
    # pluggy answers the last-registered plugin first; reversed, core comes first.
    for declared_cycles in reversed(site.hook.register_life_cycles(site=site)):
        for cycle in declared_cycles or ():
            kinds[cycle.kind] = cycle
    city: dict[str, Any] = dict(site.config.workflows)
    workflows: dict[str, dict[str, Workflow]] = {}
    owner: dict[str, str] = {}
    for kind, cycle in kinds.items():
        vocabulary = cycle.vocabulary(frozenset(effects))
        try:
            named = load_file(cycle.file, cycle.flags, cycle.names)
        except ValueError as error:
            raise ConfigError(
                _("The workflows of '{kind}' are not valid: {reason}").format(kind=kind, reason=error)
            ) from None
        for workflow in cycle.more_workflows(site) if cycle.more_workflows else ():
            named[workflow.name] = workflow
        for name, workflow in named.items():
            found = problems(workflow, vocabulary)
            if found and name not in city:
                key, reason = found[0]
                raise ConfigError(
                    _("Workflow '{name}' declared by a plugin is not valid: {key}: {reason}").format(
                        name=name, key=key, reason=reason
                    )
                )
            owner[name] = kind
        for name in [n for n in city if n in named]:
            named[name] = _city_workflow(site, name, city.pop(name), cycle, vocabulary)
        workflows[kind] = named
    if city:
        name = min(city)
        raise config_error(
            site.config.path,
            f"workflows.{name}",
            _("no life cycle has a workflow named '{name}' (known: {names})").format(
                name=name, names=", ".join(sorted(owner)) or "-"
            ),
        )
    return LifeCycles(kinds=kinds, workflows=workflows, effects=effects)


def _city_workflow(site: Site, name: str, table: Any, cycle: LifeCycle, vocabulary: Vocabulary) -> Workflow:
    prefix = f"workflows.{name}"
    try:
        workflow = parse_workflow(name, table, cycle.flags, prefix)
    except ValueError as error:
        key, _sep, reason = str(error).partition(": ")
        raise config_error(site.config.path, key, reason) from None
    found = problems(workflow, vocabulary)
    if found:
        key, reason = found[0]
        raise config_error(site.config.path, f"{prefix}.{key}", reason)
    return workflow
