"""Use cases in the report: the roadmap layer decides feasibility and the value at stake; the
full report and the board brief show what results.json says, and nothing when there are no
use cases."""

from __future__ import annotations

import datetime as dt
import html as html_text
import math
import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessment.commands.pipeline import assess, assess_unit
from assessment.loading.engagement import load_engagement, load_profile, questionnaire_folder
from assessment.loading.questionnaire import load_questionnaire
from assessment.model.results import Results
from assessment.model.roadmap import Range
from assessment.report.charts.matrix import (
    BOTTOM,
    HEIGHT,
    LEFT,
    RADIUS,
    RIGHT,
    TOP,
    WIDTH,
    MatrixPoint,
    value_matrix,
)
from assessment.report.context import build_context
from assessment.report.render import render_html
from assessment.roadmap.use_case_portfolio import FEASIBILITY_SPLIT, attainment, portfolio
from tests.conftest import EXAMPLE, MINI
from tests.test_layout import label_collisions

ID = re.compile(r"\bACT-\d+")


def _setup(folder):
    _, results = assess(folder)
    profile = load_profile(folder)
    questionnaire = load_questionnaire(questionnaire_folder(folder, profile)).questionnaire
    return results, questionnaire, profile


@pytest.fixture(scope="module")
def northwind():
    return _setup(EXAMPLE)


def _html(results: Results, questionnaire, profile, audience: str = "full") -> str:
    return render_html(build_context(results, questionnaire, profile, audience=audience))


def _section(html: str) -> str:
    match = re.search(r'<section class="use-cases" id="use-cases">.*?</section>', html, re.S)
    assert match, "no use-case section"
    return match.group(0)


def _brief_block(html: str) -> str:
    match = re.search(r'<div class="brief-use-cases">.*?</div>', html, re.S)
    assert match, "no use-case block in the brief"
    return match.group(0)


def _points(svg: str) -> list[ET.Element]:
    """The plotted use cases: white-edged circles (the legend's have no edge)."""
    root = ET.fromstring(svg)
    return [e for e in root.iter() if e.tag.endswith("circle") and e.get("stroke") == "#FFFFFF"]


def _marks_apart(svg: str, points: list[MatrixPoint] | None = None) -> list[str]:
    """Every pair of plotted dots that touch, every pair of value bars side by side that a
    reader could take for one, and, given the points, any whose true place is not drawn: its
    dot, or the grey dot a moved one keeps a dotted line to."""
    root = ET.fromstring(svg)
    problems = []
    dots = [(float(c.get("cx")), float(c.get("cy"))) for c in _points(svg)]
    for k, (x0, y0) in enumerate(dots):
        for x1, y1 in dots[k + 1 :]:
            if math.hypot(x1 - x0, y1 - y0) < 2 * RADIUS:
                problems.append(f"dots at ({x0}, {y0}) and ({x1}, {y1}) touch")
    bars = [
        (float(e.get("x1")), *sorted((float(e.get("y1")), float(e.get("y2")))))
        for e in root.iter()
        if e.tag.endswith("line") and e.get("stroke-width") == "2" and e.get("x1") == e.get("x2")
    ]
    for k, (x0, top0, bottom0) in enumerate(bars):
        for x1, top1, bottom1 in bars[k + 1 :]:
            if abs(x1 - x0) < 3 and top0 < bottom1 and top1 < bottom0:
                problems.append(f"bars at x {x0} and {x1} run together")
    if points is not None:
        placed = [
            (float(c.get("cx")), float(c.get("cy")))
            for c in root.iter()
            if c.tag.endswith("circle") and (c.get("stroke") == "#FFFFFF" or c.get("r") == "1.2")
        ]
        top = max([1_000_000.0, *(p.value_high for p in points)])
        scale = 1.0
        while scale * 10 <= top:
            scale *= 10
        top = next(scale * f for f in (1, 2, 5, 10) if scale * f >= top)
        for p in points:
            px = LEFT + (WIDTH - RIGHT - LEFT) * p.feasibility
            py = HEIGHT - BOTTOM - (HEIGHT - BOTTOM - TOP) * (p.value_low + p.value_high) / 2 / top
            if not any(abs(cx - px) < 0.06 and abs(cy - py) < 0.06 for cx, cy in placed):
                problems.append(f"{p.label} is not drawn at its place ({px:.1f}, {py:.1f})")
    return problems


