"""Sortition benchmark: Parvis LEXIMIN vs `sortition-algorithms` (maximin with HiGHS, legacy).

    python bench/sortition/run.py                  # small, paris and large; stored reference results
    python bench/sortition/run.py paris --rerun-reference   # re-run the reference too (minutes to hours)
    python bench/sortition/run.py --predraw        # pre-draw of 10,000 from a 1.3-million-row roll

Reference results are stored in ``reference/<instance>-<algorithm>.json`` with the command that
produced them and its date (see reference_runner.py).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from instances import generate, with_households  # noqa: E402

from parvis.sortition import build_model, leximin_distribution, make_quotas, pool_from_records  # noqa: E402

TOLERANCE = 1e-6


def parvis_leximin(name: str, method: str = "auto", households: float = 0.0) -> dict:
    instance = generate(name)
    if households:
        pool = pool_from_records(with_households(instance, households))
        quotas = make_quotas(instance.panel_size, instance.quotas, household_column="home")
    else:
        pool = pool_from_records(instance.people)
        quotas = make_quotas(instance.panel_size, instance.quotas)
    start = time.perf_counter()
    model = build_model(pool, quotas)
    dist = leximin_distribution(model, method=method)
    elapsed = time.perf_counter() - start
    probs = {pid: float(dist.type_probabilities[t]) for t, ms in enumerate(model.members) for pid in ms}
    return {
        "wall_seconds": elapsed,
        "probabilities": probs,
        "types": model.num_types,
        "panels": len(dist.probabilities),
        "method": dist.stats.get("method"),
    }


def lexicographic_verdict(mine: list[float], theirs: list[float]) -> str:
    """Compare sorted probability vectors: '=' within tolerance, else '>' or '<' at the first difference."""
    for k, (a, b) in enumerate(zip(sorted(mine), sorted(theirs), strict=True)):
        if abs(a - b) > TOLERANCE:
            return f"{'>' if a > b else '<'} at position {k + 1} ({a:.6f} vs {b:.6f})"
    return "= (equal within 1e-6)"


def load_reference(name: str, algorithm: str, rerun: bool) -> dict | None:
    path = HERE / "reference" / f"{name}-{algorithm}.json"
    if rerun:
        subprocess.run([sys.executable, str(HERE / "reference_runner.py"), name, algorithm], check=False)
    if not path.exists():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


def summary(probs: list[float]) -> tuple[float, float]:
    return min(probs), statistics.median(probs)


def bench_instance(name: str, rerun: bool, method: str) -> None:
    mine = parvis_leximin(name, method)
    values = list(mine["probabilities"].values())
    lo, med = summary(values)
    print(f"\n== {name}: {len(values)} respondents, {round(sum(values))} seats, {mine['types']} types ==")
    print(f"{'':36}{'wall s':>10}{'min prob':>11}{'median':>10}{'time ratio':>12}{'min ratio':>11}")
    label = f"Parvis LEXIMIN ({mine['method']})"
    print(f"{label:36}{mine['wall_seconds']:>10.2f}{lo:>11.4%}{med:>10.4%}")
    for algorithm in ("maximin", "legacy"):
        ref = load_reference(name, algorithm, rerun)
        label = f"reference {algorithm}"
        if ref is None:
            note = (
                "not stored (about 2-3 hours on 2 cores per the issue)"
                if algorithm == "maximin"
                else "not stored"
            )
            print(f"{label:36}{note}")
            continue
        theirs = list(ref["probabilities"].values())
        rlo, rmed = summary(theirs)
        ratio_t = ref["wall_seconds"] / mine["wall_seconds"]
        ratio_min = lo / rlo if rlo > 0 else float("inf")
        extra = " per run" if algorithm == "legacy" else ""
        print(
            f"{label:36}{ref['wall_seconds']:>10.2f}{rlo:>11.4%}{rmed:>10.4%}{ratio_t:>11.2f}x{ratio_min:>10.3f}x{extra}"
        )
        if algorithm == "maximin":
            print(f"  leximin vs maximin, sorted probabilities: {lexicographic_verdict(values, theirs)}")
        else:
            print(f"  (legacy probabilities estimated from {ref.get('legacy_runs')} runs)")
        print(f"  stored: {ref['command']} on {ref['date']}")


def bench_predraw(rows: int = 1_300_000, count: int = 10_000) -> None:
    from roll import write_roll

    with tempfile.TemporaryDirectory() as tmp:
        roll = Path(tmp) / "roll.csv"
        write_roll(roll, rows)
        code = (
            "import resource, time, sys\n"
            "from parvis.sortition import predraw\n"
            "t = time.perf_counter()\n"
            f"r = predraw({str(roll)!r}, {count}, ['2026-03-01 public lottery 4 8 15 16 23 42'],"
            f" out={str(Path(tmp) / 'out.csv')!r})\n"
            "t = time.perf_counter() - t\n"
            "print(t, len(r.panel), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
        )
        out = subprocess.run(
            [sys.executable, "-c", code], check=True, capture_output=True, text=True
        ).stdout.split()
        seconds, drawn, peak_kb = float(out[0]), int(out[1]), int(out[2])
        size = roll.stat().st_size / 1e6
    print(f"\n== pre-draw: {drawn} of {rows:,} rows ({size:.0f} MB CSV) ==")
    print(
        f"wall {seconds:.2f} s (target <= 3 s), "
        f"peak memory {peak_kb / 1024:.0f} MB (target <= 150 MB, whole process)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("instances", nargs="*", default=["small", "paris", "large"])
    parser.add_argument("--rerun-reference", action="store_true", help="re-run sortition-algorithms too")
    parser.add_argument("--method", default="auto", choices=["auto", "cg"], help="Parvis LEXIMIN method")
    parser.add_argument("--predraw", action="store_true", help="benchmark the pre-draw instead")
    parser.add_argument(
        "--households",
        type=float,
        default=0.0,
        help="Parvis only: share of respondents in two-person households (at most one per household)",
    )
    args = parser.parse_args()
    np.set_printoptions(precision=4)
    if args.predraw:
        bench_predraw()
        return
    for name in args.instances:
        if args.households:
            mine = parvis_leximin(name, args.method, args.households)
            values = list(mine["probabilities"].values())
            lo, med = summary(values)
            print(
                f"{name} with {args.households:.0%} in two-person households, at most one per household: "
                f"{mine['wall_seconds']:.2f} s ({mine['method']}), {mine['types']} types, "
                f"min {lo:.4%}, median {med:.4%}"
            )
            continue
        bench_instance(name, args.rerun_reference, args.method)


if __name__ == "__main__":
    main()
