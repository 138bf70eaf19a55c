"""The whole assessment: engagement folder -> validated inputs -> scores -> roadmap -> Results."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

from assessment import __version__
from assessment.loading.archetypes import load_archetypes
from assessment.loading.deliverable import engagement_layer
from assessment.loading.engagement import Engagement, engagement_of
from assessment.loading.setup import load_previous, load_setup
from assessment.loading.use_cases import USE_CASES_FILE, load_use_cases
from assessment.model.deliverable import ScoreOverride
from assessment.model.results import InputFile, Results
from assessment.roadmap.planner import plan
from assessment.roadmap.use_case_portfolio import portfolio
from assessment.roadmap.use_case_priority import use_case_demand
from assessment.roadmap.use_case_verdicts import Measured, Readiness, judge_use_cases
from assessment.scoring import apply_overrides, judge, progress, score, unit_scope


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 16), b""):
            digest.update(block)
    return digest.hexdigest()


def assess_engagement(
    engagement: Engagement,
    overrides: list[ScoreOverride] | None = None,
    with_use_cases: bool = True,
) -> Results:
    """`overrides`: the consultant's score overrides; by default those of the engagement's
    deliverable.yaml, so that every output of one engagement shows the same adjusted scores.
    `with_use_cases`: judge use-cases.yaml (a unit's own results take the organisation's)."""
    q = engagement.questionnaire.questionnaire
    profile = engagement.profile
    responses = engagement.responses
    loaded = engagement.questionnaire
    archetypes = load_archetypes(loaded.folder, q, loaded.actions) if with_use_cases else None
    # Read before scoring, so a bad use-cases.yaml stops the run early.
    use_cases = (
        load_use_cases(engagement.folder, profile, archetypes, engagement.rate_card)
        if with_use_cases
        else []
    )
    if overrides is None:
        overrides = engagement_layer(engagement).overrides
    scores = apply_overrides(score(responses.answers, q, profile, responses.matrix), overrides, q)
    judged = judge(q, profile, scores.dimensions, scores.questions)
    level_starts = list(judged.thresholds.level_starts)
    measured = Measured(scores.dimensions, loaded.actions, level_starts)
    roadmap = plan(
        engagement.questionnaire.actions,
        scores.dimensions,
        scores.questions,
        profile,
        engagement.rate_card,
        tailoring=engagement.questionnaire.tailoring,
        use_cases=use_case_demand(use_cases, archetypes, measured, engagement.rate_card),
    )
    change = None
    if engagement.previous is not None:
        change = progress(
            engagement.previous.results,
            q,
            scores.overall,
            scores.dimensions,
            scores.units,
            scores.questions,
        )
    files = engagement.input_files
    if use_cases:
        files = [*files, engagement.folder / USE_CASES_FILE]
    inputs = [InputFile(path=_shown(p, engagement.folder), sha256=file_sha256(p)) for p in files]
    readiness = Readiness(scores.dimensions, roadmap, loaded.actions, level_starts)
    verdicts = judge_use_cases(use_cases, archetypes, readiness, engagement.rate_card)
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
        highlights=judged.highlights,
        compliance=judged.compliance,
        thresholds=judged.thresholds,
        roadmap=roadmap,
        use_cases=verdicts,
        use_case_portfolio=portfolio(verdicts, roadmap, archetypes.policy if archetypes else None),
    )


def _shown(path: Path, folder: Path) -> str:
    try:
        return path.resolve().relative_to(folder.resolve()).as_posix()
    except ValueError:
        return path.name


def assess(folder: Path, previous: Path | None = None) -> tuple[Engagement, Results]:
    """Load, validate and score an engagement folder, with progress since `previous` (an
    earlier results.json) when given. Raises InputError on bad input, before any scoring."""
    setup = load_setup(folder)
    if previous is not None:  # the command line's earlier results replace the profile's
        setup = replace(
            setup, previous=load_previous(previous, setup.questionnaire.questionnaire.id)
        )
    engagement = engagement_of(setup)
    return engagement, assess_engagement(engagement)


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
    return replace(engagement, profile=narrowed, responses=responses, previous=None)


def assess_unit(engagement: Engagement, unit_id: str, organisation: Results) -> Results:
    """A unit's own results: its answers scored on their own, against the organisation's
    results (the comparison) and with the organisation's one plan, whose costs are
    organisation-wide. A unit never gets a plan of its own that the organisation's contradicts."""
    # The unit's own overrides adjust its scores; the organisation's are not the unit's.
    mine = [
        o.model_copy(update={"unit": None})
        for o in engagement_layer(engagement).overrides
        if o.unit == unit_id
    ]
    own = assess_engagement(unit_engagement(engagement, unit_id), mine, with_use_cases=False)
    return own.model_copy(
        update={
            "roadmap": organisation.roadmap,
            "scope": unit_scope(organisation, unit_id),
            "use_cases": organisation.use_cases,
            "use_case_portfolio": organisation.use_case_portfolio,
        }
    )
