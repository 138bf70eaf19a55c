"""Benchmark: the example's analysis workbook.

    python benchmarks/bench_workbook.py [--repeat N]

Prints the median wall time of the scoring run every command shares (load, score, plan), of
the workbook on top of it (answer rows and pseudonyms, then rendering and saving the .xlsx),
of `readiness workbook` as a whole in a fresh process, and the workbook's size. Target
(issue 14): the workbook under 2 s for the example on 2 cores, scoring excluded.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "northwind"


def median_seconds(step: Callable[[], T], repeat: int) -> tuple[float, T]:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        value = step()
        times.append(time.perf_counter() - start)
    return statistics.median(times), value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    from assessment.commands.pipeline import assess
    from assessment.commands.workbook import workbook_parts
    from assessment.exports.workbook import render_workbook

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "northwind"
        shutil.copytree(EXAMPLE, folder)  # the pseudonym key is made in the copy
        scoring, (engagement, results) = median_seconds(lambda: assess(folder), args.repeat)
        parts_time, parts = median_seconds(lambda: workbook_parts(engagement, results), args.repeat)
        render_time, data = median_seconds(
            lambda: render_workbook(results, parts.layer, parts.answers, parts.dates),
            args.repeat,
        )
        out = Path(tmp) / "northwind.xlsx"
        start = time.perf_counter()
        cli = "from assessment.cli import run; run()"
        subprocess.run(
            [sys.executable, "-c", cli, "workbook", str(folder), "-o", str(out)],
            check=True,
            capture_output=True,
            env={**os.environ, "PYTHONPATH": str(REPO)},  # this checkout, not an install
        )
        command = time.perf_counter() - start
    workbook = parts_time + render_time
    print(f"scoring run (shared, excluded): {scoring:.2f} s")
    print(f"answer rows and pseudonyms:     {parts_time:.2f} s ({len(parts.answers.rows)} rows)")
    print(f"render and save the .xlsx:      {render_time:.2f} s ({len(data) / 1024:.0f} KiB)")
    print(f"workbook, scoring excluded:     {workbook:.2f} s (target under 2 s)")
    print(f"readiness workbook, whole run:  {command:.2f} s")


if __name__ == "__main__":
    main()
