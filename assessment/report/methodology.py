"""The methodology appendix, rendered from docs/methodology.md so report and docs never differ."""

from __future__ import annotations

from functools import cache

from markdown_it import MarkdownIt
from markupsafe import Markup

from assessment.common.bundled import bundled_dir


@cache
def methodology_html() -> Markup:
    text = (bundled_dir("docs") / "methodology.md").read_text(encoding="utf-8")
    body = text.split("\n", 1)[1] if text.startswith("# ") else text  # the section has its title
    # Our own document, with raw HTML switched off: safe to mark as markup.
    html = MarkdownIt("commonmark", {"html": False}).enable("table").render(body)
    return Markup(html.replace("<h2>", "<h3>").replace("</h2>", "</h3>"))
