"""Everything an assessment computes, in one model; written as results.json."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from assessment.model.base import Frozen
from assessment.model.roadmap import Roadmap
from assessment.model.use_cases import UseCasePortfolio, UseCaseVerdict


class InputFile(Frozen):
    path: str
    sha256: str


class QuestionResult(Frozen):
    question_id: str
    dimension_id: str
    text: str
    weight: float
    critical: bool
    score: float | None = Field(
        description="mean answer level (1-5) over respondents; None if none"
    )
    level: int | None = Field(
        default=None, description="maturity level of the unrounded score; None if no score"
    )
    answered: int
    not_applicable: int
    dont_know: int
    unanswered: int
    top_answer: str | None = Field(
        description="label of the most frequent answer; None when several tie (see top_answers)"
    )
    top_answers: list[str] = Field(
        default_factory=list,
        description="labels of every answer tied for most frequent, one when there is no tie",
    )
    top_answer_share: float | None = Field(
        default=None, description="share (0-1) of the scored answers each of top_answers has"
    )
    top_answer_count: int | None = Field(
        default=None, description="respondents who gave each of top_answers"
    )
    median_value: float | None = Field(default=None, description="numeric questions: median")
    unit: str = ""


Interval = tuple[float, float]


class CapabilityResult(Frozen):
    name: str
    score: float | None
    level: int | None
    question_ids: list[str]


class FreeText(Frozen):
    """What respondents wrote, most frequent first; untrusted text, always shown escaped."""

    question_id: str
    text: str
    count: int


class TodayStatement(Frozen):
    """What respondents said about one question, in their own answer's words: the current
    state as the answers describe it, never generic text that could contradict them."""

    question_id: str
    answers: list[str] = Field(description="the most frequent answer's label (several on a tie)")
    count: int = Field(description="respondents who gave each of those answers")
    of: int = Field(description="respondents who answered the question")
    text: str = Field(description="the statement as every output shows it")


class ScoreOverrideNote(Frozen):
    """A consultant's adjusted score: the adjusted value drives the level, gap and plan; the
    computed value stays beside it."""

    computed_score: float | None
    rationale: str
    author: str
    date: dt.date


class DimensionResult(Frozen):
    dimension_id: str
    name: str
    weight: float
    score: float | None = Field(description="1-5; None when no question was answered")
    level: int | None
    level_name: str | None
    target: int
    gap: float = Field(
        description="THE gap every output shows: points on the 1-5 scale from gap_from to "
        "target_score, one decimal; 0 once the target level is reached, at least 0.1 before"
    )
    gap_from: float | None = Field(
        description="the score the gap is measured from, as shown (one decimal, half up): the "
        "score, or the gating critical question's when a gate holds the level down (capped_by)"
    )
    percent_to_target: float | None = Field(
        description="(score - 1) / (target's lowest score - 1) as a fraction 0-1, from the score "
        "the gap is measured from; 1 only when the target is reached; None without a score"
    )
    priority: float = Field(description="gap x dimension weight")
    confidence_interval: Interval | None = Field(
        description="95% bootstrap interval of the score; None when it rests on fewer "
        "respondents than the minimum group size (at least 2)"
    )
    no_interval_reason: str | None = Field(
        default=None, description="why there is no interval, in plain words"
    )
    dispersion: float | None = Field(description="standard deviation of respondents' scores")
    disagreement: bool
    coverage: float = Field(description="share of applicable questions answered, 0-1")
    coverage_warning: bool
    respondents: int
    capped_by: list[str] = Field(description="critical questions that hold the level down")
    capabilities: list[CapabilityResult]
    weakest_questions: list[str]
    reason: str
    target_score: float = Field(description="the lowest score that reaches the target level")
    today: list[TodayStatement] = Field(
        default_factory=list,
        description="the current state from the answers, for the questions furthest below "
        "target; none from fewer respondents than the minimum group size",
    )
    override: ScoreOverrideNote | None = Field(
        default=None, description="set when a consultant adjusted the score"
    )


class UnitDimensionScore(Frozen):
    dimension_id: str
    score: float | None
    level: int | None
    target: int
    target_score: float = Field(description="the lowest score that reaches the unit's target")
    gap: float = Field(description="as for the organisation, to the unit's own target")
    gap_from: float | None = Field(description="as for the organisation")
    confidence_interval: Interval | None = Field(
        description="as for the organisation: None below the minimum group size"
    )
    no_interval_reason: str | None = Field(default=None, description="why there is none")
    respondents: int = Field(default=0, description="respondents with a score here")
    override: ScoreOverrideNote | None = Field(
        default=None, description="set when a consultant adjusted the unit's score"
    )
    dispersion: float | None
    disagreement: bool
    coverage: float
    coverage_warning: bool


class UnitResult(Frozen):
    unit_id: str
    name: str
    respondents: int
    index: float | None
    dimensions: list[UnitDimensionScore]
    hidden: bool = Field(
        description="fewer respondents than the minimum group size: its scores must not be "
        "shown, to protect anonymity",
    )
    hidden_reason: str | None = Field(default=None, description="why it is hidden")


class PerceptionResult(Frozen):
    """Executives against everyone else, per dimension, on the same questions. (Defaults let
    a results.json written before these fields load as an earlier assessment.)"""

    dimension_id: str
    shown: bool = Field(
        default=False,
        description="false when no question was answered by at least the minimum group size "
        "in both groups; the scores are then None",
    )
    not_shown_reason: str | None = Field(default=None, description="why it is not shown")
    question_ids: list[str] = Field(
        default_factory=list,
        description="the questions compared: each answered by at least the minimum group size "
        "of executives and of practitioners",
    )
    executive_score: float | None = Field(description="1-5, over the questions compared")
    executive_level: int | None
    practitioner_score: float | None = Field(description="1-5, over the questions compared")
    practitioner_level: int | None
    gap_points: float | None = Field(
        default=None,
        description="executive score minus practitioner score, in points on the 1-5 scale",
    )
    perception_gap: bool = Field(description="the two are at least one level's width apart")


class Change(Frozen):
    """One score then and now."""

    key: str = Field(description="dimension id, 'unit/dimension' or question id")
    previous_score: float | None
    current_score: float | None
    change: float | None
    previous_level: int | None
    current_level: int | None


class Progress(Frozen):
    """Progress since an earlier assessment, matched through the questionnaire's lineage."""

    previous_date: dt.date
    previous_questionnaire_version: str
    index_change: float
    dimensions: list[Change]
    units: list[Change]
    questions: list[Change]
    unmatched_questions: list[str] = Field(description="earlier questions with no successor")


