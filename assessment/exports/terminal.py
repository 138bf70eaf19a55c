"""Readable terminal tables for the CLI."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from assessment.commands.status import Status
from assessment.common.formatting import (
    gap_text,
    money,
    percent_text,
    scale_note,
    score_text,
    signed_text,
    whole_text,
)
from assessment.model.results import Results
from assessment.model.roadmap import Roadmap


def _interval(interval: tuple[float, float] | None) -> str:
    """None when scoring found too few respondents: the reason is in results.json."""
    return "none" if interval is None else f"{score_text(interval[0])}-{score_text(interval[1])}"


def print_scores(results: Results, console: Console | None = None) -> None:
    console = console or Console()
    o = results.overall
    console.print(
        f"[bold]{escape(results.organisation)}[/bold]: readiness index {whole_text(o.index)}/100 "
        f"({escape(o.band)}), level {o.level} {escape(o.level_name)}; "
        f"{results.participation.respondents} respondents",
        highlight=False,
    )
    table = Table(show_lines=False)
    for header, justify in (
        ("Dimension", "left"),
        ("Score\n95% CI", "right"),
        ("Level", "left"),
        ("Target", "right"),
        ("Gap", "right"),
        ("Coverage", "right"),
    ):
        table.add_column(header, justify=justify)  # type: ignore[arg-type]
    for d in results.dimensions:
        table.add_row(
            escape(d.name),
            # The interval under the score: an 80-column terminal has no room for a column.
            f"{score_text(d.score)}{'*' if d.override else ''}\n{_interval(d.confidence_interval)}",
            escape(f"{d.level} {d.level_name}") if d.level else "n/a",
            f"{d.target_score:.1f}",
            gap_text(d.gap, d.gap_from, d.score).replace(" from ", "\nfrom "),
            percent_text(d.coverage),
        )
    console.print(table)
    console.print(scale_note(results.thresholds.level_starts), highlight=False)
    for warning in results.warnings:
        console.print(f"warning: {escape(warning)}", highlight=False)
    if results.progress is not None:
        p = results.progress
        console.print(
            f"Progress since {p.previous_date.day} {p.previous_date:%B %Y}: "
            f"index {signed_text(p.index_change)} points.",
            highlight=False,
        )
    console.print(
        f"Roadmap: {len(results.roadmap.actions)} actions planned, "
        f"{len(results.roadmap.deferred)} deferred.",
        highlight=False,
    )


def print_roadmap(results: Results, console: Console | None = None) -> None:
    console = console or Console()
    r = results.roadmap
    for phase in r.phases:
        actions = [a for a in r.actions if a.phase == phase.number]
        focus = f"; focus: {', '.join(phase.focus)}" if phase.focus else ""
        table = Table(
            title=escape(
                f"Phase {phase.number}: {phase.name} (months {phase.start_month}-"
                f"{phase.end_month}{focus})"
            ),
            title_justify="left",
        )
        for header, justify in (
            ("Action", "left"),
            ("Months", "right"),
            ("Priority", "right"),
            ("Owners", "left"),
            ("CAPEX", "right"),
            ("OPEX/yr", "right"),
        ):
            table.add_column(header, justify=justify)  # type: ignore[arg-type]
        for a in actions:
            table.add_row(
                escape(
                    f"{a.id} {a.title}"
                    + (" (for an overdue legal duty)" if a.urgent else "")
                    + (" (quick win)" if a.quick_win else "")
                ),
                f"{a.start_month}-{a.end_month}",
                f"{a.priority:.2f}",
                escape(", ".join(a.owners)),
                f"{money(a.capex.low)}-{money(a.capex.high)}",
                f"{money(a.opex_per_year.low)}-{money(a.opex_per_year.high)}",
            )
        if actions:
            console.print(table)
        else:
            console.print(escape(f"Phase {phase.number}: {phase.name}: no action starts here."))
    _print_programme_lines(r, console)
    console.print(
        f"Total: CAPEX {r.currency} {money(r.total_capex.low)}-{money(r.total_capex.high)}, "
        f"OPEX {r.currency} {money(r.total_opex_per_year.low)}-"
        f"{money(r.total_opex_per_year.high)} per year once in place.",
        highlight=False,
    )
    for d in r.deferred:
        console.print(escape(f"Deferred: {d.id} {d.title}: {d.reason}"), highlight=False)
    if r.regulation:
        console.print(escape(f"Legal duties under {r.regulation}:"), highlight=False)
    for ob in r.obligations:
        console.print(
            escape(f"  {ob.reference}: {ob.title}. {ob.summary} {ob.plan_text}"), highlight=False
        )


def _print_programme_lines(r: Roadmap, console: Console) -> None:
    """Costs no single action owns (seats, usage, the programme team), with their arithmetic."""
    lines = [c for c in r.cost_lines if c.kind != "action"]
    if not lines:
        return
    table = Table(title="Programme costs", title_justify="left")
    for header, justify in (
        ("Line", "left"),
        ("Phase", "right"),
        ("CAPEX", "right"),
        ("OPEX/yr", "right"),
        ("How it is computed", "left"),
    ):
        table.add_column(header, justify=justify)  # type: ignore[arg-type]
    for c in lines:
        table.add_row(
            escape(c.label),
            str(c.phase),
            f"{money(c.capex.low)}-{money(c.capex.high)}",
            f"{money(c.opex_per_year.low)}-{money(c.opex_per_year.high)}",
            escape(c.assumption),
        )
    console.print(table)


def print_status(status: Status, console: Console | None = None) -> None:
    console = console or Console()
    console.print(
        f"[bold]{escape(status.organisation)}[/bold]: {status.respondents} respondents in "
        f"{status.files} response file(s)",
        highlight=False,
    )
    who = Table(title="Who has answered", title_justify="left")
    who.add_column("Business unit")
    for role in status.roles:
        who.add_column(escape(role), justify="right")
    who.add_column("Total", justify="right")
    for unit, counts in zip(status.units, status.counts, strict=True):
        who.add_row(escape(unit), *(str(n) for n in counts), str(sum(counts)))
    console.print(who)
    cov = Table(title="Coverage: share of applicable questions answered", title_justify="left")
    cov.add_column("Dimension")
    cov.add_column("All", justify="right")
    for unit in status.units:
        cov.add_column(escape(unit), justify="right")
    for i, dim in enumerate(status.dimensions):
        cov.add_row(
            escape(dim),
            f"{status.coverage[i]:.0%}",
            *(f"{row[i]:.0%}" for row in status.unit_coverage),
        )
    console.print(cov)
    for line in status.missing:
        console.print(f"missing: {escape(line)}", highlight=False)
    if status.web:
        web = Table(title="Web questionnaire", title_justify="left")
        for heading in ("Business unit", "Role", "Invited", "Started", "Submitted", "In progress"):
            web.add_column(
                heading, justify="left" if heading in ("Business unit", "Role") else "right"
            )
        for p in status.web:
            web.add_row(
                escape(p.unit),
                escape(p.role),
                *(str(n) for n in (p.invited, p.started, p.submitted, p.in_progress)),
            )
        console.print(web)
    for line in status.conflicts:
        console.print(f"conflict: {escape(line)}", highlight=False)