# --- The roadmap layer -------------------------------------------------------------------


def test_attainment_by_hand():
    # Level 3 starts at 2.6: a capability at 2.2 has come 1.2 of the 1.6 points from 1.
    assert attainment(2.2, False, 2.6) == pytest.approx(0.75)
    assert attainment(1.0, False, 2.6) == 0.0
    assert attainment(3.0, False, 2.6) == 1.0  # at or above the level's start: reached
    assert attainment(None, False, 2.6) == 0.0  # nobody answered
    assert attainment(1.4, True, 2.6) == 1.0  # met after gates counts as met


def test_value_at_stake_sums_the_waiting_use_cases_by_hand(northwind):
    results, _, _ = northwind
    base = results.use_cases[0]
    a = base.model_copy(
        update={
            "id": "a",
            "verdict": "not_yet",
            "closing_actions": ["X", "Y"],
            "value_per_year": Range(low=100, high=200),
            "feasibility": 0.5,
        }
    )
    b = base.model_copy(
        update={
            "id": "b",
            "verdict": "not_yet",
            "closing_actions": ["Y"],
            "value_per_year": Range(low=10, high=1000),
            "feasibility": 0.6,
        }
    )
    go = base.model_copy(
        update={
            "id": "c",
            "verdict": "go",
            "closing_actions": [],
            "value_per_year": Range(low=40, high=60),
            "feasibility": 1.0,
        }
    )
    never = base.model_copy(
        update={"id": "d", "verdict": "never", "closing_actions": [], "feasibility": None}
    )
    result = portfolio([a, b, go, never], results.roadmap)
    assert result is not None
    assert result.value_at_stake == Range(low=110, high=1200)  # a and b; never the go one
    assert [(s.action_id, s.use_cases) for s in result.stakes] == [("Y", ["a", "b"]), ("X", ["a"])]
    assert result.stakes[0].value_per_year == Range(low=110, high=1200)
    assert result.stakes[1].value_per_year == Range(low=100, high=200)
    assert not result.stakes[0].planned  # no action Y in the plan
    # Midpoints 150, 505 and 50 (the prohibited one is not plotted): the median is 150.
    assert result.value_split == 150
    assert result.feasibility_split == FEASIBILITY_SPLIT
    assert portfolio([], results.roadmap) is None


def test_northwind_feasibility_matches_its_verdicts(northwind):
    results, _, _ = northwind
    for v in results.use_cases:
        assert v.feasibility is not None and v.feasibility_interval is not None
        low, high = v.feasibility_interval
        assert 0 <= low <= v.feasibility <= high <= 1
        # Every needed level met is full feasibility, and only then.
        assert (v.feasibility == 1.0) == (v.verdict == "go")
        if v.verdict == "not_yet" and v.possible_from_month is not None:
            last = max(
                (a for a in results.roadmap.actions if a.id in v.closing_actions),
                key=lambda a: a.end_month,
            )
            assert (v.possible_from_month, v.possible_from_date) == (last.end_month, last.end_date)


# --- The full report ---------------------------------------------------------------------


