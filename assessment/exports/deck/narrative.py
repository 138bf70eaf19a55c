"""The speaker notes: what the presenter says, in plain words, with the numbers of results.json
and the consultant's own commentary (as written, as plain text)."""

from __future__ import annotations

import datetime as dt

from assessment.common.formatting import (
    long_date,
    money,
    money_range,
    month_date,
    month_text,
    percent_text,
)
from assessment.exports.deck.text import index_text, money_text, score_text
from assessment.exports.markdown_text import plain_paragraphs
from assessment.model.deliverable import ConsultantLayer
from assessment.model.results import DimensionResult, Results
from assessment.model.roadmap import PlannedAction


def _commentary(label: str, text: str) -> list[str]:
    """The consultant's Markdown as the plain paragraphs a slide's notes can hold."""
    paragraphs = plain_paragraphs(text)
    if len(paragraphs) == 1:
        return [f"{label}: {paragraphs[0]}"]
    return [f"{label}:", *paragraphs] if paragraphs else []


def _question_texts(results: Results) -> dict[str, str]:
    return {q.question_id: q.text for q in results.questions}


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def cover(results: Results, layer: ConsultantLayer, date_style: str) -> list[str]:
    doc = layer.document
    units = len(results.units)
    return [
        f"This deck presents how ready {results.organisation} is for generative AI, as "
        f"assessed on {long_date(results.assessment_date, date_style)} from the answers of "
        f"{_plural(results.participation.respondents, 'respondent')} in "
        f"{_plural(units, 'business unit')}.",
        f"Version {doc.version}, {doc.status}." + (f" Prepared by {doc.firm}." if doc.firm else ""),
    ]


def dimension_line(d: DimensionResult, questions: dict[str, str]) -> str:
    if d.score is None:
        return f"{d.name}: no score, no question was answered."
    if d.confidence_interval:
        low, high = d.confidence_interval
        interval = f"95% interval {score_text(low)}-{score_text(high)}"
    else:
        interval = d.no_interval_reason or "no interval"
    held = (
        ", held there by the critical question "
        + "; ".join(f'"{questions.get(q, q)}"' for q in d.capped_by)
        + ", from whose score the gap is counted"
        if d.capped_by
        else ""
    )
    return (
        f"{d.name}: {score_text(d.score)} ({interval}), level {d.level}{held}; target level "
        f"{d.target}, which starts at {score_text(d.target_score)}: "
        f"{score_text(d.gap)} points to go."
    )


def standing(results: Results, layer: ConsultantLayer) -> list[str]:
    o = results.overall
    names = {d.dimension_id: d.name for d in results.dimensions}
    lines = [
        f"{results.organisation} scores {index_text(o.index)} out of 100 on the readiness "
        f"index: {o.band}. Overall it is at level {o.level}, {o.level_name}, with a score of "
        f"{score_text(o.score)} on the 1-5 scale.",
    ]
    if results.highlights.strengths:
        strengths = ", ".join(names[d] for d in results.highlights.strengths)
        lines.append(f"Strengths to build on: {strengths}.")
    if results.highlights.largest_gaps:
        gaps = ", ".join(names[d] for d in results.highlights.largest_gaps)
        lines.append(f"Largest gaps, most pressing first: {gaps}.")
    lines.append(
        "The target score of a dimension is the lowest score of its target level; each score "
        "has a 95% interval from resampling the respondents:"
    )
    lines += [dimension_line(d, _question_texts(results)) for d in results.dimensions]
    lines += _commentary("Key messages", layer.commentary.key_messages)
    lines += _commentary("Summary", layer.commentary.sections.get("summary", ""))
    return lines


def decisions(results: Results, date_style: str) -> list[str]:
    found = results.roadmap.decisions
    if not found:
        return ["The plan puts no decision to leadership now."]
    lines = [f"Leadership is asked to take {_plural(len(found), 'decision')} now."]
    for i, d in enumerate(found, start=1):
        lines.append(
            f"{i}. {d.title}. Owner: {d.owner}; decide by {long_date(d.decide_by, date_style)}; "
            f"{money_text(d.capex, results.roadmap.currency)} one-off. {d.reason}"
        )
    return lines


def gaps(results: Results, layer: ConsultantLayer) -> list[str]:
    lines = [
        "Each bar is the points still to go, on the 1-5 scale, to the dimension's target "
        "score, the lowest score of its target level; the widest gap is on top."
    ]
    texts = _question_texts(results)
    for d in sorted(results.dimensions, key=lambda d: -d.gap):  # as the chart lists them
        lines.append(dimension_line(d, texts))
        lines += _commentary(
            f"Consultant's note on {d.name}", layer.commentary.dimensions.get(d.dimension_id, "")
        )
    lines += _commentary("On the dimensions", layer.commentary.sections.get("dimensions", ""))
    return lines


def units(results: Results, layer: ConsultantLayer) -> list[str]:
    minimum = results.thresholds.min_group_size
    lines = [
        f"Each row is a business unit: its index (0-100) and its score per dimension (1-5), "
        f"coloured by level. Units with fewer than {minimum} respondents are not shown, so that "
        "no one's answers can be told apart."
    ]
    for u in results.units:
        if u.hidden:
            lines.append(f"{u.name}: fewer than {minimum} respondents; its scores are not shown.")
        else:
            lines.append(
                f"{u.name}: {_plural(u.respondents, 'respondent')}, index {index_text(u.index)}."
            )
        lines += _commentary(
            f"Consultant's note on {u.name}", layer.commentary.units.get(u.unit_id, "")
        )
    lines += _commentary("On the units", layer.commentary.sections.get("units", ""))
    return lines


