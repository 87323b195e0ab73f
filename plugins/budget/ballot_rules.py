"""Finding the vote-counting rule of a site or a campaign among those plugins register.

The rules themselves are the pure library in ``rules/``; this module only asks the
``register_ballot_rules`` hook for them and picks one by name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from parvis.api import _
from parvis.plugins.budget.rules import (
    PARIS_GRADES,
    AllocationRule,
    approval_greedy_rule,
    equal_shares_rule,
    majority_judgment_greedy_rule,
)
from parvis.plugins.budget.settings import BudgetSettings

if TYPE_CHECKING:
    from parvis.api import Site


class UnknownRuleError(LookupError):
    """The configuration names a rule no plugin registers; the message is translated."""


def builtin_rules(settings: BudgetSettings) -> list[AllocationRule]:
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
