"""The consultant's Markdown as plain paragraphs for cells and slides: emphasis dropped, list
items bulleted, links written out as text (never a live hyperlink), raw HTML kept as the text
it is."""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token

BULLET = "\u2022 "
_PARSER = MarkdownIt("commonmark", {"html": False})


def plain_paragraphs(markdown: str) -> list[str]:
    """One string per paragraph, heading or list item, in order."""
    paragraphs: list[str] = []
    depth = 0
    for token in _PARSER.parse(markdown):
        if token.type in {"bullet_list_open", "ordered_list_open"}:
            depth += 1
        elif token.type in {"bullet_list_close", "ordered_list_close"}:
            depth -= 1
        elif token.type == "inline":
            words = _inline_text(token.children or [])
            if words.strip():
                lead = "  " * max(depth - 1, 0) + BULLET if depth else ""
                paragraphs.append(lead + words.strip())
        elif token.type in {"fence", "code_block"} and token.content.strip():
            paragraphs.append(token.content.rstrip("\n"))
    return paragraphs


def _inline_text(tokens: list[Token]) -> str:
    parts: list[str] = []
    href: list[str] = []
    for token in tokens:
        if token.type in {"text", "code_inline", "html_inline"}:
            parts.append(token.content)
        elif token.type in {"softbreak", "hardbreak"}:
            parts.append(" " if token.type == "softbreak" else "\n")
        elif token.type == "link_open":
            href.append(str(token.attrs.get("href", "")))
        elif token.type == "link_close" and href:
            target = href.pop()
            if target and not "".join(parts).endswith(target):
                parts.append(f" ({target})")
        elif token.type == "image":
            parts.append(token.content)
    return "".join(parts)
