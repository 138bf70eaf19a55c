"""Load a questionnaire folder: questionnaire.yaml, its dimension files, its action library and
its tailoring."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from assessment.common.bundled import bundled_dir, bundled_questionnaire_ids
from assessment.common.paths import display_path
from assessment.loading.actions import load_action_library
from assessment.loading.questionnaire_checks import check_dimensions
from assessment.loading.tailoring import load_tailoring
from assessment.loading.yaml_files import read_yaml, require_mapping, validation_problems
from assessment.model.errors import InputError, Problem
from assessment.model.questionnaire import (
    Dimension,
    Questionnaire,
    QuestionnaireFile,
    unknown_audience_roles,
    with_audiences,
)
from assessment.model.roadmap import ActionLibrary
from assessment.model.tailoring import Tailoring

QUESTIONNAIRE_FILE = "questionnaire.yaml"


@dataclass(frozen=True)
class LoadedQuestionnaire:
    questionnaire: Questionnaire
    actions: ActionLibrary
    folder: Path
    tailoring: Tailoring


def resolve_questionnaire(reference: str) -> Path:
    """A questionnaire folder from a path (folder or questionnaire.yaml) or a bundled id."""
    path = Path(reference)
    if path.is_file() and path.name == QUESTIONNAIRE_FILE:
        return path.parent
    if path.is_dir():
        return path
    bundled = bundled_dir("questionnaires") / reference
    if (bundled / QUESTIONNAIRE_FILE).is_file():
        return bundled
    known = ", ".join(bundled_questionnaire_ids()) or "none"
    raise InputError(
        Problem(
            reference,
            f"no such questionnaire folder or bundled questionnaire id (bundled: {known})",
        )
    )


def load_questionnaire(folder: Path) -> LoadedQuestionnaire:
    """Load and validate a questionnaire folder; every problem found is reported at once."""
    main_file = folder / QUESTIONNAIRE_FILE
    main_name = display_path(main_file)
    data = require_mapping(read_yaml(main_file, main_name), main_name)

    problems: list[Problem] = []
    header: QuestionnaireFile | None = None
    try:
        header = QuestionnaireFile.model_validate(data)
        dimension_files = header.dimensions
    except ValidationError as exc:
        problems.extend(validation_problems(main_name, exc))
        # Still check the dimension files, so one run lists every problem.
        listed = data.get("dimensions")
        dimension_files = (
            [f for f in listed if isinstance(f, str)] if isinstance(listed, list) else []
        )
    named_dimensions: list[tuple[str, Dimension]] = []
    for i, relative in enumerate(dimension_files):
        dim_path = folder / relative
        dim_name = display_path(dim_path)
        if not _inside(dim_path, folder):
            problems.append(
                Problem(
                    main_name,
                    f"'{relative}' must be a file inside the questionnaire folder",
                    field=f"dimensions.{i}",
                )
            )
            continue
        try:
            dim_data = require_mapping(read_yaml(dim_path, dim_name), dim_name)
            named_dimensions.append((dim_name, Dimension.model_validate(dim_data)))
        except InputError as exc:
            problems.extend(exc.problems)
        except ValidationError as exc:
            problems.extend(validation_problems(dim_name, exc))
    if header is not None:
        # Audiences are checked and filled in before the checks that follow who is asked what.
        role_ids = list(header.role_labels)
        problems.extend(_audience_problems(named_dimensions, role_ids))
        named_dimensions = [(name, with_audiences(d, role_ids)) for name, d in named_dimensions]
    if not problems:
        problems.extend(check_dimensions(named_dimensions, main_name, data))
    dimensions = [d for _, d in named_dimensions]

    questionnaire: Questionnaire | None = None
    if not problems and header is not None:
        fields: dict[str, Any] = header.model_dump(exclude={"dimensions", "actions"})
        try:
            questionnaire = Questionnaire.model_validate({**fields, "dimensions": dimensions})
        except ValidationError as exc:
            problems.extend(validation_problems(main_name, exc))
    if problems or questionnaire is None or header is None:
        raise InputError(problems)
    actions_file = header.actions

    if not _inside(folder / actions_file, folder):
        raise InputError(
            Problem(main_name, "must name a file inside the questionnaire folder", field="actions")
        )
    actions = load_action_library(folder / actions_file, questionnaire)
    return LoadedQuestionnaire(
        questionnaire=questionnaire,
        actions=actions,
        folder=folder,
        tailoring=load_tailoring(folder),
    )


def _audience_problems(
    named_dimensions: list[tuple[str, Dimension]], role_ids: list[str]
) -> list[Problem]:
    return [
        Problem(
            name,
            f"{q.id}: audience names {', '.join(repr(r) for r in unknown)}, not a role "
            f"{QUESTIONNAIRE_FILE} declares ({', '.join(role_ids)})",
            field=f"questions.{i}.audience",
        )
        for name, dimension in named_dimensions
        for i, q in enumerate(dimension.questions)
        if (unknown := unknown_audience_roles(q, role_ids))
    ]


def _inside(path: Path, folder: Path) -> bool:
    return path.resolve().is_relative_to(folder.resolve())
