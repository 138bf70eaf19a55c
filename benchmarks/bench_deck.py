"""Benchmark: the example's deck.

    python benchmarks/bench_deck.py [--repeat 5]

Prints, as medians of --repeat runs in this process: the shared scoring run (load, score, plan:
the same for every output), the deck alone (python-pptx building and saving the slides from
Results), and the whole `readiness deck` command in a fresh process. Target (issue 14): the
deck alone under 2 s for the example on 2 cores.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "northwind"
TARGET_SECONDS = 2.0


def timed(work, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    from pptx import Presentation

    from assessment.commands.pipeline import assess
    from assessment.exports.deck import render_deck
    from assessment.model.deliverable import ConsultantLayer

    scoring, (_, results) = timed(lambda: assess(EXAMPLE), args.repeat)
    render_deck(results, ConsultantLayer())  # warm: first imports and the default template
    deck, data = timed(lambda: render_deck(results, ConsultantLayer()), args.repeat)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "deck.pptx"
        command = [sys.executable, "-c", "from assessment.cli import run; run()"]
        command += ["deck", str(EXAMPLE), "-o", str(out), "--force"]
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        cli, _ = timed(lambda: subprocess.run(command, check=True, capture_output=True, env=env), 1)
        slides = len(Presentation(str(out)).slides)
    print(f"shared scoring run (load, score, plan): {scoring:.2f} s")
    print(
        f"deck alone (python-pptx, {len(data)} bytes): {deck:.2f} s  (target < {TARGET_SECONDS} s)"
    )
    print(f"readiness deck, fresh process:          {cli:.2f} s  ({slides} slides)")


if __name__ == "__main__":
    main()
