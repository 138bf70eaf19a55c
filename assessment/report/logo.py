"""The organisation's logo, embedded as a data: URL. Loading the set-up has already checked it
(inside the folder, PNG, JPEG or SVG by name and content, at most 2 MB)."""

from __future__ import annotations

import base64
from pathlib import Path

from assessment.common.images import LOGO_MEDIA_TYPES


def logo_data_uri(folder: Path, logo: str | None) -> str | None:
    if not logo:
        return None
    path = folder / logo
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    return f"data:{LOGO_MEDIA_TYPES[path.suffix.lower()]};base64,{data}"
