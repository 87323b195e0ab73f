"""Replacement draws: LEXIMIN over the rest of the pool, conditioned on the members still sitting.

When members of a stratified panel leave, their seats are refilled by a new draw instead of the
first fitting reserve: the candidates are the people of the original pool who never sat on the
panel (and, with the household rule, share no household with a sitting member); the quotas are the
original ones minus what the sitting members already fill (``min - sitting`` at least 0, ``max -
sitting``) for ``seats`` = the seats to refill. LEXIMIN then gives every candidate the highest
lowest probability any distribution of completing panels can give, and the panel is drawn from
it with a seed derived from the published hashes and public inputs, as for any panel.

The record (kind ``replacement``) publishes, as its ``spec``: the original draw's seed and quotas,
the sitting members and everyone excluded (sitting, leaving, earlier members); its inputs are the
original pool's hash (the same published pool file), the spec's hash, the conditioned quotas'
and the distribution's hashes. `verify_replacement` recomputes all of it from the pool file.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

import numpy as np

from parvis.i18n import _

from .draw import _now, _quotas_dict, compute_distribution, quotas_of_record
from .errors import InputError
from .leximin import Progress
from .lottery import sample_panel
from .model import build_model
from .pool import Pool
from .quotas import Quota, Quotas
from .report import DrawRecord, summarise
from .seed import ALGORITHM_VERSION, canonical_json, derive_seed, sha256_hex

if TYPE_CHECKING:
    from .verify import Verification

PURPOSE = "replacement"


def replacement_spec(
    original: DrawRecord, *, sitting: Iterable[str], excluded: Iterable[str] = ()
) -> dict[str, object]:
    """What the replacement draw publishes and hashes as ``spec``."""
    sitting_ids = sorted(set(sitting))
    return {
        "excluded": sorted(set(excluded) | set(sitting_ids) | set(original.panel)),
        "original_quotas": original.quotas,
        "original_seed": original.seed,
        "sitting": sitting_ids,
    }


def conditioned(pool: Pool, spec: dict[str, object]) -> tuple[Pool, Quotas]:
    """The candidates and the quotas left for them. Raises `ValueError` when the sitting members
    leave no room that some completing panel can fill (a plain sentence naming the quota)."""
    original = DrawRecord(
        kind="panel",
        algorithm="",
        created="",
        inputs={},
        public_inputs=[],
        seed="",
        quotas=spec["original_quotas"],  # type: ignore[arg-type]
    )
    quotas = quotas_of_record(original)
    sitting = list(spec["sitting"])  # type: ignore[call-overload]
    excluded = set(spec["excluded"])  # type: ignore[call-overload]
    seats = quotas.panel_size - len(sitting)
    if seats <= 0:
        raise ValueError(_("no seat is vacant: every seat of the panel is filled"))
    missing = [pid for pid in sitting if pid not in set(pool.ids)]
    if missing:
        raise ValueError(_("sitting member {id} is not in the pool").format(id=missing[0]))
    records = {r["id"]: r for r in pool.records()}
    households: set[str] = set()
    if quotas.household_column:
        households = {records[pid][quotas.household_column] for pid in sitting}
    candidates = [
        pid
        for pid in pool.ids
        if pid not in excluded
        and not (quotas.household_column and records[pid][quotas.household_column] in households)
    ]
    rows: list[Quota] = []
    for q in quotas.quotas:
        taken = sum(1 for pid in sitting if records[pid][q.feature] == q.value)
        low, high = max(0, q.min - taken), min(q.max - taken, seats)
        if high < low:
            raise ValueError(
                _(
                    "no replacement can keep every quota: {feature} = {value} needs between {min} and "
                    "{max} seats, the sitting members hold {taken} and {seats} seats are vacant"
                ).format(feature=q.feature, value=q.value, min=q.min, max=q.max, taken=taken, seats=seats)
            )
        rows.append(Quota(q.feature, q.value, low, high))
    left = Quotas(panel_size=seats, quotas=tuple(rows), household_column=quotas.household_column)
    return pool.subset(candidates), left


def replacement_draw(
    original: DrawRecord,
    pool: Pool,
    public_inputs: Sequence[str],
    *,
    sitting: Iterable[str],
    excluded: Iterable[str] = (),
    progress: Progress | None = None,
    method: str = "auto",
) -> DrawRecord:
    """Draw people for the seats `original`'s panel lacks once only `sitting` remain (see the module).

    `excluded`: people who may not be drawn besides the original panel and the sitting members
    (earlier replacements who left, people who declined). Raises `ValueError` (no room, or nobody
    left) or `InfeasibleQuotas` (no completing panel meets the quotas left).
    """
    if original.kind != "panel" or original.quotas is None:
        raise ValueError(_("a replacement draw completes a stratified panel draw"))
    if pool.sha256 != original.inputs.get("pool"):
        raise ValueError(_("the pool file is not the published one (its SHA-256 differs)"))
    spec = replacement_spec(original, sitting=sitting, excluded=excluded)
    candidates, quotas = conditioned(pool, spec)
    if len(candidates) < quotas.panel_size:
        raise ValueError(
            _("{seats} vacant seats but only {n} people left in the pool").format(
                seats=quotas.panel_size, n=len(candidates)
            )
        )
    distribution, stats = compute_distribution(candidates, quotas, progress=progress, method=method)
    inputs = _inputs(pool, spec, quotas, distribution.sha256)
    seed = derive_seed(purpose=PURPOSE, input_hashes=inputs, public_inputs=public_inputs)
    chosen, panel = sample_panel(distribution.types, distribution.panel_maps(), distribution.weights, seed)
    probabilities = distribution.probabilities()
    return DrawRecord(
        kind=PURPOSE,
        algorithm=ALGORITHM_VERSION + "+leximin",
        created=_now(),
        inputs=inputs,
        public_inputs=list(public_inputs),
        seed=seed,
        quotas=_quotas_dict(quotas),
        spec=spec,
        distribution=distribution,
        probabilities=probabilities,
        summary=summarise(probabilities),
        panel=panel,
        reserve=[],
        stats={**stats, "chosen_panel": chosen},
    )


def _inputs(pool: Pool, spec: dict[str, object], quotas: Quotas, distribution: str) -> dict[str, str]:
    return {
        "distribution": distribution,
        "pool": pool.sha256,
        "quotas": quotas.sha256,
        "spec": sha256_hex(canonical_json(spec)),
    }


def verify_replacement(
    record: DrawRecord, pool: Pool, *, recompute: bool, tolerance: float, v: Verification
) -> None:
    """The checks of `verify` for a replacement draw, added to the `Verification` ``v``: the pool,
    the spec and the conditioned quotas recomputed from them, the distribution (its panels meet
    the quotas left; LEXIMIN again with `recompute`), the seed from the files given, the people."""
    add = v.add
    add(_("pool SHA-256"), pool.sha256 == record.inputs.get("pool"), pool.sha256)
    spec = dict(record.spec or {})
    add(_("specification SHA-256"), sha256_hex(canonical_json(spec)) == record.inputs.get("spec"))
    try:
        candidates, quotas = conditioned(pool, spec)
    except (ValueError, KeyError, TypeError, InputError) as error:
        add(_("quotas left for the replacement"), False, str(error))
        return
    add(
        _("quotas left for the replacement"),
        _quotas_dict(quotas) == record.quotas and quotas.sha256 == record.inputs.get("quotas"),
        quotas.sha256,
    )
    dist = record.distribution
    if dist is None:
        add(_("record complete"), False, _("no quotas or distribution"))
        return
    add(_("distribution SHA-256"), dist.sha256 == record.inputs.get("distribution"), dist.sha256)
    model = build_model(candidates, quotas)
    add(_("distribution types are the pool's types"), [list(m) for m in model.members] == dist.types)
    feasible = sum(dist.weights) == dist.denominator
    for panel in dist.panels:
        x = np.zeros(model.num_types, dtype=np.int64)
        for t, c in panel:
            if 0 <= t < model.num_types:
                x[t] = c
            else:
                feasible = False
        feasible = feasible and model.panel_is_feasible(x)
    add(_("every panel of the distribution meets the quotas"), feasible, str(len(dist.panels)))
    if recompute:
        fresh, _stats = compute_distribution(candidates, quotas)
        mine, theirs = fresh.probabilities(), dist.probabilities()
        gap = max((abs(mine[p] - theirs.get(p, -1.0)) for p in mine), default=0.0)
        add(
            _("LEXIMIN probabilities recomputed"),
            gap <= tolerance,
            _("largest difference {gap:.2e}").format(gap=gap),
        )
    seed = derive_seed(
        purpose=PURPOSE,
        input_hashes=_inputs(pool, spec, quotas, dist.sha256),
        public_inputs=record.public_inputs,
    )
    add(_("seed"), seed == record.seed, seed)
    _j, drawn = sample_panel(dist.types, dist.panel_maps(), dist.weights, seed)
    add(_("selected people"), drawn == record.panel)
    probs = dist.probabilities()
    add(_("published probabilities"), probs == record.probabilities and summarise(probs) == record.summary)
