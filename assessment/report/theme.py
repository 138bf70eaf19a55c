"""The firm's theme as a stylesheet: colours as CSS custom properties, and fonts. A font inside
the engagement is embedded as a data: URL, so the renderer fetches nothing new and the HTML
edition stands alone. Loading has checked every value (hex colours, font files by content)."""

from __future__ import annotations

import base64
from pathlib import Path

from markupsafe import Markup

from assessment.model.deliverable import Theme

# Families the engagement's own font files are declared under; never the user's text.
_FAMILY = {"heading": "Theme Heading", "body": "Theme Body"}
_FORMATS = {".ttf": ("font/ttf", "truetype"), ".otf": ("font/otf", "opentype")}
_FALLBACK = ("Inter", "Noto Sans", "DejaVu Sans")


def _font_face(family: str, path: Path) -> str:
    media, fmt = _FORMATS[path.suffix.lower()]
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    # One file serves every weight: without a bold cut of the firm's font, bold is synthesised.
    return (
        f'@font-face {{ font-family: "{family}"; '
        f'src: url("data:{media};base64,{data}") format("{fmt}"); }}'
    )


def _family(role: str, font: str, folder: Path | None, faces: list[str]) -> str:
    suffix = Path(font).suffix.lower()
    if suffix in _FORMATS and folder is not None:
        faces.append(_font_face(_FAMILY[role], folder / font))
        first = _FAMILY[role]
    else:
        first = font  # a bundled font, declared in report.css
    families = [first, *(f for f in _FALLBACK if f != first)]
    return ", ".join(f'"{f}"' for f in families) + ", sans-serif"


def theme_css(theme: Theme, folder: Path | None) -> Markup:
    """Custom properties and font rules that report.css's theme part reads."""
    faces: list[str] = []
    body = _family("body", theme.fonts.body, folder, faces)
    heading = _family("heading", theme.fonts.heading, folder, faces)
    c = theme.colours
    css = "\n".join(
        [
            *faces,
            ":root { "
            f"--accent: {c.primary}; --theme-primary: {c.primary}; "
            f"--theme-secondary: {c.secondary}; --theme-highlight: {c.accent}; "
            f"--theme-text: {c.text}; }}",
            f"html {{ font-family: {body}; color: {c.text}; }}",
            f"h1, h2, h3, h4, .cover-title, .cover-org, .kpi-value {{ font-family: {heading}; }}",
        ]
    )
    # Built from validated colours, our own family names and base64 text: safe as markup.
    return Markup(css)
