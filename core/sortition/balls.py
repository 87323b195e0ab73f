"""A lottery people can watch: the LEXIMIN distribution rounded to M equally likely panels.

Flanigan, Kehne and Procaccia, "Fair sortition made transparent" (NeurIPS 2021): replace the
lottery over panels with unequal, irrational-looking weights by a *uniform* lottery over a list of
``M`` panels (repetition allowed), so that the last step can be done in public with numbered balls
(three urns of balls 0-9 pick panel 000-999 when ``M = 1000``). Each person's selection
probability in the uniform lottery is how many of the ``M`` panels they sit on, divided by ``M``.

**The bound checked.** Their rounding of a panel distribution to an ``M``-uniform lottery moves
no one's selection probability by more than ``k / M`` (``k`` the panel size): the rounding errors of
the ``M`` panel weights form a set system in which every panel lies in the sets of the ``k`` people
it seats, and Beck-Fiala-style iterated rounding keeps every person's error below ``k`` balls.
This module rounds greedily (below), which is not proven to meet that bound by itself, so the
bound is *checked*: ``uniform_lottery`` computes the largest absolute deviation from the published
LEXIMIN probabilities and refuses a list beyond ``k / M`` (`LotteryBoundError`), and `verify`
checks the same bound on the published list. In practice the deviation is one or two balls
(``1/M`` to ``2/M``), far inside the bound (see bench/sortition/RESULTS.md).

**The construction, exactly** (deterministic: integer arithmetic on the published distribution,
then the verifiable stream of `seed`; anyone can recompute the list byte for byte):

1. *Panel counts.* Panel ``P`` of the published distribution has weight ``w_P / D``; its ideal
   number of copies is ``a_P = M w_P / D``. Each panel gets ``floor(a_P)`` copies; the ``R`` copies
   left (``R = M - sum floor(a_P)``) go one at a time to a panel with a fractional part, not yet
   rounded up, that minimises the largest per-type error ``|sum_P c_P x_tP - M n_t pi_t| / n_t``
   (in balls per member; ties: larger fractional part, then lower index). Then, while it lowers
   that largest error, the best exchange of one rounded-up panel for one rounded-down panel is
   made (at most ``SWAP_ROUNDS`` times). This is a rounding (each ``c_P`` is ``a_P`` rounded down
   or up) that greedily minimises the discrepancy, as their pipage rounding does.
2. *Order.* The list holds panel ``0``'s copies first, then panel ``1``'s, and so on (the balls are
   uniform, so the order does not matter for fairness; it is fixed so the list can be recomputed).
3. *Members.* For each type ``t`` with ``n_t`` members, ``sample(n_t, n_t)`` on stream
   ``"balls/<t>"`` orders its members; walking the list from number 0, the type's seats take the
   members of that order cyclically. A panel seats at most ``n_t`` members of the type, so they
   are distinct, and each member sits on ``floor(S_t / n_t)`` or ``ceil(S_t / n_t)`` panels
   (``S_t`` the type's seats over the list): within a type the rounding costs less than one ball.
4. *File.* ``number,seat_1,...,seat_k`` then one line per panel: its number with as many digits
   as ``M - 1`` (000-999), then its members sorted by id (UTF-8, LF, quoted only when needed).
   Its SHA-256 is published before the ceremony.

The seed of the list is derived (`derive_seed`, purpose ``"panel-list"``) from the pool, quotas
and distribution hashes and the public input ``panels=<M>``: everything is known before the
ceremony, the drawn number is the only chance left.
"""

from __future__ import annotations

import csv
import io
import time
from dataclasses import dataclass, field

import numpy as np

from parvis.i18n import _

from .errors import SortitionError
from .report import Distribution
from .seed import Stream, derive_seed, sha256_hex

DEFAULT_PANELS = 1000
MAX_PANELS = 10_000  # four urns; keeps every integer product below 2**63
SWAP_ROUNDS = 200


class LotteryBoundError(SortitionError):
    """The rounded list moves someone's probability by more than the guarantee (a bug, not bad input)."""


def list_seed(input_hashes: dict[str, str], panels: int) -> str:
    """The seed of the numbered list: everything published before the ceremony."""
    return derive_seed(
        purpose="panel-list",
        input_hashes={k: input_hashes[k] for k in ("pool", "quotas", "distribution")},
        public_inputs=[f"panels={panels}"],
    )


def number_width(panels: int) -> int:
    """How many digits a ball number has: 3 for 1,000 panels (000-999)."""
    return len(str(panels - 1))


def format_number(number: int, panels: int) -> str:
    return f"{number:0{number_width(panels)}d}"


@dataclass
class UniformLottery:
    """``M`` panels (sorted person ids), each drawn with probability ``1 / M``."""

    panels: list[list[str]]
    deviation: float  # largest |frequency - LEXIMIN probability| over people
    bound: float  # k / M
    copies: list[int] = field(default_factory=list)  # per distribution panel
    seconds: float = 0.0

    @property
    def size(self) -> int:
        return len(self.panels)

    def csv_bytes(self) -> bytes:
        return list_bytes(self.panels)

    @property
    def sha256(self) -> str:
        return sha256_hex(self.csv_bytes())

    def stats(self) -> dict[str, object]:
        return {
            "panels": self.size,
            "largest_deviation": self.deviation,
            "deviation_bound": self.bound,
            "distinct_panels": sum(1 for c in self.copies if c > 0),
            "list_seconds": self.seconds,
        }


def list_bytes(panels: list[list[str]]) -> bytes:
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    width = max((len(p) for p in panels), default=0)
    w.writerow(["number", *(f"seat_{i}" for i in range(1, width + 1))])
    for number, panel in enumerate(panels):
        w.writerow([format_number(number, len(panels)), *panel])
    return out.getvalue().encode("utf-8")


