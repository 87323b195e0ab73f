"""Hooks the budget plugin adds to the plugin API (added through core's ``add_hookspecs``).

Another city swaps how votes are counted by implementing ``register_ballot_rules`` in its own
plugin and naming its rule in ``[settings.budget] rule = "..."``; nothing in the budget plugin
changes. The built-in rules are themselves a default implementation marked ``trylast``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from parvis.api import Refused, Site
    from parvis.plugins.budget.models import Campaign
    from parvis.plugins.budget.rules import AllocationRule
    from parvis.plugins.budget.settings import BudgetSettings

hookspec = pluggy.HookspecMarker("parvis")


@hookspec
def register_ballot_rules(settings: BudgetSettings) -> Sequence[AllocationRule]:
    """Return the participatory-budget rules this plugin offers (``rules.AllocationRule`` values).

    A rule says which ballot voters fill (grades or approvals, with the grade labels), how counts
    are ranked and how one envelope is filled. A campaign uses the rule named by
    ``[settings.budget] rule`` when it is created. When two plugins return rules of the same
    name, the one called first wins, so a city's plugin may replace a built-in rule; the built-in
    ones (``majority_judgment_greedy``, ``approval_greedy``, ``equal_shares``) are registered
    ``trylast``, built with ``settings`` (grade labels, Equal Shares increment).

    A rule may bring its own ballot kind (``BallotRule.kind``, ``form``, ``read``, ``check``:
    a score per project, points to distribute...) and its own result columns
    (``AllocationRule.columns``); see "Writing a counting rule" in docs/plugins.md.
    """


@hookspec
def validate_budget_ballot(  # noqa: PLR0917 - implementations take the arguments they need
    site: Site,
    campaign: Campaign,
    rule: AllocationRule,
    level: str,
    projects: Sequence[Any],
    values: list[int | None],
) -> str | Refused | None:
    """Refuse a ballot before it is reviewed and again when it is cast: return a translated
    message (or a ``Refused`` naming a field), or ``None`` to accept it.

    ``values[i]`` is the value given to ``projects[i]`` (a ``budget_project`` row, with
    ``cost`` in cents), ``None`` for a blank. The voter sees the ballot again with the message and
    every choice kept. Example: at most five approvals, or approved projects costing at most the
    envelope. Called for every campaign: look at ``campaign.rule`` or ``rule.ballot.kind``.
    """
