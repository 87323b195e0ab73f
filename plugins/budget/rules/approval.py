"""Approval voting: ballots, counts and the approval ranking.

An approval ballot is the set of projects a voter supports. Ballots are held as a boolean matrix
`approvals[voter, project]` (numpy), which is what the fast rules need and what an anonymised
export is; `approval_matrix` also accepts one list of project indices per voter.

Tallies have the shape majority judgment uses, two grades per project, worst first:
`[not approved, approved]`, so the same published-counts tooling works for both rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import numpy.typing as npt

from parvis.api import _
from parvis.plugins.budget.rules.majority_judgment import Tally, TallyError, validate_tallies

ApprovalMatrix = npt.NDArray[np.bool_]

__all__ = [
    "ApprovalMatrix",
    "approval_counts",
    "approval_matrix",
    "approval_tallies",
    "order_by_approvals",
    "rank",
]


def approval_matrix(ballots: ApprovalMatrix | Iterable[Iterable[int]], n_projects: int) -> ApprovalMatrix:
    """A voters x projects boolean matrix from a matrix or from per-voter lists of project indices.

    Duplicate indices in one ballot count once; an index outside 0..n_projects-1 is an error.
    """
    if isinstance(ballots, np.ndarray):
        matrix = np.asarray(ballots, dtype=np.bool_)
        if matrix.ndim != 2 or matrix.shape[1] != n_projects:
            raise TallyError(
                _("Approval ballots must be a voters x {n} matrix.").format(n=n_projects),
            )
        return matrix
    rows = [list(ballot) for ballot in ballots]
    matrix = np.zeros((len(rows), n_projects), dtype=np.bool_)
    for voter, row in enumerate(rows):
        for project in row:
            if not 0 <= project < n_projects:
                raise TallyError(
                    _("Ballot {number} approves project {project}, outside 0..{top}.").format(
                        number=voter + 1, project=project, top=n_projects - 1
                    )
                )
            matrix[voter, project] = True
    return matrix


def approval_counts(approvals: ApprovalMatrix) -> list[int]:
    """Number of approvals per project, as Python integers."""
    return [int(x) for x in approvals.sum(axis=0, dtype=np.int64)]


def approval_tallies(approvals: ApprovalMatrix) -> list[list[int]]:
    """Per-project `[not approved, approved]` counts (the tally shape shared with majority judgment)."""
    voters = approvals.shape[0]
    return [[voters - c, c] for c in approval_counts(approvals)]


def order_by_approvals(counts: Sequence[int], tie_order: Sequence[int] | None = None) -> list[int]:
    """Project indices, most approved first; equal counts in `tie_order` (default: input order).

    `tie_order[project]` is a position: the project with the smaller position goes first. The
    default (input order) is deterministic and published with the results: a city lists projects
    in its official order (e.g. ballot number), and that order settles exact ties.
    """
    position = list(range(len(counts))) if tie_order is None else list(tie_order)
    return sorted(range(len(counts)), key=lambda j: (-counts[j], position[j]))


def rank(tallies: Sequence[Tally]) -> list[int]:
    """Approval ranks (1 = most approved) from `[not approved, approved]` tallies.

    Equal counts share a rank (competition ranking 1, 2, 2, 4), as with majority judgment; the
    allocation then settles the order of tied projects with its documented tie order. A tally with
    more than two grades is read as "approved" = its best grade.
    """
    validate_tallies(tallies)
    counts = [t[-1] for t in tallies]
    return [1 + sum(1 for other in counts if other > c) for c in counts]
