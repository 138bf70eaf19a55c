"""Report editions and options: executive, per unit, logo, hidden small groups, free text."""

from __future__ import annotations

import base64
import json
import re

import pytest
import yaml
from pypdf import PdfReader

from tests.conftest import EXAMPLE, REPO

PULSE = REPO / "tests" / "data" / "pulse-engagement"
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


def _text(path) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(path).pages).split())


def _set_report(engagement, **settings):
    path = engagement / "assessment.yaml"
    data = yaml.safe_load(path.read_text())
    data.setdefault("report", {}).update(settings)
    path.write_text(yaml.safe_dump(data))


ID = re.compile(r"\b[A-Z]{2,}-\d{2}\b")  # action and question ids: ACT-02, STRAT-01


@pytest.mark.parametrize("engagement", [PULSE, EXAMPLE], ids=["pulse", "northwind"])
def test_the_board_brief_is_short_plain_and_complete(run_cli, tmp_path, engagement):
    brief, json_path = tmp_path / "brief.pdf", tmp_path / "r.json"
    result = run_cli(
        "report",
        str(engagement),
        "-o",
        str(brief),
        "--audience",
        "executive",
        "--json",
        str(json_path),
    )
    assert result.code == 0, result.err
    pages = len(PdfReader(brief).pages)
    assert 3 <= pages <= 5
    text = _text(brief)
    assert text.startswith("BOARD BRIEF")  # its own cover label
    for kept in (
        "Where we stand",
        "How sure (95% interval)",
        "Decisions for the board",
        "The first 90 days",
        "The cost, and what it buys",
    ):
        assert kept in text
    for dropped in ("Readiness by dimension", "Appendix", "KPI scorecard", "Methodology"):
        assert dropped not in text
    assert not ID.search(text), ID.search(text)  # ids live in the full report only
    roadmap = json.loads(json_path.read_text())["roadmap"]
    budget = [d for d in roadmap["decisions"] if d["kind"] == "budget"]
    assert len(budget) == 1 and budget[0]["title"] in text
    for d in roadmap["decisions"]:
        assert d["title"] in text and d["owner"] in text and not ID.search(d["title"] + d["reason"])
    assert text.count("Decide by") == len(roadmap["decisions"])
    firsts = {a["id"]: a for a in roadmap["actions"] if a["id"] in roadmap["first_days"]}
    assert all(a["start_month"] < 3 for a in firsts.values())
    for a in firsts.values():
        assert a["title"] in text


def test_the_board_brief_names_the_overdue_duty_first(run_cli, tmp_path):
    brief, json_path = tmp_path / "brief.pdf", tmp_path / "r.json"
    assert (
        run_cli(
            "report",
            str(EXAMPLE),
            "-o",
            str(brief),
            "--audience",
            "executive",
            "--json",
            str(json_path),
        ).code
        == 0
    )
    roadmap = json.loads(json_path.read_text())["roadmap"]
    first = roadmap["decisions"][0]
    assert first["kind"] == "legal_duty" and first["obligation_id"] == "EU-AIA-ART4"
    assert roadmap["deadlines"][0] == "EU-AIA-ART4"
    text = _text(brief)
    assert "Legal deadlines" in text and "2 February 2025" in text and "In force: overdue" in text
    # the first 90 days are in calendar dates: the assessment is of 16 November 2026
    assert "16 Nov 2026" in text and "16 Feb 2027" in text


# What a client must never read: file names, configuration keys, field names, algorithm names.
DEVELOPER_TEXT = re.compile(
    r"\.ya?ml\b|\.py\b|\.json\b|results\.json|visible_if|unit_targets|scoring\.consensus"
    r"|Poisson|bootstrap|\b[a-z]+_[a-z_]+\b|`"
)


@pytest.mark.parametrize("engagement", [PULSE, EXAMPLE], ids=["pulse", "northwind"])
def test_the_full_report_explains_its_method_in_plain_words_only(run_cli, tmp_path, engagement):
    pdf = tmp_path / "full.pdf"
    assert run_cli("report", str(engagement), "-o", str(pdf)).code == 0
    text = _text(pdf)
    assert "How the results were reached" in text and "From gaps to the plan" in text
    assert "Appendix: results by question" in text and "Risks and compliance" in text
    # its own words, not the practitioners' document printed as is
    docs = (REPO / "docs" / "methodology.md").read_text()
    assert "Answers to question scores" in docs and "Answers to question scores" not in text
    found = [m.group(0) for m in DEVELOPER_TEXT.finditer(text) if "@" not in m.group(0)]
    assert not found, found


