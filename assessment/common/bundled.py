"""Where the data shipped with the tool lives, installed or in a source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parents[1]


def bundled_dir(name: str) -> Path:
    """The folder of bundled data called `name` ('questionnaires' or 'report_templates')."""
    installed = _PACKAGE / "_bundled" / name
    if installed.is_dir():
        return installed
    source_checkout = _PACKAGE.parent / name
    if source_checkout.is_dir():
        return source_checkout
    raise FileNotFoundError(f"bundled data folder '{name}' is missing from the installation")


def bundled_questionnaire_ids() -> list[str]:
    root = bundled_dir("questionnaires")
    return sorted(p.parent.name for p in root.glob("*/questionnaire.yaml"))
