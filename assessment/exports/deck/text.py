"""Plain text into slides. Respondents' and engagement files' text is untrusted: it goes in as
literal runs (never fields or hyperlinks), without characters XML cannot hold."""

from __future__ import annotations

import re

from pptx.text.text import TextFrame
from pptx.util import Pt

from assessment.common.formatting import money_range, round_half_up
from assessment.exports.deck.style import Style
from assessment.model.roadmap import Range

# XML 1.0 forbids most control characters; a stray one in a name would make the file unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def plain(text: str) -> str:
    return _NOT_XML.sub("", text)


def money_text(amount: Range, currency: str) -> str:
    """A cost or value range as every slide shows it."""
    return money_range(amount.low, amount.high, currency)


def score_text(score: float | None) -> str:
    return "n/a" if score is None else f"{round_half_up(score, 1):.1f}"


def index_text(index: float | None) -> str:
    return "n/a" if index is None else f"{round_half_up(index, 0):.0f}"


def write_lines(
    frame: TextFrame,
    lines: list[str],
    style: Style,
    size: float,
    *,
    bold_first: bool = False,
    colour: str | None = None,
) -> None:
    """Each line its own paragraph, as literal text in one run."""
    frame.word_wrap = True
    for i, line in enumerate(lines):
        paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        run = paragraph.add_run()
        run.text = plain(line)
        style.font(run.font, size, bold=bold_first and i == 0, colour=colour)
        paragraph.space_after = Pt(size * 0.4)
