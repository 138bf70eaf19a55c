"""The deck, opened again with python-pptx and checked against results.json: titles, chart data,
the heatmap, decisions, notes, hidden units, untrusted text, a firm's template, the command."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.chart.chart import Chart
from pptx.slide import Slide
from pptx.util import Inches

from assessment.commands.output_files import is_own_output
from assessment.commands.pipeline import assess
from assessment.common.formatting import round_half_up
from assessment.exports.deck import DeckAssets, render_deck
from assessment.model.deliverable import Commentary, ConsultantLayer, DocumentControl, SignOff
from assessment.model.results import Results
from tests.conftest import EXAMPLE, MINI

TITLES = [
    "Where we stand",
    "Decisions for leadership",
    "Gaps to the target",
    "Business units",
    "Use cases: what can start, and when",  # the example has use cases
    "Use cases: value against feasibility",
    "Roadmap: 24 months",
    "Cost",
    "The first 90 days",
    "Next steps",
]


@pytest.fixture(scope="module")
def example() -> Results:
    return assess(EXAMPLE)[1]


@pytest.fixture(scope="module")
def mini() -> Results:
    return assess(MINI)[1]


@pytest.fixture(scope="module")
def example_deck(example: Results):
    return Presentation(io.BytesIO(render_deck(example, ConsultantLayer())))


def _title(slide: Slide) -> str:
    title = slide.shapes.title
    return title.text_frame.text if title is not None else ""


def _slide(deck, title: str) -> Slide:
    return next(s for s in deck.slides if _title(s) == title)


def _chart(slide: Slide) -> Chart:
    return next(s.chart for s in slide.shapes if s.has_chart)


def _table(slide: Slide):
    return next(s.table for s in slide.shapes if s.has_table)


def _slide_text(slide: Slide) -> str:
    parts = [s.text_frame.text for s in slide.shapes if s.has_text_frame]
    for shape in slide.shapes:
        if shape.has_table:
            parts += [c.text for row in shape.table.rows for c in row.cells]
    return "\n".join(parts)


def _all_xml(data: bytes, under: tuple[str, ...] = ("",)) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "\n".join(
            archive.read(n).decode("utf-8", "replace")
            for n in archive.namelist()
            if n.endswith((".xml", ".rels")) and n.startswith(under)
        )


def _one_decimal(value: float) -> str:
    return f"{round_half_up(value, 1):.1f}"


def test_round_half_up_at_the_half():
    assert round_half_up(1.95, 1) == 2.0
    assert round_half_up(32.5, 0) == 33
    assert round_half_up(2.25, 1) == 2.3
    assert round_half_up(0.15, 1) == 0.2


def test_slides_in_order_with_the_organisation_on_the_cover(example_deck, example):
    titles = [_title(s) for s in example_deck.slides]
    assert titles[0] == f"{example.organisation}: readiness for generative AI"
    assert titles[1:] == TITLES
    cover = _slide_text(example_deck.slides[0])
    assert "Assessed 16 November 2026" in cover
    assert "Version 0.1" in cover and "Draft" in cover


def test_where_we_stand_shows_index_band_level_and_a_radar_of_score_and_target(
    example_deck, example
):
    slide = _slide(example_deck, "Where we stand")
    text = _slide_text(slide)
    o = example.overall
    assert "31\nout of 100 on the readiness index" in text  # 31.3, half up
    assert o.band in text and f"Level {o.level} of 5: {o.level_name}" in text
    assert "43 respondents in 4 business units" in text
    chart = _chart(slide)
    assert chart.chart_type is not None and "RADAR" in str(chart.chart_type)
    plot = chart.plots[0]
    assert list(plot.categories) == [d.name for d in example.dimensions]
    score, target = plot.series
    assert score.name == "Score" and target.name == "Target score"
    assert list(score.values) == [d.score for d in example.dimensions]
    assert list(target.values) == [d.target_score for d in example.dimensions]


def test_gap_bars_are_sorted_widest_first_with_the_target(example_deck, example):
    slide = _slide(example_deck, "Gaps to the target")
    by_gap = sorted(example.dimensions, key=lambda d: -d.gap)
    plot = _chart(slide).plots[0]
    assert list(plot.categories) == [
        f"{d.name} (target {_one_decimal(d.target_score)})" for d in by_gap
    ]
    (gaps,) = plot.series
    assert list(gaps.values) == [d.gap for d in by_gap]
    assert plot.categories[0] == "Data readiness (target 3.4)"
    # Data readiness scores 1.94 but is held at level 1 by DATA-01 (1.6): its 1.8 points are
    # counted from there, and the slide says so rather than stacking 1.94 + 1.8.
    assert gaps.values[0] == 1.8
    assert "Data readiness: held down by a critical question" in _slide_text(slide)


def test_heatmap_cells_are_the_units_scores(example_deck, example):
    grid = _table(_slide(example_deck, "Business units"))
    header = [c.text for c in grid.rows[0].cells]
    assert header == ["Business unit", "Index", *(d.name for d in example.dimensions)]
    for row, unit in zip(list(grid.rows)[1:], example.units, strict=True):
        cells = [c.text for c in row.cells]
        scores = {d.dimension_id: d.score for d in unit.dimensions}
        assert cells[0] == unit.name
        assert unit.index is not None and cells[1] == f"{round_half_up(unit.index, 0):.0f}"
        assert cells[2:] == [_one_decimal(scores[d.dimension_id]) for d in example.dimensions]
    # Every cell goes through round_half_up (checked at the half above); no Northwind unit's
    # index ends in .5 since questionnaire 2.1.0, so the example no longer pins one.


def test_many_units_continue_on_more_slides(example):
    base = example.units[0]
    units = [
        base.model_copy(update={"unit_id": f"u{i:02d}", "name": f"Unit {i:02d}"}) for i in range(20)
    ]
    deck = Presentation(
        io.BytesIO(render_deck(example.model_copy(update={"units": units}), ConsultantLayer()))
    )
    slides = [s for s in deck.slides if _title(s).startswith("Business units")]
    assert len(slides) > 1
    assert [_title(s) for s in slides[1:]] == ["Business units (continued)"] * (len(slides) - 1)
    names = [row.cells[0].text for s in slides for row in list(_table(s).rows)[1:]]
    assert names == [u.name for u in units]
    for slide in slides:  # every part fits on its slide
        frame = next(s for s in slide.shapes if s.has_table)
        assert frame.top + frame.height <= deck.slide_height


def test_hidden_units_show_why_and_never_their_scores(mini):
    assert all(u.hidden for u in mini.units)
    # Doctor the scores of the hidden units to values found nowhere else in the deck.
    units = [
        u.model_copy(
            update={
                "index": 87.65,
                "dimensions": [d.model_copy(update={"score": 4.321}) for d in u.dimensions],
            }
        )
        for u in mini.units
    ]
    data = render_deck(mini.model_copy(update={"units": units}), ConsultantLayer())
    deck = Presentation(io.BytesIO(data))
    grid = _table(_slide(deck, "Business units"))
    for row, unit in zip(list(grid.rows)[1:], units, strict=True):
        cells = [c.text for c in row.cells]
        assert cells[0] == unit.name
        assert cells[1] == "fewer than 3 respondents: not shown"
        assert set(cells[2:]) <= {"", cells[1]}  # the merged cell's spanned parts
    xml = _all_xml(data)
    for shown in ("4.3", "4.32", "87.6", "87.7", "88"):
        assert not re.search(rf"(?<![\d.]){re.escape(shown)}(?![\d])", xml), shown
    notes = _notes(deck.slides[4])
    assert "North: fewer than 3 respondents; its scores are not shown." in notes


def test_confidence_says_which_scores_have_an_interval(mini):
    # Mini: alpha has an interval from 3 respondents; beta rests on 2, fewer than the 3 needed.
    deck = Presentation(io.BytesIO(render_deck(mini, ConsultantLayer())))
    slide = _slide(deck, "Where we stand")
    text = _slide_text(slide)
    assert "3 respondents in 2 business units" in text
    assert "1 of 2 dimension scores have a 95% interval" in text
    assert "Each dimension score" not in text
    assert "based on 2 respondents, fewer than the 3 needed" in _notes(slide)
    # Two dimensions make no radar: score and target stand side by side as bars.
    chart = _chart(slide)
    assert "COLUMN_CLUSTERED" in str(chart.chart_type)
    assert list(chart.plots[0].categories) == ["Alpha", "Beta"]
    assert list(chart.plots[0].series[0].values) == [2.38, 3.5]


def _notes(slide: Slide) -> str:
    return slide.notes_slide.notes_text_frame.text


def test_decisions_are_the_results_decisions(example_deck, example):
    text = _slide_text(_slide(example_deck, "Decisions for leadership"))
    decisions = example.roadmap.decisions
    assert decisions
    for i, d in enumerate(decisions, start=1):
        assert f"{i}. {d.title}" in text
        assert d.reason in text and f"Owner: {d.owner}." in text
    assert decisions[-1].kind == "budget"


def test_every_slide_has_notes_with_the_numbers_of_the_results(example_deck, example):
    for slide in example_deck.slides:
        assert _notes(slide).strip(), _title(slide)
    standing = _notes(_slide(example_deck, "Where we stand"))
    data = next(d for d in example.dimensions if d.dimension_id == "data")
    assert data.confidence_interval is not None
    assert (
        f"Data readiness: 1.9 (95% interval {_one_decimal(data.confidence_interval[0])}-"
        f"{_one_decimal(data.confidence_interval[1])}), level 1, held there by the critical "
        'question "How much of your data is classified by sensitivity?", from whose score the '
        "gap is counted; target level 4, which starts at 3.4: 1.8 points to go." in standing
    )
    cost = _notes(_slide(example_deck, "Cost"))
    assert "EUR 3.8m-9.3m one-off" in cost
    assert all(a in cost for a in example.roadmap.cost_assumptions)


def test_the_first_90_days_date_each_action_from_the_assessment_date(example_deck, example):
    grid = _table(_slide(example_deck, "The first 90 days"))
    starting = example.roadmap.first_days  # the plan's list, not the deck's
    rows = [[c.text for c in row.cells] for row in list(grid.rows)[1:]]
    assert len(rows) == len(starting) == 12
    by_title = {r[0].removesuffix(" (legal duty)"): r for r in rows}
    # Hand-computed from 16 November 2026: month 0 is that day, month 2 is 16 January 2027.
    charter = by_title["Sign an executive AI charter"]
    assert charter[2:] == ["16 November 2026", "16 December 2026"]
    dpia = by_title["Run DPIAs and AI Act and ISO 42001 readiness"]
    assert dpia[2:] == ["16 January 2027", "16 June 2027"]
    assert by_title["Evidence AI literacy measures (Art. 4)"][0].endswith("(legal duty)")


def test_cost_table_by_phase_with_the_total(example_deck, example):
    grid = _table(_slide(example_deck, "Cost"))
    rows = [[c.text for c in row.cells] for row in list(grid.rows)[1:]]
    assert [r[0] for r in rows] == [
        *(f"{p.number}. {p.name}" for p in example.roadmap.phases),
        "Total",
    ]
    assert rows[0][1:3] == ["EUR 530k-1.3m", "EUR 200k-550k"]
    assert rows[-1][1:3] == ["EUR 3.8m-9.3m", "EUR 3.4m-8.8m"]


def test_roadmap_is_shapes_one_bar_per_phase(example_deck, example):
    slide = _slide(example_deck, "Roadmap: 24 months")
    bars = {s.name: s for s in slide.shapes if s.name.endswith(" bar")}
    assert len(bars) == len(example.roadmap.phases)
    phase1, phase5 = bars["Phase 1 bar"], bars["Phase 5 bar"]
    assert phase1.text_frame.text == "12 actions"
    # Months 0-7 against 18-24: the bars are drawn to scale on one axis.
    per_month = (phase5.left + phase5.width - phase1.left) / 24
    assert phase1.width == pytest.approx(7 * per_month, rel=0.01)


def test_commentary_and_untrusted_text_stay_plain(example):
    hostile = 'Evil <script>alert(1)</script> "Co" =HYPERLINK("http://x.example")\x01\x0b'
    results = example.model_copy(update={"organisation": hostile})
    layer = ConsultantLayer(
        commentary=Commentary(
            key_messages="Act on **data** first. <b>raw</b> [see](http://evil.example)",
            recommendations="Fund the data platform.\nName a sponsor.",
            units={"claims": "Claims leads the way."},
        )
    )
    data = render_deck(results, layer)
    deck = Presentation(io.BytesIO(data))
    expected = hostile.replace("\x01", "").replace("\x0b", "")
    assert expected in _title(deck.slides[0])
    notes = _notes(_slide(deck, "Where we stand"))
    # Markdown read as plain text: emphasis dropped, raw HTML kept as text, links written out
    assert "Act on data first. <b>raw</b> see (http://evil.example)" in notes
    assert "Consultant's note on Claims: Claims leads the way." in _notes(deck.slides[4])
    next_steps = _slide_text(_slide(deck, "Next steps"))
    assert "Fund the data platform." in next_steps and "Name a sponsor." in next_steps
    # The slides, their notes and charts (not the template's masters) hold no field and no
    # link, and nothing refers outside the file.
    xml = _all_xml(data, ("ppt/slides/", "ppt/notesSlides/", "ppt/charts/"))
    assert "slide1.xml" in xml or "<p:sld" in xml
    assert "hlinkClick" not in xml and "<a:fld" not in xml
    assert "External" not in xml


def test_draft_mark_only_while_draft(example):
    def marks(layer: ConsultantLayer) -> list[int]:
        deck = Presentation(io.BytesIO(render_deck(example, layer)))
        return [sum(s.name == "Draft mark" for s in slide.shapes) for slide in deck.slides]

    assert set(marks(ConsultantLayer())) == {1}
    signed = [SignOff(name="A. Partner", signed_on=dt.date(2026, 12, 1))]
    final = DocumentControl(status="final", firm="Acme Advisory", version="1.0", sign_off=signed)
    assert set(marks(ConsultantLayer(document=final))) == {0}
    deck = Presentation(io.BytesIO(render_deck(example, ConsultantLayer(document=final))))
    assert "Acme Advisory · Version 1.0" in _slide_text(deck.slides[0])
    assert "Draft" not in _slide_text(deck.slides[0])


def _firm_template(path: Path) -> bytes:
    """python-pptx's template made a firm's own: 4:3, its Title Only layout renamed and moved
    to the end, a sample slide left in."""
    deck = Presentation()
    layouts = deck.slide_layouts
    title_only = next(la for la in layouts if la.name == "Title Only")
    title_only.name = "Firm heading"
    id_list = layouts._sldLayoutIdLst
    entry = next(e for e in id_list if layouts.part.related_slide_layout(e.rId) is title_only)
    id_list.remove(entry)
    id_list.append(entry)
    deck.slides.add_slide(layouts[0]).shapes.title.text = "Sample slide of the firm"
    deck.save(path)
    return path.read_bytes()


def test_a_firm_template_gives_its_layouts_and_size(example, tmp_path):
    template = _firm_template(tmp_path / "firm.pptx")
    deck = Presentation(io.BytesIO(render_deck(example, ConsultantLayer(), DeckAssets(template))))
    assert deck.slide_width == Inches(10)  # the template's 4:3, not the default's 16:9
    titles = [_title(s) for s in deck.slides]
    assert "Sample slide of the firm" not in titles
    # On the narrower slide the twelve actions of the first 90 days take two slides.
    assert titles[1:] == [*TITLES[:9], "The first 90 days (continued)", TITLES[9]]
    assert deck.slides[0].slide_layout.name == "Title Slide"
    assert {s.slide_layout.name for s in list(deck.slides)[1:]} == {"Firm heading"}
    # Everything stays on the slide.
    for slide in deck.slides:
        for shape in slide.shapes:
            assert shape.left + shape.width <= deck.slide_width, (_title(slide), shape.name)
            assert shape.top + shape.height <= deck.slide_height, (_title(slide), shape.name)


def test_cli_writes_the_deck_and_guards_what_it_did_not_write(run_cli, tmp_path):
    out = tmp_path / "mini.pptx"
    done = run_cli("deck", str(MINI), "-o", str(out))
    assert done.code == 0, done.err
    assert f"wrote {out} (9 slides)" in done.out
    assert is_own_output(out)
    assert len(Presentation(str(out)).slides) == 9
    assert run_cli("deck", str(MINI), "-o", str(out)).code == 0  # its own: replaced

    edited = Presentation(str(out))
    edited.core_properties.last_modified_by = "A. Consultant"
    edited.save(str(out))
    assert not is_own_output(out)
    refused = run_cli("deck", str(MINI), "-o", str(out))
    assert refused.code == 2 and "--force" in refused.err
    assert run_cli("deck", str(MINI), "-o", str(out), "--force").code == 0


@pytest.mark.parametrize("content", [None, b"not a presentation", b"PK\x03\x04broken"])
def test_cli_bad_template_names_it(run_cli, tmp_path, content):
    template = tmp_path / "firm.pptx"
    if content is not None:
        template.write_bytes(content)
    done = run_cli("deck", str(MINI), "-o", str(tmp_path / "d.pptx"), "--template", str(template))
    assert done.code == 2
    assert str(template) in done.err and "Traceback" not in done.err
    assert not (tmp_path / "d.pptx").exists()


def test_cli_uses_a_firm_template(run_cli, tmp_path):
    template = tmp_path / "firm.pptx"
    _firm_template(template)
    out = tmp_path / "d.pptx"
    assert run_cli("deck", str(MINI), "-o", str(out), "--template", str(template)).code == 0
    deck = Presentation(str(out))
    assert {s.slide_layout.name for s in list(deck.slides)[1:]} == {"Firm heading"}


def test_cli_wants_a_pptx_name(run_cli, tmp_path):
    done = run_cli("deck", str(MINI), "-o", str(tmp_path / "deck.pdf"))
    assert done.code == 2 and "FILE.pptx" in done.err


@pytest.mark.skipif(
    shutil.which("soffice") is None, reason="LibreOffice (soffice) is not installed"
)
def test_libreoffice_renders_one_page_per_slide(example, tmp_path):
    from pypdf import PdfReader

    deck = tmp_path / "deck.pptx"
    deck.write_bytes(render_deck(example, ConsultantLayer()))
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(deck)],
        check=True,
        capture_output=True,
        timeout=180,
        env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    pages = len(PdfReader(tmp_path / "deck.pdf").pages)
    assert pages == len(Presentation(str(deck)).slides) == 11  # with the two use-case slides


def _png(path: Path) -> None:
    from PIL import Image

    Image.new("RGB", (90, 30), (200, 60, 60)).save(path)


def test_theme_colours_fonts_and_logos_reach_the_deck(example, tmp_path):
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    from assessment.commands.deck import assets_of
    from assessment.model.deliverable import Colours, Fonts, Theme

    _png(tmp_path / "firm.png")
    _png(tmp_path / "client.png")
    theme = Theme(
        logo="firm.png",
        client_logo="client.png",
        colours=Colours(primary="#2E7D32", accent="#E65100"),
        fonts=Fonts(heading="Firm Serif", body="Firm Sans"),
    )
    assets, notices = assets_of(tmp_path, theme, None, "mdy")
    assert notices == []
    deck = Presentation(io.BytesIO(render_deck(example, ConsultantLayer(theme=theme), assets)))
    cover = deck.slides[0]
    pictures = [s for s in cover.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
    assert sorted(p.name for p in pictures) == ["Client logo", "Firm logo"]
    assert "Assessed November 16, 2026" in _slide_text(cover)  # the engagement's date style
    assert {r.font.name for p in cover.shapes.title.text_frame.paragraphs for r in p.runs} == {
        "Firm Serif"
    }
    radar = _chart(_slide(deck, "Where we stand"))
    score, target = radar.plots[0].series
    assert str(score.format.line.color.rgb) == "2E7D32"
    assert str(target.format.line.color.rgb) == "E65100"
    grid = _table(_slide(deck, "Cost"))
    assert str(grid.cell(0, 0).fill.fore_color.rgb) == "2E7D32"
    run = grid.cell(1, 0).text_frame.paragraphs[0].runs[0]
    assert run.font.name == "Firm Sans"


def test_an_svg_logo_is_left_out_with_a_notice(tmp_path):
    from assessment.commands.deck import assets_of
    from assessment.model.deliverable import Theme

    (tmp_path / "logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    assets, notices = assets_of(tmp_path, Theme(logo="logo.svg"), None, "dmy")
    assert assets.logo is None
    assert notices == ["the firm's logo is not in the deck: slides take a PNG or JPEG picture"]


def test_use_cases_slide_shows_the_verdicts_as_results_give_them(example_deck, example, mini):
    from assessment.exports.deck.slides import VERDICT_WORDS

    assert example.use_cases, "the example carries use cases"
    grid = _table(_slide(example_deck, "Use cases: what can start, and when"))
    rows = {row.cells[0].text: [c.text for c in row.cells] for row in list(grid.rows)[1:]}
    assert set(rows) == {u.name for u in example.use_cases}
    for u in example.use_cases:
        assert rows[u.name][1] == VERDICT_WORDS[u.verdict]
        if u.verdict == "go":
            assert rows[u.name][4] == "now"
    pricing = next(u for u in example.use_cases if u.id == "life-health-pricing")
    assert pricing.verdict == "not_yet" and rows[pricing.name][2] == "High-risk"
    # month 11 from 16 November 2026 is October 2027
    assert pricing.possible_from_month == 11 and rows[pricing.name][4] == "October 2027"
    notes = _notes(_slide(example_deck, "Use cases: what can start, and when"))
    assert pricing.reason in notes and "ACT-" not in notes  # closing work by name
    # without use cases there is no such slide
    deck = Presentation(io.BytesIO(render_deck(mini, ConsultantLayer())))
    assert all(not _title(s).startswith("Use cases") for s in deck.slides)


def test_the_use_case_matrix_is_a_native_scatter_of_what_results_state(example_deck, example):
    """One series per verdict; each point at its feasibility (%) and the middle of its value
    range (millions a year); the axes cross where the portfolio divides; every plotted name is
    in a label, use cases on one spot sharing it; the notes give each point's figures."""
    slide = _slide(example_deck, "Use cases: value against feasibility")
    chart = _chart(slide)
    assert "XY_SCATTER" in str(chart.chart_type)
    words = {"go": "Go", "go_with_conditions": "Go, with conditions", "not_yet": "Not yet"}
    plotted = [u for u in example.use_cases if u.verdict != "never"]
    by_series = {s.name: s for s in chart.plots[0].series}
    assert set(by_series) == {words[u.verdict] for u in plotted}
    for verdict, word in words.items():
        cases = [u for u in plotted if u.verdict == verdict]
        if not cases:
            continue
        series = by_series[word]
        expected = [
            (
                round_half_up(u.feasibility * 100, 2),
                round_half_up((u.value_per_year.low + u.value_per_year.high) / 2 / 1_000_000, 2),
            )
            for u in cases
        ]
        assert list(zip(_x_values(series), series.values, strict=True)) == expected
    portfolio = example.use_case_portfolio
    assert chart.category_axis.crosses_at == round_half_up(portfolio.feasibility_split * 100, 2)
    assert chart.value_axis.crosses_at == round_half_up(portfolio.value_split / 1_000_000, 2)
    labels = " ".join(
        p.data_label.text_frame.text
        for s in chart.plots[0].series
        for p in s.points
        if p.data_label.has_text_frame
    )
    assert all(u.name in labels for u in plotted)
    notes = _notes(slide)
    pricing = next(u for u in example.use_cases if u.id == "life-health-pricing")
    assert f"{pricing.name}: {round(pricing.feasibility * 100):.0f}% feasible" in notes


def _x_values(series) -> list[float]:
    """python-pptx reads a scatter series' y values only; the x values are in its XML."""
    xs = series._element.xpath("./c:xVal//c:pt/c:v")
    return [float(x.text) for x in xs]
