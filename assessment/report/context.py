"""Results -> the typed context the templates render. Formats values; never computes scores."""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from assessment import __version__
from assessment.common.formatting import (
    gap_is_gated,
    gap_text,
    long_date,
    money_range,
    scale_note,
    signed_text,
    whole_text,
)
from assessment.model.deliverable import ConsultantLayer, Theme
from assessment.model.engagement import Profile
from assessment.model.questionnaire import Questionnaire
from assessment.model.results import CompliancePoint as ResultCompliancePoint
from assessment.model.results import (
    DimensionResult,
    PerceptionResult,
    QuestionResult,
    Results,
    UnitResult,
)
from assessment.report.charts.bars import GapBar, gap_bars
from assessment.report.charts.gantt import GanttBar, GanttPhase, gantt_charts
from assessment.report.charts.radar import RadarAxis, radar_chart
from assessment.report.consultant_views import consultant_view
from assessment.report.logo import logo_data_uri
from assessment.report.method_text import method_sections
from assessment.report.page_split import balanced_chunks
from assessment.report.roadmap_views import (
    action_view,
    cost_line_views,
    deadline_views,
    decision_views,
    first_days_views,
    obligation_views,
    phase_budget_views,
    phase_cost_views,
    phase_views,
    scorecard_views,
)
from assessment.report.use_case_views import use_case_section
from assessment.report.views import (
    ChangeView,
    CompliancePoint,
    DimensionView,
    HeatCell,
    LevelView,
    PerceptionView,
    QualityRow,
    QuestionView,
    ReportContext,
    UnitComparisonView,
    UnitRow,
    UnitScopeView,
    VoiceView,
)
from assessment.report.wording import percent, score_text

EDITION_LABELS = {"full": "Full report", "executive": "Board brief"}
UNIT_EDITION_LABELS = {"full": "Business unit report", "executive": "Board brief"}

# More tied most-frequent answers than this are counted, not listed.
TIES_LISTED = 3

# Business units side by side in one heatmap: more and their names no longer fit the page.
HEATMAP_UNITS = 8


def level_class(level: int | None) -> str:
    """The CSS class that colours a level (report.css holds the palette)."""
    return f"lv-{level}" if level else "lv-none"


def _headline(d: DimensionResult) -> str:
    if d.level is None:
        return f"{d.name} could not be scored"
    if d.gap == 0:
        return f"{d.name} meets its target of level {d.target}"
    return f"{d.name} is {d.gap:.1f} points short of its target of {d.target_score:.1f}"


def _gap_phrase(d: DimensionResult) -> str:
    if d.gap == 0:
        return "none: the target is reached"
    if gap_is_gated(d.gap, d.gap_from, d.score):
        return (
            f"{d.gap:.1f} points, from {d.gap_from:.1f}: the score of the critical question "
            "that holds the level down"
        )
    return f"{d.gap:.1f} points"


def _headline_sentence(results: Results, organisation: str) -> str:
    o, scope = results.overall, results.scope
    if scope is None:
        return (
            f"{organisation} is at level {o.level} ({o.level_name}) with a readiness index of "
            f"{whole_text(o.index)} out of 100: {o.band.lower()}."
        )
    return (
        f"{scope.unit_name} is at level {o.level} ({o.level_name}) with a readiness index of "
        f"{whole_text(o.index)} out of 100, against {whole_text(scope.organisation_index)} for "
        f"{organisation} as a whole."
    )


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def unit_scope_view(results: Results) -> UnitScopeView:
    """The unit against its organisation, as scoring compared them."""
    scope = results.scope
    assert scope is not None
    names = {d.dimension_id: d.name for d in results.dimensions}
    rows = [
        UnitComparisonView(
            dimension=names.get(c.dimension_id, c.dimension_id),
            unit_score=score_text(c.unit_score),
            organisation_score=score_text(c.organisation_score),
            difference="n/a" if c.difference is None else signed_text(c.difference),
            rank="n/a"
            if c.rank is None
            else f"{_ordinal(c.rank)} of {c.units_ranked}",
            target=f"{c.target_score:.1f}",
            gap=gap_text(c.gap, c.gap_from, c.unit_score),
        )
        for c in scope.comparison
    ]
    others = scope.units_not_shown
    note = (
        f" {others} other unit{'s are' if others != 1 else ' is'} too small to show and "
        "left out of the ranking."
        if others
        else ""
    )
    return UnitScopeView(
        name=scope.unit_name,
        respondents=scope.respondents,
        rows=rows,
        units_shown=scope.units_shown,
        note=note,
        actions=len(scope.actions),
    )


