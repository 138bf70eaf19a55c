"""The consultant's layer of an engagement: deliverable.yaml (document control, theme, score
overrides) and the Markdown under commentary/, checked against the set-up before anything is
rendered. Every problem names the file and, where there is one, the field."""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import ValidationError

from assessment.common.images import LOGO_MEDIA_TYPES
from assessment.common.paths import display_path
from assessment.loading.engagement import Engagement
from assessment.loading.profile_files import check_image
from assessment.loading.setup import Setup
from assessment.loading.yaml_files import read_yaml, require_mapping, validation_problems
from assessment.model.deliverable import (
    Commentary,
    ConsultantLayer,
    DeliverableFile,
    ScoreOverride,
    Theme,
)
from assessment.model.errors import InputError, Problem

DELIVERABLE_FILE = "deliverable.yaml"
COMMENTARY_DIR = "commentary"
KEY_MESSAGES_FILE = "key-messages.md"
RECOMMENDATIONS_FILE = "recommendations.md"
# Folders of notes by place; a note's file name is its dimension, unit or section id.
NOTE_FOLDERS = ("dimensions", "units", "sections")
SECTIONS = ("summary", "dimensions", "units", "roadmap", "costs", "compliance", "methodology")
BUNDLED_FONTS = ("Inter",)  # report_templates/fonts
COVER_MEDIA_TYPES = {k: v for k, v in LOGO_MEDIA_TYPES.items() if v != "image/svg+xml"}
MAX_MARKDOWN_BYTES = 200_000  # a long chapter; more is a mistake, not commentary
MAX_FONT_BYTES = 10_000_000
# TrueType (version 1.0 or Apple's 'true') and OpenType with CFF outlines ('OTTO').
FONT_SIGNATURES = {
    ".ttf": (b"\x00\x01\x00\x00", b"true"),
    ".otf": (b"OTTO", b"\x00\x01\x00\x00"),
}

_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)

# What `readiness init` writes into commentary/key-messages.md. While the file still reads
# exactly this, it counts as empty: the report leaves it out and says so.
KEY_MESSAGES_SKELETON = """\
<!--
  REPLACE THIS WHOLE FILE with the three to five messages the client must remember.
  It is Markdown: a list, short paragraphs, **bold**. Raw HTML is not rendered; links are
  printed with their address in brackets, and images are shown as their description only.
  While this text is unchanged, `readiness report` treats the key messages as missing.

  Other notes go beside this file:
    recommendations.md          your recommendations, after the executive summary
    dimensions/<dimension>.md   a note on one dimension's page (e.g. dimensions/data.md)
    units/<unit>.md             a note on one business unit (e.g. units/claims.md)
    sections/<section>.md       a note at the start of a section: summary, dimensions, units,
                                roadmap, costs, compliance or methodology
-->
- Key message one: what the organisation can build on.
- Key message two: the gap that matters most, and what closing it takes.
- Key message three: the decision leadership must take now.
"""


def load_consultant_layer(folder: Path, setup: Setup) -> ConsultantLayer:
    """The engagement's consultant layer; without deliverable.yaml or commentary/, defaults:
    a draft with no commentary, themed by the profile's accent colour and logo."""
    deliverable = _deliverable(folder)
    report = setup.profile.report
    theme = deliverable.theme.with_fallback(report.accent_colour, report.logo)
    where = display_path(folder / DELIVERABLE_FILE)
    _check_theme(folder, theme, where)
    dimensions = {d.id for d in setup.questionnaire.questionnaire.dimensions}
    units = {u.id for u in setup.profile.business_units}
    _check_overrides(deliverable.overrides, dimensions, units, where)
    return ConsultantLayer(
        document=deliverable.document,
        theme=theme,
        commentary=load_commentary(folder / COMMENTARY_DIR, dimensions, units),
        overrides=deliverable.overrides,
    )


def engagement_layer(engagement: Engagement) -> ConsultantLayer:
    """The layer of an engagement already loaded (its set-up is part of it)."""
    setup = Setup(
        engagement.folder,
        engagement.profile,
        engagement.questionnaire,
        engagement.rate_card,
        engagement.previous,
    )
    return load_consultant_layer(engagement.folder, setup)


def _deliverable(folder: Path) -> DeliverableFile:
    path = folder / DELIVERABLE_FILE
    if not path.exists():
        return DeliverableFile()
    name = display_path(path)
    _check_inside(folder, path, name)
    data = read_yaml(path, name)
    try:  # an empty file (all commented out) is the defaults
        return DeliverableFile.model_validate(require_mapping({} if data is None else data, name))
    except ValidationError as exc:
        raise InputError(validation_problems(name, exc)) from None


def _check_theme(folder: Path, theme: Theme, where: str) -> None:
    for field, name in (("theme.logo", theme.logo), ("theme.client_logo", theme.client_logo)):
        if name:
            check_image(folder, name, where, field)
    if theme.cover_image:
        check_image(
            folder, theme.cover_image, where, "theme.cover_image", COVER_MEDIA_TYPES, "cover image"
        )
    for field, font in (
        ("theme.fonts.heading", theme.fonts.heading),
        ("theme.fonts.body", theme.fonts.body),
    ):
        check_font(folder, font, where, field)


