"""One report per business unit, rendered in worker processes, one report per worker at a time
so memory stays bounded however many units there are."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from assessment.commands.pipeline import assess_engagement
from assessment.common.processes import usable_cores
from assessment.loading.engagement import Engagement, load_engagement
from assessment.model.deliverable import ConsultantLayer
from assessment.model.results import Results
from assessment.scoring import hidden_reason

_ENGAGEMENT: Engagement | None = None  # loaded once per worker process
_ORGANISATION: Results | None = None  # the organisation's results, computed once by the parent


@dataclass(frozen=True)
class UnitReport:
    unit_id: str
    path: Path | None
    pages: int
    skipped: str | None = None


def _load(folder: Path, organisation: Results) -> None:
    global _ENGAGEMENT, _ORGANISATION
    _ENGAGEMENT = load_engagement(folder)
    _ORGANISATION = organisation


def _render(unit_id: str, path: Path, audience: str, layer: ConsultantLayer | None) -> UnitReport:
    from assessment.commands.output_files import write_atomically
    from assessment.commands.pipeline import assess_unit, unit_engagement
    from assessment.report.context import build_context
    from assessment.report.render import render_html, render_pdf

    assert _ENGAGEMENT is not None and _ORGANISATION is not None, "worker started empty"
    narrowed = unit_engagement(_ENGAGEMENT, unit_id)
    results = assess_unit(_ENGAGEMENT, unit_id, _ORGANISATION)
    context = build_context(
        results,
        narrowed.questionnaire.questionnaire,
        narrowed.profile,
        narrowed.folder,
        audience,
        layer=layer,
    )
    pdf = render_pdf(render_html(context), narrowed.folder)
    write_atomically(path, pdf.data)
    return UnitReport(unit_id, path, pdf.pages)


def unit_report_path(out_dir: Path, unit_id: str) -> Path:
    return out_dir / f"{unit_id}-readiness.pdf"


def render_unit_reports(
    engagement: Engagement,
    out_dir: Path,
    audience: str,
    workers: int | None = None,
    layer: ConsultantLayer | None = None,
) -> Iterator[UnitReport]:
    """Yield each unit's report as it is finished. Units with fewer respondents than the
    report's minimum group size are skipped, to protect anonymity."""
    answers = engagement.responses.answers
    counts = answers.groupby("unit", observed=True)["respondent"].nunique()
    minimum = engagement.profile.report.min_group_size
    todo = []
    for unit in engagement.profile.business_units:
        n = int(counts.get(unit.id, 0))
        why = hidden_reason(n, minimum)  # the anonymity rule scoring applies to units
        if why is not None:
            yield UnitReport(unit.id, None, 0, why)
        else:
            todo.append(unit.id)
    organisation = assess_engagement(engagement)
    workers = workers or min(len(todo), usable_cores()) or 1
    with ProcessPoolExecutor(
        max_workers=workers, initializer=_load, initargs=(engagement.folder, organisation)
    ) as pool:
        futures = [
            pool.submit(_render, u, unit_report_path(out_dir, u), audience, layer) for u in todo
        ]
        for future in as_completed(futures):
            yield future.result()