def _override_note(d: DimensionResult, style: str) -> str:
    """An adjusted score is never silent: who, when, from what and why."""
    o = d.override
    if o is None:
        return ""
    return (
        f"Adjusted by {o.author} on {long_date(o.date, style)} from {score_text(o.computed_score)}"
        f", the score the answers give: {o.rationale.rstrip('.')}."
    )


def _gap_from_note(d: DimensionResult) -> str:
    gated = gap_is_gated(d.gap, d.gap_from, d.score)
    return f"from {d.gap_from:.1f}, a gating question" if gated else ""


def _interval_short(d: DimensionResult) -> str:
    if d.confidence_interval is None:
        return "none: too few respondents"
    low, high = d.confidence_interval
    return f"{score_text(low)} to {score_text(high)}"


def build_context(
    results: Results,
    questionnaire: Questionnaire,
    profile: Profile,
    folder: Path | None = None,
    audience: str = "full",
    layer: ConsultantLayer | None = None,
) -> ReportContext:
    """`folder` is the engagement folder (for the logo); `audience` is "full" or "executive"
    (the board brief). A unit's own results (results.scope) make a unit edition: the unit is the
    subject, compared with its organisation, and the plan shows the actions it depends on.
    `layer` is the consultant's (default: a draft without commentary, in the profile's colour)."""
    theme = Theme().with_fallback(profile.report.accent_colour, profile.report.logo)
    layer = layer or ConsultantLayer(theme=theme)
    accent = layer.theme.colours.primary
    dim_names = {d.id: d.name for d in questionnaire.dimensions}
    roadmap = results.roadmap
    planned = {a.id for a in roadmap.actions}
    use_case_names = {u.id: u.name for u in results.use_cases}
    actions = [
        action_view(a, dim_names, planned, roadmap.currency, use_case_names)
        for a in roadmap.actions
    ]
    q_results = {q.question_id: q for q in results.questions}

    dimension_views = []
    for d_result, d_def in zip(results.dimensions, questionnaire.dimensions, strict=True):
        level = d_result.level
        questions = []
        for q in d_def.questions:
            qr = q_results.get(q.id)
            if qr is None:
                continue  # free text: never scored
            q_level = qr.level
            questions.append(
                QuestionView(
                    id=q.id,
                    text=q.text,
                    score=score_text(qr.score),
                    level_class=level_class(q_level),
                    top_answer=top_answer_text(qr),
                    answered=qr.answered,
                    not_applicable=qr.not_applicable,
                    dont_know=qr.dont_know,
                    unanswered=qr.unanswered,
                    critical=q.critical,
                    references=q.references,
                )
            )
        dimension_views.append(
            DimensionView(
                id=d_def.id,
                name=d_def.name,
                headline=_headline(d_result),
                summary=d_def.summary,
                score=score_text(d_result.score),
                level=level,
                level_name=d_result.level_name or "not scored",
                level_class=level_class(level),
                descriptor=d_def.level_descriptors[level] if level else "",
                target=d_result.target,
                target_name=questionnaire.level_name(d_result.target),
                target_descriptor=d_def.level_descriptors[d_result.target],
                target_score=f"{d_result.target_score:.1f}",
                gap=f"{d_result.gap:.1f}",
                gap_phrase=_gap_phrase(d_result),
                gap_from_note=_gap_from_note(d_result),
                override_note=_override_note(d_result, profile.report.date_style),
                interval_short=_interval_short(d_result),
                today=[t.text for t in d_result.today],
                coverage=percent(d_result.coverage),
                coverage_warning=d_result.coverage_warning,
                interval=interval_text(d_result.confidence_interval, d_result.no_interval_reason),
                dispersion="n/a" if d_result.dispersion is None else f"{d_result.dispersion:.1f}",
                disagreement=d_result.disagreement,
                capped_by=", ".join(d_result.capped_by),
                respondents=d_result.respondents,
                reason=d_result.reason,
                questions=[x for x in questions if x.id in d_result.weakest_questions or x.critical]
                or questions[:3],
                all_questions=questions,
                actions=[a for a in actions if a.dimension_id == d_def.id],
            )
        )

    # Order and choice are the results' (highest priority first); the report only shows them.
    view_of = {v.id: v for v in dimension_views}
    by_gap = sorted(
        zip(results.dimensions, dimension_views, strict=True),
        key=lambda pair: (-pair[0].priority, pair[0].name),
    )
    thresholds = results.thresholds
    units = [unit_row(u) for u in results.units]
    scope = results.scope
    # A unit's report shows the organisation's plan as far as the unit depends on it.
    plan_actions = [a for a in actions if scope is None or a.id in scope.actions]
    phases = phase_views(roadmap, plan_actions)
    dims_by_id = {d.dimension_id: d.name for d in results.dimensions}
    perception_views = [perception_view(p, dims_by_id[p.dimension_id]) for p in results.perception]
    org = profile.organisation
    style = profile.report.date_style
    date_text = long_date(results.assessment_date, style)
    obligation_list = obligation_views(roadmap, style)
    where = (
        scope.unit_name
        if scope
        else f"{len(results.units)} business unit{'s' if len(results.units) != 1 else ''}"
    )
    source = (
        f"Source: {results.participation.respondents:,} respondents in {where}, assessment "
        f"of {date_text}."
    )
    overall = results.overall
    title = "Generative AI readiness and action plan" + (f": {scope.unit_name}" if scope else "")
    return ReportContext(
        title=title,
        organisation=org.name,
        industry=org.industry,
        size_text=f"{org.employees:,} staff",
        region=org.region,
        date_text=date_text,
        questionnaire_title=questionnaire.title,
        questionnaire_version=questionnaire.version,
        tool_version=__version__,
        confidentiality=profile.report.confidentiality,
        prepared_by=profile.report.prepared_by,
        accent=accent,
        paper=profile.report.paper,
        ambition=profile.ambition,
        ambition_description=questionnaire.ambition_presets[profile.ambition].description.rstrip(
            "."
        ),
        levels=[
            LevelView(lv.level, lv.name, lv.description, level_class(lv.level))
            for lv in questionnaire.levels
        ],
        index=whole_text(overall.index),
        scale_note=scale_note(results.thresholds.level_starts),
        band=overall.band,
        overall_level=overall.level,
        overall_level_name=overall.level_name,
        headline=_headline_sentence(results, org.name),
        respondents=results.participation.respondents,
        unit_count=len(results.units),
        subject=scope.unit_name if scope else org.name,
        scope=unit_scope_view(results) if scope else None,
        by_role=[
            (questionnaire.role_labels.get(r, r), n)
            for r, n in results.participation.by_role.items()
        ],
        strengths=[view_of[d] for d in results.highlights.strengths],
        largest_gaps=[view_of[d] for d in results.highlights.largest_gaps],
        dimensions=dimension_views,
        units=units,
        unit_groups=balanced_chunks(units, HEATMAP_UNITS),
        phases=phases,
        deferred=[(d.id, d.title, d.reason) for d in results.roadmap.deferred],
        action_count=len(plan_actions),
        quick_wins=[a for a in plan_actions if a.quick_win],
        radar_svg=Markup(
            radar_chart(
                [RadarAxis(d.name, d.score, d.target_score) for d in results.dimensions],
                accent,
                title="Current score and target level per dimension",
            )
        ),
        gaps_svg=Markup(
            gap_bars(
                [
                    GapBar(r.name, r.score, r.target, r.target_score, r.gap, r.gap_from)
                    for r, _ in by_gap
                ],
                accent,
                title="Gap to target per dimension, highest priority first",
            )
        ),
        gantt_svgs=[
            Markup(chart)
            for chart in gantt_charts(
                [
                    GanttBar(f"{a.id} {a.title}", a.start_month, a.end_month, a.quick_win)
                    for a in actions
                ],
                # A band spans the months in which its phase's actions start; a phase's own end
                # is the end of its last action, so phases overlap.
                [
                    GanttPhase(p.name, p.start_month, nxt)
                    for p, nxt in zip(
                        results.roadmap.phases,
                        [q.start_month for q in results.roadmap.phases[1:]]
                        + [results.roadmap.horizon_months],
                        strict=True,
                    )
                ],
                results.roadmap.horizon_months,
                accent,
                title="Roadmap over the planning horizon",
            )
        ],
        source_line=source,
        currency=roadmap.currency,
        total_capex=money_range(
            roadmap.total_capex.low, roadmap.total_capex.high, roadmap.currency
        ),
        total_opex=money_range(
            roadmap.total_opex_per_year.low, roadmap.total_opex_per_year.high, roadmap.currency
        ),
        phase_costs=phase_cost_views(roadmap),
        cost_lines=cost_line_views(roadmap),
        cost_assumptions=roadmap.cost_assumptions,
        scorecard=scorecard_views(roadmap, style),
        obligations=obligation_list,
        regulation=roadmap.regulation,
        tailoring=roadmap.tailoring,
        decisions=decision_views(roadmap, style),
        first_days=first_days_views(roadmap, style),
        deadlines=deadline_views(roadmap, style),
        phase_budgets=phase_budget_views(roadmap, style),
        edition=audience,
        edition_label=(
            f"{UNIT_EDITION_LABELS.get(audience, 'Business unit report')}: {scope.unit_name}"
            if scope
            else EDITION_LABELS.get(audience, "Full report")
        ),
        perception=perception_views,
        full=audience == "full",
        min_group_size=thresholds.min_group_size,
        weak_level=thresholds.weak_level,
        horizon_months=roadmap.horizon_months,
        perception_gap_points=f"{thresholds.perception_gap_points:.1f}",
        compliance_points=compliance_views(results.compliance, q_results),
        quality=quality_rows(results),
        unit_participation=[(u.name, u.respondents) for u in results.units],
        method=method_sections(
            results,
            questionnaire.ambition_presets[profile.ambition].description.rstrip("."),
            profile.planning.max_parallel_actions,
        ),
        logo_uri=logo_data_uri(folder, profile.report.logo) if folder else None,
        voices=voices(results, questionnaire),
        progress_line=progress_line(results, style),
        progress=progress_rows(results),
        consultant=consultant_view(
            layer,
            folder,
            title,
            date_text,
            [(u.unit_id, u.name) for u in results.units],
            style,
            scope.unit_name if scope else None,
        ),
        warnings=results.warnings,
        use_cases=use_case_section(
            results,
            {u.id: u.name for u in profile.business_units},
            style,
            title="Use cases: value a year against feasibility",
        ),
    )


