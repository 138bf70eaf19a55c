"""The dashboard's figures: the engagement scored exactly as `readiness score` scores it, with
who is counted in the scores by unit and role.

Run as its own process (`python -m assessment.web.dashboard_figures FOLDER FINGERPRINT`) by
the dashboard's background refresh, so scoring never holds up a page and a failure stays in
that process. It writes the figures and the outcome of the attempt into the engagement's
private folder.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from assessment.common.engagement_lock import private_dir
from assessment.model.errors import InputError
from assessment.model.results import Results

FIGURES_DIR = "dashboard"
FIGURES_FILE = "figures.json"
ATTEMPT_FILE = "attempt.json"


class OpenConflict(BaseModel):
    """A respondent found in a response file and among web submissions, not yet resolved."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    respondent_id: str
    counted: str  # "web" or "file": the more recent, which counts until the consultant chooses
    file_time: dt.datetime
    web_time: dt.datetime


class Figures(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    fingerprint: str  # of the answers the figures were computed from
    computed_at: dt.datetime
    results: Results
    unit_names: dict[str, str]  # unit id -> name, in the profile's order
    role_labels: dict[str, str]  # role id -> label, in the questionnaire's order
    scored: dict[str, dict[str, int]]  # unit id -> role id -> respondents in the scores
    conflicts: list[OpenConflict] = []


def figures_dir(folder: Path) -> Path:
    return private_dir(folder) / FIGURES_DIR


def compute(folder: Path, fingerprint: str) -> Figures:
    from assessment.commands.pipeline import assess

    engagement, results = assess(folder)
    people = engagement.responses.matrix.respondents
    scored: dict[str, dict[str, int]] = {}
    pairs = zip(people["unit"].astype(str), people["role"].astype(str), strict=True)
    for unit, role in pairs:
        by_role = scored.setdefault(unit, {})
        by_role[role] = by_role.get(role, 0) + 1
    return Figures(
        fingerprint=fingerprint,
        computed_at=dt.datetime.now(dt.UTC),
        results=results,
        unit_names={u.id: u.name for u in engagement.profile.business_units},
        role_labels=dict(engagement.questionnaire.questionnaire.role_labels),
        scored=scored,
        conflicts=[
            OpenConflict(
                respondent_id=c.respondent_id,
                counted=c.counted,
                file_time=c.file_time,
                web_time=c.web_time,
            )
            for c in engagement.responses.conflicts
            if not c.resolved
        ],
    )


def write_attempt(folder: Path, fingerprint: str, problem: str | None) -> None:
    _write(
        figures_dir(folder) / ATTEMPT_FILE,
        json.dumps({"fingerprint": fingerprint, "problem": problem}),
    )


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)  # readers see the old file or the new one, never half of one


def main(argv: list[str]) -> int:
    folder, fingerprint = Path(argv[0]), argv[1]
    try:
        figures = compute(folder, fingerprint)
    except InputError as error:
        # The consultant reads this on the dashboard: the same lines `readiness score` prints.
        sys.stderr.write("\n".join(str(p) for p in error.problems) + "\n")
        return 2
    except Exception as error:  # said briefly, as the CLI says it: never a traceback
        sys.stderr.write(f"unexpected error: {type(error).__name__}: {error}\n")
        return 1
    _write(figures_dir(folder) / FIGURES_FILE, figures.model_dump_json())
    write_attempt(folder, fingerprint, None)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
