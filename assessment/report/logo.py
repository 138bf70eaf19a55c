"""The organisation's logo, read from the engagement folder and embedded as a data: URL."""

from __future__ import annotations

import base64
from pathlib import Path

from assessment.common.paths import display_path
from assessment.model.errors import InputError, Problem

LOGO_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".svg": "image/svg+xml",
}
MAX_LOGO_BYTES = 2_000_000


def logo_data_uri(folder: Path, logo: str | None) -> str | None:
    if not logo:
        return None
    where = display_path(folder / "assessment.yaml")
    path = (folder / logo).resolve()
    if not path.is_relative_to(folder.resolve()):
        raise InputError(
            Problem(
                where,
                f"logo '{logo}' must be a file inside the engagement folder",
                field="report.logo",
            )
        )
    kind = LOGO_TYPES.get(path.suffix.lower())
    if kind is None:
        raise InputError(
            Problem(where, f"logo '{logo}' must be PNG, JPEG or SVG", field="report.logo")
        )
    if not path.is_file():
        raise InputError(Problem(where, f"logo '{logo}' not found", field="report.logo"))
    data = path.read_bytes()
    if len(data) > MAX_LOGO_BYTES:
        raise InputError(Problem(where, f"logo '{logo}' is larger than 2 MB", field="report.logo"))
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"
