"""Filling an envelope in rank order, with the Qpop minimum or bonus. Integer cents everywhere.

**Greedy fill.** Projects are taken best-ranked first; a project that no longer fits in what is
left of the envelope is skipped and the fill goes on with the next one. The result is
*exhaustive*: no unselected project fits in the money left.

**Qpop minimum** (`Envelope.qpop_minimum`, in cents; `qpop_minimum_from_share` turns a share
such as 25 % into cents, rounding up). Working-class neighbourhood ("Qpop") projects must
receive at least that amount when they can use it:

1. Run the plain greedy fill. If its Qpop projects add up to the minimum, keep it: the rule
   changes nothing when the vote already honours the minimum.
2. Otherwise fill the minimum first: Qpop projects in rank order, each one that fits in the
   envelope, until their total reaches the minimum; then continue with all remaining projects
   in rank order, greedily, as usual.

Properties (tested): without Qpop settings it is the plain fill; it never overspends; the result
is exhaustive; if the plain fill meets the minimum the result is the plain fill; if the Qpop
projects alone, filled greedily in rank order, can reach the minimum, the result reaches it
(`Allocation.qpop_minimum_met` says whether it did).

**Qpop bonus** (`Envelope.qpop_bonus`, in cents): an extra envelope that only Qpop projects may
use. Qpop projects are first filled into the bonus, greedily in rank order; what the bonus does
not use joins the main envelope, which is then filled with all remaining projects in rank order
(with the minimum rule above if a minimum is also set; bonus spending counts towards it). So Qpop
projects get at least what they can use of the bonus, and no money is lost when they cannot.

Ties. `order_from_ranks` turns ranks (equal ranks for identical profiles) into a total order:
ties are settled by `tie_order` (default: the input order, i.e. the city's official project
order), which is published with the results.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from fractions import Fraction

from parvis.api import _

__all__ = [
    "Allocation",
    "Envelope",
    "allocate",
    "greedy_fill",
    "order_from_ranks",
    "qpop_minimum_from_share",
]


@dataclass(frozen=True, slots=True)
class Envelope:
    """Money for one ballot (all of Paris, or one district), in cents."""

    amount: int
    qpop_minimum: int = 0
    qpop_bonus: int = 0

    def __post_init__(self) -> None:
        if self.amount < 0 or self.qpop_minimum < 0 or self.qpop_bonus < 0:
            raise ValueError(_("Envelope amounts must not be negative."))

    @property
    def total(self) -> int:
        """All the money that may be spent: the envelope plus the Qpop bonus."""
        return self.amount + self.qpop_bonus


@dataclass(frozen=True, slots=True)
class Allocation:
    """Winning projects (indices, in the order they were taken) and what they cost."""

    selected: tuple[int, ...]
    spent: int
    qpop_spent: int
    envelope: Envelope
    qpop_minimum_met: bool = True
    qpop_first: bool = field(default=False)
    """True when the Qpop minimum changed the plain fill (step 2 of the rule)."""

    @property
    def remaining(self) -> int:
        return self.envelope.total - self.spent


def qpop_minimum_from_share(amount: int, share: Fraction | int | str) -> int:
    """Cents owed to Qpop for a share of `amount` (e.g. `Fraction(1, 4)` or "0.25"), rounded up,
    so the minimum is never below the share."""
    ratio = Fraction(share)
    if not 0 <= ratio <= 1:
        raise ValueError(_("A Qpop share must be between 0 and 1."))
    return math.ceil(amount * ratio)


def order_from_ranks(ranks: Sequence[int], tie_order: Sequence[int] | None = None) -> list[int]:
    """Project indices best first: by rank, then by `tie_order` position (default: input order)."""
    position = range(len(ranks)) if tie_order is None else tie_order
    return sorted(range(len(ranks)), key=lambda j: (ranks[j], position[j]))


def greedy_fill(costs: Sequence[int], order: Sequence[int], budget: int) -> list[int]:
    """Take projects in `order`, skipping each one that no longer fits in `budget`."""
    chosen: list[int] = []
    left = budget
    for j in order:
        if costs[j] <= left:
            chosen.append(j)
            left -= costs[j]
    return chosen


def allocate(
    costs: Sequence[int],
    order: Sequence[int],
    envelope: Envelope,
    qpop: Sequence[bool] | None = None,
) -> Allocation:
    """Fill `envelope` with projects in `order` (best first), honouring the Qpop rules above.

    `costs[j]` is project j's cost in cents and `qpop[j]` whether it is a Qpop project. Projects
    missing from `order` are never selected (e.g. projects a city declared ineligible).
    """
    if any(c < 0 for c in costs):
        raise ValueError(_("Project costs must not be negative."))
    if len(set(order)) != len(order):
        raise ValueError(_("A project appears twice in the ranking."))
    flags = [False] * len(costs) if qpop is None else list(qpop)
    if (envelope.qpop_minimum or envelope.qpop_bonus) and qpop is None:
        raise ValueError(_("A Qpop minimum or bonus needs the Qpop flag of each project."))

    # Bonus: Qpop projects first, within the bonus only.
    bonus_taken = (
        greedy_fill(costs, [j for j in order if flags[j]], envelope.qpop_bonus) if envelope.qpop_bonus else []
    )
    bonus_spent = sum(costs[j] for j in bonus_taken)
    taken = set(bonus_taken)
    rest = [j for j in order if j not in taken]
    budget = envelope.amount + envelope.qpop_bonus - bonus_spent
    owed = max(envelope.qpop_minimum - bonus_spent, 0)

    main = greedy_fill(costs, rest, budget)
    qpop_first = False
    if sum(costs[j] for j in main if flags[j]) < owed:
        qpop_first = True
        first: list[int] = []
        left, got = budget, 0
        for j in rest:
            if got >= owed:
                break
            if flags[j] and costs[j] <= left:
                first.append(j)
                left -= costs[j]
                got += costs[j]
        picked = set(first)
        main = first + greedy_fill(costs, [j for j in rest if j not in picked], left)

    selected = bonus_taken + main
    spent = sum(costs[j] for j in selected)
    qpop_spent = sum(costs[j] for j in selected if flags[j])
    return Allocation(
        selected=tuple(selected),
        spent=spent,
        qpop_spent=qpop_spent,
        envelope=envelope,
        qpop_minimum_met=qpop_spent >= envelope.qpop_minimum,
        qpop_first=qpop_first,
    )
