"""Finding the vote-counting rule of a site or a campaign among those plugins register, and what
a campaign keeps of it.

The rules themselves are the pure library in ``rules/``; this module asks the
``register_ballot_rules`` hook for them, picks one by name, reads a submitted ballot with the
rule's own ballot kind, asks the rule and the ``validate_budget_ballot`` hook whether a ballot is
acceptable, and freezes a description of the rule in each campaign (``Campaign.rule_description``)
so that published results stay readable when the rule's plugin is gone (``RuleView``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from parvis.api import Refused, _, config_error, hookimpl, use_locale
from parvis.plugins.budget.rules import (
    PARIS_GRADES,
    AllocationRule,
    approval_greedy_rule,
    equal_shares_rule,
    majority_judgment_greedy_rule,
)
from parvis.plugins.budget.rules import Project as RuleProject
from parvis.plugins.budget.settings import BudgetSettings

if TYPE_CHECKING:
    from parvis.api import Site
    from parvis.plugins.budget.models import Campaign


class UnknownRuleError(LookupError):
    """The configuration names a rule no plugin registers; the message is translated."""


@hookimpl(trylast=True)
def register_ballot_rules(settings: BudgetSettings) -> list[AllocationRule]:
    """The three built-in rules, built with the site's settings (the ``trylast`` default)."""
    grades = tuple(settings.grades)
    return [
        majority_judgment_greedy_rule(grades=grades if grades != PARIS_GRADES else PARIS_GRADES),
        approval_greedy_rule(),
        equal_shares_rule(increment=settings.equal_shares_increment or None),
    ]


_registered: WeakKeyDictionary[Site, dict[str, AllocationRule]] = WeakKeyDictionary()


def available_rules(site: Site) -> dict[str, AllocationRule]:
    """Every registered rule by name; the first plugin answering wins a name (built-ins last).

    Asked once per site: plugins and settings do not change while a site runs.
    """
    found = _registered.get(site)
    if found is None:
        found = {}
        for rules in site.hook.register_ballot_rules(settings=site.settings("budget")):
            for rule in rules or ():
                found.setdefault(rule.name, rule)
        _registered[site] = found
    return found


def rule_named(site: Site, name: str) -> AllocationRule:
    rules = available_rules(site)
    if name not in rules:
        raise UnknownRuleError(
            _("No participatory-budget rule is called '{name}' (known rules: {known}).").format(
                name=name, known=", ".join(sorted(rules))
            )
        )
    return rules[name]


def configured_rule(site: Site) -> AllocationRule:
    """The rule new campaigns use: ``[settings.budget] rule``."""
    return rule_named(site, site.settings("budget").rule)


class RuleUnavailable(Refused):
    """The campaign's rule is no longer registered (its plugin was removed or disabled)."""


@hookimpl
def check_settings(site: Site) -> None:
    """The counting rule must be one a plugin registers (``[settings.budget] rule``), and able to
    apply the Qpop mode."""
    try:
        rule = configured_rule(site)
    except UnknownRuleError as error:
        raise config_error(site.config.path, "settings.budget.rule", str(error)) from None
    if not rule.supports_qpop and site.settings("budget").qpop_mode != "none":
        raise config_error(
            site.config.path,
            "settings.budget.qpop_mode",
            _("the rule '{rule}' does not share money by Qpop: set qpop_mode = \"none\"").format(
                rule=rule.name
            ),
        )


def campaign_rule(site: Site, campaign: Campaign) -> AllocationRule:
    """The campaign's rule, or ``RuleUnavailable`` (a refusal, never a 500) when it is gone."""
    rule = available_rules(site).get(campaign.rule)
    if rule is None:
        raise RuleUnavailable(
            _(
                "The counting rule of this campaign ('{rule}') is no longer installed on this "
                "site: this cannot be done until it is installed again."
            ).format(rule=campaign.rule)
        )
    return rule


# -- reading and checking a submitted ballot --------------------------------------------------


def field_name(project: Any) -> str:
    """The form field of a project's value (a project, or a ``ballot_keys`` row)."""
    return f"g-{project.public_id}"


def _read_value(rule: AllocationRule, raw: str) -> int | None:
    top = len(rule.ballot.grades) - 1
    if rule.ballot.read is not None:
        value = rule.ballot.read(raw)
    else:
        text = raw.strip()
        if text == "":
            return None
        if not text.isdigit():
            raise ValueError(text)
        value = int(text)
    if value is not None and not 0 <= value <= top:
        raise ValueError(raw)
    return value


def read_ballot(
    rule: AllocationRule, data: Mapping[str, Any], projects: Sequence[Any]
) -> tuple[list[int | None], dict[str, str]]:
    """A ballot's values from a submitted form, with the rule's ballot kind (a blank is None),
    and the errors by field."""
    values: list[int | None] = []
    errors: dict[str, str] = {}
    for project in projects:
        name = field_name(project)
        raw = data.get(name)
        if isinstance(raw, list):
            raw = raw[-1] if raw else None
        try:
            values.append(None if raw is None else _read_value(rule, str(raw)))
        except ValueError:
            errors[name] = _("Choose among the options shown.")
            values.append(None)
    return values, errors


