"""The whole assessment: engagement folder -> validated inputs -> scores -> roadmap -> Results."""

from __future__ import annotations

import hashlib
from pathlib import Path

from assessment import __version__
from assessment.loading.engagement import Engagement, load_engagement
from assessment.model.results import InputFile, Results
from assessment.roadmap.planner import plan
from assessment.scoring.engine import score


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def assess_engagement(engagement: Engagement) -> Results:
    q = engagement.questionnaire.questionnaire
    profile = engagement.profile
    scores = score(engagement.responses.answers, q, profile)
    roadmap = plan(
        engagement.questionnaire.actions,
        scores.dimensions,
        scores.questions,
        profile.planning.max_parallel_actions,
    )
    inputs = [
        InputFile(path=p.relative_to(engagement.folder).as_posix(), sha256=file_sha256(p))
        for p in engagement.input_files
    ]
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
        warnings=scores.warnings,
        roadmap=roadmap,
    )


def assess(folder: Path) -> tuple[Engagement, Results]:
    """Load, validate and score an engagement folder. Raises InputError on bad input."""
    engagement = load_engagement(folder)
    return engagement, assess_engagement(engagement)