def top_answer_text(q: QuestionResult) -> str:
    """The most frequent answer with its share, or every tied answer with theirs."""
    if not q.top_answers or q.top_answer_share is None:
        return "no answers"
    share = percent(q.top_answer_share)
    if len(q.top_answers) == 1:
        return f"{q.top_answers[0]} ({share})"
    if len(q.top_answers) > TIES_LISTED:
        # A dozen tied tick combinations fill a page and say nothing: the count says it all.
        return f"no answer stands out: {len(q.top_answers)} answers tie at {share} each"
    tied = "; ".join(f"“{label}”" for label in q.top_answers)
    return f"{len(q.top_answers)} answers tie at {share} each: {tied}"


def interval_text(interval: tuple[float, float] | None, reason: str | None) -> str:
    """The 95% interval, or why there is none (scoring decides which)."""
    if interval is None:
        return f"no interval: {reason}" if reason else "no interval"
    return f"95% interval {score_text(interval[0])} to {score_text(interval[1])}"


def _level_text(level: int | None, score: float | None) -> str:
    if level is None or score is None:
        return "no answers"
    return f"level {level} ({score_text(score)})"


def perception_view(p: PerceptionResult, dimension: str) -> PerceptionView:
    """Shows what scoring decided: the two sides and their gap, or why they are not shown."""
    if not p.shown or p.gap_points is None:
        reason = p.not_shown_reason or "too few answers"
        return PerceptionView(dimension, "not shown", "not shown", f"Not shown: {reason}.", False)
    points = abs(p.gap_points)
    difference = f"{score_text(points)} point{'' if points == 1 else 's'}"
    return PerceptionView(
        dimension=dimension,
        executive=_level_text(p.executive_level, p.executive_score),
        practitioners=_level_text(p.practitioner_level, p.practitioner_score),
        difference=difference + (": a perception gap" if p.perception_gap else ""),
        gap=p.perception_gap,
    )


