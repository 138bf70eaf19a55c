"""Report context -> HTML (Jinja2) -> PDF (WeasyPrint). The only module that imports WeasyPrint."""

from __future__ import annotations

import base64
import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from jinja2 import (
    ChoiceLoader,
    Environment,
    FileSystemLoader,
    StrictUndefined,
    TemplateError,
    TemplateSyntaxError,
    select_autoescape,
)
from markupsafe import Markup

from assessment.common.bundled import bundled_dir
from assessment.model.errors import InputError, Problem
from assessment.report.views import ReportContext

TEMPLATE = "report.html.j2"
STYLESHEET = "report.css"
# Tagged PDF (PDF/UA-1): screen readers follow the structure, and the language comes from
# <html lang>. The outline's depth and open state are set in the stylesheet (bookmark-*).
PDF_OPTIONS = {"pdf_variant": "pdf/ua-1"}


def templates_dir() -> Path:
    return bundled_dir("report_templates")


def environment(templates: Path | None = None) -> Environment:
    """Bundled templates; a partial of the same name in `templates` (the consultant's folder)
    replaces the bundled one."""
    bundled = FileSystemLoader(templates_dir())
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(templates), bundled]) if templates else bundled,
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


def render_html(
    context: ReportContext, standalone: bool = False, templates: Path | None = None
) -> str:
    """The report as HTML; standalone inlines the stylesheet and fonts for viewing in a browser.
    `templates` is a folder of partials that replace the bundled ones; a mistake in one of
    them is bad input, named by file and line."""
    inline_css = _inline_stylesheet() if standalone else None
    try:
        return (
            environment(templates).get_template(TEMPLATE).render(ctx=context, inline_css=inline_css)
        )
    except TemplateError as exc:
        if templates is None:
            raise  # our own templates: a defect, not the user's input
        raise InputError(_template_problem(exc, templates)) from None


def _template_problem(exc: TemplateError, templates: Path) -> Problem:
    if isinstance(exc, TemplateSyntaxError):
        name = exc.filename or exc.name or str(templates)
        return Problem(name, f"is not a valid template: {exc.message}", row=exc.lineno)
    # Jinja2 rewrites the traceback so that template frames carry the template's file and line.
    where, line = str(templates), None
    tb = exc.__traceback__
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if Path(filename).resolve().is_relative_to(templates.resolve()):
            where, line = filename, tb.tb_lineno
        tb = tb.tb_next
    return Problem(where, f"the template failed: {exc.message}", row=line)


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
