"""The engagement's look on the respondent's form: the organisation's name, an accent colour
that is readable as text, and the client's logo."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from assessment.common.contrast import TEXT_CONTRAST, contrast_ratio, readable_on_white
from assessment.model.deliverable import Theme
from assessment.report.logo import logo_data_uri

_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")
DEFAULT_ACCENT = "#1F4E79"


@dataclass(frozen=True)
class FormBranding:
    """`accent` is the colour as used (it reaches 4.5:1 on white); `logo` a data: URI."""

    organisation: str
    accent: str = DEFAULT_ACCENT
    logo: str | None = None

    def __post_init__(self) -> None:
        if not _HEX.match(self.accent) or contrast_ratio(self.accent) < TEXT_CONTRAST:
            raise ValueError(f"accent {self.accent!r} must be a hex colour readable on white")
        if self.logo is not None and not self.logo.startswith("data:image/"):
            raise ValueError("logo must be a data:image/ URI")

    @classmethod
    def from_theme(
        cls, organisation: str, theme: Theme, folder: Path
    ) -> tuple[FormBranding, str | None]:
        """The branding of an engagement in `folder` whose theme loading has checked, and the
        notice for the consultant when the theme's primary colour had to be darkened."""
        accent = readable_on_white(theme.colours.primary, "primary colour")
        # The client's logo: respondents belong to the client organisation named beside it.
        return cls(organisation, accent.colour, logo_data_uri(folder, theme.client_logo)), (
            accent.notice
        )
