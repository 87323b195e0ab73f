"""`verify`: recompute a draw from its published inputs and say whether everything matches."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from parvis.i18n import _, ngettext

from .balls import format_number, largest_deviation, list_seed, read_list, uniform_lottery
from .ceremony import ball_number
from .draw import compute_distribution, draw_lot, quotas_of_record
from .lottery import draw_reserve, sample_panel
from .model import TypeModel, build_model
from .pool import Pool
from .report import DrawRecord, summarise
from .seed import canonical_json, derive_seed, sha256_hex


@dataclass
class Verification:
    checks: list[tuple[str, bool, str]] = field(default_factory=list)

    def add(self, name: str, ok: bool, detail: str = "") -> bool:
        self.checks.append((name, ok, detail))
        return ok

    @property
    def ok(self) -> bool:
        return bool(self.checks) and all(ok for _n, ok, _d in self.checks)

    def __str__(self) -> str:
        lines = [
            f"[{'OK' if ok else 'FAIL'}] {name}" + (f": {detail}" if detail else "")
            for name, ok, detail in self.checks
        ]
        lines.append(
            _("The draw MATCHES the published inputs.") if self.ok else _("The draw DOES NOT MATCH.")
        )
        return "\n".join(lines)


def verify(
    record: DrawRecord,
    *,
    pool: Pool | None = None,
    roll: str | Path | None = None,
    recompute: bool = True,
    tolerance: float = 1e-6,
    numbered_list: bytes | None = None,
    ball: str | None = None,
) -> Verification:
    """Recompute a draw from its published inputs and say whether everything matches.

    Panel draws: (1) the pool and quotas hash as published; (2) the published distribution hashes
    as published, uses exactly the pool's types, and every panel in it meets every quota; (3) with
    `recompute`, LEXIMIN run again gives the same probabilities within `tolerance`; (4) the seed
    follows from the hashes and public inputs; (5) sampling the published distribution with it
    gives the published panel and reserve; (6) the published probabilities follow from it.

    Numbered-balls draws (spec ``panels``): (4') the numbered list recomputed from the published
    distribution hashes as published, `numbered_list` (the published file's bytes) is that list
    (the numbers that differ are named), has ``M`` panels each meeting the quotas, and moves no
    one's probability by more than ``k / M``; (5') once drawn, the number is in range (and is
    `ball`, the number witnessed, if given), the selected people are that panel of the list, and
    the seed and reserve follow from the hashes and the number.
    """
    v = Verification()
    if record.kind == "predraw":
        from .predraw import verify_predraw

        if roll is None:
            v.add(_("roll file given"), False, _("a pre-draw is verified against its roll"))
            return v
        return verify_predraw(record, roll, v)
    if pool is None:
        v.add(_("pool file given"), False)
        return v
    if record.kind == "replacement":
        from .replacement import verify_replacement

        verify_replacement(record, pool, recompute=recompute, tolerance=tolerance, v=v)
        return v
    v.add(_("pool SHA-256"), pool.sha256 == record.inputs.get("pool"), pool.sha256)
    # The seed is derived again from the files given, not from the hashes the record states, so a
    # changed byte shows in the seed and the people drawn as well as in its own hash.
    if record.kind == "lot":
        spec = record.spec or {}
        v.add(_("specification SHA-256"), sha256_hex(canonical_json(spec)) == record.inputs.get("spec"))
        try:
            again = draw_lot(pool, spec, record.public_inputs)
        except (ValueError, KeyError) as error:
            v.add(_("lot re-run"), False, str(error))
            return v
        v.add(_("seed"), again.seed == record.seed, again.seed)
        v.add(_("selected people"), again.panel == record.panel)
        v.add(_("reserve"), again.reserve == record.reserve)
        v.add(_("probabilities"), again.probabilities == record.probabilities)
        return v
    if record.quotas is None or record.distribution is None:
        v.add(_("record complete"), False, _("no quotas or distribution"))
        return v
    try:
        quotas = quotas_of_record(record)
    except Exception as error:
        v.add(_("quotas readable"), False, str(error))
        return v
    v.add(_("quotas SHA-256"), quotas.sha256 == record.inputs.get("quotas"), quotas.sha256)
    dist = record.distribution
    v.add(_("distribution SHA-256"), dist.sha256 == record.inputs.get("distribution"), dist.sha256)
    try:
        model = build_model(pool, quotas)
    except Exception as error:
        v.add(_("pool matches quotas"), False, str(error))
        return v
    v.add(_("distribution types are the pool's types"), [list(m) for m in model.members] == dist.types)
    feasible = True
    for panel in dist.panels:
        x = np.zeros(model.num_types, dtype=np.int64)
        for t, c in panel:
            if 0 <= t < model.num_types:
                x[t] = c
            else:
                feasible = False
        feasible = feasible and model.panel_is_feasible(x)
    v.add(_("every panel of the distribution meets the quotas"), feasible, str(len(dist.panels)))
    v.add(
        _("weights sum to the denominator"),
        sum(dist.weights) == dist.denominator and all(w >= 0 for w in dist.weights),
    )
    if recompute:
        fresh, _stats = compute_distribution(pool, quotas)
        mine, theirs = fresh.probabilities(), dist.probabilities()
        gap = max((abs(mine[p] - theirs.get(p, -1.0)) for p in mine), default=0.0)
        v.add(
            _("LEXIMIN probabilities recomputed"),
            gap <= tolerance,
            _("largest difference {gap:.2e}").format(gap=gap),
        )
    if "panels" in (record.spec or {}):
        return _verify_balls(
            record,
            pool,
            quotas_sha256=quotas.sha256,
            model=model,
            numbered_list=numbered_list,
            witnessed=ball,
            v=v,
        )
    expected_seed = derive_seed(
        purpose=record.kind,
        input_hashes={"pool": pool.sha256, "quotas": quotas.sha256, "distribution": dist.sha256},
        public_inputs=record.public_inputs,
    )
    v.add(_("seed"), expected_seed == record.seed, expected_seed)
    _j, drawn = sample_panel(dist.types, dist.panel_maps(), dist.weights, expected_seed)
    v.add(_("selected people"), drawn == record.panel)
    reserve = draw_reserve(
        pool.ids,
        drawn,
        int((record.spec or {}).get("reserve", len(record.reserve))),  # type: ignore[call-overload]
        expected_seed,
    )
    v.add(_("reserve"), reserve == record.reserve)
    probs = dist.probabilities()
    v.add(_("published probabilities"), probs == record.probabilities and summarise(probs) == record.summary)
    return v


def _verify_balls(
    record: DrawRecord,
    pool: Pool,
    *,
    quotas_sha256: str,
    model: TypeModel,
    numbered_list: bytes | None,
    witnessed: str | None,
    v: Verification,
) -> Verification:
    """The numbered-balls part of `verify` (see its docstring)."""
    spec = record.spec or {}
    dist = record.distribution
    assert dist is not None
    total = int(spec["panels"])  # type: ignore[call-overload]
    hashes = {"pool": pool.sha256, "quotas": quotas_sha256, "distribution": dist.sha256}
    expected = uniform_lottery(dist, model.panel_size, total, list_seed(hashes, total), check=False)
    expected_bytes = expected.csv_bytes()
    v.add(
        _("numbered list recomputed from the distribution"),
        expected.sha256 == record.inputs.get("panels"),
        expected.sha256,
    )
    if numbered_list is None:
        v.add(_("list file given"), False, _("give the published list with --list"))
        return v
    v.add(
        _("list file SHA-256"),
        sha256_hex(numbered_list) == record.inputs.get("panels"),
        sha256_hex(numbered_list),
    )
    try:
        published = read_list(numbered_list)
    except (ValueError, UnicodeDecodeError, csv.Error) as error:
        v.add(_("list file readable"), False, str(error))
        return v
    if numbered_list != expected_bytes:
        wrong = [
            format_number(j, total)
            for j in range(max(len(published), len(expected.panels)))
            if j >= len(published) or j >= len(expected.panels) or published[j] != expected.panels[j]
        ]
        v.add(
            _("every numbered panel is the computed one"),
            False,
            ngettext(
                "{count} panel differs: number {numbers}",
                "{count} panels differ, numbers {numbers}",
                len(wrong),
            ).format(count=len(wrong), numbers=", ".join(wrong[:10]) + (" ..." if len(wrong) > 10 else "")),
        )
    v.add(
        _("the list has {panels} panels").format(panels=total),
        len(published) == total,
        str(len(published)),
    )
    type_of = model.type_of()
    bad: list[str] = []
    for j, members in enumerate(published):
        x = np.zeros(model.num_types, dtype=np.int64)
        ok = len(set(members)) == len(members) and all(pid in type_of for pid in members)
        for pid in members:
            if pid in type_of:
                x[type_of[pid]] += 1
        if not (ok and model.panel_is_feasible(x)):
            bad.append(format_number(j, total))
    v.add(
        _("every numbered panel meets the quotas"),
        not bad,
        _("numbers {numbers}").format(numbers=", ".join(bad[:10])) if bad else "",
    )
    if published:
        gap, who = largest_deviation(published, dist.probabilities())
        bound = model.panel_size / total
        v.add(
            _("largest deviation from the LEXIMIN probabilities within k/M"),
            gap <= bound + 1e-12,
            _("{gap:.6f} (person {id}) against {bound:.6f}").format(gap=gap, id=who or "-", bound=bound),
        )
    if not record.public_inputs:
        v.add(_("drawn number"), True, _("not drawn yet: the list can be published"))
        return v
    drawn = record.public_inputs[0]
    if witnessed is not None:
        v.add(
            _("drawn number is the one witnessed"),
            len(record.public_inputs) == 1 and drawn == witnessed.strip(),
            _("record {recorded}, witnessed {witnessed}").format(recorded=drawn, witnessed=witnessed.strip()),
        )
    try:
        chosen = ball_number(drawn, total)
    except ValueError as error:
        v.add(_("drawn number"), False, str(error))
        return v
    v.add(_("drawn number"), format_number(chosen, total) == drawn, drawn)
    seed = derive_seed(
        purpose="panel",
        input_hashes={**hashes, "panels": sha256_hex(numbered_list)},
        public_inputs=record.public_inputs,
    )
    v.add(_("seed"), seed == record.seed, seed)
    panel = sorted(published[chosen]) if chosen < len(published) else []
    v.add(
        _("the selected people are panel {number} of the list").format(number=drawn),
        panel == record.panel,
    )
    reserve = draw_reserve(pool.ids, panel, int(spec.get("reserve", 0)), seed)  # type: ignore[call-overload]
    v.add(_("reserve"), reserve == record.reserve)
    probs = dist.probabilities()
    v.add(_("published probabilities"), probs == record.probabilities and summarise(probs) == record.summary)
    return v
