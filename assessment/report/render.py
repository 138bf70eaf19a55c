"""Report context -> HTML (Jinja2) -> PDF (WeasyPrint). The only module that imports WeasyPrint."""

from __future__ import annotations

import base64
import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from assessment.common.bundled import bundled_dir
from assessment.report.views import ReportContext

TEMPLATE = "report.html.j2"
STYLESHEET = "report.css"
# Tagged PDF (PDF/UA-1): screen readers follow the structure, and the language comes from
# <html lang>. The outline's depth and open state are set in the stylesheet (bookmark-*).
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1"}


def templates_dir() -> Path:
    return bundled_dir("report_templates")


def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(templates_dir()),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["count"] = count_text
    return env


def count_text(n: int) -> str:
    """A count with thousands separated: 100,000 respondents."""
    return f"{n:,}"


def _inline_stylesheet() -> Markup:
    """The stylesheet with its fonts as data: URLs, so the HTML file stands alone."""
    folder = templates_dir()
    css = (folder / STYLESHEET).read_text(encoding="utf-8")

    def embed(match: re.Match[str]) -> str:
        data = base64.b64encode((folder / match.group(1)).read_bytes()).decode("ascii")
        return f'url("data:font/otf;base64,{data}")'

    # Our own stylesheet, never user input: safe to mark as markup.
    return Markup(re.sub(r'url\("(fonts/[A-Za-z0-9_.-]+)"\)', embed, css))


def render_html(context: ReportContext, standalone: bool = False) -> str:
    """The report as HTML; standalone inlines the stylesheet and fonts for viewing in a browser."""
    inline_css = _inline_stylesheet() if standalone else None
    return environment().get_template(TEMPLATE).render(ctx=context, inline_css=inline_css)


@dataclass(frozen=True)
class RenderedPdf:
    data: bytes
    pages: int
    refused_urls: list[str]


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Layout makes millions of short-lived objects, and each full garbage-collection pass also
    walks everything already loaded (pandas, the models, the questionnaire): up to a second per
    report. Freeze what exists and collect less often while rendering; restore both after."""
    threshold = gc.get_threshold()
    frozen_before = gc.get_freeze_count() > 0  # a caller's own freeze is left as it was
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        if not frozen_before:
            gc.unfreeze()


def render_pdf(html: str, engagement_folder: Path) -> RenderedPdf:
    from weasyprint import HTML

    from assessment.report.fetcher import SafeFetcher

    fetcher = SafeFetcher([templates_dir(), engagement_folder])
    with fewer_collections():
        document = HTML(
            string=html, base_url=str(templates_dir()) + "/", url_fetcher=fetcher
        ).render()
        data = document.write_pdf(**PDF_OPTIONS)
    return RenderedPdf(data=data, pages=len(document.pages), refused_urls=fetcher.refused)
