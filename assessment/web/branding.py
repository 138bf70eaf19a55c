"""The engagement's branding on the respondent's form: its organisation, logo and accent
colour, darkened where the theme's colour is too light for text, with the consultant's notice
saying so."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from assessment.collect.form_branding import FormBranding
from assessment.loading.deliverable import DELIVERABLE_FILE, load_consultant_layer
from assessment.loading.profile_files import PROFILE_FILE
from assessment.web.respondent_links import engagement_setup


@lru_cache(maxsize=16)
def _branding(folder: Path, stamps: tuple[float, ...]) -> tuple[FormBranding, str | None]:
    setup = engagement_setup(folder)  # the set-up the respondents' pages already read
    theme = load_consultant_layer(folder, setup).theme
    return FormBranding.from_theme(setup.profile.organisation.name, theme, folder)


def engagement_branding(folder: Path) -> tuple[FormBranding, str | None]:
    """Read again when the profile or the consultant's deliverable file changes."""
    stamps = tuple(
        (folder / name).stat().st_mtime if (folder / name).exists() else 0.0
        for name in (PROFILE_FILE, DELIVERABLE_FILE)
    )
    return _branding(folder, stamps)
