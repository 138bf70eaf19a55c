"""Untrusted text stays inert: escaped in HTML, shown as text in the PDF, never fetched."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from assessment.common.bundled import bundled_dir
from assessment.report.fetcher import RefusedURL, SafeFetcher

ORG = '<script>alert(1)</script><img src="file:///etc/passwd">'
UNIT = '<link rel="attachment" href="file:///etc/passwd"><style>x{background:url(http://x.test/a)}</style>'


@pytest.fixture
def hostile(mini_copy: Path) -> Path:
    path = mini_copy / "assessment.yaml"
    text = path.read_text().replace("name: Mini Co", f"name: '{ORG}'")
    text = text.replace("name: North}", f"name: '{UNIT}'}}")
    path.write_text(text)
    return mini_copy


def test_hostile_names_are_escaped_and_printed_as_text(hostile, run_cli, tmp_path):
    pdf, html = tmp_path / "r.pdf", tmp_path / "r.html"
    result = run_cli("report", str(hostile), "-o", str(pdf), "--html", str(html))
    assert result.code == 0, result.err
    assert "refused" not in result.err  # nothing was even attempted: it is all text
    page = html.read_text()
    assert (
        "<script>" not in page and "<img src=" not in page and '<link rel="attachment"' not in page
    )
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(pdf).pages).split())
    assert "<script>alert(1)</script>" in text
    assert 'rel="attachment"' in text
    assert not PdfReader(pdf).attachments


def test_fetcher_allows_only_data_urls_and_allowed_folders(tmp_path):
    engagement = tmp_path / "engagement"
    engagement.mkdir()
    (engagement / "logo.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    fetcher = SafeFetcher([bundled_dir("report_templates"), engagement])
    assert fetcher.fetch("data:text/plain,hello").read() == b"hello"
    css = (bundled_dir("report_templates") / "report.css").resolve().as_uri()
    assert fetcher.fetch(css).content_type == "text/css"
    assert fetcher.fetch((engagement / "logo.svg").as_uri()).read().startswith(b"<svg")
    for url in (
        "file:///etc/passwd",
        "http://example.test/x.png",
        "https://example.test/",
        (engagement / ".." / "outside.txt").as_uri(),
        "ftp://example.test/x",
    ):
        with pytest.raises(RefusedURL):
            fetcher.fetch(url)
    assert len(fetcher.refused) == 5


def test_hostile_html_in_the_template_context_cannot_fetch(tmp_path):
    """Even markup that reached the renderer would not be fetched outside allowed places."""
    from assessment.report.render import render_pdf

    html = (
        '<html><body><img src="file:///etc/passwd"><img src="http://example.test/a.png">'
        '<link rel="attachment" href="file:///etc/hostname"><p>still renders</p></body></html>'
    )
    rendered = render_pdf(html, tmp_path)
    assert rendered.pages == 1
    assert set(rendered.refused_urls) >= {"file:///etc/passwd", "http://example.test/a.png"}


def test_hostile_respondent_comments_are_shown_as_text(mini_copy, run_cli, tmp_path):
    hostile = '<img src="file:///etc/passwd"><style>p{background:url(http://x.test/a)}</style>'
    import csv

    with (mini_copy / "responses" / "extra.csv").open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["respondent_id", "business_unit", "role", "question_id", "answer", "comment"]
        )
        writer.writerow(["r9", "north", "executive", "A-90", "<script>alert(2)</script>", hostile])
    pdf, html = tmp_path / "r.pdf", tmp_path / "r.html"
    result = run_cli("report", str(mini_copy), "-o", str(pdf), "--html", str(html))
    assert result.code == 0, result.err
    assert "refused" not in result.err
    page = html.read_text()
    assert "<script>alert(2)" not in page and '<img src="file' not in page
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in page
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(pdf).pages).split())
    assert "<script>alert(2)</script>" in text
    assert "url(http://x.test/a)" in text
