"""`readiness deck`: score the engagement, render the editable deck, write it atomically."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from assessment.commands.output_files import check_writable, write_atomically
from assessment.commands.pipeline import assess
from assessment.exports.deck import DeckAssets, render_deck
from assessment.loading.deliverable import engagement_layer
from assessment.model.deliverable import Theme
from assessment.model.errors import InputError, Problem

FONT_FILES = (".ttf", ".otf")
PICTURES = (".png", ".jpg", ".jpeg")


@dataclass(frozen=True)
class DeckWritten:
    path: Path
    slides: int
    notices: list[str] = field(default_factory=list)


def read_template(path: Path) -> bytes:
    """The firm's template as bytes, once it is known to open as a presentation."""
    from pptx import Presentation
    from pptx.exc import PythonPptxError

    if not path.is_file():
        raise InputError(Problem(str(path), "template not found: give a PowerPoint file (.pptx)"))
    data = path.read_bytes()
    try:
        Presentation(io.BytesIO(data))
    except (
        PythonPptxError,
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        SyntaxError,
        OSError,
    ) as error:
        raise InputError(
            Problem(
                str(path), f"is not a PowerPoint presentation (.pptx) that can be opened: {error}"
            )
        ) from None
    return data


def _font_name(folder: Path, font: str) -> str:
    """A bundled font's name as is; a font file in the engagement by its family name."""
    if not font.lower().endswith(FONT_FILES):
        return font
    from fontTools.ttLib import TTFont, TTLibError

    try:
        return TTFont(folder / font, lazy=True)["name"].getBestFamilyName() or Path(font).stem
    except (TTLibError, OSError, KeyError):
        return Path(font).stem


def _picture(folder: Path, name: str | None, what: str, notices: list[str]) -> bytes | None:
    if not name:
        return None
    if not name.lower().endswith(PICTURES):
        notices.append(f"the {what} is not in the deck: slides take a PNG or JPEG picture")
        return None
    return (folder / name).read_bytes()


def assets_of(
    folder: Path, theme: Theme, template: bytes | None, date_style: str
) -> tuple[DeckAssets, list[str]]:
    notices: list[str] = []
    assets = DeckAssets(
        template=template,
        logo=_picture(folder, theme.logo, "firm's logo", notices),
        client_logo=_picture(folder, theme.client_logo, "client's logo", notices),
        heading_font=_font_name(folder, theme.fonts.heading),
        body_font=_font_name(folder, theme.fonts.body),
        date_style=date_style,
    )
    return assets, notices


def make_deck(folder: Path, out: Path, template: Path | None, force: bool) -> DeckWritten:
    if out.suffix.lower() != ".pptx":
        raise InputError(Problem(str(out), "the deck is a PowerPoint file: name it FILE.pptx"))
    check_writable(out, force)
    template_data = read_template(template) if template is not None else None
    engagement, results = assess(folder)
    layer = engagement_layer(engagement)
    assets, notices = assets_of(
        engagement.folder, layer.theme, template_data, engagement.profile.report.date_style
    )
    data = render_deck(results, layer, assets)
    write_atomically(out, data)
    return DeckWritten(out, _slides(data), notices)


def _slides(data: bytes) -> int:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return sum(
            1 for n in archive.namelist() if n.startswith("ppt/slides/slide") and n.endswith(".xml")
        )
