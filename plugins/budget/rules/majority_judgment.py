"""Majority judgment on published counts: exact, integer-only, O(grades) per comparison.

A project's *tally* is its number of votes per grade, worst grade (index 0) first. Everything here
works on tallies, never on per-voter lists, so ranking 100 million ballots costs the same as
ranking 100: a comparison walks the grades once, whatever the number of voters.

Definitions (they are the ones in docs/budget-rules.md, which a city can publish as is):

* N is a tally's number of votes; the **majority grade** is the lower median: the lowest grade at
  which the count accumulated from the worst end reaches ceil(N/2).
* The **majority values** (Balinski-Laraki) are the grades obtained by removing one majority
  grade from the multiset of grades, then the majority grade of what is left, and so on until the
  multiset is empty.
* Projects are ordered by their majority values compared lexicographically, higher is better.
  The **majority gauge** (alpha, +p) or (alpha, -q) is the classic summary of the first step:
  two projects with different gauges are ordered by their gauges; with equal gauges the order
  comes from the next majority values.

Why the comparison can stay on counts: with the grades sorted x_1 <= ... <= x_N and m = ceil(N/2),
the majority values are x_m, then alternately one step down and one step up from the middle (down
first when N is odd, up first when N is even). So the sequence interleaves two monotone
sequences, L = x_m, x_{m-1}, ..., x_1 and U = x_{m+1}, ..., x_N, each of which is a run-length
code over at most one run per grade. Comparing two projects means finding the first index where
their L differ and the first where their U differ, and taking whichever comes first in the
interleaving: O(grades), exact, no expansion.

Tallies compared together must have the same N (same number of voters): majority values of
different lengths have no meaningful lexicographic order. A ballot where a voter did not grade
a project counts that project at the worst grade (Paris's rule); `normalise_missing_as_worst`
applies it to counts. `rank` refuses unequal totals rather than guess.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence

from parvis.api import _

Tally = Sequence[int]

__all__ = [
    "Tally",
    "TallyError",
    "UnequalTotalsError",
    "compare",
    "majority_gauge",
    "majority_grade",
    "majority_values",
    "majority_values_of_tally",
    "normalise_missing_as_worst",
    "rank",
    "tally_ballots",
    "validate_tallies",
]


class TallyError(ValueError):
    """Counts that are not a valid list of tallies; the message is translated, for end users."""


class UnequalTotalsError(TallyError):
    """Tallies with different numbers of votes cannot be ranked by majority judgment."""


def validate_tallies(tallies: Sequence[Tally]) -> int:
    """Check the shape of `tallies` and return the common number of grades.

    Every tally must be a sequence of non-negative integers of the same length (at least one
    grade). Raise `TallyError` (a `ValueError`) with a translated message otherwise.
    """
    n_grades = -1
    for index, tally in enumerate(tallies):
        if isinstance(tally, (str, bytes)) or not isinstance(tally, Sequence):
            raise TallyError(_("Tally {index} is not a list of counts.").format(index=index + 1))
        if n_grades == -1:
            n_grades = len(tally)
            if n_grades == 0:
                raise TallyError(_("A tally needs at least one grade."))
        elif len(tally) != n_grades:
            raise TallyError(
                _("Tally {index} has {got} grades, expected {expected}.").format(
                    index=index + 1, got=len(tally), expected=n_grades
                )
            )
        for count in tally:
            if isinstance(count, bool) or not isinstance(count, int):
                raise TallyError(
                    _("Tally {index} holds {value!r}, which is not a whole number.").format(
                        index=index + 1, value=count
                    )
                )
            if count < 0:
                raise TallyError(
                    _("Tally {index} holds a negative count ({value}).").format(index=index + 1, value=count)
                )
    return max(n_grades, 0)


def majority_grade(tally: Tally) -> int | None:
    """The lower median grade of `tally`, or None when it holds no vote.

    Lower median: with N votes, the lowest grade at which the cumulative count from the worst
    grade reaches ceil(N/2). Using the lower (not the upper) median is what makes a project need
    a true majority of at least that grade.
    """
    total = sum(tally)
    if total == 0:
        return None
    need = (total + 1) // 2
    seen = 0
    for grade, count in enumerate(tally):
        seen += count
        if seen >= need:
            return grade
    raise AssertionError("unreachable: cumulative count reaches the total")


def majority_gauge(tally: Tally) -> tuple[int, int] | None:
    """The majority gauge (alpha, +p) if p > q else (alpha, -q); None for an empty tally.

    alpha is the majority grade, p the number of votes above it and q the number below. Counts,
    not shares: within one ballot every project has the same number of votes, so counts compare
    exactly as shares would, without division.
    """
    alpha = majority_grade(tally)
    if alpha is None:
        return None
    below = sum(tally[:alpha])
    above = sum(tally[alpha + 1 :])
    return (alpha, above) if above > below else (alpha, -below)


def majority_values(grades: Iterable[int]) -> list[int]:
    """Balinski-Laraki majority values of an explicit list of grades (one per voter).

    Repeatedly take the lower median and remove it. Meant for small, explained examples (the
    documentation, tests); tallies use `majority_values_of_tally`, and rankings never expand.
    """
    ordered = sorted(grades)
    n = len(ordered)
    middle = (n + 1) // 2 - 1  # 0-based index of the lower median
    lower = ordered[middle::-1] if n else []
    upper = ordered[middle + 1 :]
    return _interleave(lower, upper, n)


def majority_values_of_tally(tally: Tally) -> list[int]:
    """Majority values of a tally. Expands N values: for display and checks on small counts."""
    return majority_values(grade for grade, count in enumerate(tally) for _ in range(count))


def _interleave(lower: Sequence[int], upper: Sequence[int], n: int) -> list[int]:
    # N odd: L1, L2, U1, L3, U2, ...; N even: L1, U1, L2, U2, ...
    out: list[int] = []
    if n % 2:
        out.append(lower[0])
        lower = lower[1:]
    for low, high in zip(lower, upper, strict=True):
        out.extend((low, high))
    return out


# --- comparison on counts ---------------------------------------------------------------------


def _lower_runs(tally: Tally, need: int) -> list[tuple[int, int]]:
    """Run-length code of L = x_m, x_{m-1}, ..., x_1 as (grade, length), grades decreasing."""
    runs: list[tuple[int, int]] = []
    seen = 0
    for grade, count in enumerate(tally):
        take = min(count, need - seen)
        if take > 0:
            runs.append((grade, take))
            seen += take
        if seen == need:
            break
    runs.reverse()
    return runs


def _upper_runs(tally: Tally, need: int) -> list[tuple[int, int]]:
    """Run-length code of U = x_{m+1}, ..., x_N as (grade, length), grades increasing."""
    runs: list[tuple[int, int]] = []
    skip = need
    for grade, count in enumerate(tally):
        if skip >= count:
            skip -= count
            continue
        runs.append((grade, count - skip))
        skip = 0
    return runs


def _first_difference(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> tuple[int, int] | None:
    """First 1-based index where two run-length sequences of equal length differ, and the sign
    (+1 when `a` holds the higher grade there). None when equal."""
    i = j = 0
    used_a = used_b = 0  # elements of the current run already consumed
    position = 1
    while i < len(a) and j < len(b):
        grade_a, length_a = a[i]
        grade_b, length_b = b[j]
        if grade_a != grade_b:
            return position, 1 if grade_a > grade_b else -1
        step = min(length_a - used_a, length_b - used_b)
        position += step
        used_a += step
        used_b += step
        if used_a == length_a:
            i, used_a = i + 1, 0
        if used_b == length_b:
            j, used_b = j + 1, 0
    return None


def compare(a: Tally, b: Tally) -> int:
    """+1 if `a` ranks above `b`, -1 if below, 0 if the profiles are identical.

    Both tallies must have the same number of votes (`UnequalTotalsError` otherwise). Lexicographic
    comparison of the majority values, computed on counts in O(grades).
    """
    n = sum(a)
    if sum(b) != n:
        raise UnequalTotalsError(
            _("Cannot compare tallies with {a} and {b} votes.").format(a=sum(a), b=sum(b))
        )
    need = (n + 1) // 2
    low = _first_difference(_lower_runs(a, need), _lower_runs(b, need))
    high = _first_difference(_upper_runs(a, need), _upper_runs(b, need))
    if low is None and high is None:
        return 0
    # Which difference comes first in the interleaved sequence decides.
    odd = n % 2 == 1
    low_pos = _lower_position(low[0], odd) if low else None
    high_pos = _upper_position(high[0], odd) if high else None
    if high_pos is None or (low_pos is not None and low_pos < high_pos):
        assert low is not None
        return low[1]
    assert high is not None
    return high[1]


def _lower_position(k: int, odd: bool) -> int:
    """1-based place of L_k among the majority values: L1 L2 U1 L3 U2 ... (odd N), L1 U1 L2 ... (even)."""
    if odd:
        return 1 if k == 1 else 2 * k - 2
    return 2 * k - 1


def _upper_position(k: int, odd: bool) -> int:
    """1-based place of U_k among the majority values (see `_lower_position`)."""
    return 2 * k + 1 if odd else 2 * k


def rank(tallies: Sequence[Tally]) -> list[int]:
    """Majority-judgment ranks of `tallies` (1 = best), in input order.

    `tallies[project][grade]` counts votes, worst grade first; all tallies must have the same
    number of grades and the same total (apply `normalise_missing_as_worst` first when some
    voters did not grade every project). Equal profiles share a rank and the next rank is
    skipped (competition ranking: 1, 2, 2, 4), so a tie is visible rather than hidden by an
    arbitrary order. All-empty tallies all rank 1.
    """
    validate_tallies(tallies)
    totals = {sum(t) for t in tallies}
    if len(totals) > 1:
        raise UnequalTotalsError(
            _(
                "Tallies have different numbers of votes ({totals}); count missing grades as the "
                "worst grade first."
            ).format(totals=", ".join(str(t) for t in sorted(totals)))
        )

    def worse(i: int, j: int) -> int:
        return compare(tallies[j], tallies[i])

    best_first = functools.cmp_to_key(worse)
    order = sorted(range(len(tallies)), key=best_first)
    ranks = [0] * len(tallies)
    for position, index in enumerate(order):
        if position and compare(tallies[index], tallies[order[position - 1]]) == 0:
            ranks[index] = ranks[order[position - 1]]
        else:
            ranks[index] = position + 1
    return ranks


def normalise_missing_as_worst(tallies: Sequence[Tally], voters: int | None = None) -> list[list[int]]:
    """Count every voter who did not grade a project as giving it the worst grade.

    `voters` is the number of ballots cast (defaults to the largest tally total). This is Paris's
    rule: a project left blank is "Pas convaincu·e". It makes every tally sum to `voters`, which
    majority judgment needs. Raise `TallyError` if a tally already counts more than `voters`.
    """
    validate_tallies(tallies)
    if voters is None:
        voters = max((sum(t) for t in tallies), default=0)
    out: list[list[int]] = []
    for index, tally in enumerate(tallies):
        missing = voters - sum(tally)
        if missing < 0:
            raise TallyError(
                _("Tally {index} counts {got} votes, more than the {voters} voters.").format(
                    index=index + 1, got=sum(tally), voters=voters
                )
            )
        out.append([tally[0] + missing, *tally[1:]])
    return out


def tally_ballots(ballots: Iterable[Sequence[int | None]], n_projects: int, n_grades: int) -> list[list[int]]:
    """Count grade ballots (`ballot[project]` is a grade, or None when left blank = worst grade).

    Reference counting for anonymised ballot exports: anyone can recount the published ballots
    with this function and feed the tallies to `rank`.
    """
    tallies = [[0] * n_grades for _ in range(n_projects)]
    for number, ballot in enumerate(ballots):
        if len(ballot) != n_projects:
            raise TallyError(
                _("Ballot {number} grades {got} projects, expected {expected}.").format(
                    number=number + 1, got=len(ballot), expected=n_projects
                )
            )
        for project, grade in enumerate(ballot):
            g = 0 if grade is None else grade
            if not 0 <= g < n_grades:
                raise TallyError(
                    _("Ballot {number} holds grade {grade}, outside 0..{top}.").format(
                        number=number + 1, grade=grade, top=n_grades - 1
                    )
                )
            tallies[project][g] += 1
    return tallies
