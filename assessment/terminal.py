"""Readable terminal tables for the CLI."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from assessment.model.results import Results


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


def print_scores(results: Results, console: Console | None = None) -> None:
    console = console or Console()
    o = results.overall
    console.print(
        f"[bold]{escape(results.organisation)}[/bold]: readiness index {o.index:.0f}/100 "
        f"({escape(o.band)}), level {o.level} {escape(o.level_name)}; "
        f"{results.participation.respondents} respondents",
        highlight=False,
    )
    table = Table(show_lines=False)
    for header, justify in (
        ("Dimension", "left"),
        ("Score", "right"),
        ("Level", "left"),
        ("Target", "right"),
        ("Gap", "right"),
        ("Coverage", "right"),
    ):
        table.add_column(header, justify=justify)  # type: ignore[arg-type]
    for d in results.dimensions:
        table.add_row(
            escape(d.name),
            _fmt(d.score),
            escape(f"{d.level} {d.level_name}") if d.level else "n/a",
            str(d.target),
            f"{d.gap_levels} ({d.score_gap:.1f})",
            f"{d.coverage * 100:.0f}%",
        )
    console.print(table)
    console.print(
        f"Roadmap: {len(results.roadmap.actions)} actions planned, "
        f"{len(results.roadmap.deferred)} deferred.",
        highlight=False,
    )
