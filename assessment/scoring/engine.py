"""Answers -> question, dimension, unit and organisation scores with levels, targets, gaps,
intervals and data-quality flags. Formulas and constants live in the modules it calls."""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
import pandas as pd

from assessment.answers.matrix import ANSWERED, AnswerMatrix, build_matrix
from assessment.common.codes import codes_in
from assessment.common.formatting import round_half_up
from assessment.model.engagement import Profile
from assessment.model.questionnaire import Questionnaire
from assessment.model.results import (
    DimensionResult,
    FreeText,
    Overall,
    Participation,
    PerceptionResult,
    QuestionResult,
    UnitDimensionScore,
    UnitResult,
)
from assessment.scoring.aggregate import (
    respondent_dimension_scores,
    weighted_mean,
)
from assessment.scoring.anonymity import hidden_reason, too_small
from assessment.scoring.blas_threads import one_blas_thread
from assessment.scoring.capabilities import capability_results
from assessment.scoring.cell_counts import cell_counts
from assessment.scoring.coverage import coverage_by_unit
from assessment.scoring.explain import reason, weakest_questions
from assessment.scoring.free_text import free_text
from assessment.scoring.gates import capped_levels, gap_scores, gate_caps
from assessment.scoring.group_moments import Moments
from assessment.scoring.intervals import interval_or_reason
from assessment.scoring.perception import perception, sides
from assessment.scoring.policy import (
    COVERAGE_WARNING,
    DISAGREEMENT_MIN_RESPONDENTS,
    DISAGREEMENT_SD,
    band_of,
    index_of,
    level_of_score,
)
from assessment.scoring.questions import question_results
from assessment.scoring.rollup import org_rollup, unit_rollup
from assessment.scoring.targets import (
    gap,
    percent_to_target,
    target_score,
    targets_for,
    unit_targets_for,
)
from assessment.scoring.today import today_statements
from assessment.scoring.uncertainty import Bootstrap
from assessment.scoring.warnings import data_quality_warnings


@dataclass(frozen=True)
class Scores:
    overall: Overall
    dimensions: list[DimensionResult]
    units: list[UnitResult]
    questions: list[QuestionResult]
    participation: Participation
    perception: list[PerceptionResult]
    free_text: list[FreeText]
    warnings: list[str]


def rounded(value: float) -> float | None:
    return None if np.isnan(value) else round(float(value), 2)


def _level(value: float) -> int | None:
    return None if np.isnan(value) else int(value)


def _exact(value: float) -> float | None:
    return None if np.isnan(value) else float(value)


def rounded_shown(value: float) -> float | None:
    """A score as shown (one decimal, half up); None for no score."""
    return None if np.isnan(value) else round_half_up(float(value))


def score(
    answers: pd.DataFrame,
    questionnaire: Questionnaire,
    profile: Profile,
    matrix: AnswerMatrix | None = None,
) -> Scores:
    """Score tidy answers: respondents -> business units -> organisation under the engagement's
    consensus rule (see docs/methodology.md). `matrix` is build_matrix(answers, questionnaire)
    when the caller has it already (loading makes it)."""
    if matrix is None:
        matrix = build_matrix(answers, questionnaire)
    unit_ids = [u.id for u in profile.business_units]
    units = codes_in(matrix.respondents["unit"], unit_ids)
    # The bootstrap is the longest step and needs only the respondents' scores: a second
    # thread starts on it while this one scores the rest, then helps with the units left.
    # numpy lets go of the interpreter while it draws and multiplies, so on two cores both
    # run at once. Matrix products get one thread each: BLAS threads spinning while they wait
    # for work would take the cores from both.
    with one_blas_thread(), ThreadPoolExecutor(max_workers=1) as beside:
        per_respondent = respondent_dimension_scores(matrix, len(questionnaire.dimensions))
        bootstrap = Bootstrap(per_respondent, units, unit_ids, profile.scoring.consensus)
        helper = beside.submit(bootstrap.work)
        try:
            return _scores(
                questionnaire, profile, answers, matrix, units, per_respondent, bootstrap, helper
            )
        except BaseException:  # an error or Ctrl-C: the helper stops after its current unit
            bootstrap.cancel()
            raise