def read_list(data: bytes) -> list[list[str]]:
    """The panels of a published list file, by number. Raises `ValueError` on a malformed file."""
    rows = list(csv.reader(io.StringIO(data.decode("utf-8")), strict=True))
    if not rows or not rows[0] or rows[0][0] != "number":
        raise ValueError(_("the list has no header line starting with 'number'"))
    panels: list[list[str]] = []
    for line, row in enumerate(rows[1:], start=2):
        if not row:
            continue
        if not row[0].isdigit() or int(row[0]) != len(panels):
            raise ValueError(
                _("line {line}: expected panel number {expected}, found {found!r}").format(
                    line=line, expected=len(panels), found=row[0]
                )
            )
        panels.append([pid for pid in row[1:] if pid])
    return panels


def frequencies(panels: list[list[str]]) -> dict[str, int]:
    seen: dict[str, int] = {}
    for panel in panels:
        for pid in panel:
            seen[pid] = seen.get(pid, 0) + 1
    return seen


def largest_deviation(panels: list[list[str]], probabilities: dict[str, float]) -> tuple[float, str]:
    """(largest |frequency / M - probability|, the person concerned) over everyone in the pool."""
    m = len(panels)
    counts = frequencies(panels)
    worst, who = 0.0, ""
    for pid in sorted(set(probabilities) | set(counts)):
        gap = abs(counts.get(pid, 0) / m - probabilities.get(pid, 0.0))
        if gap > worst:
            worst, who = gap, pid
    return worst, who


def _round_copies(weights: list[int], denominator: int, x: np.ndarray, n: np.ndarray, m: int) -> list[int]:
    """Step 1 of the module docstring: integer copies per panel, exact integer arithmetic."""
    ideal = [m * w for w in weights]  # a_P scaled by the denominator
    copies = np.array([a // denominator for a in ideal], dtype=np.int64)
    fraction = np.array([a % denominator for a in ideal], dtype=np.int64)
    target = np.zeros(x.shape[1], dtype=np.int64)  # sum_P a_P x_tP, scaled
    for a, row in zip(ideal, x, strict=True):
        target += a * row
    error = denominator * (copies @ x) - target  # per type, scaled by the denominator
    scale = (n * denominator).astype(float)
    left = m - int(copies.sum())
    up = np.zeros(len(weights), dtype=bool)
    step = denominator * x  # (P, T)
    for _unit in range(left):
        candidates = np.flatnonzero((fraction > 0) & ~up)
        worst = np.abs((error[None, :] + step[candidates]) / scale).max(axis=1)
        order = np.lexsort((candidates, -fraction[candidates], worst))
        best = int(candidates[order[0]])
        up[best] = True
        copies[best] += 1
        error += step[best]
    for _round in range(SWAP_ROUNDS):  # exchange one rounded-up panel for one rounded-down one
        current = float(np.abs(error / scale).max())
        ups, downs = np.flatnonzero(up), np.flatnonzero((fraction > 0) & ~up)
        if not len(ups) or not len(downs):
            break
        best_gain, best_pair = 0.0, None
        for p in ups:
            trial = error[None, :] - step[p][None, :] + step[downs]
            worst = np.abs(trial / scale).max(axis=1)
            j = int(np.argmin(worst))
            if current - float(worst[j]) > best_gain + 1e-12:
                best_gain, best_pair = current - float(worst[j]), (int(p), int(downs[j]))
        if best_pair is None:
            break
        p_up, q_down = best_pair
        up[p_up], up[q_down] = False, True
        copies[p_up] -= 1
        copies[q_down] += 1
        error += step[q_down] - step[p_up]
    return [int(c) for c in copies]


def uniform_lottery(
    distribution: Distribution, panel_size: int, panels: int, seed: str, *, check: bool = True
) -> UniformLottery:
    """Round the published LEXIMIN `distribution` to `panels` equally likely panels (see the module
    docstring). Raises `ValueError` for a bad number of panels and `LotteryBoundError` if the
    largest deviation exceeds ``panel_size / panels`` (with `check`)."""
    if not 1 <= panels <= MAX_PANELS:
        raise ValueError(
            _("the number of panels must be between 1 and {most}, not {panels}").format(
                most=MAX_PANELS, panels=panels
            )
        )
    started = time.perf_counter()
    num_types = len(distribution.types)
    x = np.zeros((len(distribution.panels), num_types), dtype=np.int64)
    for j, panel in enumerate(distribution.panels):
        for t, c in panel:
            x[j, t] = c
    n = np.array([len(m) for m in distribution.types], dtype=np.int64)
    copies = _round_copies(list(distribution.weights), distribution.denominator, x, n, panels)
    orders = [
        [members[i] for i in Stream(seed, f"balls/{t}").sample(len(members), len(members))]
        for t, members in enumerate(distribution.types)
    ]
    cursor = [0] * num_types
    result: list[list[str]] = []
    for j, c in enumerate(copies):
        seats = [(int(t), int(s)) for t, s in distribution.panels[j] if s > 0]
        for _copy in range(c):
            chosen: list[str] = []
            for t, s in seats:
                order, start = orders[t], cursor[t]
                chosen += [order[(start + i) % len(order)] for i in range(s)]
                cursor[t] = start + s
            result.append(sorted(chosen))
    deviation, who = largest_deviation(result, distribution.probabilities())
    bound = panel_size / panels
    if check and deviation > bound + 1e-12:  # pragma: no cover - never seen: 1-2 balls in practice
        raise LotteryBoundError(
            _("person {id}: probability moved by {gap:.6f}, more than the bound {bound:.6f}").format(
                id=who, gap=deviation, bound=bound
            )
        )
    return UniformLottery(result, deviation, bound, copies, time.perf_counter() - started)
