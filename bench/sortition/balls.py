"""Numbered-balls ceremony benchmark: LEXIMIN rounded to M equally likely panels.

    python bench/sortition/balls.py                 # paris (1,500/80) and large (5,000/150), M = 1,000
    python bench/sortition/balls.py small --panels 100

For each instance: the time of LEXIMIN (the published distribution), the time of the rounding to
M panels (the numbered list), the largest deviation of a selection probability from LEXIMIN (in
absolute terms and in balls, i.e. times M), the bound k/M checked, and how many distinct panels
the list holds.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from instances import generate  # noqa: E402

from parvis.sortition import compute_distribution, make_quotas, pool_from_records  # noqa: E402
from parvis.sortition.balls import list_seed, uniform_lottery  # noqa: E402


def bench(name: str, panels: int) -> None:
    instance = generate(name)
    pool = pool_from_records(instance.people)
    quotas = make_quotas(instance.panel_size, instance.quotas)
    started = time.perf_counter()
    distribution, stats = compute_distribution(pool, quotas)
    leximin_seconds = time.perf_counter() - started
    inputs = {"pool": pool.sha256, "quotas": quotas.sha256, "distribution": distribution.sha256}
    started = time.perf_counter()
    lottery = uniform_lottery(distribution, quotas.panel_size, panels, list_seed(inputs, panels))
    list_seconds = time.perf_counter() - started
    probabilities = distribution.probabilities()
    low = min(probabilities.values())
    print(
        f"\n== {name}: {len(pool)} respondents, {quotas.panel_size} seats, M = {panels} ==\n"
        f"LEXIMIN ({stats.get('method')}): {leximin_seconds:.2f} s, {len(distribution.panels)} panels "
        f"with positive probability, min probability {low:.4%}\n"
        f"numbered list: {list_seconds:.2f} s, {sum(1 for c in lottery.copies if c)} distinct panels\n"
        f"largest deviation from LEXIMIN: {lottery.deviation:.6f} ({lottery.deviation * panels:.2f} balls of "
        f"{panels}); bound k/M = {lottery.bound:.6f} ({quotas.panel_size} balls): "
        f"{'within' if lottery.deviation <= lottery.bound else 'EXCEEDED'}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("instances", nargs="*", default=["paris", "large"])
    parser.add_argument("--panels", type=int, default=1000, help="M, the number of numbered panels")
    args = parser.parse_args()
    for name in args.instances:
        bench(name, args.panels)


if __name__ == "__main__":
    main()
