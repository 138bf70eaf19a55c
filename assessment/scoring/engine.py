"""Answers -> question, dimension, unit and organisation scores with levels, targets and gaps."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np
import pandas as pd

from assessment.model.engagement import Profile
from assessment.model.questionnaire import Questionnaire
from assessment.model.responses import DONT_KNOW, NOT_APPLICABLE
from assessment.model.results import (
    DimensionResult,
    Overall,
    Participation,
    QuestionResult,
    UnitDimensionScore,
    UnitResult,
)
from assessment.scoring.aggregate import (
    coverage,
    group_means,
    respondent_dimension_scores,
    weighted_mean,
)
from assessment.scoring.explain import reason, weakest_questions
from assessment.scoring.matrix import ANSWERED, DK, MISSING, NA, AnswerMatrix, build_matrix
from assessment.scoring.policy import band_of, index_of, level_of, level_of_score
from assessment.scoring.targets import gap_levels, score_gap, target_score, targets_for


@dataclass(frozen=True)
class Scores:
    overall: Overall
    dimensions: list[DimensionResult]
    units: list[UnitResult]
    questions: list[QuestionResult]
    participation: Participation


def _optional(value: float) -> float | None:
    return None if np.isnan(value) else round(float(value), 2)


def score(answers: pd.DataFrame, questionnaire: Questionnaire, profile: Profile) -> Scores:
    """Score tidy answers. Respondents roll up to their business unit (mean), and units to the
    organisation (mean of units, so a large unit does not drown out a small one)."""
    matrix = build_matrix(answers, questionnaire)
    dims = questionnaire.dimensions
    n_dims = len(dims)
    dim_weights = np.array([d.weight for d in dims])
    unit_ids = [u.id for u in profile.business_units]
    unit_codes = pd.Categorical(matrix.respondents["unit"], categories=unit_ids).codes

    per_respondent = respondent_dimension_scores(matrix, n_dims)
    unit_scores = group_means(per_respondent, unit_codes, len(unit_ids))
    org_scores = np.array(
        [np.nan if np.isnan(col).all() else float(np.nanmean(col)) for col in unit_scores.T]
    )
    org_levels = level_of(org_scores)

    unit_question = group_means(matrix.scores, unit_codes, len(unit_ids))
    org_question = np.array(
        [np.nan if np.isnan(col).all() else float(np.nanmean(col)) for col in unit_question.T]
    )
    questions = _question_results(matrix, questionnaire, answers, org_question)
    q_scores = {r.question_id: r.score for r in questions}

    targets = targets_for(questionnaire, profile)
    dim_coverage = coverage(matrix, n_dims)
    respondents_per_dim = (
        (~np.isnan(per_respondent)).sum(axis=0) if len(per_respondent) else np.zeros(n_dims)
    )
    dimension_results = []
    for i, d in enumerate(dims):
        s = _optional(org_scores[i])
        level = None if np.isnan(org_levels[i]) else int(org_levels[i])
        level_name = questionnaire.level_name(level) if level else None
        below_target = level is not None and level < targets[d.id]
        reference = target_score(targets[d.id]) if below_target else s
        weakest = weakest_questions(d, q_scores, reference)
        dimension_results.append(
            DimensionResult(
                dimension_id=d.id,
                name=d.name,
                weight=d.weight,
                score=s,
                level=level,
                level_name=level_name,
                target=targets[d.id],
                gap_levels=gap_levels(targets[d.id], level),
                score_gap=score_gap(targets[d.id], s),
                coverage=round(float(dim_coverage[i]), 3),
                respondents=int(respondents_per_dim[i]),
                weakest_questions=weakest,
                reason=reason(d, s, level_name, level, targets[d.id], weakest, q_scores),
            )
        )

    overall_score = weighted_mean(org_scores, dim_weights)
    if overall_score is None:
        overall_score = 1.0
    overall_level = level_of_score(overall_score)
    index = index_of(overall_score)
    overall = Overall(
        index=index,
        band=band_of(index),
        score=round(overall_score, 2),
        level=overall_level,
        level_name=questionnaire.level_name(overall_level),
    )

    counts = Counter(matrix.respondents["unit"])
    units = []
    for u_pos, unit in enumerate(profile.business_units):
        u_score = weighted_mean(unit_scores[u_pos], dim_weights)
        u_levels = level_of(unit_scores[u_pos])
        units.append(
            UnitResult(
                unit_id=unit.id,
                name=unit.name,
                respondents=counts.get(unit.id, 0),
                index=None if u_score is None else index_of(u_score),
                dimensions=[
                    UnitDimensionScore(
                        dimension_id=d.id,
                        score=_optional(unit_scores[u_pos, i]),
                        level=None if np.isnan(u_levels[i]) else int(u_levels[i]),
                    )
                    for i, d in enumerate(dims)
                ],
            )
        )

    participation = Participation(
        respondents=len(matrix.respondents),
        by_unit={u.id: counts.get(u.id, 0) for u in profile.business_units},
        by_role=dict(sorted(Counter(matrix.respondents["role"]).items())),
    )
    return Scores(overall, dimension_results, units, questions, participation)


def _question_results(
    matrix: AnswerMatrix,
    questionnaire: Questionnaire,
    answers: pd.DataFrame,
    org_question: np.ndarray,
) -> list[QuestionResult]:
    states = matrix.states
    column = {qid: i for i, qid in enumerate(matrix.question_ids)}
    chosen = answers[~answers["answer"].isin(["", NOT_APPLICABLE, DONT_KNOW])]
    # Most frequent option; ties go to the lower option id so input order never matters.
    counts = chosen.groupby(["question", "answer"]).size().reset_index(name="n")
    counts = counts.sort_values(["question", "n", "answer"], ascending=[True, False, True])
    top = counts.drop_duplicates("question").set_index("question")["answer"]
    results = []
    for d, q in questionnaire.questions():
        if not q.scored:
            continue
        j = column[q.id]
        top_id = top.get(q.id)
        option = q.option(str(top_id)) if top_id is not None else None
        results.append(
            QuestionResult(
                question_id=q.id,
                dimension_id=d.id,
                text=q.text,
                weight=q.weight,
                critical=q.critical,
                score=_optional(org_question[j]),
                answered=int((states[:, j] == ANSWERED).sum()),
                not_applicable=int((states[:, j] == NA).sum()),
                dont_know=int((states[:, j] == DK).sum()),
                unanswered=int((states[:, j] == MISSING).sum()),
                top_answer=option.label if option else None,
            )
        )
    return results
