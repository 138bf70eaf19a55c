"""Typed views the templates render: plain values, already formatted."""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from assessment.model.roadmap import Kpi
from assessment.report.consultant_views import ConsultantView
from assessment.report.method_text import MethodSection


@dataclass(frozen=True)
class LevelView:
    level: int
    name: str
    description: str
    level_class: str


@dataclass(frozen=True)
class QuestionView:
    id: str
    text: str
    score: str
    level_class: str
    top_answer: str
    answered: int
    not_applicable: int
    dont_know: int
    unanswered: int
    critical: bool
    references: list[str]


@dataclass(frozen=True)
class ActionView:
    id: str
    dimension_id: str
    title: str
    dimensions: str
    owners: str
    deliverable: str
    kpis: list[Kpi]
    phase: int
    months: str
    start_month: int
    end_month: int
    effort: str
    quick_win: bool
    depends_on: str
    reason: str
    best_practices: list[str]
    pitfalls: list[str]
    capex: str
    opex: str
    cost_assumption: str
    compliance: bool
    urgent: bool
    in_place: str
    priority: str
    unblocks: str = ""  # the use cases it unblocks and the value behind them


@dataclass(frozen=True)
class DimensionView:
    id: str
    name: str
    headline: str
    summary: str
    score: str
    level: int | None
    level_name: str
    level_class: str
    descriptor: str
    target: int
    target_name: str
    target_descriptor: str
    target_score: str
    gap: str  # points, as every output shows it
    gap_phrase: str  # the gap in words, and from where when a gate measures it
    gap_from_note: str  # "from 1.6, a gating question" when a gate measures the gap
    interval_short: str
    override_note: str  # who adjusted the score, from what and why; empty when not adjusted
    today: list[str]  # what respondents said, from results.json
    coverage: str
    coverage_warning: bool
    interval: str
    dispersion: str
    disagreement: bool
    capped_by: str
    respondents: int
    reason: str
    questions: list[QuestionView]  # the answers that drive the score
    all_questions: list[QuestionView]
    actions: list[ActionView]


@dataclass(frozen=True)
class HeatCell:
    text: str
    level_class: str


@dataclass(frozen=True)
class UnitRow:
    name: str
    respondents: int
    index: str
    cells: list[HeatCell]
    hidden: bool


@dataclass(frozen=True)
class PhaseView:
    number: int
    name: str
    months: str
    focus: str
    actions: list[ActionView]


@dataclass(frozen=True)
class PhaseCostView:
    name: str
    capex: str
    opex: str


@dataclass(frozen=True)
class CostLineView:
    id: str
    label: str
    phase: str
    capex: str
    opex: str
    assumption: str
    programme: bool


@dataclass(frozen=True)
class ScorecardView:
    action_id: str
    kpi: str
    owner: str
    target: str
    measure: str
    due: str
    baseline: str


@dataclass(frozen=True)
class ObligationView:
    date: str
    title: str
    duty: str
    reference: str
    status: str
    status_key: str
    summary: str
    plan_text: str


@dataclass(frozen=True)
class PerceptionView:
    dimension: str
    executive: str
    practitioners: str
    difference: str  # in points, or why the two groups are not shown apart
    gap: bool


@dataclass(frozen=True)
class DecisionView:
    title: str
    owner: str
    decide_by: str
    cost: str
    reason: str
    trace: str  # the action ids behind it, for the full report only
    budget: bool


@dataclass(frozen=True)
class UnitComparisonView:
    dimension: str
    unit_score: str
    organisation_score: str
    difference: str
    rank: str
    target: str
    gap: str


@dataclass(frozen=True)
class UnitScopeView:
    name: str
    respondents: int
    rows: list[UnitComparisonView]
    units_shown: int
    note: str
    actions: int


@dataclass(frozen=True)
class FirstDaysView:
    title: str
    owner: str
    starts: str
    ends: str
    deliverable: str
    cost: str


@dataclass(frozen=True)
class PhaseBudgetView:
    name: str
    when: str
    capex: str
    opex: str
    buys: list[str]
    focus: str


