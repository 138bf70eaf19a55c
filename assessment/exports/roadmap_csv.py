"""The roadmap as CSV for project tools: one row per action, deferred actions included."""

from __future__ import annotations

import csv
import io

from assessment.exports.cells import neutralise
from assessment.model.results import Results

COLUMNS = (
    "id",
    "title",
    "status",
    "phase",
    "start_month",
    "end_month",
    "duration_months",
    "depends_on",
    "prerequisites_in_place",
    "urgent",
    "owners",
    "deliverable",
    "kpis",
    "dimensions",
    "effort",
    "quick_win",
    "priority",
    "capex_low",
    "capex_high",
    "opex_per_year_low",
    "opex_per_year_high",
    "currency",
    "cost_assumption",
    "reason",
)


def roadmap_csv(results: Results) -> str:
    roadmap = results.roadmap
    # Prerequisites already in place are named by title: the file names only its own ids.
    titles = {a.id: a.title for a in roadmap.actions}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for a in roadmap.actions:
        row = [
            a.id,
            a.title,
            "planned",
            a.phase,
            a.start_month,
            a.end_month,
            a.end_month - a.start_month,
            "; ".join(d for d in a.depends_on if d in titles),
            "; ".join(p.title for p in a.prerequisites_in_place),
            "yes" if a.urgent else "no",
            "; ".join(a.owners),
            a.deliverable,
            "; ".join(f"{k.name}: {k.target}" for k in a.kpis),
            "; ".join(a.dimensions),
            a.effort,
            "yes" if a.quick_win else "no",
            a.priority,
            f"{a.capex.low:.0f}",
            f"{a.capex.high:.0f}",
            f"{a.opex_per_year.low:.0f}",
            f"{a.opex_per_year.high:.0f}",
            roadmap.currency,
            a.cost_assumption,
            a.reason,
        ]
        writer.writerow([neutralise(cell) for cell in row])
    # Programme lines (seats, usage, the team) carry only their phase and cost columns.
    for c in roadmap.cost_lines:
        if c.kind == "action":
            continue
        row = [
            c.id,
            c.label,
            "programme cost",
            c.phase,
            *[""] * (COLUMNS.index("capex_low") - 4),
            f"{c.capex.low:.0f}",
            f"{c.capex.high:.0f}",
            f"{c.opex_per_year.low:.0f}",
            f"{c.opex_per_year.high:.0f}",
            roadmap.currency,
            c.assumption,
            "",
        ]
        writer.writerow([neutralise(cell) for cell in row])
    for d in roadmap.deferred:
        row = [d.id, d.title, "deferred", *[""] * (len(COLUMNS) - 4), d.reason]
        writer.writerow([neutralise(cell) for cell in row])
    return out.getvalue()
