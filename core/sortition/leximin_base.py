"""What the LEXIMIN solvers share: the distribution they return, the progress callback they
report to, and their numerical tolerances."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

GAP_TOL = 1e-7  # column generation stops when the level's optimum is proven within this
DUAL_TOL = 1e-9  # a type is fixed when its dual weight exceeds this
MIP_GAP = 1e-9  # the pricing MIP must be solved (almost) exactly
PROB_TOL = 1e-7  # the fast path must reproduce the relaxed optimum this closely
FIX_SLACK = 1e-9  # a fixed probability may fall this much below its level in later LPs


@dataclass
class TypeDistribution:
    """A lottery over panels described by type counts."""

    panels: np.ndarray  # (num_panels, num_types) int: seats per type
    probabilities: np.ndarray  # (num_panels,) float, sums to 1
    type_probabilities: np.ndarray  # (num_types,): each member's selection probability
    stats: dict[str, float | str] = field(default_factory=dict)


Progress = Callable[[float], None]  # fraction of the work done, from 0 to 1
