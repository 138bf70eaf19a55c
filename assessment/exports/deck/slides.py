"""The deck's slides, in order: each shows what results.json says and puts the narrative in
its notes."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from pptx.enum.text import PP_ALIGN
from pptx.slide import Slide
from pptx.util import Emu, Inches, Pt

from assessment.common.formatting import long_date, month_date, month_text
from assessment.exports.deck import charts, narrative
from assessment.exports.deck.frame import Area, Frame
from assessment.exports.deck.layouts import Layouts
from assessment.exports.deck.tables import Column, heatmap, table
from assessment.exports.deck.text import index_text, money_text, plain, score_text, write_lines
from assessment.exports.deck.timeline import timeline
from assessment.exports.markdown_text import plain_paragraphs
from assessment.model.deliverable import ConsultantLayer
from assessment.model.results import Results
from assessment.model.use_cases import UseCaseVerdict

MIN_ROWS = 4
HEATMAP_ROW = Inches(0.5)
DECISIONS_PER_SLIDE = 4
RADAR_FROM = 3  # dimensions
MILLION = 1_000_000
EXCERPT = 700  # characters of commentary on a slide; the whole text is in the notes

TITLES = {
    "standing": "Where we stand",
    "decisions": "Decisions for leadership",
    "gaps": "Gaps to the target",
    "units": "Business units",
    "use_cases": "Use cases: what can start, and when",
    "use_case_matrix": "Use cases: value against feasibility",
    "roadmap": "Roadmap",
    "cost": "Cost",
    "first_days": "The first 90 days",
    "next_steps": "Next steps",
}


@dataclass(frozen=True)
class Logos:
    firm: bytes | None = None
    client: bytes | None = None


@dataclass(frozen=True)
class Deck:
    frame: Frame
    layouts: Layouts
    results: Results
    layer: ConsultantLayer
    logos: Logos
    date_style: str

    def text_box(
        self,
        slide: Slide,
        area: Area,
        lines: list[str],
        size: float,
        *,
        name: str,
        bold_first: bool = False,
    ) -> None:
        box = slide.shapes.add_textbox(*area.box())
        box.name = name
        write_lines(box.text_frame, lines, self.frame.style, size, bold_first=bold_first)

    def build(self) -> None:
        for make in (
            self.cover,
            self.standing,
            self.decisions,
            self.gaps,
            self.units,
            self.use_cases,
            self.use_case_matrix,
            self.roadmap,
            self.cost,
            self.first_days,
            self.next_steps,
        ):
            make()

    def cover(self) -> None:
        r, doc, style = self.results, self.layer.document, self.frame.style
        title = doc.title or f"{r.organisation}: readiness for generative AI"
        slide, area = self.frame.slide(
            self.layouts.cover, title, narrative.cover(r, self.layer, self.date_style)
        )
        by = " · ".join(
            part
            for part in (
                doc.firm,
                f"Version {doc.version}",
                "Draft" if doc.status == "draft" else "",
            )
            if part
        )
        # The default title names the organisation already; a title of the firm's own may not.
        lines = [r.organisation] if doc.title else []
        lines += [f"Assessed {long_date(r.assessment_date, self.date_style)}", by]
        box = slide.shapes.add_textbox(*Area(area.left, area.top, area.width, Inches(1.4)).box())
        box.name = "Cover details"
        write_lines(box.text_frame, lines, style, 18)
        for paragraph in box.text_frame.paragraphs:
            paragraph.alignment = PP_ALIGN.CENTER
        logo_height = Inches(0.8)
        top = area.bottom - logo_height
        for picture, left in ((self.logos.firm, area.left), (self.logos.client, None)):
            if picture is None:
                continue
            shape = slide.shapes.add_picture(
                io.BytesIO(picture), Emu(0), Emu(top), height=logo_height
            )
            shape.left = Emu(area.left if left is not None else area.right - shape.width)
            shape.name = "Firm logo" if left is not None else "Client logo"

    def standing(self) -> None:
        r = self.results
        o = r.overall
        slide, area = self.frame.slide(
            self.layouts.content, TITLES["standing"], narrative.standing(r, self.layer)
        )
        left, right = area.columns(1, 2)
        figures, confidence = left.rows(2.2, 1)
        box = slide.shapes.add_textbox(*figures.box())
        box.name = "Where we stand"
        frame = box.text_frame
        frame.word_wrap = True
        style = self.frame.style
        for i, (text, size, colour, bold) in enumerate(
            (
                (index_text(o.index), 48, style.primary, True),
                ("out of 100 on the readiness index", 14, None, False),
                (o.band, 20, style.primary, True),
                (f"Level {o.level} of 5: {o.level_name}", 16, None, False),
            )
        ):
            paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            run = paragraph.add_run()
            run.text = plain(text)
            style.font(run.font, size, bold=bold, colour=colour)
            paragraph.space_after = Pt(6)
        units = len(r.units)
        lines = [
            "Confidence",
            f"{r.participation.respondents} respondents in {units} business unit"
            f"{'' if units == 1 else 's'}. {_intervals(r)}",
            "Target score: the lowest score of the target level, on the 1-5 scale.",
        ]
        self.text_box(slide, confidence, lines, 12, name="Confidence", bold_first=True)
        scored = [d for d in r.dimensions if d.score is not None]
        # A radar needs three spokes at least; fewer dimensions read better as bars.
        chart = charts.radar if len(scored) >= RADAR_FROM else charts.score_bars
        chart(
            slide.shapes,
            right,
            style,
            [d.name for d in scored],
            [d.score for d in scored if d.score is not None],
            [d.target_score for d in scored],
        )

    def decisions(self) -> None:
        found = self.results.roadmap.decisions
        notes = narrative.decisions(self.results, self.date_style)
        parts = [
            found[i : i + DECISIONS_PER_SLIDE] for i in range(0, len(found), DECISIONS_PER_SLIDE)
        ]
        for n, part in enumerate(parts or [[]]):
            title = TITLES["decisions"] + (" (continued)" if n else "")
            slide, area = self.frame.slide(self.layouts.content, title, notes)
            if not part:
                self.text_box(
                    slide,
                    area,
                    ["The plan puts no decision to leadership now."],
                    18,
                    name="Decisions",
                )
                continue
            rows = area.rows(*([1] * DECISIONS_PER_SLIDE))
            for i, (decision, row) in enumerate(zip(part, rows, strict=False)):
                number = n * DECISIONS_PER_SLIDE + i + 1
                self.text_box(
                    slide,
                    row,
                    [
                        f"{number}. {decision.title}",
                        f"Owner: {decision.owner}. Decide by "
                        f"{long_date(decision.decide_by, self.date_style)}. "
                        f"{money_text(decision.capex, self.results.roadmap.currency)} one-off.",
                        decision.reason,
                    ],
                    15,
                    name=f"Decision {number}",
                    bold_first=True,
                )

    def gaps(self) -> None:
        r = self.results
        slide, area = self.frame.slide(
            self.layouts.content, TITLES["gaps"], narrative.gaps(r, self.layer)
        )
        scored = sorted((d for d in r.dimensions if d.score is not None), key=lambda d: -d.gap)
        chart_area, side = area.columns(3, 1)
        charts.gap_bars(
            slide.shapes,
            chart_area,
            self.frame.style,
            [f"{d.name} (target {score_text(d.target_score)})" for d in scored],
            [d.gap for d in scored],
        )
        held = [d.name for d in scored if d.capped_by]
        lines = [
            "How to read it",
            "Each bar is the points still to go, on the 1-5 scale, to the target score: the "
            "lowest score of the target level. The widest gap is on top.",
        ]
        if held:
            lines.append(
                f"{', '.join(held)}: held down by a critical question, so the gap is counted "
                "from that question's score."
            )
        self.text_box(slide, side, lines, 12, name="How to read the gaps", bold_first=True)

    def units(self) -> None:
        r = self.results
        notes = narrative.units(r, self.layer)
        _, height = self.frame.size()
        per_slide = max(MIN_ROWS, (height - Inches(3)) // HEATMAP_ROW - 1)
        parts = [r.units[i : i + per_slide] for i in range(0, len(r.units), per_slide)]
        for n, part in enumerate(parts or [[]]):
            title = TITLES["units"] + (" (continued)" if n else "")
            slide, area = self.frame.slide(self.layouts.content, title, notes)
            grid_area, caption = area.rows(5, 1)
            heatmap(
                slide.shapes,
                grid_area,
                self.frame.style,
                part,
                [(d.dimension_id, d.name) for d in r.dimensions],
                r.thresholds.min_group_size,
                HEATMAP_ROW,
            )
            self.text_box(
                slide,
                Area(caption.left, caption.bottom - Inches(0.6), caption.width, Inches(0.6)),
                [
                    "Scores 1-5, darker for higher levels; index 0-100. A unit with fewer than "
                    f"{r.thresholds.min_group_size} respondents is not shown, to protect "
                    "anonymity."
                ],
                11,
                name="How to read the heatmap",
            )

    def roadmap(self) -> None:
        r = self.results
        slide, area = self.frame.slide(
            self.layouts.content,
            f"{TITLES['roadmap']}: {r.roadmap.horizon_months} months",
            narrative.roadmap(r, self.layer, self.date_style),
        )
        timeline(
            slide.shapes, area, self.frame.style, r.roadmap, r.assessment_date, self.date_style
        )

    def use_cases(self) -> None:
        """The verdicts as results.json gives them; no slide without use cases."""
        r = self.results
        found = r.use_cases
        if not found:
            return
        slide, area = self.frame.slide(
            self.layouts.content, TITLES["use_cases"], narrative.use_cases(r, self.date_style)
        )
        rows = [
            [
                u.name,
                VERDICT_WORDS.get(u.verdict, u.verdict),
                RISK_WORDS.get(u.risk_tier, u.risk_tier),
                money_text(u.value_per_year, r.roadmap.currency),
                _possible(u, r.assessment_date, self.date_style),
            ]
            for u in sorted(found, key=lambda u: (VERDICT_ORDER.get(u.verdict, 9), u.name))
        ]
        table(
            slide.shapes,
            area,
            self.frame.style,
            [
                Column("Use case", 3.2),
                Column("Verdict", 1.8),
                Column("AI Act risk", 1.4),
                Column("Value a year", 1.6, PP_ALIGN.RIGHT),
                Column("Possible from", 1.8),
            ],
            rows,
            name="Table: use cases",
            size=12,
        )

    def use_case_matrix(self) -> None:
        """The matrix the report draws, as a chart the consultant can edit; prohibited
        practices are not plotted, as in the report."""
        r = self.results
        portfolio = r.use_case_portfolio
        plotted = [u for u in r.use_cases if u.feasibility is not None and u.verdict != "never"]
        if portfolio is None or not plotted:
            return
        slide, area = self.frame.slide(
            self.layouts.content,
            TITLES["use_case_matrix"],
            narrative.use_case_matrix(r),
        )
        points = [
            charts.MatrixPoint(
                name=u.name,
                verdict=u.verdict,
                feasibility=u.feasibility * 100,
                value=(u.value_per_year.low + u.value_per_year.high) / 2 / MILLION,
            )
            for u in plotted
            if u.feasibility is not None
        ]
        charts.use_case_matrix(
            slide.shapes,
            area,
            self.frame.style,
            points,
            {v: VERDICT_WORDS[v] for v in charts.VERDICT_MARKERS},
            (portfolio.feasibility_split * 100, portfolio.value_split / MILLION),
            f"Value a year ({r.roadmap.currency} m, midpoint)",
        )

    def cost(self) -> None:
        r = self.results
        road = r.roadmap
        slide, area = self.frame.slide(
            self.layouts.content, TITLES["cost"], narrative.cost(r, self.layer)
        )
        names = {p.number: p for p in road.phases}
        rows = [
            [
                f"{c.phase}. {names[c.phase].name}" if c.phase in names else f"Phase {c.phase}",
                money_text(c.capex, road.currency),
                money_text(c.opex_per_year, road.currency),
                ", ".join(names[c.phase].focus) if c.phase in names else "",
            ]
            for c in road.phase_costs
        ]
        rows.append(
            [
                "Total",
                money_text(road.total_capex, road.currency),
                money_text(road.total_opex_per_year, road.currency),
                "",
            ]
        )
        grid_area, caption = area.rows(5, 1)
        table(
            slide.shapes,
            grid_area,
            self.frame.style,
            [
                Column("Phase", 2.0),
                Column("One-off", 1.6, PP_ALIGN.RIGHT),
                Column("Yearly, once running", 1.8, PP_ALIGN.RIGHT),
                Column("Mainly improves", 3.4),
            ],
            rows,
            name="Table: cost by phase",
            size=13,
            total_row=True,
        )
        self.text_box(
            slide,
            Area(caption.left, caption.bottom - Inches(0.6), caption.width, Inches(0.6)),
            ["Estimates, as ranges. The assumptions behind each figure are in the notes."],
            11,
            name="How to read the cost",
        )

    def first_days(self) -> None:
        r = self.results
        start = r.assessment_date
        by_id = {a.id: a for a in r.roadmap.actions}
        actions = [by_id[x] for x in r.roadmap.first_days if x in by_id]  # as planned
        notes = narrative.first_days(actions, start, self.date_style)
        per_slide = self._rows_per_slide()
        parts = [actions[i : i + per_slide] for i in range(0, len(actions), per_slide)]
        for n, part in enumerate(parts or [[]]):
            title = TITLES["first_days"] + (" (continued)" if n else "")
            slide, area = self.frame.slide(self.layouts.content, title, notes)
            if not part:
                self.text_box(
                    slide,
                    area,
                    ["No action starts in the first three months."],
                    18,
                    name="First 90 days",
                )
                continue
            rows = [
                [
                    a.title + (" (legal duty)" if a.urgent else ""),
                    ", ".join(a.owners),
                    long_date(a.start_date, self.date_style),
                    long_date(a.end_date, self.date_style),
                ]
                for a in part
            ]
            table(
                slide.shapes,
                area,
                self.frame.style,
                [
                    Column("Action", 3.6),
                    Column("Owners", 3.4),
                    Column("Starts", 1.5),
                    Column("Done by", 1.5),
                ],
                rows,
                name="Table: the first 90 days",
                size=11,
            )

    def _rows_per_slide(self) -> int:
        """Table rows that fit below a title: owners and dates wrap onto two lines on a
        narrow (4:3) slide."""
        width, height = self.frame.size()
        free = height - Inches(2.1)
        row = Inches(0.4) if width >= Inches(12) else Inches(0.55)
        return max(MIN_ROWS, free // row - 1)

    def next_steps(self) -> None:
        r = self.results
        road = r.roadmap
        doc = self.layer.document
        slide, area = self.frame.slide(
            self.layouts.content, TITLES["next_steps"], narrative.next_steps(self.layer)
        )
        starting = len(road.first_days)
        steps = []
        if road.decisions:
            count = len(road.decisions)
            steps.append(
                "Take the decision put to leadership."
                if count == 1
                else f"Take the {count} decisions put to leadership."
            )
        decided = any(d.kind == "budget" for d in road.decisions)  # one of the decisions above
        steps.append(
            ("The envelope: " if decided else "Set the budget envelope: ")
            + f"{money_text(road.total_capex, road.currency)} one-off over "
            f"{road.horizon_months} months, and "
            f"{money_text(road.total_opex_per_year, road.currency)} a year once running, "
            "released phase by phase."
        )
        if starting:
            steps.append(
                f"Start the {starting} action{'s' if starting != 1 else ''} of the first 90 days "
                f"from {long_date(r.assessment_date, self.date_style)}, each with its owner."
            )
        steps = [f"{i}. {s}" for i, s in enumerate(steps, start=1)]
        recommendations = "\n".join(plain_paragraphs(self.layer.commentary.recommendations))
        left, right = area.columns(1, 1) if recommendations else (area, None)
        contact = doc.contact
        if contact is not None:
            steps.append(
                "Contact: "
                + ", ".join(
                    p for p in (contact.name, contact.role, contact.email, contact.phone) if p
                )
            )
        self.text_box(slide, left, steps, 18, name="Next steps")
        if right is not None:
            text = recommendations
            if len(text) > EXCERPT:
                text = text[:EXCERPT].rsplit(" ", 1)[0] + " ... (the full text is in the notes)"
            self.text_box(
                slide,
                right,
                ["Recommendations", *text.splitlines()],
                14,
                name="Recommendations",
                bold_first=True,
            )


def _intervals(results: Results) -> str:
    """What the notes say about the scores' intervals, true when some have none."""
    total = len(results.dimensions)
    with_one = sum(1 for d in results.dimensions if d.confidence_interval is not None)
    if with_one == total:
        return "Each dimension score has a 95% interval, read in the notes."
    if with_one == 0:
        return "Too few respondents for any score to have a 95% interval; the notes say why."
    return (
        f"{with_one} of {total} dimension scores have a 95% interval, read in the notes; "
        "the notes say why the others have none."
    )


VERDICT_WORDS = {
    "go": "Go",
    "go_with_conditions": "Go, with conditions",
    "not_yet": "Not yet",
    "never": "Never",
}
VERDICT_ORDER = {"go": 0, "go_with_conditions": 1, "not_yet": 2, "never": 3}
RISK_WORDS = {
    "prohibited": "Prohibited",
    "high": "High-risk",
    "limited": "Limited (transparency)",
    "minimal": "Minimal",
}


def _possible(u: UseCaseVerdict, start: dt.date, date_style: str) -> str:
    if u.verdict == "never":
        return "never: prohibited"
    if u.verdict in ("go", "go_with_conditions"):
        return "now"
    if not u.within_plan or u.possible_from_month is None:
        return "not within the plan"
    return month_text(month_date(start, u.possible_from_month), date_style)