def test_units_below_the_minimum_group_size_are_hidden(run_cli, tmp_path):
    pdf = tmp_path / "pulse.pdf"
    assert run_cli("report", str(PULSE), "-o", str(pdf)).code == 0  # 2 respondents per unit
    text = _text(pdf)
    assert "hidden to protect their anonymity" in text


def test_per_unit_reports(run_cli, pulse_copy, tmp_path):
    _set_report(pulse_copy, min_group_size=2)
    out = tmp_path / "units"
    result = run_cli("report", str(pulse_copy), "--per-unit", str(out))
    assert result.code == 0, result.err
    assert sorted(p.name for p in out.iterdir()) == ["office-readiness.pdf", "shops-readiness.pdf"]
    text = _text(out / "shops-readiness.pdf")
    assert "action plan: Shops" in text


def test_per_unit_skips_units_too_small_to_show(run_cli, tmp_path):
    out = tmp_path / "units"
    result = run_cli("report", str(PULSE), "--per-unit", str(out))
    assert result.code == 0
    assert "skipped shops: 2 respondents, fewer than 3" in result.out
    assert list(out.iterdir()) == []


def test_report_needs_exactly_one_destination(run_cli, tmp_path):
    result = run_cli("report", str(PULSE))
    assert result.code == 2 and "either -o FILE.pdf or --per-unit FOLDER" in result.err
    both = run_cli(
        "report", str(PULSE), "-o", str(tmp_path / "a.pdf"), "--per-unit", str(tmp_path / "u")
    )
    assert both.code == 2


def test_logo_inside_the_engagement_is_embedded(run_cli, pulse_copy, tmp_path):
    (pulse_copy / "logo.png").write_bytes(PNG)
    _set_report(pulse_copy, logo="logo.png")
    html = tmp_path / "r.html"
    result = run_cli("report", str(pulse_copy), "-o", str(tmp_path / "r.pdf"), "--html", str(html))
    assert result.code == 0, result.err
    assert 'src="data:image/png;base64,' in html.read_text()


@pytest.mark.parametrize(
    ("logo", "message"),
    [
        ("../outside.png", "must be a file inside the engagement folder"),
        ("missing.png", "not found"),
        ("logo.gif", "must be PNG, JPEG or SVG"),
    ],
)
def test_bad_logo_is_a_clear_error(run_cli, pulse_copy, tmp_path, logo, message):
    (pulse_copy.parent / "outside.png").write_bytes(PNG)
    _set_report(pulse_copy, logo=logo)
    result = run_cli("report", str(pulse_copy), "-o", str(tmp_path / "r.pdf"))
    assert result.code == 2
    assert "field 'report.logo'" in result.err and message in result.err
    assert not (tmp_path / "r.pdf").exists()


def test_same_inputs_give_the_same_pdf_text(run_cli, tmp_path):
    first, second = tmp_path / "1.pdf", tmp_path / "2.pdf"
    assert run_cli("report", str(PULSE), "-o", str(first)).code == 0
    assert run_cli("report", str(PULSE), "-o", str(second)).code == 0
    assert _text(first) == _text(second)


def test_free_text_is_grouped_and_shown(run_cli, tmp_path):
    html = tmp_path / "r.html"
    assert (
        run_cli("report", str(PULSE), "-o", str(tmp_path / "r.pdf"), "--html", str(html)).code == 0
    )
    page = html.read_text()
    assert "In respondents' own words" in page and "More examples" in page


@pytest.mark.parametrize(
    ("style", "expected"),
    [("dmy", "1 March 2026"), ("mdy", "March 1, 2026"), ("iso", "2026-03-01")],
)
def test_dates_follow_the_engagement_style(run_cli, pulse_copy, tmp_path, style, expected):
    _set_report(pulse_copy, date_style=style)
    pdf = tmp_path / "r.pdf"
    assert run_cli("report", str(pulse_copy), "-o", str(pdf), "--audience", "executive").code == 0
    assert expected in _text(pdf)


