"""Vote-counting and allocation rules of the participatory budget: pure functions, no database.

A city picks one *allocation rule* by name in its configuration. Each rule says which ballot it
uses (grades or approvals), how it ranks published counts, and how it turns votes into winners
for one envelope. The budget plugin collects rules through its `register_ballot_rules` hook; the
three built-ins below are registered the same way, `majority_judgment_greedy` being the default.

    from parvis.plugins.budget.rules import BUILTIN_RULES, Envelope, Project, Votes
    rule = BUILTIN_RULES["majority_judgment_greedy"]
    result = rule.allocate(projects, Votes(tallies=tallies), Envelope(amount=...))

Definitions: docs/budget-rules.md. Everything is exact integer (or rational) arithmetic and
deterministic: anyone can recompute the published results from the published counts or ballots.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

import numpy as np

from parvis.api import N_, _
from parvis.plugins.budget.rules import approval, majority_judgment
from parvis.plugins.budget.rules.allocation import (
    Allocation,
    Envelope,
    allocate,
    order_from_ranks,
    qpop_minimum_from_share,
)
from parvis.plugins.budget.rules.approval import ApprovalMatrix
from parvis.plugins.budget.rules.equal_shares import Utility, method_of_equal_shares
from parvis.plugins.budget.rules.majority_judgment import Tally

__all__ = [
    "APPROVAL",
    "BUILTIN_RULES",
    "DEFAULT_RULE",
    "MAJORITY_JUDGMENT",
    "PARIS_GRADES",
    "Allocation",
    "AllocationRule",
    "BallotRule",
    "Envelope",
    "Project",
    "ResultColumn",
    "Votes",
    "approval_greedy_rule",
    "equal_shares_rule",
    "greedy_by_ranks",
    "majority_judgment_greedy_rule",
    "qpop_minimum_from_share",
]

#: Paris's four grades, worst first (defaults of a setting; labels are translated when shown).
PARIS_GRADES: tuple[str, ...] = (
    N_("Pas convaincu·e"),
    N_("Pourquoi pas"),
    N_("J'aime bien"),
    N_("Coup de cœur"),
)
APPROVAL_GRADES: tuple[str, ...] = (N_("Not approved"), N_("Approved"))


@dataclass(frozen=True, slots=True)
class Project:
    """What the rules need to know about a project: its cost in cents and its Qpop flag."""

    cost: int
    qpop: bool = False


@dataclass(frozen=True, slots=True, eq=False)
class Votes:
    """The vote of one ballot (envelope).

    `tallies[project][grade]` counts votes, worst grade first (approval: `[not approved,
    approved]`). `approvals[voter, project]` holds the anonymised approval ballots, needed only
    by rules with `needs_ballots` (Equal Shares); approval tallies are derived from it if absent.
    """

    tallies: Sequence[Tally] = ()
    approvals: ApprovalMatrix | None = None

    def approval_tallies(self) -> list[list[int]]:
        if self.approvals is not None:
            return approval.approval_tallies(self.approvals)
        return [list(t) for t in self.tallies]


@dataclass(frozen=True, slots=True)
class BallotRule:
    """How voters fill a ballot and how published counts are ranked.

    Every ballot gives each project one *value* of a scale: `grades` are the labels of the
    values, lowest first (two for approval, eleven for a 0-10 score...); a ballot is stored as one
    value per project (at most 256 values) and counted as `tallies[project][value]`.
    `rank(tallies)` returns ranks, 1 = best, equal profiles sharing a rank.

    `kind` is "grades" (one radio button per grade), "approval" (a check box) or any other name a
    plugin gives its own ballot; the web form then renders `form`, a template fragment drawing one
    project's input (it receives `project`, `name` (the field), `value`, `scale`, `rule`), or
    the built-in "number" fragment (a whole number from 0 to the top of the scale) when `form` is
    empty. `read(raw)` turns one submitted field into a value (`None` for a blank; a `ValueError`
    refuses the field); by default the field must be a value of the scale. `check(values,
    projects)` refuses a whole ballot (a cap on approvals, points that do not add up...) by
    returning a translated message, or `None`. `blank` is the value a blank counts as (the
    lowest by default). `instructions` tell voters how to fill the ballot.
    """

    name: str
    kind: str
    grades: tuple[str, ...]
    rank: Callable[[Sequence[Tally]], list[int]]
    form: str = ""
    read: Callable[[str], int | None] | None = None
    check: Callable[[Sequence[int | None], Sequence[Project]], str | None] | None = None
    instructions: object = ""
    blank: int = 0


@dataclass(frozen=True, slots=True)
class ResultColumn:
    """A figure the results page shows for each project under a rule: `value(tally)` computes it
    from the project's published counts (`tally[value]`, online and paper together) and returns a
    number or a short text; `label` is a message id or a lazy translation; `format` says how a
    number is shown ("number", or "percent" for a fraction such as 0.25)."""

    key: str
    label: object
    value: Callable[[Sequence[int]], object]
    format: Literal["number", "percent"] = "number"


@dataclass(frozen=True, slots=True)
class AllocationRule:
    """How the votes of one ballot become winners within its envelope.

    `allocate(projects, votes, envelope)` returns an `Allocation`. Ties are settled by the order
    of `projects` (the city's official order). `options` records the settings the rule was built
    with, for display and audit. `supports_qpop` is False for a rule that refuses envelopes with
    a Qpop minimum or bonus (the site's ``qpop_mode`` must then be "none": checked at start-up).

    How results are shown: `presentation` "merit_profile" draws majority judgment's merit
    profiles and majority grades; "table" (any other rule) lists each project's rank with the
    rule's `columns` (`ResultColumn`), computed when results are published. `title` names the
    rule for people; `version` changes when the rule counts differently (both are frozen with
    each campaign, see docs/plugins.md).
    """

    name: str
    ballot: BallotRule
    allocate: Callable[[Sequence[Project], Votes, Envelope], Allocation]
    needs_ballots: bool = False
    supports_qpop: bool = True
    options: dict[str, object] = field(default_factory=dict, hash=False, compare=False)
    columns: tuple[ResultColumn, ...] = ()
    presentation: Literal["merit_profile", "table"] = "table"
    title: object = ""
    version: str = "1"


MAJORITY_JUDGMENT = BallotRule(
    name="majority_judgment", kind="grades", grades=PARIS_GRADES, rank=majority_judgment.rank
)
APPROVAL = BallotRule(name="approval", kind="approval", grades=APPROVAL_GRADES, rank=approval.rank)


def _share(tally: Sequence[int]) -> float | None:
    total = sum(int(n) for n in tally)
    return round(int(tally[-1]) / total, 4) if total else None


#: What the results page shows for each project under an approval rule.
APPROVAL_COLUMNS = (
    ResultColumn("approvals", N_("Approvals"), lambda tally: int(tally[-1])),
    ResultColumn("share", N_("Share of ballots"), _share, format="percent"),
)


def greedy_by_ranks(ballot: BallotRule) -> Callable[[Sequence[Project], Votes, Envelope], Allocation]:
    """An `allocate` function: rank the counts with `ballot.rank`, then fill the envelope in rank
    order with the Qpop rules (what most rules do; a plugin's rule may use it too)."""

    def run(projects: Sequence[Project], votes: Votes, envelope: Envelope) -> Allocation:
        tallies = votes.approval_tallies() if ballot.kind == "approval" else votes.tallies
        if len(tallies) != len(projects):
            raise ValueError(
                _("{tallies} tallies for {projects} projects.").format(
                    tallies=len(tallies), projects=len(projects)
                )
            )
        order = order_from_ranks(ballot.rank(tallies))
        return allocate([p.cost for p in projects], order, envelope, [p.qpop for p in projects])

    return run


def majority_judgment_greedy_rule(grades: tuple[str, ...] = PARIS_GRADES) -> AllocationRule:
    """Paris's rule: majority-judgment ranking, then greedy fill with the Qpop rules."""
    ballot = MAJORITY_JUDGMENT if grades == PARIS_GRADES else _with_grades(MAJORITY_JUDGMENT, grades)
    return AllocationRule(
        name="majority_judgment_greedy",
        ballot=ballot,
        allocate=greedy_by_ranks(ballot),
        options={"grades": grades},
        presentation="merit_profile",
        title=N_("Majority judgment, then the envelope filled in rank order"),
    )


def approval_greedy_rule() -> AllocationRule:
    """Approval voting: most approved first, then greedy fill with the Qpop rules."""
    return AllocationRule(
        name="approval_greedy",
        ballot=APPROVAL,
        allocate=greedy_by_ranks(APPROVAL),
        columns=APPROVAL_COLUMNS,
        title=N_("Approval voting, then the envelope filled in rank order"),
    )


def equal_shares_rule(
    increment: int | None = 100,
    utility: Utility = "cost",
    completion: Literal["greedy"] | None = "greedy",
) -> AllocationRule:
    """The Method of Equal Shares on approval ballots (see `equal_shares.method_of_equal_shares`).

    Defaults: cost utilities, per-voter budget raised one euro (100 cents) at a time ("add1"),
    then greedy completion. Qpop minimums and bonuses are not defined for this rule: an envelope
    with either is refused rather than silently ignored.
    """

    def run(projects: Sequence[Project], votes: Votes, envelope: Envelope) -> Allocation:
        if envelope.qpop_minimum or envelope.qpop_bonus:
            raise ValueError(_("The Equal Shares rule does not support a Qpop minimum or bonus."))
        if votes.approvals is None:
            raise ValueError(_("The Equal Shares rule needs the individual approval ballots."))
        costs = [p.cost for p in projects]
        result = method_of_equal_shares(
            costs,
            np.asarray(votes.approvals, dtype=np.bool_),
            envelope.amount,
            utility=utility,
            increment=increment,
            completion=completion,
        )
        spent = sum(costs[j] for j in result.selected)
        return Allocation(
            selected=result.selected,
            spent=spent,
            qpop_spent=sum(costs[j] for j in result.selected if projects[j].qpop),
            envelope=envelope,
        )

    return AllocationRule(
        name="equal_shares",
        ballot=APPROVAL,
        allocate=run,
        needs_ballots=True,
        supports_qpop=False,
        options={"increment": increment, "utility": utility, "completion": completion},
        columns=APPROVAL_COLUMNS,
        title=N_("The Method of Equal Shares on approval ballots"),
    )


def _with_grades(rule: BallotRule, grades: tuple[str, ...]) -> BallotRule:
    if len(grades) < 2:
        raise ValueError(_("Majority judgment needs at least two grades."))
    return replace(rule, grades=grades)


DEFAULT_RULE = "majority_judgment_greedy"

#: The built-in rules with their default settings, by name.
BUILTIN_RULES: dict[str, AllocationRule] = {
    rule.name: rule for rule in (majority_judgment_greedy_rule(), approval_greedy_rule(), equal_shares_rule())
}