def _doctored(results: Results) -> Results:
    """Verdicts the engine would not give: the report must show them as written."""
    first, second, *rest = results.use_cases
    portfolio_ = results.use_case_portfolio
    assert portfolio_ is not None
    return results.model_copy(
        update={
            "use_cases": [
                first.model_copy(
                    update={
                        "verdict": "go_with_conditions",
                        "reason": "Reason written by hand.",
                        "conditions": ["Hand-made condition, by month 4"],
                    }
                ),
                second.model_copy(
                    update={
                        "verdict": "not_yet",
                        "reason": "Waits by hand.",
                        "possible_from_month": 17,
                        "possible_from_date": dt.date(2030, 3, 1),
                        "closing_actions": ["ACT-29"],
                        "duties": ["A duty written by hand."],
                    }
                ),
                *rest[:-1],
                rest[-1].model_copy(
                    update={"verdict": "never", "reason": "Never, by hand.", "feasibility": None}
                ),
            ],
            "use_case_portfolio": portfolio_.model_copy(
                update={
                    "value_at_stake": Range(low=123_000, high=456_000),
                    "stakes": [
                        portfolio_.stakes[0].model_copy(
                            update={
                                "title": "An action titled by hand",
                                "value_per_year": Range(low=7_000, high=8_000),
                            }
                        )
                    ],
                }
            ),
        }
    )


def test_the_section_shows_the_verdicts_as_results_say(northwind):
    results, questionnaire, profile = northwind
    doctored = _doctored(results)
    section = _section(_html(doctored, questionnaire, profile))
    assert "<h2>Go with conditions</h2>" in section and "<h2>Never</h2>" in section
    for text in (
        "Reason written by hand.",
        "Hand-made condition, by month 4",
        "Waits by hand.",
        "month 17 (March 2030)",
        "A duty written by hand.",
        "Never, by hand.",
    ):
        assert text in section, text
    # Each use case sits in the table of the verdict the results give it.
    for v in doctored.use_cases:
        table = re.search(rf'<table class="[^"]*verdict-{v.verdict}">.*?</table>', section, re.S)
        assert table and f"<strong>{v.name}</strong>" in table.group(0)
    # The blocking gaps and their actions, with ids, as the results list them.
    pricing = next(v for v in results.use_cases if v.id == "life-health-pricing")
    for gap in pricing.blocking:
        for aid in gap.closing_actions:
            assert aid in section
    # The prohibited one is not plotted, and the note says so.
    svg = re.search(r"<svg .*?</svg>", section, re.S).group(0)
    assert len(_points(svg)) == len(doctored.use_cases) - 1
    assert f"Not plotted, as prohibited practices: {doctored.use_cases[-1].name}." in section


def test_an_action_says_which_use_cases_it_unblocks_and_what_is_at_stake(northwind):
    """ACT-17 unblocks the customer chatbot alone (EUR 400k-900k a year in use-cases.yaml);
    an action that unblocks nothing says nothing of it."""
    results, questionnaire, profile = northwind
    html = _html(results, questionnaire, profile)
    chatbot = next(u.name for u in results.use_cases if u.id == "customer-chatbot")
    block = re.search(r'<span class="qid">ACT-17</span>.*?</div>', html, re.S).group(0)
    assert f'<p class="unblocks">Unblocks “{chatbot}”: EUR 400k-900k a year at stake.</p>' in (
        block.replace("&#34;", '"')
    )
    idle = next(a.id for a in results.roadmap.actions if not a.unblocks)
    idle_block = re.search(rf'<span class="qid">{idle}</span>.*?</div>', html, re.S).group(0)
    assert "unblocks" not in idle_block


def test_the_matrix_has_one_point_per_use_case_and_clear_labels(northwind):
    results, questionnaire, profile = northwind
    section = _section(_html(results, questionnaire, profile))
    svg = re.search(r"<svg .*?</svg>", section, re.S).group(0)
    assert len(_points(svg)) == len(results.use_cases) == 9
    labels = "".join(e.text or "" for e in ET.fromstring(svg).iter() if e.tag.endswith("text"))
    for v in results.use_cases:
        assert v.name.replace(" ", "") in labels.replace(" ", "")  # wrapped, but all there
    assert label_collisions(svg) == []
    # Five go use cases sit at 100%; four of their value ranges overlap.
    assert _marks_apart(svg) == []
    assert "a point set aside from its place (grey dot)" in svg


