"""The consultant's layer: deliverable.yaml and commentary/ are loaded strictly (exit 2 naming
file and field), the Markdown stays inert, and the PDF carries document control, sign-off,
contact, the theme and a Draft mark until the document is final and signed."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml
from fontTools.fontBuilder import FontBuilder
from fontTools.pens.ttGlyphPen import TTGlyphPen
from pypdf import PdfReader

from assessment.commands.pipeline import assess
from assessment.commands.unfinished import still_empty
from assessment.loading.deliverable import KEY_MESSAGES_SKELETON, load_consultant_layer
from assessment.loading.setup import load_setup
from assessment.model.deliverable import Commentary, ConsultantLayer
from assessment.model.errors import InputError
from assessment.report.context import build_context
from assessment.report.markdown import markdown_html
from assessment.report.render import render_html
from tests.conftest import EXAMPLE

PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c63f8cfc0f00f00040501029a0e2b0c0000000049454e44ae426082"
)
OVERRIDE = {
    "dimension": "skills",
    "score": 3.0,
    "rationale": "Interviews show more than the survey.",
    "author": "A. Partner",
    "date": dt.date(2026, 3, 2),
}
HOSTILE = """\
# Heading from the note
<script>alert("owned")</script>
[click me](javascript:alert(1)) and [our site](https://evil.example/steal?x=1)
![tracking pixel](http://evil.example/pixel.png)
&lt;img src=x onerror=alert(2)&gt; &amp; <b>bold?</b>
"""


def _write(folder: Path, relative: str, content: str | bytes) -> Path:
    path = folder / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def _deliverable(folder: Path, data: dict) -> None:
    _write(folder, "deliverable.yaml", yaml.safe_dump(data, sort_keys=False))


def _load(folder: Path) -> ConsultantLayer:
    return load_consultant_layer(folder, load_setup(folder))


def _problems(folder: Path) -> str:
    with pytest.raises(InputError) as caught:
        _load(folder)
    return str(caught.value)


def _pdf_text_by_page(path: Path) -> list[str]:
    return [" ".join((p.extract_text() or "").split()) for p in PdfReader(path).pages]


def _pdf_fonts(path: Path) -> set[str]:
    fonts = set()
    for page in PdfReader(path).pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    return fonts


def _tiny_font(path: Path, family: str) -> None:
    """A real TrueType font with box glyphs for ASCII, named `family`."""
    names = [".notdef", "space"] + [f"c{c}" for c in range(33, 127)]
    builder = FontBuilder(1000, isTTF=True)
    builder.setupGlyphOrder(names)
    builder.setupCharacterMap({32: "space", **{c: f"c{c}" for c in range(33, 127)}})
    glyphs = {}
    for name in names:
        pen = TTGlyphPen(None)
        if name != "space":
            pen.moveTo((50, 0))
            pen.lineTo((50, 700))
            pen.lineTo((450, 700))
            pen.lineTo((450, 0))
            pen.closePath()
        glyphs[name] = pen.glyph()
    builder.setupGlyf(glyphs)
    builder.setupHorizontalMetrics({n: (500, 50) for n in names})
    builder.setupHorizontalHeader(ascent=800, descent=-200)
    builder.setupNameTable({"familyName": family, "styleName": "Regular"})
    builder.setupOS2(sTypoAscender=800, usWinAscent=800, usWinDescent=200)
    builder.setupPost()
    builder.save(str(path))


# --- Loading: strict, located errors -------------------------------------------------------


def test_without_deliverable_or_commentary_the_layer_is_a_themed_draft(pulse_copy):
    layer = _load(pulse_copy)
    assert layer.document.status == "draft"
    assert layer.commentary == Commentary()
    assert layer.theme.colours.primary == "#7A3E00"  # assessment.yaml's accent colour


def test_commentary_is_read_by_place(pulse_copy):
    _write(pulse_copy, "commentary/key-messages.md", "- one\n- two\n")
    _write(pulse_copy, "commentary/dimensions/skills.md", "Skills note")
    _write(pulse_copy, "commentary/units/shops.md", "Shops note")
    _write(pulse_copy, "commentary/sections/roadmap.md", "<!-- to self -->Roadmap note")
    notes = _load(pulse_copy).commentary
    assert notes.key_messages == "- one\n- two"
    assert notes.dimensions == {"skills": "Skills note"}
    assert notes.units == {"shops": "Shops note"}
    assert notes.sections == {"roadmap": "Roadmap note"}  # the author's comment is dropped


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"commentary/dimensions/nonsense.md": "x"}, "commentary/dimensions/nonsense.md"),
        ({"commentary/units/warehouse.md": "x"}, "not a note on a known unit"),
        ({"commentary/sections/preface.md": "x"}, "not a note on a known section"),
        ({"commentary/notes.txt": "x"}, "commentary/notes.txt: is not a commentary file"),
        ({"commentary/key-messages.md": b"caf\xe9 au lait"}, "is not UTF-8 text"),
        ({"commentary/recommendations.md": "x" * 200_001}, "is larger than 200 KB"),
    ],
)
def test_bad_commentary_names_the_file(pulse_copy, files, expected):
    for relative, content in files.items():
        _write(pulse_copy, relative, content)
    assert expected in _problems(pulse_copy)


def test_commentary_linked_from_outside_the_folder_is_refused(pulse_copy, tmp_path):
    outside = _write(tmp_path, "secret.md", "outside")
    (pulse_copy / "commentary").mkdir()
    (pulse_copy / "commentary" / "recommendations.md").symlink_to(outside)
    assert "recommendations.md: must be a file inside the engagement folder" in _problems(
        pulse_copy
    )


@pytest.mark.parametrize(
    ("data", "files", "field", "message"),
    [
        ({"document": {"status": "published"}}, {}, "document.status", "'draft' or 'final'"),
        (
            {"document": {"status": "final", "sign_off": [{"name": "A. Partner"}]}},
            {},
            "document",
            "not yet signed: A. Partner",
        ),
        ({"theme": {"colours": {"primary": "blue"}}}, {}, "theme.colours.primary", "#1F4E79"),
        ({"theme": {"logo": "firm.png"}}, {}, "theme.logo", "logo 'firm.png' not found"),
        (
            {"theme": {"client_logo": "client.png"}},
            {"client.png": b"GIF89a not a png"},
            "theme.client_logo",
            "is not a PNG image",
        ),
        (
            {"theme": {"logo": "../outside.svg"}},
            {},
            "theme.logo",
            "must be a file inside the engagement folder",
        ),
        (
            {"theme": {"cover_image": "cover.svg"}},
            {"cover.svg": "<svg/>"},
            "theme.cover_image",
            "must be PNG or JPEG",
        ),
        (
            {"theme": {"fonts": {"body": "fonts/firm.ttf"}}},
            {"fonts/firm.ttf": b"<html>not a font</html>"},
            "theme.fonts.body",
            "is not a TrueType font file",
        ),
        (
            {"theme": {"fonts": {"heading": "Comic Sans"}}},
            {},
            "theme.fonts.heading",
            "must be a bundled font (Inter) or a .ttf or .otf file",
        ),
        (
            {"overrides": [{**OVERRIDE, "dimension": "vision"}]},
            {},
            "overrides.0.dimension",
            "'vision' is not a dimension",
        ),
        (
            {"overrides": [{**OVERRIDE, "dimension": "skills", "unit": "depot"}]},
            {},
            "overrides.0.unit",
            "'depot' is not a business unit",
        ),
        (
            {"overrides": [{**OVERRIDE, "dimension": "skills", "rationale": "short"}]},
            {},
            "overrides.0.rationale",
            "at least 10 characters",
        ),
        ({"document": {"firm": "X", "colour": "red"}}, {}, "document.colour", "unknown field"),
    ],
)
def test_bad_deliverable_names_file_and_field(pulse_copy, data, files, field, message):
    for relative, content in files.items():
        _write(pulse_copy, relative, content)
    _deliverable(pulse_copy, data)
    problems = _problems(pulse_copy)
    assert "deliverable.yaml" in problems
    assert f"field '{field}'" in problems
    assert message in problems


def test_a_font_symlinked_from_outside_is_refused(pulse_copy, tmp_path):
    _tiny_font(tmp_path / "outside.ttf", "Outside")
    (pulse_copy / "firm.ttf").symlink_to(tmp_path / "outside.ttf")
    _deliverable(pulse_copy, {"theme": {"fonts": {"body": "firm.ttf"}}})
    assert "must be a file inside the engagement folder" in _problems(pulse_copy)


def test_the_cli_stops_with_exit_2_on_a_bad_deliverable(run_cli, pulse_copy, tmp_path):
    _deliverable(pulse_copy, {"theme": {"colours": {"primary": "not-a-colour"}}})
    result = run_cli("report", str(pulse_copy), "-o", str(tmp_path / "r.pdf"))
    assert result.code == 2
    assert "deliverable.yaml, field 'theme.colours.primary'" in result.err
    assert "Traceback" not in result.err
    assert not (tmp_path / "r.pdf").exists()


# --- Markdown: inert -----------------------------------------------------------------------


def test_hostile_markdown_is_inert_html():
    html = str(markdown_html(HOSTILE))
    assert "<script" not in html and "&lt;script&gt;" in html
    assert "<a " not in html and "href" not in html
    assert "<img" not in html and "&lt;img src=x onerror=alert(2)&gt;" in html
    assert "<b>" not in html and "&lt;b&gt;bold?&lt;/b&gt;" in html
    # The javascript: link is not a link at all; the web link is shown with its address.
    assert "[click me](javascript:alert(1))" in html
    assert 'our site <span class="link-target">[https://evil.example/steal?x=1]</span>' in html
    assert "[image: tracking pixel]" in html and "pixel.png" not in html
    assert "<h1" not in html and "<h3>Heading from the note</h3>" in html


def test_markdown_keeps_ordinary_formatting():
    html = str(markdown_html("Some **bold** and _italic_.\n\n1. first\n2. second\n"))
    assert "<strong>bold</strong>" in html and "<em>italic</em>" in html
    assert "<ol>" in html and "<li>second</li>" in html
    assert str(markdown_html("  \n")) == ""


# --- The report ----------------------------------------------------------------------------


def _html(folder: Path, layer: ConsultantLayer, audience: str = "full") -> str:
    engagement, results = assess(folder)
    context = build_context(
        results,
        engagement.questionnaire.questionnaire,
        engagement.profile,
        folder,
        audience,
        layer=layer,
    )
    return render_html(context)


def test_commentary_is_placed_where_it_belongs(pulse_copy):
    _write(pulse_copy, "commentary/key-messages.md", "KEYMSG-text")
    _write(pulse_copy, "commentary/recommendations.md", "RECO-text")
    _write(pulse_copy, "commentary/dimensions/culture.md", "DIMNOTE-text")
    _write(pulse_copy, "commentary/units/office.md", "UNITNOTE-text")
    _write(pulse_copy, "commentary/sections/costs.md", "COSTNOTE-text")
    html = _html(pulse_copy, _load(pulse_copy))

    def between(start: str, end: str) -> str:
        return html[html.index(start) : html.index(end)]

    assert "KEYMSG-text" in between('id="summary"', 'id="recommendations"')
    assert "RECO-text" in between('id="recommendations"', 'id="dimensions"')
    assert "DIMNOTE-text" in between('id="dim-culture"', 'id="units"')
    assert "UNITNOTE-text" in between('id="units"', 'id="roadmap"')
    assert "COSTNOTE-text" in between('id="costs"', 'id="compliance"')
    executive = _html(pulse_copy, _load(pulse_copy), "executive")
    assert "KEYMSG-text" in executive and "COSTNOTE-text" in executive
    assert "DIMNOTE-text" not in executive


def test_theme_colours_and_logos_reach_the_html(pulse_copy):
    _write(pulse_copy, "firm.png", PNG)
    _write(pulse_copy, "client.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>")
    _deliverable(
        pulse_copy,
        {
            "theme": {
                "logo": "firm.png",
                "client_logo": "client.svg",
                "colours": {"primary": "#12ab34", "secondary": "#445566"},
                "disclaimer": "Not an audit.",
            }
        },
    )
    html = _html(pulse_copy, _load(pulse_copy))
    assert "--accent: #12AB34" in html and "--theme-secondary: #445566" in html
    assert 'fill="#12AB34"' in html  # the chart series take the theme's colour
    assert "#7A3E00" not in html  # the profile's fallback colour is replaced
    assert 'class="cover-logo" src="data:image/png;base64,' in html
    assert 'class="cover-client-logo" src="data:image/svg+xml;base64,' in html
    assert "Not an audit." in between_ids(html, "document-control", "contents")


def between_ids(html: str, first: str, then: str) -> str:
    return html[html.index(f'id="{first}"') : html.index(f'class="{then}"')]


def test_draft_hostile_pdf_and_still_empty_notices(run_cli, pulse_copy, tmp_path):
    _write(pulse_copy, "commentary/key-messages.md", HOSTILE)
    _deliverable(
        pulse_copy,
        {"document": {"firm": "Harbour & Finch", "sign_off": [{"name": "Ana Signer"}]}},
    )
    pdf, html = tmp_path / "draft.pdf", tmp_path / "draft.html"
    result = run_cli("report", str(pulse_copy), "-o", str(pdf), "--html", str(html))
    assert result.code == 0, result.err
    pages = _pdf_text_by_page(pdf)
    assert all("DRAFT" in page for page in pages[1:])  # every page after the cover says so
    assert "draft-mark.svg" not in html.read_text() and "@page { background: url(" in (
        html.read_text()
    )
    text = " ".join(pages)
    assert '<script>alert("owned")</script>' in text  # shown as text, not run
    assert "[https://evil.example/steal?x=1]" in text and "[image: tracking pixel]" in text
    assert "Document control" in pages[1] and "Harbour & Finch" in pages[1]
    assert any("Sign-off" in p and "Ana Signer" in p and "Signature" in p for p in pages)
    assert "Contact" in pages[-1]
    assert not result.err.count("warning: refused")  # the http image was never fetched
    # What is still to do, said on stderr without failing.
    assert "still to do: no recommendations yet" in result.err
    assert "sections without commentary: summary, dimensions" in result.err
    assert "not yet signed by: Ana Signer" in result.err
    assert "no key messages" not in result.err


def test_final_signed_pdf_has_no_draft_mark_and_embeds_both_fonts(run_cli, pulse_copy, tmp_path):
    (pulse_copy / "fonts").mkdir()
    _tiny_font(pulse_copy / "fonts" / "firm.ttf", "LayerTestSans")
    _deliverable(
        pulse_copy,
        {
            "document": {
                "firm": "Harbour & Finch",
                "status": "final",
                "sign_off": [
                    {"name": "Ana Signer", "role": "Partner", "signed_on": dt.date(2026, 3, 5)}
                ],
                "contact": {"name": "Ana Signer", "email": "ana@example.org"},
            },
            "theme": {"fonts": {"heading": "Inter", "body": "fonts/firm.ttf"}},
        },
    )
    # A consultant's partial replaces the bundled one of the same name.
    templates = tmp_path / "firm-templates"
    _write(
        templates,
        "_contact.html.j2",
        '<section class="contact-page" id="contact"><h1>Talk to us</h1>'
        "<p>{{ ctx.consultant.contact.name }} at {{ ctx.consultant.firm }}</p></section>",
    )
    pdf, html = tmp_path / "final.pdf", tmp_path / "final.html"
    result = run_cli(
        "report",
        str(pulse_copy),
        "-o",
        str(pdf),
        "--html",
        str(html),
        "--templates",
        str(templates),
    )
    assert result.code == 0, result.err
    pages = _pdf_text_by_page(pdf)
    assert not any("DRAFT" in page.upper().replace("DRAFTED", "") for page in pages)
    assert "@page { background" not in html.read_text()
    assert any("Signed 5 March 2026" in p for p in pages)
    assert "Talk to us Ana Signer at Harbour & Finch" in pages[-1]
    fonts = _pdf_fonts(pdf)
    # WeasyPrint names an embedded font after the CSS family the theme declares it under.
    assert any(f.endswith("+Theme-Body") for f in fonts), fonts
    assert any(f.endswith("+Inter-Bold") for f in fonts), fonts  # the bundled heading font
    assert "data:font/ttf;base64," in html.read_text()
    assert "not yet signed" not in result.err and "is a draft" not in result.err


def test_a_broken_partial_is_a_located_error(run_cli, pulse_copy, tmp_path):
    templates = tmp_path / "t"
    _write(templates, "_signoff.html.j2", "line one\n{% if %}\n")
    result = run_cli(
        "report", str(pulse_copy), "-o", str(tmp_path / "r.pdf"), "--templates", str(templates)
    )
    assert result.code == 2
    assert re.search(r"_signoff\.html\.j2, row 2: is not a valid template", result.err)


# --- init skeletons and the notices --------------------------------------------------------


def test_init_skeletons_load_back_and_count_as_empty(run_cli, tmp_path):
    folder = tmp_path / "new"
    assert run_cli("init", str(folder), "--name", "Acme").code == 0
    key_messages = folder / "commentary" / "key-messages.md"
    assert key_messages.read_text(encoding="utf-8") == KEY_MESSAGES_SKELETON
    layer = _load(folder)
    assert layer.document.status == "draft" and layer.document.version == "0.1"
    assert layer.commentary.key_messages == ""  # the unchanged skeleton is no message
    assert layer.theme.colours.primary == "#1F4E79"
    notices = still_empty(layer, ["strategy"])
    assert notices[0].startswith("no key messages yet")
    key_messages.write_text("- Our one message.\n", encoding="utf-8")
    assert _load(folder).commentary.key_messages == "- Our one message."


def test_still_empty_follows_the_edition_and_the_sign_off():
    signed = ConsultantLayer.model_validate(
        {
            "document": {
                "firm": "F",
                "status": "final",
                "sign_off": [{"name": "A", "signed_on": dt.date(2026, 1, 2)}],
            },
            "commentary": {
                "key_messages": "k",
                "recommendations": "r",
                "sections": {"summary": "s", "roadmap": "r", "costs": "c"},
            },
        }
    )
    assert still_empty(signed, ["data"], "executive") == []
    full = still_empty(signed, ["data"], "full")
    assert full == [
        "sections without commentary: dimensions, units, compliance, methodology "
        "(write commentary/sections/<section>.md)",
        "1 of 1 dimensions have no note: data (write commentary/dimensions/<dimension>.md)",
    ]


def test_the_example_engagement_carries_a_complete_sample_layer():
    layer = _load(EXAMPLE)
    assert layer.document.firm == "Harbour & Finch Advisory"
    assert layer.commentary.key_messages and layer.commentary.recommendations
    assert {"data", "governance"} <= set(layer.commentary.dimensions)
    assert layer.theme.logo and layer.theme.client_logo and layer.theme.disclaimer


def test_the_template_context_is_documented_field_by_field():
    import dataclasses

    from assessment.report import consultant_views, views

    documented = (EXAMPLE.parents[1] / "docs" / "templates.md").read_text(encoding="utf-8")
    classes = [
        c
        for module in (views, consultant_views)
        for c in vars(module).values()
        if isinstance(c, type) and dataclasses.is_dataclass(c) and c.__module__ == module.__name__
    ]
    missing = [
        f"{c.__name__}.{f.name}"
        for c in classes
        if f"### `{c.__name__}`" not in documented
        for f in dataclasses.fields(c)
    ] + [
        f"{c.__name__}.{f.name}"
        for c in classes
        for f in dataclasses.fields(c)
        if f"`{f.name}`" not in documented
    ]
    assert missing == []


def test_per_unit_reports_carry_the_layer_and_name_their_unit(run_cli, pulse_copy, tmp_path):
    profile = pulse_copy / "assessment.yaml"
    profile.write_text(
        profile.read_text().replace("accent_colour:", "min_group_size: 2, accent_colour:")
    )
    _deliverable(pulse_copy, {"document": {"firm": "Harbour & Finch", "title": "AI review"}})
    _write(pulse_copy, "commentary/units/shops.md", "SHOPS-note")
    _write(pulse_copy, "commentary/units/office.md", "OFFICE-note")
    out = tmp_path / "units"
    result = run_cli("report", str(pulse_copy), "--per-unit", str(out))
    assert result.code == 0, result.err
    pages = _pdf_text_by_page(out / "shops-readiness.pdf")
    text = " ".join(pages)
    assert "AI review: Shops" in pages[0] and "Harbour & Finch" in pages[1]
    assert "SHOPS-note" in text and "OFFICE-note" not in text
    assert all("DRAFT" in page for page in pages[1:])
