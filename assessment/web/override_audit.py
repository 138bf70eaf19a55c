"""Score overrides in the audit log.

A consultant adjusts a score in the engagement's deliverable.yaml, with their name, the date
and why (docs/consultant-layer.md); results.json carries each adjustment beside the computed
score. When the dashboard's figures first show an adjustment, a changed one or one withdrawn,
the audit log records it with what the file says: who, when and why.
"""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy.orm import Session

from assessment.common.formatting import score_text
from assessment.model.results import Results, ScoreOverrideNote
from assessment.web.audit import record
from assessment.web.dashboard_figures import figures_dir

AUDITED_FILE = "overrides-audited.json"  # the adjustments the audit log last recorded
ADJUSTED, WITHDRAWN = "score adjusted", "score adjustment withdrawn"


def _line(where: str, score: float | None, note: ScoreOverrideNote) -> str:
    return (
        f"{where}: {score_text(note.computed_score)} to {score_text(score)}, by {note.author} "
        f"on {note.date.isoformat()} (deliverable.yaml): {note.rationale}"
    )


def adjustments(results: Results) -> dict[str, str]:
    """Every adjusted score, by where it is (dimension, or unit and dimension)."""
    names = {d.dimension_id: d.name for d in results.dimensions}
    found = {
        d.dimension_id: _line(d.name, d.score, d.override)
        for d in results.dimensions
        if d.override is not None
    }
    for unit in results.units:
        for d in unit.dimensions:
            if d.override is not None:
                where = f"{unit.name}, {names.get(d.dimension_id, d.dimension_id)}"
                found[f"{unit.unit_id}/{d.dimension_id}"] = _line(where, d.score, d.override)
    return found


def record_adjustments(
    session: Session, engagement_id: str, folder: Path, results: Results
) -> None:
    """Enter in the audit log what changed in the adjustments since it last looked; committed
    before the record of what it has seen is updated, so nothing is ever left out (at worst,
    after a crash between the two, an entry is made twice)."""
    path = figures_dir(folder) / AUDITED_FILE
    try:
        seen = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        seen = {}
    now = adjustments(results)
    if now == seen:
        return
    for key, line in now.items():
        if seen.get(key) != line:
            record(session, ADJUSTED, consultant_id=None, engagement_id=engagement_id, detail=line)
    for key, line in seen.items():
        if key not in now:
            record(session, WITHDRAWN, consultant_id=None, engagement_id=engagement_id, detail=line)
    session.commit()
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(now, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    temporary.replace(path)