def test_the_contents_list_the_section_after_the_units(northwind):
    results, questionnaire, profile = northwind
    html = _html(results, questionnaire, profile)
    assert html.index('id="units"') < html.index('id="use-cases"') < html.index('id="roadmap"')
    assert '<a href="#use-cases">Use cases</a>' in html


def test_without_use_cases_there_is_no_section_or_block():
    results, questionnaire, profile = _setup(MINI)
    assert results.use_cases == [] and results.use_case_portfolio is None
    full = _html(results, questionnaire, profile)
    brief = _html(results, questionnaire, profile, audience="executive")
    for html in (full, brief):
        assert "use-cases" not in html and "Use cases" not in html
        assert "brief-use-cases" not in html


def _method(results: Results, questionnaire, profile) -> str:
    html = _html(results, questionnaire, profile)
    match = re.search(r'<section class="methodology" id="methodology">.*?</section>', html, re.S)
    assert match, "no methodology section"
    return re.sub(r"\s+", " ", html_text.unescape(match.group(0)))


def test_the_plain_method_explains_use_cases_from_the_stated_policy(northwind):
    """Every figure comes from results.json: a doctored policy and split reach the text as
    written; without a priority gain, the text does not claim one."""
    results, questionnaire, profile = northwind
    portfolio = results.use_case_portfolio
    assert portfolio is not None and portfolio.policy is not None
    shown = _method(results, questionnaire, profile)
    assert "no shortfall is larger than 0.4 points" in shown
    assert "within the plan's first 6 months" in shown
    assert "95% interval" in shown and "line between low and high feasibility is at 75%" in shown
    assert "gains 0.5 priority points for every EUR 1m a year" in shown
    assert "at most 1 in all" in shown

    policy = portfolio.policy.model_copy(
        update={
            "conditions_max_gap": 0.3,
            "conditions_start_within_months": 4,
            "priority_gain_per_million": 0.25,
            "priority_gain_cap": 2.0,
        }
    )
    doctored = results.model_copy(
        update={
            "use_case_portfolio": portfolio.model_copy(
                update={"policy": policy, "feasibility_split": 0.6, "value_split": 2_000_000}
            )
        }
    )
    shown = _method(doctored, questionnaire, profile)
    assert "no shortfall is larger than 0.3 points" in shown
    assert "within the plan's first 4 months" in shown
    assert "feasibility is at 60%, and between low and high value at EUR 2m a year" in shown
    assert "gains 0.25 priority points" in shown and "at most 2 in all" in shown

    no_gain = policy.model_copy(update={"priority_gain_per_million": 0.0})
    quiet = results.model_copy(
        update={"use_case_portfolio": portfolio.model_copy(update={"policy": no_gain})}
    )
    shown = _method(quiet, questionnaire, profile)
    assert "Feasibility shows how far" in shown and "priority points" not in shown


# --- The board brief ---------------------------------------------------------------------


def test_the_brief_block_shows_what_results_say_in_plain_words(northwind):
    results, questionnaire, profile = northwind
    doctored = _doctored(results)
    block = _brief_block(_html(doctored, questionnaire, profile, audience="executive"))
    start = re.search(r"Can start now:</strong>(.*?)</p>", block, re.S).group(1)
    waiting = re.search(r"Waiting:</strong>(.*?)</p>", block, re.S).group(1)
    for v in doctored.use_cases:
        if v.verdict in ("go", "go_with_conditions"):
            assert v.name in start and v.name not in waiting
        elif v.verdict == "not_yet":
            assert v.name in waiting and v.name not in start
    assert "once Hand-made condition, by month 4" in start
    assert "from March 2030, for 1 piece of work" in waiting
    assert "EUR 123k-456k a year waits" in block
    assert "An action titled by hand (EUR 7k-8k" in block
    assert "Never, by hand." in block
    assert not ID.search(block), ID.search(block)