def roadmap(results: Results, layer: ConsultantLayer, date_style: str) -> list[str]:
    r = results.roadmap
    start = results.assessment_date
    lines = [
        f"The plan runs over {r.horizon_months} months from "
        f"{month_text(start, date_style)}, in {_plural(len(r.phases), 'phase')}; phases "
        "overlap, since each starts as soon as its first actions can.",
    ]
    for p in r.phases:
        count = sum(1 for a in r.actions if a.phase == p.number)
        focus = f"; focus: {', '.join(p.focus)}" if p.focus else ""
        lines.append(
            f"Phase {p.number}, {p.name}: months {p.start_month}-{p.end_month} "
            f"({month_text(month_date(start, p.start_month), date_style)} to "
            f"{month_text(month_date(start, p.end_month), date_style)}), "
            f"{_plural(count, 'action')}{focus}."
        )
    if r.deferred:
        lines.append(f"Deferred, not in this plan ({len(r.deferred)}):")
        lines += [f"{a.title}: {a.reason}" for a in r.deferred]
    lines += _commentary("On the roadmap", layer.commentary.sections.get("roadmap", ""))
    return lines


def cost(results: Results, layer: ConsultantLayer) -> list[str]:
    r = results.roadmap
    lines = [
        f"Over {r.horizon_months} months the plan costs "
        f"{money_range(r.total_capex.low, r.total_capex.high, r.currency)} one-off, and "
        f"{money_range(r.total_opex_per_year.low, r.total_opex_per_year.high, r.currency)} a "
        "year to run once everything is in place. These are estimates, as ranges.",
        "Assumptions:",
        *r.cost_assumptions,
    ]
    lines += _commentary("On the costs", layer.commentary.sections.get("costs", ""))
    return lines


def first_days(actions: list[PlannedAction], start: dt.date, date_style: str) -> list[str]:
    if not actions:
        return ["No action starts in the first three months."]
    lines = [f"{_plural(len(actions), 'action')} start in the first three months:"]
    for a in actions:
        lines.append(
            f"{a.title}: {', '.join(a.owners)}; from "
            f"{long_date(a.start_date, date_style)} to "
            f"{long_date(a.end_date, date_style)}. Delivers: {a.deliverable}"
        )
    return lines


def next_steps(layer: ConsultantLayer) -> list[str]:
    lines = ["The steps on the slide follow from the decisions, the plan and its cost."]
    lines += _commentary("Recommendations", layer.commentary.recommendations)
    return lines


def use_cases(results: Results, date_style: str) -> list[str]:
    """Each verdict with its reason, what blocks it and the work that closes it, by name."""
    titles = {a.id: a.title for a in results.roadmap.actions}
    titles.update({d.id: d.title for d in results.roadmap.deferred})
    lines = [
        "Each use case is judged against the readiness it needs for its AI Act risk tier, and "
        "against the plan: go, go with conditions, not yet, or never for a prohibited practice."
    ]
    for u in results.use_cases:
        lines.append(f"{u.name}: {u.verdict.replace('_', ' ')}. {u.reason}")
        for b in u.blocking:
            closing = ", ".join(titles.get(a, a) for a in b.closing_actions) or "no planned action"
            lines.append(
                f"  Blocked by {b.capability or b.dimension_id}: level {b.level} against "
                f"{b.needed_level} needed; closed by {closing}."
            )
        lines += [f"  Condition: {c}" for c in u.conditions]
        lines += [f"  Duty: {d}" for d in u.duties]
    return lines


def use_case_matrix(results: Results) -> list[str]:
    """How to read the matrix, each point's figures, and the work the waiting value hangs on."""
    portfolio = results.use_case_portfolio
    if portfolio is None:
        return []
    currency = results.roadmap.currency
    lines = [
        "Across: feasibility, how far the readiness scores each use case depends on reach the "
        "levels it needs, in percent. Up: its estimated value a year, the middle of its range. "
        f"The lines cross at {percent_text(portfolio.feasibility_split)} feasibility and at "
        f"{currency} {money(portfolio.value_split)} a year, the "
        "middle value of the use cases shown. Prohibited practices are not plotted."
    ]
    for u in results.use_cases:
        if u.feasibility is None or u.verdict == "never":
            continue
        spread = (
            f" (95% interval {percent_text(u.feasibility_interval[0])} to "
            f"{percent_text(u.feasibility_interval[1])})"
            if u.feasibility_interval
            else ""
        )
        lines.append(
            f"{u.name}: {percent_text(u.feasibility)} feasible{spread}; "
            f"{money_text(u.value_per_year, currency)} a year."
        )
    if portfolio.stakes:
        lines.append(
            f"{money_text(portfolio.value_at_stake, currency)} a year waits on the work below."
        )
        lines += [
            f"  {s.title}: {money_text(s.value_per_year, currency)} a year"
            + ("" if s.planned else " (not within the plan)")
            for s in portfolio.stakes
        ]
    return lines