def check_font(folder: Path, font: str, where: str, field: str) -> None:
    """A bundled font's name, or a TrueType/OpenType file inside the folder (by content)."""
    if font in BUNDLED_FONTS:
        return

    def bad(message: str) -> InputError:
        return InputError(Problem(where, f"font '{font}' {message}", field=field))

    suffix = Path(font).suffix.lower()
    if suffix not in FONT_SIGNATURES:
        bundled = ", ".join(BUNDLED_FONTS)
        raise bad(f"must be a bundled font ({bundled}) or a .ttf or .otf file")
    path = (folder / font).resolve()
    if not path.is_relative_to(folder.resolve()):
        raise bad("must be a file inside the engagement folder")
    if not path.is_file():
        raise bad("not found")
    if path.stat().st_size > MAX_FONT_BYTES:
        raise bad("is larger than 10 MB")
    try:
        with path.open("rb") as handle:
            head = handle.read(4)
    except OSError as exc:
        raise bad(f"cannot be read ({exc.strerror})") from None
    if head not in FONT_SIGNATURES[suffix]:
        kind = "TrueType" if suffix == ".ttf" else "OpenType"
        raise bad(f"is not a {kind} font file")


def _check_overrides(
    overrides: list[ScoreOverride], dimensions: set[str], units: set[str], where: str
) -> None:
    problems = []
    for i, o in enumerate(overrides):
        if o.dimension not in dimensions:
            problems.append(
                Problem(
                    where,
                    f"'{o.dimension}' is not a dimension of the questionnaire; one of: "
                    + ", ".join(sorted(dimensions)),
                    field=f"overrides.{i}.dimension",
                )
            )
        if o.unit is not None and o.unit not in units:
            problems.append(
                Problem(
                    where,
                    f"'{o.unit}' is not a business unit in assessment.yaml; one of: "
                    + ", ".join(sorted(units)),
                    field=f"overrides.{i}.unit",
                )
            )
    if problems:
        raise InputError(problems)


def load_commentary(folder: Path, dimensions: set[str], units: set[str]) -> Commentary:
    """commentary/ read into places; a file whose name is no place is refused, not ignored."""
    if not folder.is_dir():
        return Commentary()
    root = folder.parent
    expected = {KEY_MESSAGES_FILE, RECOMMENDATIONS_FILE, *NOTE_FOLDERS}
    problems = [
        Problem(
            display_path(entry),
            "is not a commentary file; expected "
            + ", ".join(sorted(f"{name}" for name in expected)),
        )
        for entry in sorted(folder.iterdir())
        if entry.name not in expected and not entry.name.startswith(".")
    ]
    if problems:
        raise InputError(problems)
    key_messages = _markdown(root, folder / KEY_MESSAGES_FILE)
    if _same_text(key_messages, _markdown_text(KEY_MESSAGES_SKELETON)):
        key_messages = ""
    allowed = {"dimensions": dimensions, "units": units, "sections": set(SECTIONS)}
    notes = {place: _notes(root, folder / place, ids) for place, ids in allowed.items()}
    return Commentary(
        key_messages=key_messages,
        recommendations=_markdown(root, folder / RECOMMENDATIONS_FILE),
        dimensions=notes["dimensions"],
        units=notes["units"],
        sections=notes["sections"],
    )


def _notes(root: Path, folder: Path, ids: set[str]) -> dict[str, str]:
    if not folder.exists():
        return {}
    if not folder.is_dir():
        raise InputError(Problem(display_path(folder), "must be a folder of .md files"))
    notes, problems = {}, []
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue
        if path.suffix != ".md" or path.stem not in ids:
            problems.append(
                Problem(
                    display_path(path),
                    f"is not a note on a known {folder.name[:-1]}; name it <id>.md with an id "
                    "from: " + ", ".join(sorted(ids)),
                )
            )
            continue
        text = _markdown(root, path)
        if text:
            notes[path.stem] = text
    if problems:
        raise InputError(problems)
    return notes


def _markdown(root: Path, path: Path) -> str:
    """A Markdown file's text, stripped; missing is empty."""
    if not path.exists() and not path.is_symlink():
        return ""
    name = display_path(path)
    _check_inside(root, path, name)
    if not path.is_file():
        raise InputError(Problem(name, "must be a Markdown file"))
    if path.stat().st_size > MAX_MARKDOWN_BYTES:
        raise InputError(Problem(name, "is larger than 200 KB; commentary should be shorter"))
    try:
        return _markdown_text(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise InputError(
            Problem(name, f"is not UTF-8 text ({exc.reason} at byte {exc.start}); save it as UTF-8")
        ) from None
    except OSError as exc:
        raise InputError(Problem(name, f"cannot be read ({exc.strerror})")) from None


def _markdown_text(text: str) -> str:
    """The text without HTML comments: they are the author's notes to self, never the client's
    (with raw HTML off, a comment would otherwise print as text)."""
    return _COMMENT.sub("", text).strip()


def _check_inside(root: Path, path: Path, name: str) -> None:
    if not path.resolve().is_relative_to(root.resolve()):
        raise InputError(
            Problem(
                name, "must be a file inside the engagement folder, not a link to one outside it"
            )
        )


def _same_text(text: str, skeleton: str) -> bool:
    return " ".join(text.split()) == " ".join(skeleton.split())