def test_the_northwind_brief_names_the_blocking_actions_without_ids(northwind):
    results, questionnaire, profile = northwind
    block = _brief_block(_html(results, questionnaire, profile, audience="executive"))
    portfolio_ = results.use_case_portfolio
    assert portfolio_ is not None
    for stake in portfolio_.stakes[:2]:
        assert stake.title in block
    assert not ID.search(block)


# --- The chart on its own ----------------------------------------------------------------

NAMES = [
    "Claims triage and routing",
    "Claims document intake",
    "Claims handling agent",
    "Policyholder chatbot",
    "Draft replies to customer e-mails",
    "Campaign content drafts",
    "Life and health pricing assistant",
    "Policy and procedure assistant",
    "Code assistant for IT",
]


@settings(max_examples=60, deadline=None)
@given(data=st.data(), count=st.integers(1, len(NAMES)))
def test_matrix_labels_never_collide(data, count):
    points = []
    for name in NAMES[:count]:
        share = data.draw(st.sampled_from([0.5, 0.75, 1.0]) | st.floats(0.3, 1.0))
        low = data.draw(st.floats(0, 2_000_000))
        high = low + data.draw(st.floats(0, 2_000_000))
        verdict = (
            "go" if share == 1.0 else data.draw(st.sampled_from(["not_yet", "go_with_conditions"]))
        )
        points.append(
            MatrixPoint(
                name, verdict, share, max(0.0, share - 0.1), min(1.0, share + 0.1), low, high
            )
        )
    svg = value_matrix(points, 1_000_000, 0.75, "EUR", "Matrix")
    assert len(_points(svg)) == count
    assert label_collisions(svg) == []
    assert _marks_apart(svg, points) == []


def test_coincident_points_are_set_apart_and_keep_their_place():
    """Three go use cases on one spot, and two whose bars overlap at 100%: each gets its own
    dot and bar, the true place stays drawn, and a point touching nothing does not move."""
    same = [MatrixPoint(f"Same {k}", "go", 1.0, 1.0, 1.0, 400_000, 600_000) for k in range(3)]
    overlapping = [
        MatrixPoint("Wide", "go", 1.0, 0.9, 1.0, 1_000_000, 3_000_000),
        MatrixPoint("Narrow", "go", 1.0, 1.0, 1.0, 1_500_000, 2_600_000),
    ]
    alone = MatrixPoint("Alone", "not_yet", 0.4, 0.3, 0.5, 2_000_000, 2_200_000)
    points = [*same, *overlapping, alone]
    svg = value_matrix(points, 1_000_000, 0.75, "EUR", "Matrix")
    assert _marks_apart(svg, points) == []
    assert label_collisions(svg) == []
    dots = {(float(c.get("cx")), float(c.get("cy"))) for c in _points(svg)}
    assert len(dots) == 6
    # The three on one spot stand a dot's width and a gap apart, the first in place.
    assert sorted(x for x, _ in dots if x > LEFT + (WIDTH - RIGHT - LEFT) * 0.9)[-1] == 432.0
    assert round(LEFT + (WIDTH - RIGHT - LEFT) * 0.4, 1) in {x for x, _ in dots}  # not moved


def test_a_unit_edition_says_its_use_cases_are_judged_on_the_organisation(northwind):
    """A unit's report keeps the organisation's verdicts (one plan, shared capabilities) and
    says so, since its other pages show the unit's own scores."""
    results, questionnaire, profile = northwind
    engagement = load_engagement(EXAMPLE)
    claims = assess_unit(engagement, "claims", results)
    assert claims.use_cases == results.use_cases
    html = _html(claims, questionnaire, profile)
    note = re.search(r"<strong>Organisation-wide verdicts.</strong>[^<]*", _section(html))
    assert note and "not against the scores of Claims alone" in html_text.unescape(note.group(0))
    assert "Organisation-wide verdicts" not in _html(results, questionnaire, profile)