def test_pdf_metadata(run_cli, pulse_copy, tmp_path):
    _set_report(pulse_copy, prepared_by="Assessment team")
    pdf = tmp_path / "r.pdf"
    assert run_cli("report", str(pulse_copy), "-o", str(pdf)).code == 0
    meta = PdfReader(pdf).metadata
    assert meta.title == "Pulse Test Ltd: Generative AI readiness and action plan"
    assert meta.author == "Assessment team"
    assert meta.subject and "readiness" in meta.subject


def test_per_unit_refuses_options_it_cannot_honour(run_cli, tmp_path):
    result = run_cli(
        "report", str(PULSE), "--per-unit", str(tmp_path / "u"), "--json", str(tmp_path / "r.json")
    )
    assert result.code == 2 and "--per-unit writes PDFs only" in result.err


def test_decisions_use_the_engagement_date_style(run_cli, tmp_path):
    import shutil

    from tests.conftest import EXAMPLE

    engagement = tmp_path / "nw"
    shutil.copytree(EXAMPLE, engagement)
    _set_report(engagement, date_style="mdy")
    pdf = tmp_path / "r.pdf"
    assert run_cli("report", str(engagement), "-o", str(pdf), "--audience", "executive").code == 0
    text = _text(pdf)
    assert "In force since February 2, 2025" in text and "02 February" not in text


def test_a_long_plan_is_split_over_several_gantt_charts():
    from assessment.report.charts.gantt import MAX_ROWS, GanttBar, GanttPhase, gantt_charts

    bars = [GanttBar(f"ACT-{i:02d} Task", i % 20, i % 20 + 3, False) for i in range(50)]
    charts = gantt_charts(bars, [GanttPhase("All", 0, 24)], 24, "#1F4E79", "Plan")
    assert len(charts) == 2 and all(c.count("<rect") <= MAX_ROWS + 1 for c in charts)
    assert "ACT-00 Task" in charts[0] and "ACT-49 Task" in charts[1]


@pytest.mark.parametrize(
    ("n", "most"), [(0, 8), (1, 8), (8, 8), (9, 8), (50, 8), (52, 32), (97, 32)]
)
def test_long_charts_and_tables_split_into_nearly_equal_parts(n, most):
    from assessment.report.page_split import balanced_chunks

    parts = balanced_chunks(list(range(n)), most)
    sizes = [len(p) for p in parts]
    assert [x for p in parts for x in p] == list(range(n))  # all items, in order
    assert max(sizes) <= most and max(sizes) - min(sizes) <= 1
    assert len(parts) == max(1, -(-n // most))  # as few parts as fit


def test_many_business_units_split_the_heatmap_into_parts(run_cli, mini_copy, tmp_path):
    profile = yaml.safe_load((mini_copy / "assessment.yaml").read_text())
    profile["business_units"] += [{"id": f"unit-{i}", "name": f"Unit {i}"} for i in range(8)]
    (mini_copy / "assessment.yaml").write_text(yaml.safe_dump(profile))
    html = tmp_path / "r.html"
    pdf = tmp_path / "r.pdf"
    assert run_cli("report", str(mini_copy), "-o", str(pdf), "--html", str(html)).code == 0
    page = html.read_text()
    # 10 units by at most 8 side by side: two parts of 5, each a whole table.
    assert "Business units, part 1 of 2" in page and "Business units, part 2 of 2" in page
    assert page.count('<table class="heatmap">') == 2
    assert "part 2 of 2" in _text(pdf)


def test_deadline_texts_in_results_follow_the_engagement_date_style(run_cli, tmp_path):
    import json
    import shutil

    from tests.conftest import EXAMPLE

    engagement = tmp_path / "northwind"
    shutil.copytree(EXAMPLE, engagement)
    _set_report(engagement, date_style="mdy")
    result = run_cli("score", str(engagement), "--json")
    assert result.code == 0
    obligations = json.loads(result.out)["roadmap"]["obligations"]
    texts = [o["summary"] for o in obligations] + [o["plan_text"] for o in obligations]
    assert texts and all("2, 202" in t for t in texts if "August" in t or "February" in t)
    assert not any("2 August" in t or "2 February" in t for t in texts)
