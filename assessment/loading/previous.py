"""Read the results.json of an earlier assessment, for progress-to-date."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from assessment.common.paths import display_path
from assessment.loading.yaml_files import validation_problems
from assessment.model.earlier import EarlierResults
from assessment.model.errors import InputError, Problem


def load_previous_results(path: Path, questionnaire_id: str) -> EarlierResults:
    name = display_path(path)
    if not path.is_file():
        raise InputError(Problem(name, "earlier results file not found"))
    try:
        previous = EarlierResults.model_validate_json(path.read_bytes())
    except ValidationError as exc:
        problems = validation_problems(name, exc)
        if any(p.message.startswith("Invalid JSON") for p in problems):
            raise InputError(Problem(name, "is not a JSON file")) from None
        raise InputError(
            [Problem(name, "is not a results.json written by readiness"), *problems[:5]]
        ) from None
    if previous.questionnaire_id != questionnaire_id:
        raise InputError(
            Problem(
                name,
                f"comes from questionnaire '{previous.questionnaire_id}', not "
                f"'{questionnaire_id}'; progress can only compare the same questionnaire",
            )
        )
    return previous
