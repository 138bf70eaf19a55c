"""Read a questionnaire's archetypes.yaml (optional): the kinds of use case the library knows,
checked against the questionnaire's dimensions and capabilities and the action library."""

from __future__ import annotations

from pathlib import Path

from assessment.common.paths import display_path
from assessment.loading.yaml_files import read_model
from assessment.model.errors import InputError, Problem
from assessment.model.questionnaire import Questionnaire
from assessment.model.roadmap import ActionLibrary
from assessment.model.use_cases import ArchetypeLibrary

ARCHETYPES_FILE = "archetypes.yaml"


def load_archetypes(
    folder: Path, questionnaire: Questionnaire, library: ActionLibrary
) -> ArchetypeLibrary | None:
    """The questionnaire folder's archetypes, or None when it ships none."""
    path = folder / ARCHETYPES_FILE
    if not path.exists():
        return None
    name = display_path(path)
    if not path.resolve().is_relative_to(folder.resolve()):
        raise InputError(Problem(name, "must be a file inside the questionnaire folder"))
    archetypes = read_model(path, name, ArchetypeLibrary)
    problems = archetype_problems(archetypes, questionnaire, library, name)
    if problems:
        raise InputError(problems)
    return archetypes


def archetype_problems(
    archetypes: ArchetypeLibrary, questionnaire: Questionnaire, library: ActionLibrary, name: str
) -> list[Problem]:
    """Every reference an archetype makes must resolve: dimensions, their capabilities, actions;
    ids are unique."""
    capabilities = {
        d.id: {q.capability for q in d.questions if q.scored and q.capability}
        for d in questionnaire.dimensions
    }
    action_ids = {a.id for a in library.actions}
    problems: list[Problem] = []
    seen: set[str] = set()
    for i, archetype in enumerate(archetypes.archetypes):
        where = f"archetypes.{i}"
        if archetype.id in seen:
            problems.append(Problem(name, f"duplicate archetype id '{archetype.id}'", field=where))
        seen.add(archetype.id)
        for j, req in enumerate(archetype.requires):
            field = f"{where}.requires.{j}"
            if req.dimension not in capabilities:
                problems.append(
                    Problem(
                        name,
                        f"unknown dimension '{req.dimension}' (known: {', '.join(capabilities)})",
                        field=f"{field}.dimension",
                    )
                )
            elif req.capability is not None and req.capability not in capabilities[req.dimension]:
                problems.append(
                    Problem(
                        name,
                        f"'{req.capability}' is not a scored capability of {req.dimension}",
                        field=f"{field}.capability",
                    )
                )
            for k, aid in enumerate(req.closed_by):
                if aid not in action_ids:
                    problems.append(
                        Problem(name, f"unknown action '{aid}'", field=f"{field}.closed_by.{k}")
                    )
    return problems
