"""Run the Sortition Foundation's `sortition-algorithms` on a bench instance and store the result.

Usage: ``python bench/sortition/reference_runner.py paris maximin`` (or ``legacy``; ``small``,
``large``). Writes ``bench/sortition/reference/<instance>-<algorithm>.json`` with the wall time,
every person's selection probability, the command and the date. Only the public functions of the
library are called; for ``legacy`` (which returns one panel per run) probabilities are estimated
by repeating it (``--runs``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import sys
import time
from importlib.metadata import version
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from instances import FEATURES, generate  # noqa: E402


def _reference_inputs(instance):
    from sortition_algorithms import Settings, read_in_features, read_in_people

    head = ["feature", "value", "min", "max"]
    body = [
        {"feature": f, "value": v, "min": str(lo), "max": str(hi)}
        for f, values in instance.quotas.items()
        for v, (lo, hi) in values.items()
    ]
    features, _, _ = read_in_features(head, body, instance.panel_size)
    settings = Settings(id_column="id", columns_to_keep=[])
    people, _ = read_in_people(["id", *FEATURES], instance.people, features, settings)
    return features, people


def run_maximin(instance) -> tuple[dict[str, float], float]:
    from sortition_algorithms.committee_generation import find_distribution_maximin

    features, people = _reference_inputs(instance)
    start = time.perf_counter()
    committees, probabilities, _ = find_distribution_maximin(
        features, people, instance.panel_size, [], "highspy"
    )
    elapsed = time.perf_counter() - start
    marginals = {p["id"]: 0.0 for p in instance.people}
    for committee, prob in zip(committees, probabilities, strict=True):
        for pid in committee:
            marginals[pid] += prob
    return marginals, elapsed


def run_legacy(instance, runs: int) -> tuple[dict[str, float], float]:
    from sortition_algorithms.committee_generation import find_random_sample_legacy
    from sortition_algorithms.utils import set_random_provider

    features, people = _reference_inputs(instance)
    set_random_provider(12345)
    counts = {p["id"]: 0 for p in instance.people}
    start = time.perf_counter()
    done = 0
    for _ in range(runs):
        try:
            panels, _ = find_random_sample_legacy(people, features, instance.panel_size, [], max_attempts=100)
        except Exception:  # a failed legacy run is not counted
            continue
        done += 1
        for pid in panels[0]:
            counts[pid] += 1
    elapsed = (time.perf_counter() - start) / max(done, 1)
    return {pid: c / max(done, 1) for pid, c in counts.items()}, elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("instance", choices=["small", "paris", "large"])
    parser.add_argument("algorithm", choices=["maximin", "legacy"])
    parser.add_argument("--runs", type=int, default=2000, help="legacy: runs to estimate probabilities")
    args = parser.parse_args()
    instance = generate(args.instance)
    if args.algorithm == "maximin":
        marginals, elapsed = run_maximin(instance)
    else:
        marginals, elapsed = run_legacy(instance, args.runs)
    probs = sorted(marginals.values())
    out = {
        "instance": args.instance,
        "pool": len(instance.people),
        "seats": instance.panel_size,
        "algorithm": args.algorithm,
        "library": f"sortition-algorithms {version('sortition-algorithms')}",
        "solver": f"highspy {version('highspy')}",
        "command": "python " + " ".join(["bench/sortition/reference_runner.py", *sys.argv[1:]]),
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, Python {platform.python_version()}",
        "wall_seconds": round(elapsed, 3),
        "wall_seconds_note": "per run (mean)" if args.algorithm == "legacy" else "one run",
        "legacy_runs": args.runs if args.algorithm == "legacy" else None,
        "min_probability": probs[0],
        "median_probability": probs[len(probs) // 2]
        if len(probs) % 2
        else (probs[len(probs) // 2 - 1] + probs[len(probs) // 2]) / 2,
        "max_probability": probs[-1],
        "probabilities": dict(sorted(marginals.items())),
    }
    target = HERE / "reference" / f"{args.instance}-{args.algorithm}.json"
    target.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    print(f"{args.instance} {args.algorithm}: {elapsed:.1f} s, min {probs[0]:.4%}, stored in {target}")


if __name__ == "__main__":
    main()
