"""The consultant's Markdown as inert HTML: raw HTML is escaped, links are printed with their
address in brackets and never become links, and images are never fetched (their description
is shown instead). Headings are demoted below the report's own, so a note never starts a
chapter or a bookmark of its own."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup, escape

# A note's '#' and '##' read as the note's own headings; deeper ones as sub-headings.
_HEADING_TAGS = {"h1": "h3", "h2": "h3", "h3": "h4", "h4": "h4", "h5": "h4", "h6": "h4"}


def _link_open(tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    return ""


def _link_close(tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    opening = next(
        t for t in reversed(tokens[:idx]) if t.type == "link_open" and t.level == tokens[idx].level
    )
    target = str(opening.attrs.get("href", ""))
    if opening.markup == "autolink":  # <https://...>: the text is the address already
        return ""
    return f' <span class="link-target">[{escape(target)}]</span>'


def _image(tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    alt = "".join(child.content for child in tokens[idx].children or [])
    return f'<span class="image-alt">[image: {escape(alt)}]</span>' if alt else ""


def _heading_open(tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    return f"<{_HEADING_TAGS[tokens[idx].tag]}>"


def _heading_close(tokens: Sequence[Token], idx: int, options: Any, env: Any) -> str:
    return f"</{_HEADING_TAGS[tokens[idx].tag]}>\n"


@cache
def _parser() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table")
    rules = md.renderer.rules  # type: ignore[attr-defined]  # RendererHTML has them
    rules["link_open"] = _link_open
    rules["link_close"] = _link_close
    rules["image"] = _image
    rules["heading_open"] = _heading_open
    rules["heading_close"] = _heading_close
    return md


def markdown_html(text: str) -> Markup:
    """Safe HTML for untrusted Markdown; empty text gives empty markup."""
    if not text.strip():
        return Markup("")
    # html=False escapes every tag and entity-decoded character; the rules above emit only
    # escaped text and fixed tags, so the result is safe to mark as markup.
    return Markup(_parser().render(text))
