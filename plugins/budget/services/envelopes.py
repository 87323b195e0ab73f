"""Splitting a campaign's money into envelopes: all-city, then districts by population.

Exact integer cents: the largest-remainder method gives each district its share rounded down,
then hands the cents left over to the largest remainders, so the envelopes add up to the total.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from parvis.plugins.budget.rules import qpop_minimum_from_share


def split(amount: int, weights: Sequence[int]) -> list[int]:
    """Share ``amount`` cents in proportion to ``weights`` (largest remainders, ties to the first)."""
    if amount < 0 or any(w < 0 for w in weights):
        raise ValueError("amounts and weights must not be negative")
    total = sum(weights)
    if not weights:
        return []
    if total == 0:
        weights = [1] * len(weights)
        total = len(weights)
    shares = [Fraction(amount * w, total) for w in weights]
    floors = [int(s) for s in shares]
    left = amount - sum(floors)
    order = sorted(range(len(weights)), key=lambda i: (-(shares[i] - floors[i]), i))
    for i in order[:left]:
        floors[i] += 1
    return floors


def qpop_parts(amount: int, mode: str, percent: int) -> tuple[int, int, int]:
    """(amount, qpop_minimum, qpop_bonus) of an envelope of ``amount`` cents.

    "minimum": a minimum share of the envelope goes to Qpop projects when they can use it;
    "bonus": that share is set aside for Qpop projects only (what they do not use returns to the
    envelope), so the envelopes still add up to the campaign's total.
    """
    share = Fraction(percent, 100)
    if mode == "minimum":
        return amount, qpop_minimum_from_share(amount, share), 0
    if mode == "bonus":
        bonus = int(amount * share)
        return amount - bonus, 0, bonus
    return amount, 0, 0