def check_ballot(  # noqa: PLR0917 - the ballot and everything it is checked against
    site: Site,
    campaign: Campaign,
    rule: AllocationRule,
    level: str,
    projects: Sequence[Any],
    values: Sequence[int | None],
) -> None:
    """Refuse a ballot its rule or a plugin's ``validate_budget_ballot`` does not accept.

    The refusal (a ``Refused``) names the field ``ballot`` unless the hook's names another.
    """
    rule_projects = [RuleProject(cost=p.cost or 0, qpop=bool(p.qpop)) for p in projects]
    if rule.ballot.check is not None:
        message = rule.ballot.check(values, rule_projects)
        if message:
            raise Refused(str(message), field="ballot", status_code=400)
    for answer in site.hook.validate_budget_ballot(
        site=site, campaign=campaign, rule=rule, level=level, projects=projects, values=list(values)
    ):
        if isinstance(answer, Refused):
            raise answer
        if answer:
            raise Refused(str(answer), field="ballot", status_code=400)


# -- the frozen description of a campaign's rule ----------------------------------------------


def _in_each(site: Site, label: Any) -> dict[str, str]:
    """A label (message id, lazy translation or {language: text}) in each language of the site."""
    if isinstance(label, Mapping):
        first = next(iter(label.values()), "")
        return {lang: str(label.get(lang) or first) for lang in site.config.site.locales}
    found = {}
    for lang in site.config.site.locales:
        with use_locale(lang):
            found[lang] = _(label) if isinstance(label, str) else str(label)
    return found


def _json_safe(value: Any) -> Any:
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, Mapping):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_json_safe(v) for v in value]
    return str(value)


def describe_rule(site: Site, rule: AllocationRule) -> dict[str, Any]:
    """What a campaign keeps of its rule: enough to show its results without the rule."""
    return {
        "name": rule.name,
        "version": rule.version,
        "title": _in_each(site, rule.title or rule.name),
        "kind": rule.ballot.kind,
        "presentation": rule.presentation,
        "needs_ballots": rule.needs_ballots,
        "parameters": _json_safe(rule.options),
        "scale": [_in_each(site, label) for label in rule.ballot.grades],
        "columns": [
            {"key": c.key, "label": _in_each(site, c.label), "format": c.format} for c in rule.columns
        ],
    }


def freeze_rule(site: Site, campaign: Campaign) -> None:
    """Keep the rule's description in a campaign that has none yet (one created before rules were
    described: at its first paper count or its publication)."""
    if campaign.rule_description is None:
        campaign.rule_description = describe_rule(site, campaign_rule(site, campaign))


def column_figures(rule: AllocationRule, tally: Sequence[int]) -> dict[str, Any]:
    """A project's figures under the rule's result columns (published with the results)."""
    return {c.key: _json_safe(c.value(tally)) for c in rule.columns}


@dataclass(frozen=True, slots=True)
class RuleView:
    """A campaign's rule as pages and exports show it, in the current language: from the frozen
    description when there is one, else from the registered rule. ``available`` is False when the
    rule's plugin is gone (pages then say so)."""

    name: str
    title: str
    kind: str
    presentation: str
    scale: list[str]
    columns: list[tuple[str, str, str]]  # (key, label, format)
    available: bool
    version: str = ""


def _pick(labels: Mapping[str, str], site: Site) -> str:
    from parvis.api import current_locale

    lang = current_locale.get()
    return labels.get(lang) or labels.get(site.config.site.default_locale) or next(iter(labels.values()), "")


def label_text(site: Site, label: Any) -> str:
    """A rule's label in the current language: a message id, a lazy translation, or
    ``{language: text}``."""
    if isinstance(label, Mapping):
        return _pick(label, site)
    return _(label) if isinstance(label, str) and label else str(label or "")


def rule_view(site: Site, campaign: Campaign) -> RuleView:
    rule = available_rules(site).get(campaign.rule)
    frozen = campaign.rule_description
    if frozen:
        return RuleView(
            name=frozen["name"],
            title=_pick(frozen.get("title") or {"en": frozen["name"]}, site),
            kind=frozen.get("kind", ""),
            presentation=frozen.get("presentation", "table"),
            scale=[_pick(labels, site) for labels in frozen.get("scale", [])],
            columns=[
                (c["key"], _pick(c["label"], site), c.get("format", "number"))
                for c in frozen.get("columns", [])
            ],
            available=rule is not None,
            version=str(frozen.get("version", "")),
        )
    if rule is not None:
        return RuleView(
            name=rule.name,
            title=label_text(site, rule.title or rule.name),
            kind=rule.ballot.kind,
            presentation=rule.presentation,
            scale=[label_text(site, g) for g in rule.ballot.grades],
            columns=[(c.key, label_text(site, c.label), c.format) for c in rule.columns],
            available=True,
            version=rule.version,
        )
    # Neither: a campaign created before rules were frozen, whose rule is gone.
    return RuleView(
        name=campaign.rule,
        title=campaign.rule,
        kind="",
        presentation="table",
        scale=[str(v) for v in range(campaign.n_grades)],
        columns=[],
        available=False,
    )
