"""Parvis's sortition engine: verifiable draws by lot, with LEXIMIN-fair stratified panels.

The public API (see docs/sortition.md):

* inputs: `read_pool`, `pool_from_records`, `Pool`; `read_quotas`, `make_quotas`, `Quotas`, `Quota`;
* feasibility: `check_quotas` (None, or an `Infeasibility` with conflicts and the smallest relaxation);
* draws: `draw_panel` (stratified, LEXIMIN), `numbered_list` then `pick` (the numbered-balls
  ceremony: LEXIMIN rounded to M equally likely panels, see `balls`), `draw_lot` with `lot_spec`
  (uniform, per group, proportional),
  `predraw` (uniform from a large roll, streaming), `replacements` (from the ranked reserve),
  `replacement_draw` (LEXIMIN over the rest of the pool, conditioned on the sitting members);
* before drawing: `sensitivity` (the lowest selection probability and how relaxing each quota bound
  by one seat changes it: `Sensitivity`, `BoundEffect`);
* audit: `DrawRecord`, `read_record`, `write_record`, `human_summary`, `verify`;
* errors: `InputError` (with line numbers), `InfeasibleQuotas` (with the explanation).
"""

from __future__ import annotations

from .balls import LotteryBoundError, UniformLottery, uniform_lottery
from .ceremony import numbered_list, pick
from .draw import compute_distribution, draw_lot, draw_panel, lot_spec, replacements
from .errors import InputError, Problem, SortitionError
from .leximin import leximin_distribution
from .model import Infeasibility, InfeasibleQuotas, Relaxation, TypeModel, build_model, explain_infeasibility
from .pool import Pool, pool_from_records, read_pool, write_canonical
from .predraw import predraw
from .quotas import Quota, Quotas, make_quotas, read_quotas
from .replacement import replacement_draw
from .report import Distribution, DrawRecord, Summary, human_summary, read_record, write_record
from .seed import ALGORITHM_VERSION, Stream, derive_seed
from .sensitivity import BoundEffect, Sensitivity, sensitivity
from .verify import Verification, verify


def check_quotas(pool: Pool, quotas: Quotas) -> Infeasibility | None:
    """None if some panel meets every quota; otherwise the conflicts and the smallest relaxation."""
    return explain_infeasibility(build_model(pool, quotas))


__all__ = [
    "ALGORITHM_VERSION",
    "BoundEffect",
    "Distribution",
    "DrawRecord",
    "Infeasibility",
    "InfeasibleQuotas",
    "InputError",
    "LotteryBoundError",
    "Pool",
    "Problem",
    "Quota",
    "Quotas",
    "Relaxation",
    "Sensitivity",
    "SortitionError",
    "Stream",
    "Summary",
    "TypeModel",
    "UniformLottery",
    "Verification",
    "build_model",
    "check_quotas",
    "compute_distribution",
    "derive_seed",
    "draw_lot",
    "draw_panel",
    "explain_infeasibility",
    "human_summary",
    "leximin_distribution",
    "lot_spec",
    "make_quotas",
    "numbered_list",
    "pick",
    "pool_from_records",
    "predraw",
    "read_pool",
    "read_quotas",
    "read_record",
    "replacement_draw",
    "replacements",
    "sensitivity",
    "uniform_lottery",
    "verify",
    "write_canonical",
    "write_record",
]