def unit_row(u: UnitResult) -> UnitRow:
    """A unit scoring hides (too few respondents) is shown as hidden, never as blank cells."""
    cells = [
        HeatCell(text="hidden", level_class="lv-hidden")
        if u.hidden
        else HeatCell(
            text=str(c.level) if c.level else "n/a",
            level_class=level_class(c.level),
        )
        for c in u.dimensions
    ]
    index = "hidden" if u.hidden else ("n/a" if u.index is None else whole_text(u.index))
    return UnitRow(
        name=u.name, respondents=u.respondents, index=index, cells=cells, hidden=u.hidden
    )


def compliance_views(
    points: list[ResultCompliancePoint], questions: dict[str, QuestionResult]
) -> list[CompliancePoint]:
    """Each cited reference with its questions' scores; weak as the results judged it."""
    return [
        CompliancePoint(
            reference=p.reference,
            questions=", ".join(
                f"{qid} {score_text(questions[qid].score)}"
                for qid in p.question_ids
                if qid in questions
            ),
            weak=p.weak,
        )
        for p in points
    ]


def quality_rows(results: Results) -> list[QualityRow]:
    rows = []
    for d in results.dimensions:
        flags = [
            text
            for flag, text in (
                (d.coverage_warning, "low coverage"),
                (d.disagreement, "respondents disagree"),
                (d.no_interval_reason is not None, f"no interval: {d.no_interval_reason}"),
            )
            if flag
        ]
        rows.append(
            QualityRow(
                dimension=d.name,
                score=score_text(d.score),
                interval="none"
                if d.confidence_interval is None
                else f"{score_text(d.confidence_interval[0])} to "
                f"{score_text(d.confidence_interval[1])}",
                coverage=percent(d.coverage),
                dispersion="n/a" if d.dispersion is None else f"{d.dispersion:.1f}",
                flags=", ".join(flags) or "none",
            )
        )
    return rows