class Overall(Frozen):
    index: float = Field(ge=0, le=100, description="0-100 readiness index")
    band: str
    score: float
    level: int
    level_name: str
    computed_index: float | None = Field(
        default=None,
        description="the index from the computed scores, when a consultant's override of a "
        "dimension score moved it; None otherwise",
    )


class CompliancePoint(Frozen):
    """A standard or regulation the questionnaire cites, and whether the answers behind it
    show a weak point an auditor or regulator would notice."""

    reference: str
    question_ids: list[str] = Field(description="scored questions citing it")
    weak: bool = Field(description="one of those questions is below the weak level")


class Highlights(Frozen):
    """What the executive summary leads with. A dimension is never both a strength and a gap."""

    strengths: list[str] = Field(
        description="dimension ids to build on: not among the gaps, and at target or at level "
        "3 or above; highest score first"
    )
    largest_gaps: list[str] = Field(
        description="dimension ids short of target, highest priority (gap x weight) first"
    )


class Thresholds(Frozen):
    """The rules behind the judgments, so that a reader of results.json can quote them."""

    weak_level: int = Field(description="a question below this level is a weak point")
    perception_gap_points: float = Field(description="executives vs others: a gap from here")
    min_group_size: int = Field(description="fewer respondents than this are not shown")
    level_starts: list[float] = Field(
        default_factory=lambda: [1.0, 1.8, 2.6, 3.4, 4.2],
        description="the lowest score (as shown) of levels 1 to 5",
    )
    bands: list[tuple[float, str]] = Field(
        default_factory=list, description="readiness index bands: lower bound and name"
    )
    interval_resamples: int = Field(default=500, description="resamples behind each interval")
    coverage_warning: float = Field(default=0.7, description="coverage below this is flagged")
    disagreement_sd: float = Field(default=1.0, description="spread from which it is flagged")


class Participation(Frozen):
    respondents: int
    by_unit: dict[str, int]
    by_role: dict[str, int]


class UnitComparison(Frozen):
    """One dimension of a unit against the organisation and the other units shown."""

    dimension_id: str
    unit_score: float | None
    organisation_score: float | None
    difference: float | None = Field(
        description="unit minus organisation, in points, as the two scores are shown"
    )
    rank: int | None = Field(
        description="the unit's place among the units shown (1 = highest; ties share a place)"
    )
    units_ranked: int = Field(description="units shown with a score here")
    target_score: float
    gap: float = Field(description="the unit's own gap, as in UnitDimensionScore")
    gap_from: float | None = Field(default=None, description="as in UnitDimensionScore")


class UnitScope(Frozen):
    """What a unit's own report is about: the unit, against its organisation. Units below the
    minimum group size are counted, never named or scored."""

    unit_id: str
    unit_name: str
    respondents: int
    unit_index: float | None
    organisation_index: float
    comparison: list[UnitComparison]
    units_shown: int = Field(description="units, this one included, whose scores are shown")
    units_not_shown: int = Field(description="other units too small to show")
    actions: list[str] = Field(
        description="the organisation's planned actions this unit depends on: those serving a "
        "dimension where the unit is short of its target"
    )


class Results(Frozen):
    tool: str = "genai-readiness"
    tool_version: str
    questionnaire_id: str
    questionnaire_version: str
    organisation: str
    assessment_date: dt.date
    ambition: str
    consensus: str
    inputs: list[InputFile]
    participation: Participation
    overall: Overall
    dimensions: list[DimensionResult]
    units: list[UnitResult]
    questions: list[QuestionResult]
    perception: list[PerceptionResult]
    free_text: list[FreeText] = Field(default_factory=list)
    warnings: list[str] = Field(description="data-quality warnings, in plain language")
    progress: Progress | None = None
    highlights: Highlights
    compliance: list[CompliancePoint]
    thresholds: Thresholds
    roadmap: Roadmap
    scope: UnitScope | None = Field(
        default=None,
        description="set in a business unit's own report: the unit against the organisation; "
        "the roadmap is then the organisation's, its costs organisation-wide",
    )
    use_cases: list[UseCaseVerdict] = Field(
        default_factory=list,
        description="the engagement's use cases (use-cases.yaml), each with its verdict, "
        "reasons and the plan month it becomes possible; empty when there are none",
    )
    use_case_portfolio: UseCasePortfolio | None = Field(
        default=None,
        description="the use cases' value against feasibility and the value waiting for each "
        "blocking action; None when there are no use cases",
    )