@dataclass(frozen=True)
class ChangeView:
    dimension: str
    before: str
    now: str
    change: str


@dataclass(frozen=True)
class VoiceView:
    question: str
    texts: list[tuple[str, int]]


@dataclass(frozen=True)
class CompliancePoint:
    reference: str
    questions: str
    weak: bool


@dataclass(frozen=True)
class QualityRow:
    dimension: str
    score: str
    interval: str
    coverage: str
    dispersion: str
    flags: str


@dataclass(frozen=True)
class BlockingView:
    need: str  # what is short: the dimension or capability, its level and the needed one
    actions: str  # the actions that close it, with their ids (full report)
    titles: str  # the same without ids (board brief)


@dataclass(frozen=True)
class UseCaseView:
    name: str
    unit: str
    risk: str  # the AI Act risk tier and the organisation's role
    value: str
    reason: str
    blocking: list[BlockingView]
    conditions: list[str]
    when: str  # the month and date it becomes possible, or "not within the plan"
    duties: list[str]
    override: str
    waits_for: list[str]  # the closing actions' titles, in plain words (board brief)
    possible_from: str  # the month it becomes possible, as a date (board brief)


@dataclass(frozen=True)
class VerdictGroupView:
    key: str
    title: str
    use_cases: list[UseCaseView]


@dataclass(frozen=True)
class StakeView:
    title: str
    use_cases: str
    count: int
    value: str


@dataclass(frozen=True)
class UseCaseSection:
    matrix_svg: Markup
    matrix_note: str
    groups: list[VerdictGroupView]  # one per verdict that has use cases, go first
    start_now: list[UseCaseView]  # go and go with conditions
    waiting: list[UseCaseView]  # not yet
    never: list[UseCaseView]
    value_at_stake: str
    stakes: list[StakeView]  # largest value first


@dataclass(frozen=True)
class ReportContext:
    title: str
    organisation: str
    industry: str
    size_text: str
    region: str
    date_text: str
    questionnaire_title: str
    questionnaire_version: str
    tool_version: str
    confidentiality: str
    prepared_by: str
    accent: str
    paper: str
    ambition: str
    ambition_description: str
    levels: list[LevelView]
    index: str
    scale_note: str
    band: str
    overall_level: int
    overall_level_name: str
    headline: str
    respondents: int
    unit_count: int
    by_role: list[tuple[str, int]]
    strengths: list[DimensionView]
    largest_gaps: list[DimensionView]
    dimensions: list[DimensionView]
    units: list[UnitRow]
    unit_groups: list[list[UnitRow]]  # the heatmap's parts: at most a page-width of units each
    phases: list[PhaseView]
    deferred: list[tuple[str, str, str]]
    action_count: int
    quick_wins: list[ActionView]
    radar_svg: Markup
    gaps_svg: Markup
    gantt_svgs: list[Markup]
    source_line: str
    currency: str
    total_capex: str
    total_opex: str
    phase_costs: list[PhaseCostView]
    cost_lines: list[CostLineView]
    cost_assumptions: list[str]
    scorecard: list[ScorecardView]
    obligations: list[ObligationView]
    regulation: str | None
    tailoring: list[str]
    decisions: list[DecisionView]
    first_days: list[FirstDaysView]
    deadlines: list[ObligationView]
    phase_budgets: list[PhaseBudgetView]
    edition: str  # full, executive (the board brief) or unit
    subject: str  # who the report is about: the organisation, or the unit
    scope: UnitScopeView | None
    edition_label: str
    perception: list[PerceptionView]
    full: bool
    min_group_size: int
    weak_level: int
    horizon_months: int
    perception_gap_points: str
    compliance_points: list[CompliancePoint]
    quality: list[QualityRow]
    unit_participation: list[tuple[str, int]]
    method: list[MethodSection]
    logo_uri: str | None
    voices: list[VoiceView]
    progress_line: str | None
    progress: list[ChangeView]
    consultant: ConsultantView  # the consultant's layer: document control, commentary, theme
    warnings: list[str] = field(default_factory=list)
    use_cases: UseCaseSection | None = None  # None: the engagement has no use cases