def voices(results: Results, questionnaire: Questionnaire) -> list[VoiceView]:
    """What respondents wrote, grouped by question (the text stays untrusted: autoescaped)."""
    texts = {q.id: q.text for _, q in questionnaire.questions()}
    grouped: dict[str, list[tuple[str, int]]] = {}
    for item in results.free_text:
        grouped.setdefault(item.question_id, []).append((item.text, item.count))
    return [
        VoiceView(question=f"{qid}: {texts.get(qid, qid)}", texts=items)
        for qid, items in grouped.items()
    ]


def progress_line(results: Results, style: str) -> str | None:
    p = results.progress
    if p is None:
        return None
    direction = "up" if p.index_change > 0 else "down" if p.index_change < 0 else "unchanged"
    amount = f" {whole_text(abs(p.index_change))} points" if p.index_change else ""
    return (
        f"Since the assessment of {long_date(p.previous_date, style)} the readiness index is "
        f"{direction}{amount}."
    )


def progress_rows(results: Results) -> list[ChangeView]:
    if results.progress is None:
        return []
    names = {d.dimension_id: d.name for d in results.dimensions}
    return [
        ChangeView(
            dimension=names.get(c.key, c.key),
            before=score_text(c.previous_score),
            now=score_text(c.current_score),
            change="n/a" if c.change is None else signed_text(c.change),
        )
        for c in results.progress.dimensions
    ]
