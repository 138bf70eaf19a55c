"""The use-case parts of the report context: the matrix, the verdict tables and the board
brief's block, all as results.json gives them (the roadmap layer judged them)."""

from __future__ import annotations

from markupsafe import Markup

from assessment.common.formatting import money, money_range, month_text, percent_text
from assessment.model.results import Results
from assessment.model.use_cases import BlockingGap, UseCaseVerdict
from assessment.report.charts.matrix import MatrixPoint, value_matrix
from assessment.report.views import (
    BlockingView,
    StakeView,
    UseCaseSection,
    UseCaseView,
    VerdictGroupView,
)

VERDICT_TITLES = {
    "go": "Go",
    "go_with_conditions": "Go with conditions",
    "not_yet": "Not yet",
    "never": "Never",
}
RISK_TIERS = {
    "minimal": "minimal risk",
    "limited": "limited risk (transparency duties)",
    "high": "high risk",
    "prohibited": "prohibited practice",
}
STAKES_SHOWN = 2  # the board brief names the two actions with the most value behind them


def use_case_section(
    results: Results, unit_names: dict[str, str], style: str, title: str
) -> UseCaseSection | None:
    verdicts = results.use_cases
    portfolio = results.use_case_portfolio
    if not verdicts or portfolio is None:
        return None
    currency = results.roadmap.currency
    dimensions = {d.dimension_id: d.name for d in results.dimensions}
    titles = {a.id: a.title for a in results.roadmap.actions}
    titles |= {d.id: d.title for d in results.roadmap.deferred}
    views = {v.id: _view(v, unit_names, dimensions, titles, currency, style) for v in verdicts}
    plotted = [v for v in verdicts if v.feasibility is not None]
    points = [
        MatrixPoint(
            label=v.name,
            verdict=v.verdict,
            feasibility=v.feasibility,
            feasibility_low=(v.feasibility_interval or (v.feasibility, v.feasibility))[0],
            feasibility_high=(v.feasibility_interval or (v.feasibility, v.feasibility))[1],
            value_low=v.value_per_year.low,
            value_high=v.value_per_year.high,
        )
        for v in plotted
        if v.feasibility is not None
    ]
    left_out = [v.name for v in verdicts if v.feasibility is None]
    note = (
        f"The dashed lines divide at the median value ({currency} {money(portfolio.value_split)} "
        f"a year) and at {percent_text(portfolio.feasibility_split)} feasibility."
    )
    if left_out:
        note += f" Not plotted, as prohibited practices: {', '.join(left_out)}."
    groups = [
        VerdictGroupView(key, title, [views[v.id] for v in verdicts if v.verdict == key])
        for key, title in VERDICT_TITLES.items()
    ]
    return UseCaseSection(
        matrix_svg=Markup(
            value_matrix(
                points, portfolio.value_split, portfolio.feasibility_split, currency, title
            )
        ),
        matrix_note=note,
        groups=[g for g in groups if g.use_cases],
        start_now=[views[v.id] for v in verdicts if v.verdict in ("go", "go_with_conditions")],
        waiting=[views[v.id] for v in verdicts if v.verdict == "not_yet"],
        never=[views[v.id] for v in verdicts if v.verdict == "never"],
        value_at_stake=money_range(
            portfolio.value_at_stake.low, portfolio.value_at_stake.high, currency
        ),
        stakes=[
            StakeView(
                title=s.title,
                use_cases=", ".join(views[u].name for u in s.use_cases if u in views),
                count=len(s.use_cases),
                value=money_range(s.value_per_year.low, s.value_per_year.high, currency),
            )
            for s in portfolio.stakes[:STAKES_SHOWN]
        ],
    )


def _view(
    v: UseCaseVerdict,
    unit_names: dict[str, str],
    dimensions: dict[str, str],
    titles: dict[str, str],
    currency: str,
    style: str,
) -> UseCaseView:
    return UseCaseView(
        name=v.name,
        unit=unit_names.get(v.owning_unit, v.owning_unit),
        risk=f"{RISK_TIERS[v.risk_tier].capitalize()}; the organisation is its {v.role}",
        value=f"{money_range(v.value_per_year.low, v.value_per_year.high, currency)} a year",
        reason=v.reason,
        blocking=[_blocking(g, dimensions, titles) for g in v.blocking],
        conditions=v.conditions,
        when=_when(v, style),
        duties=v.duties,
        override=v.override_rationale or "",
        waits_for=[titles.get(aid, aid) for aid in v.closing_actions],
        possible_from=(
            month_text(v.possible_from_date, style)
            if v.possible_from_date and v.possible_from_month is not None
            else _when(v, style)
        ),
    )


def _blocking(g: BlockingGap, dimensions: dict[str, str], titles: dict[str, str]) -> BlockingView:
    what = dimensions.get(g.dimension_id, g.dimension_id)
    if g.capability:
        what = f"{what}: {g.capability}"
    now = "not answered" if g.level is None else f"level {g.level}"
    gap = "" if g.gap is None else f", {g.gap:.1f} points short"
    return BlockingView(
        need=f"{what} ({now}, needs {g.needed_level}{gap})",
        actions="; ".join(f"{aid} {titles.get(aid, '')}".strip() for aid in g.closing_actions)
        or "no action in the library closes it",
        titles="; ".join(titles.get(aid, aid) for aid in g.closing_actions),
    )


def _when(v: UseCaseVerdict, style: str) -> str:
    if v.verdict == "never":
        return "never"
    if v.verdict == "go":
        return "now"
    if v.verdict == "go_with_conditions":
        return "now, with the conditions met"
    if v.possible_from_month is None:
        return "not within the plan"
    date = f" ({month_text(v.possible_from_date, style)})" if v.possible_from_date else ""
    return f"month {v.possible_from_month}{date}"
