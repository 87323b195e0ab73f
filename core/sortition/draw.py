"""The draws the plugins and the CLI run: stratified panels (LEXIMIN), lots, reserve replacements.

The numbered-balls ceremony is in `ceremony`, replacement draws in `replacement`, verification in
`verify`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence

import msgspec
import numpy as np

from parvis.i18n import _

from .leximin import Progress, leximin_distribution
from .lottery import DENOMINATOR, apportion, draw_reserve, publish_weights, sample_panel, uniform_lot
from .model import build_model
from .pool import Pool
from .quotas import Quotas, make_quotas
from .report import Distribution, DrawRecord, summarise
from .seed import ALGORITHM_VERSION, canonical_json, derive_seed, sha256_hex


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _quotas_dict(quotas: Quotas) -> dict[str, object]:
    return msgspec.json.decode(quotas.canonical_bytes())


def compute_distribution(
    pool: Pool, quotas: Quotas, *, progress: Progress | None = None, method: str = "auto"
) -> tuple[Distribution, dict[str, float | str]]:
    """The LEXIMIN distribution as it is published: (Distribution, solver stats)."""
    model = build_model(pool, quotas)
    dist = leximin_distribution(model, progress=progress, method=method)
    weights = publish_weights(dist.probabilities)
    keep = [j for j, w in enumerate(weights) if w > 0]
    panels = [[[int(t), int(c)] for t, c in enumerate(dist.panels[j]) if c > 0] for j in keep]
    published = Distribution(
        types=[list(m) for m in model.members],
        panels=panels,
        weights=[weights[j] for j in keep],
        denominator=DENOMINATOR,
    )
    return published, dist.stats


def draw_panel(
    pool: Pool,
    quotas: Quotas,
    public_inputs: Sequence[str],
    *,
    reserve: int = 0,
    progress: Progress | None = None,
    method: str = "auto",
) -> DrawRecord:
    """A stratified panel by LEXIMIN, drawn with the verifiable seed; `reserve` ranked replacements.

    Raises `InputError` (pool/quotas mismatch) or `InfeasibleQuotas` (with the explanation).
    """
    distribution, stats = compute_distribution(pool, quotas, progress=progress, method=method)
    inputs = {"pool": pool.sha256, "quotas": quotas.sha256, "distribution": distribution.sha256}
    seed = derive_seed(purpose="panel", input_hashes=inputs, public_inputs=public_inputs)
    chosen_index, panel = sample_panel(
        distribution.types, distribution.panel_maps(), distribution.weights, seed
    )
    reserve_ids = draw_reserve(pool.ids, panel, reserve, seed)
    probabilities = distribution.probabilities()
    return DrawRecord(
        kind="panel",
        algorithm=ALGORITHM_VERSION + "+leximin",
        created=_now(),
        inputs=inputs,
        public_inputs=list(public_inputs),
        seed=seed,
        quotas=_quotas_dict(quotas),
        spec={"reserve": reserve},
        distribution=distribution,
        probabilities=probabilities,
        summary=summarise(probabilities),
        panel=panel,
        reserve=reserve_ids,
        stats={**stats, "chosen_panel": chosen_index},
    )


def lot_spec(
    *,
    seats: int | None = None,
    column: str | None = None,
    group_seats: Mapping[str, int] | None = None,
    shares: Mapping[str, int] | None = None,
    reserve: int = 0,
) -> dict[str, object]:
    """The specification of a simple lot (what is hashed as input ``spec``).

    * uniform: `seats`;
    * fixed seats per group (e.g. parity 50/50): `column` and `group_seats`;
    * proportional by group: `column`, `seats`, and optional integer `shares` per group
      (default: the number of applicants of each group).
    """
    if column is None:
        if seats is None or group_seats or shares:
            raise ValueError(_("a uniform lot needs only a number of seats"))
        return {"kind": "uniform", "reserve": reserve, "seats": seats}
    if group_seats is not None:
        if seats is not None or shares:
            raise ValueError(_("give either seats per group or a total number of seats"))
        return {
            "column": column,
            "kind": "groups",
            "reserve": reserve,
            "seats": dict(sorted(group_seats.items())),
        }
    if seats is None:
        raise ValueError(_("a proportional lot needs a number of seats"))
    return {
        "column": column,
        "kind": "proportional",
        "reserve": reserve,
        "seats": seats,
        "shares": dict(sorted(shares.items())) if shares else None,
    }


def draw_lot(pool: Pool, spec: Mapping[str, object], public_inputs: Sequence[str]) -> DrawRecord:
    """A uniform, per-group or proportional lot (see `lot_spec`), with ranked reserves."""
    spec = dict(spec)
    inputs = {"pool": pool.sha256, "spec": sha256_hex(canonical_json(spec))}
    seed = derive_seed(purpose="lot", input_hashes=inputs, public_inputs=public_inputs)
    reserve = int(spec.get("reserve", 0))  # type: ignore[call-overload]
    stats: dict[str, object] = {}
    probabilities: dict[str, float] = {}
    panel: list[str] = []
    reserves: list[str] = []
    if spec["kind"] == "uniform":
        seats = int(spec["seats"])  # type: ignore[call-overload]
        if seats > len(pool):
            raise ValueError(_("{seats} seats but only {n} applicants").format(seats=seats, n=len(pool)))
        panel, reserves = uniform_lot(pool.ids, seats, reserve, seed)
        probabilities = dict.fromkeys(pool.ids, seats / len(pool)) if len(pool) else {}
    else:
        column = str(spec["column"])
        if column not in pool.columns:
            raise ValueError(_("the pool has no column {column}").format(column=column))
        groups: dict[str, list[str]] = {}
        for pid, value in zip(pool.ids, pool.column(column), strict=True):
            groups.setdefault(value, []).append(pid)
        if spec["kind"] == "groups":
            seats_by_group = {str(g): int(s) for g, s in dict(spec["seats"]).items()}  # type: ignore[call-overload]
        else:
            shares = spec.get("shares") or {g: len(m) for g, m in groups.items()}
            weights = {str(g): int(w) for g, w in dict(shares).items()}  # type: ignore[call-overload]
            capacity = {g: len(groups.get(g, [])) for g in weights}
            seats_by_group = apportion(int(spec["seats"]), weights, capacity, seed)  # type: ignore[call-overload]
            stats["apportionment"] = seats_by_group
        for g, s in sorted(seats_by_group.items()):
            members = groups.get(g, [])
            if s > len(members):
                raise ValueError(
                    _("{column} = {value}: {seats} seats but only {n} applicants").format(
                        column=column, value=g, seats=s, n=len(members)
                    )
                )
            won, res = uniform_lot(members, s, reserve, seed, label=f"lot/{g}")
            panel += won
            reserves += res
            for pid in members:
                probabilities[pid] = s / len(members)
        for g, members in groups.items():
            if g not in seats_by_group:
                for pid in members:
                    probabilities[pid] = 0.0
        panel.sort()
    probabilities = dict(sorted(probabilities.items()))
    return DrawRecord(
        kind="lot",
        algorithm=ALGORITHM_VERSION,
        created=_now(),
        inputs=inputs,
        public_inputs=list(public_inputs),
        seed=seed,
        spec=spec,
        probabilities=probabilities,
        summary=summarise(probabilities),
        panel=panel,
        reserve=reserves,
        stats=stats,
    )


def replacements(record: DrawRecord, pool: Pool, leaving: Sequence[str]) -> dict[str, str | None]:
    """Who replaces each member in `leaving` (in that order): the first person of the ranked
    reserve, not used yet, whose swap keeps every quota and the household rule (lots: the first
    unused reserve of the same group, or of the whole reserve for a uniform lot)."""
    panel = set(record.panel)
    used: set[str] = set()
    out: dict[str, str | None] = {}
    if record.kind == "panel" and record.quotas is not None:
        model = build_model(pool, quotas_of_record(record))
        type_of = model.type_of()
        for gone in leaving:
            out[gone] = None
            for candidate in record.reserve:
                if candidate in used or candidate in panel:
                    continue
                trial = (panel - {gone}) | {candidate}
                x = np.zeros(model.num_types, dtype=np.int64)
                for pid in trial:
                    x[type_of[pid]] += 1
                if model.panel_is_feasible(x):
                    panel, out[gone] = trial, candidate
                    used.add(candidate)
                    break
        return out
    spec = record.spec or {}
    group_of: dict[str, str] = {}
    if spec.get("column"):
        group_of = dict(zip(pool.ids, pool.column(str(spec["column"])), strict=True))
    for gone in leaving:
        out[gone] = None
        for candidate in record.reserve:
            if candidate in used or candidate in panel:
                continue
            if group_of.get(candidate) == group_of.get(gone):
                out[gone] = candidate
                used.add(candidate)
                panel = (panel - {gone}) | {candidate}
                break
    return out


def quotas_of_record(record: DrawRecord) -> Quotas:
    """The quotas a panel record publishes, as `Quotas` (raises if they are not readable)."""
    assert record.quotas is not None
    return make_quotas(
        int(record.quotas["panel_size"]),  # type: ignore[call-overload]
        [tuple(r) for r in record.quotas["quotas"]],  # type: ignore[attr-defined]
        household_column=record.quotas.get("household_column"),  # type: ignore[arg-type]
    )
