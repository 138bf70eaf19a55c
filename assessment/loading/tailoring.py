"""Read a questionnaire folder's tailoring.yaml (the regulated industries)."""

from __future__ import annotations

from pathlib import Path

from assessment.common.bundled import bundled_dir
from assessment.common.paths import display_path
from assessment.loading.yaml_files import read_model
from assessment.model.tailoring import Tailoring

TAILORING_FILE = "tailoring.yaml"
# Whose tailoring a questionnaire without its own file shares: the industries and bands are
# about organisations, not about one questionnaire's questions.
FALLBACK_QUESTIONNAIRE = "genai-readiness"


def load_tailoring(folder: Path) -> Tailoring:
    path = folder / TAILORING_FILE
    if not path.is_file():
        path = bundled_dir("questionnaires") / FALLBACK_QUESTIONNAIRE / TAILORING_FILE
    return read_model(path, display_path(path), Tailoring)