def _scores(
    questionnaire: Questionnaire,
    profile: Profile,
    answers: pd.DataFrame,
    matrix: AnswerMatrix,
    units: np.ndarray,
    per_respondent: np.ndarray,
    bootstrap: Bootstrap,
    helper: Future[None],
) -> Scores:
    rule = profile.scoring.consensus
    minimum = profile.report.min_group_size
    dims = questionnaire.dimensions
    n_dims = len(dims)
    dim_weights = np.array([d.weight for d in dims])
    n_units = len(profile.business_units)

    by_unit = Moments.of(per_respondent, units, n_units)
    if rule == "median":
        unit_scores = unit_rollup(per_respondent, units, n_units, rule)
    else:
        unit_scores = by_unit.means()
    org_scores = org_rollup(unit_scores, rule)
    # The cells counted once per unit and side (executives or not): the units' counts are the
    # two sides' sums, and perception compares the sides question by question.
    side_of = sides(matrix, units, n_units, questionnaire.executive_roles)
    by_side = cell_counts(matrix, side_of, 2 * n_units)
    counted = by_side.folded(2)
    if rule == "median":
        unit_q = unit_rollup(matrix.scores, units, n_units, rule)
        side_q = unit_rollup(matrix.scores, side_of, 2 * n_units, rule)
    else:
        unit_q, side_q = counted.question_means()[:-1], by_side.question_means()[:-1]
    org_q = org_rollup(unit_q, rule)

    crit, dim_of = matrix.critical, matrix.dimension_of
    unit_levels = capped_levels(unit_scores, gate_caps(unit_q, crit, dim_of, n_dims))
    org_caps = gate_caps(org_q[None, :], crit, dim_of, n_dims)[0]
    org_levels = capped_levels(org_scores, org_caps)
    unit_gap_from = gap_scores(unit_scores, unit_q, crit, dim_of)
    org_gap_from = gap_scores(org_scores[None, :], org_q[None, :], crit, dim_of)[0]

    unit_sd, org_sd = by_unit.spreads(), by_unit.overall().spreads()[0]
    unit_n, org_n = by_unit.count[:-1], by_unit.count.sum(axis=0)  # respondents with a score
    unit_cov, org_cov = coverage_by_unit(counted.states, matrix.dimension_of, n_dims)

    questions = question_results(matrix, questionnaire, org_q, counted)
    column = {qid: j for j, qid in enumerate(matrix.question_ids)}
    by_question = {r.question_id: r for r in questions}
    questions_by_id = {q.id: q for _, q in questionnaire.questions()}
    q_scores = {r.question_id: r.score for r in questions}  # rounded, for the wording
    exact_q = {  # unrounded: levels, capabilities and rankings never rest on a rounded score
        qid: None if np.isnan(org_q[j]) else float(org_q[j]) for qid, j in column.items()
    }
    targets = targets_for(questionnaire, profile)
    views = perception(
        side_q,
        by_side.states[:-1, :, ANSWERED],
        rule,
        matrix,
        [d.id for d in dims],
        minimum,
    )
    texts = free_text(answers, questionnaire)
    bootstrap.work()  # the units the other thread has not started on yet
    helper.result()
    unit_ci, org_ci = bootstrap.intervals()

    dimension_results = []
    for i, d in enumerate(dims):
        s = rounded(org_scores[i])
        level = _level(org_levels[i])
        level_name = questionnaire.level_name(level) if level else None
        target = targets[d.id]
        exact = None if s is None else float(org_scores[i])
        reference = target_score(target) if level is not None and level < target else exact
        weakest = weakest_questions(d, exact_q, reference)
        uncapped = level_of_score(exact) if exact is not None else None
        # Gates from the unrounded question scores, exactly as gate_caps applied them.
        gate_scores = {
            q.id: float(org_q[column[q.id]])
            for q in d.questions
            if q.critical and q.id in column and not np.isnan(org_q[column[q.id]])
        }
        capped_by = [
            qid
            for qid, qs in gate_scores.items()
            if uncapped is not None and level_of_score(qs) < uncapped
        ]
        # A gate holds the dimension down to its critical question: measure the gap from there.
        effective = _exact(org_gap_from[i])
        org_interval = interval_or_reason(org_ci[i], int(org_n[i]), minimum)
        disagreement = bool(
            org_n[i] >= DISAGREEMENT_MIN_RESPONDENTS and org_sd[i] >= DISAGREEMENT_SD
        )
        dimension_results.append(
            DimensionResult(
                dimension_id=d.id,
                name=d.name,
                weight=d.weight,
                score=s,
                level=level,
                level_name=level_name,
                target=target,
                gap=gap(target, effective),
                gap_from=None if effective is None else round_half_up(effective),
                percent_to_target=percent_to_target(target, effective),
                priority=round(gap(target, effective) * d.weight, 3),
                confidence_interval=org_interval[0],
                no_interval_reason=org_interval[1],
                dispersion=rounded(org_sd[i]),
                disagreement=disagreement,
                coverage=round(float(org_cov[i]), 3),
                coverage_warning=bool(org_cov[i] < COVERAGE_WARNING),
                respondents=int(org_n[i]),
                capped_by=capped_by,
                capabilities=capability_results(d, exact_q),
                weakest_questions=weakest,
                reason=reason(d, s, level_name, level, target, weakest, q_scores, capped_by),
                today=today_statements(
                    [
                        (questions_by_id[qid], by_question[qid])
                        for qid in dict.fromkeys(
                            [*capped_by, *weakest_questions(d, exact_q, reference, shown=None)]
                        )
                        if qid in by_question
                    ],
                    minimum,
                ),
                target_score=target_score(target),
            )
        )

    overall_score = weighted_mean(org_scores, dim_weights)
    overall_score = 1.0 if overall_score is None else overall_score
    overall_level = level_of_score(overall_score)
    index = index_of(overall_score)
    overall = Overall(
        index=index,
        band=band_of(index),
        score=round(overall_score, 2),
        level=overall_level,
        level_name=questionnaire.level_name(overall_level),
    )

    per_unit = np.bincount(units[units >= 0], minlength=n_units).tolist()
    counts = {u.id: n for u, n in zip(profile.business_units, per_unit, strict=True)}
    unit_results = []
    for u, unit in enumerate(profile.business_units):
        u_targets = unit_targets_for(targets, profile, unit.id)
        u_score = weighted_mean(unit_scores[u], dim_weights)
        shown = [
            interval_or_reason(unit_ci[u, i], int(unit_n[u, i]), minimum) for i in range(n_dims)
        ]
        unit_results.append(
            UnitResult(
                unit_id=unit.id,
                name=unit.name,
                respondents=counts[unit.id],
                index=None if u_score is None else index_of(u_score),
                dimensions=[
                    UnitDimensionScore(
                        dimension_id=d.id,
                        score=rounded(unit_scores[u, i]),
                        level=_level(unit_levels[u, i]),
                        target=u_targets[d.id],
                        target_score=target_score(u_targets[d.id]),
                        gap=gap(u_targets[d.id], _exact(unit_gap_from[u, i])),
                        gap_from=rounded_shown(unit_gap_from[u, i]),
                        confidence_interval=shown[i][0],
                        no_interval_reason=shown[i][1],
                        respondents=int(unit_n[u, i]),
                        dispersion=rounded(unit_sd[u, i]),
                        disagreement=bool(
                            unit_n[u, i] >= DISAGREEMENT_MIN_RESPONDENTS
                            and unit_sd[u, i] >= DISAGREEMENT_SD
                        ),
                        coverage=round(float(unit_cov[u, i]), 3),
                        coverage_warning=bool(unit_cov[u, i] < COVERAGE_WARNING),
                    )
                    for i, d in enumerate(dims)
                ],
                hidden=too_small(counts[unit.id], minimum),
                hidden_reason=hidden_reason(counts[unit.id], minimum),
            )
        )

    participation = Participation(
        respondents=len(matrix.respondents),
        by_unit=counts,
        by_role={
            str(role): int(n)
            for role, n in sorted(matrix.respondents["role"].value_counts().items())
            if n > 0  # roles seen elsewhere in the engagement, not in these rows
        },
    )
    warnings = data_quality_warnings(dimension_results, unit_results, views, questionnaire)
    return Scores(
        overall, dimension_results, unit_results, questions, participation, views, texts, warnings
    )
