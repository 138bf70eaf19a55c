"""Benchmark: render the example's full report, and a 50-unit --per-unit run.

    python benchmarks/bench_report.py [--skip-per-unit]

Prints pages, wall time (median of --repeat runs) of `readiness report`, the ratio of that
time to WeasyPrint alone rendering the same final HTML with the same PDF options (tagged,
PDF/UA-1), what tagging itself costs WeasyPrint, the time of `readiness --help`, and the peak
memory of a 50-unit --per-unit run. Targets (issues 6 and 14): ratio under 1.3 with tagging
on, the full example under 8 s, --help under 0.5 s, memory bounded on the per-unit run.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from assessment.report.render import PDF_OPTIONS

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "northwind"


def run(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True)
    return time.perf_counter() - start


def weasyprint_alone(html_path: Path, options: dict[str, object]) -> tuple[float, int]:
    """WeasyPrint alone on the final HTML, in a fresh process like the CLI run, writing the
    PDF with `options`."""
    code = (
        "import json, sys, time\n"
        "t = time.perf_counter()\n"
        "from weasyprint import HTML\n"
        "doc = HTML(filename=sys.argv[1]).render()\n"
        "doc.write_pdf(**json.loads(sys.argv[2]))\n"
        "print(time.perf_counter() - t, len(doc.pages))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(html_path), json.dumps(options)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()
    return float(out[0]), int(out[1])


def per_unit_engagement(folder: Path, units: int, per_unit: int) -> None:
    """The example's answers spread over `units` units (respondent ids made unique)."""
    import csv

    folder.mkdir(parents=True)
    text = (EXAMPLE / "assessment.yaml").read_text()
    head, _, _ = text.partition("business_units:")
    _, _, tail = text.partition("report:")
    unit_ids = [f"unit-{u:02d}" for u in range(units)]
    (folder / "assessment.yaml").write_text(
        head
        + "business_units:\n"
        + "".join(f"  - {{id: {u}, name: Unit {u}}}\n" for u in unit_ids)
        + "report:"
        + tail
    )
    (folder / "responses").mkdir()
    rows = list(csv.reader((EXAMPLE / "responses" / "claims.csv").open()))
    header, body = rows[0], rows[1:]
    respondents = sorted({r[0] for r in body})[:per_unit]
    with (folder / "responses" / "all.csv").open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for unit in unit_ids:
            for r in body:
                if r[0] in respondents:
                    writer.writerow([f"{unit}-{r[0]}", unit, *r[2:]])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-per-unit", action="store_true")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (median shown)")
    args = parser.parse_args()
    exe = shutil.which("readiness") or str(Path(sys.executable).parent / "readiness")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        help_s = min(run([exe, "--help"]) for _ in range(3))
        # Each figure is the median of several runs, alternating, so that a burst of noise on
        # a shared machine moves no single figure much.
        report_runs, alone_runs, untagged_runs, both_runs = [], [], [], []
        for _ in range(args.repeat):
            pdf, html = str(out / "r.pdf"), str(out / "r.html")
            both_runs.append(
                run([exe, "report", str(EXAMPLE), "-o", pdf, "--force", "--html", html])
            )
            # The HTML output is standalone; WeasyPrint renders it from the same content.
            alone, pages = weasyprint_alone(out / "r.html", PDF_OPTIONS)
            alone_runs.append(alone)
            untagged_runs.append(weasyprint_alone(out / "r.html", {})[0])
            report_runs.append(
                run([exe, "report", str(EXAMPLE), "-o", str(out / "r2.pdf"), "--force"])
            )
        report_s, alone_s = statistics.median(both_runs), statistics.median(alone_runs)
        report_only_s = statistics.median(report_runs)
        untagged_s = statistics.median(untagged_runs)
        print(f"readiness --help:           {help_s:.2f} s   (target < 0.5 s)")
        print(
            f"full example report:        {pages} pages, {report_only_s:.2f} s   (target < 8 s; "
            f"runs {', '.join(f'{t:.2f}' for t in report_runs)})"
        )
        print(f"  with --html as well:      {report_s:.2f} s")
        print(
            f"WeasyPrint alone, same HTML: {alone_s:.2f} s; ratio "
            f"{report_only_s / alone_s:.2f}   (target < 1.3)"
        )
        print(
            f"  the same untagged:        {untagged_s:.2f} s; tagging costs WeasyPrint "
            f"{alone_s / untagged_s - 1:+.0%}"
        )
        if not args.skip_per_unit:
            folder = out / "fifty"
            per_unit_engagement(folder, units=50, per_unit=5)
            before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            units_s = run([exe, "report", str(folder), "--per-unit", str(out / "units")])
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
            made = len(list((out / "units").glob("*.pdf")))
            print(
                f"50-unit --per-unit run:     {made} reports in {units_s:.1f} s; largest "
                f"process peak {max(peak, before) / 1024:.0f} MiB"
            )


if __name__ == "__main__":
    main()
