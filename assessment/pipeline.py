"""The whole assessment: engagement folder -> validated inputs -> scores -> roadmap -> Results."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

from assessment import __version__
from assessment.loading.engagement import Engagement, load_engagement
from assessment.loading.paths import display_path
from assessment.loading.previous import load_previous_results
from assessment.model.errors import InputError, Problem
from assessment.model.results import InputFile, Results
from assessment.roadmap.planner import plan
from assessment.scoring.engine import score
from assessment.scoring.progress import progress


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def previous_results_path(engagement: Engagement, override: Path | None) -> Path | None:
    """The earlier results to compare with: the command line's, else the profile's."""
    if override is not None:
        return override
    if engagement.profile.previous_results:
        path = engagement.folder / engagement.profile.previous_results
        if not path.resolve().is_relative_to(engagement.folder.resolve()):
            raise InputError(
                Problem(
                    display_path(engagement.folder / "assessment.yaml"),
                    "must name a file inside the engagement folder",
                    field="previous_results",
                )
            )
        return path
    return None


def assess_engagement(engagement: Engagement, previous_path: Path | None = None) -> Results:
    q = engagement.questionnaire.questionnaire
    profile = engagement.profile
    responses = engagement.responses
    scores = score(responses.answers, q, profile, responses.matrix)
    roadmap = plan(
        engagement.questionnaire.actions,
        scores.dimensions,
        scores.questions,
        profile,
        engagement.rate_card,
        tailoring=engagement.questionnaire.tailoring,
    )
    files = list(engagement.input_files)
    change = None
    path = previous_results_path(engagement, previous_path)
    if path is not None:
        previous = load_previous_results(path, q.id)
        change = progress(
            previous, q, scores.overall, scores.dimensions, scores.units, scores.questions
        )
        files.append(path)
    inputs = [InputFile(path=_shown(p, engagement.folder), sha256=file_sha256(p)) for p in files]
    return Results(
        tool_version=__version__,
        questionnaire_id=q.id,
        questionnaire_version=q.version,
        organisation=profile.organisation.name,
        assessment_date=profile.assessment_date,
        ambition=profile.ambition,
        consensus=profile.scoring.consensus,
        inputs=inputs,
        participation=scores.participation,
        overall=scores.overall,
        dimensions=scores.dimensions,
        units=scores.units,
        questions=scores.questions,
        perception=scores.perception,
        free_text=scores.free_text,
        warnings=[*engagement.notices, *scores.warnings],
        progress=change,
        roadmap=roadmap,
    )


def _shown(path: Path, folder: Path) -> str:
    try:
        return path.resolve().relative_to(folder.resolve()).as_posix()
    except ValueError:
        return path.name


def assess(folder: Path, previous: Path | None = None) -> tuple[Engagement, Results]:
    """Load, validate and score an engagement folder, with progress since `previous` (an
    earlier results.json) when given. Raises InputError on bad input."""
    engagement = load_engagement(folder)
    return engagement, assess_engagement(engagement, previous)


def unit_engagement(engagement: Engagement, unit_id: str) -> Engagement:
    """The engagement narrowed to one business unit: its answers only, the organisation's
    targets with the unit's own overrides."""
    profile = engagement.profile
    unit = next(u for u in profile.business_units if u.id == unit_id)
    answers = engagement.responses.answers
    narrowed = profile.model_copy(
        update={
            "business_units": [unit],
            "targets": {**profile.targets, **profile.unit_targets.get(unit_id, {})},
            "unit_targets": {},
            "previous_results": None,
        }
    )
    mine = answers[(answers["unit"] == unit_id).to_numpy()].reset_index(drop=True)
    matrix = engagement.responses.matrix
    responses = replace(
        engagement.responses,
        answers=mine,
        matrix=matrix.rows((matrix.respondents["unit"] == unit_id).to_numpy()),
    )
    return replace(engagement, profile=narrowed, responses=responses)
