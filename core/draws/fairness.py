"""How fair a stratified draw was, in plain words: selection probabilities by quota group, the
minimum, who is at it, and which quota holds it down.

Computed from what the register publishes (the record's probabilities and quotas, the canonical
pool's columns), so anyone can recompute it. A quota ``feature = value`` *binds the minimum* when
some of the people at the lowest probability have that value and the group gets its maximum in
every panel of the distribution: ``max`` seats shared by the ``n`` people of the group cannot give
each of them more than ``max / n``.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from parvis.sortition import read_pool

TOLERANCE = 1e-6  # published probabilities are exact to about 10^-9 (integer weights)


@dataclass(frozen=True, slots=True)
class Group:
    feature: str
    value: str
    people: int
    lowest: float
    highest: float
    seats: float  # expected seats of the group
    low: int  # the quota's bounds
    high: int


@dataclass(frozen=True, slots=True)
class Binding:
    feature: str
    value: str
    seats: int
    people: int


@dataclass(frozen=True, slots=True)
class Fairness:
    groups: list[Group]
    minimum: float
    at_minimum: int  # people at the minimum
    people: int
    binding: list[Binding]

    @property
    def share_at_minimum(self) -> float:
        return self.at_minimum / self.people if self.people else 0.0


def fairness(record: dict[str, object], pool_csv: bytes | None) -> Fairness | None:
    """The fairness of a panel (or replacement) draw; None for lots, pre-draws, or without its pool."""
    quotas = record.get("quotas")
    probabilities = record.get("probabilities")
    if (
        not isinstance(quotas, dict)
        or not isinstance(probabilities, dict)
        or not probabilities
        or not pool_csv
    ):
        return None
    pool = read_pool(io.StringIO(pool_csv.decode("utf-8")))
    values = {
        pid: dict(zip(pool.columns, row, strict=True)) for pid, row in zip(pool.ids, pool.rows, strict=True)
    }
    people = {pid: float(p) for pid, p in probabilities.items() if pid in values}
    if not people:
        return None
    minimum = min(people.values())
    at_minimum = {pid for pid, p in people.items() if p <= minimum + TOLERANCE}
    groups: list[Group] = []
    binding: list[Binding] = []
    for feature, value, low, high in quotas.get("quotas", []):
        members = [p for pid, p in people.items() if values[pid].get(feature) == value]
        if not members:
            continue
        seats = sum(members)
        groups.append(Group(feature, value, len(members), min(members), max(members), seats, low, high))
        if abs(seats - high) < 1e-6 and min(members) <= minimum + TOLERANCE:
            binding.append(Binding(feature, value, int(high), len(members)))
    return Fairness(groups, minimum, len(at_minimum), len(people), binding)
