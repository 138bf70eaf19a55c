"""Load an action library (inline or one file per action) and check it against a questionnaire."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from assessment.common.paths import display_path
from assessment.loading.action_folder import NamedAction, read_action_folder
from assessment.loading.yaml_files import (
    read_model,
    read_yaml,
    require_mapping,
    validation_problems,
)
from assessment.model.action_files import ActionLibraryFile
from assessment.model.errors import InputError, Problem
from assessment.model.obligations import ObligationSet
from assessment.model.questionnaire import Questionnaire
from assessment.model.roadmap import ActionLibrary


def load_action_library(path: Path, questionnaire: Questionnaire) -> ActionLibrary:
    """The library, with its actions (inline or from its folder) and its obligations file."""
    name = display_path(path)
    data = require_mapping(read_yaml(path, name), name)
    problems: list[Problem] = []
    header: ActionLibraryFile | None = None
    try:
        header = ActionLibraryFile.model_validate(data)
    except ValidationError as exc:
        problems.extend(validation_problems(name, exc))
    # The folder is read even when the library file is wrong, so one run lists every problem.
    files, folder_problems = _folder_actions(path, data)
    problems.extend(folder_problems)
    if problems or header is None:
        raise InputError(problems)
    if header.actions is not None:
        actions = header.actions
        located = [(name, f"actions.{i}") for i in range(len(actions))]
    else:
        actions = [f.action for f in files]
        located = [(f.name, "") for f in files]
    try:
        library = ActionLibrary.model_validate(
            {"currency": header.currency, "phases": header.phases, "actions": actions}
        )
    except ValidationError as exc:
        raise InputError(validation_problems(name, exc)) from None
    problems = cross_check(library, questionnaire, located)
    if header.obligations is not None:
        obligations_path = path.parent / header.obligations
        if obligations_path.parent.resolve() != path.parent.resolve():
            raise InputError(
                Problem(name, "must name a file in the same folder", field="obligations")
            )
        obligations_name = display_path(obligations_path)
        obligations = read_model(obligations_path, obligations_name, ObligationSet)
        problems += check_obligations(obligations, questionnaire, library, obligations_name)
        library = library.model_copy(update={"obligations": obligations})
    if problems:
        raise InputError(problems)
    return library


def _folder_actions(path: Path, data: dict[str, Any]) -> tuple[list[NamedAction], list[Problem]]:
    """The actions of the library's folder, or what is wrong with how the folder is named."""
    folder = data.get("actions_folder")
    if folder is None and "actions" in data:
        return [], []
    message = None
    if folder is None:
        message = "give the actions inline in 'actions' or name their folder in 'actions_folder'"
    elif "actions" in data:
        message = "give either 'actions' or 'actions_folder', not both"
    elif not isinstance(folder, str):
        return [], []  # the library file's validation reports the wrong type
    else:
        full = (path.parent / folder).resolve()
        if full == path.parent.resolve() or not full.is_relative_to(path.parent.resolve()):
            message = "must name a folder inside the questionnaire folder"
        else:
            return read_action_folder(path.parent / folder)
    return [], [Problem(display_path(path), message, field="actions_folder")]


def check_obligations(
    obligations: ObligationSet, questionnaire: Questionnaire, library: ActionLibrary, name: str
) -> list[Problem]:
    """Evidence must name scored questions, and actions must be in the library."""
    problems: list[Problem] = []
    questions = questionnaire.question_index()
    known = {a.id for a in library.actions}
    ids = [o.id for o in obligations.obligations]
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        problems.append(Problem(name, f"obligation id '{dup}' is used more than once"))
    for i, ob in enumerate(obligations.obligations):
        where = f"obligations.{i}"
        for qid in ob.evidence:
            if qid not in questions or not questions[qid].scored:
                problems.append(
                    Problem(
                        name,
                        f"{ob.id}: evidence names unknown or unscored question '{qid}'",
                        field=f"{where}.evidence",
                    )
                )
        for aid in ob.actions:
            if aid not in known:
                problems.append(
                    Problem(name, f"{ob.id}: unknown action '{aid}'", field=f"{where}.actions")
                )
        if ob.amended_from is not None and obligations.amendment is None:
            problems.append(
                Problem(
                    name,
                    f"{ob.id}: amended_from needs an 'amendment' at the top of the file",
                    field=f"{where}.amended_from",
                )
            )
    return problems


def cross_check(
    library: ActionLibrary, questionnaire: Questionnaire, located: list[tuple[str, str]]
) -> list[Problem]:
    """Unknown dimensions, duplicate ids, dangling dependencies and dependency cycles.

    located[i] is the file and field prefix action i was read from: `actions.i` of the library
    file, or the top of its own file.
    """
    problems: list[Problem] = []
    dims = {d.id for d in questionnaire.dimensions}
    questions = questionnaire.question_index()
    ids = [a.id for a in library.actions]
    known = set(ids)

    def problem(i: int, message: str, field: str) -> Problem:
        name, prefix = located[i]
        return Problem(name, message, field=f"{prefix}.{field}" if prefix else field)

    seen: set[str] = set()
    for i, action in enumerate(library.actions):
        if action.id in seen:
            problems.append(problem(i, f"action id '{action.id}' is used more than once", "id"))
        seen.add(action.id)
        for dim in action.dimensions:
            if dim not in dims:
                problems.append(problem(i, f"{action.id}: unknown dimension '{dim}'", "dimensions"))
        for dep in action.depends_on:
            if dep not in known:
                problems.append(
                    problem(i, f"{action.id}: depends on unknown action '{dep}'", "depends_on")
                )
        for qid in action.trigger.questions:
            if qid not in questions or not questions[qid].scored:
                problems.append(
                    problem(
                        i,
                        f"{action.id}: trigger names unknown or unscored question '{qid}'",
                        "trigger.questions",
                    )
                )
        for k, kpi in enumerate(action.kpis):
            if kpi.baseline_question and kpi.baseline_question not in questions:
                problems.append(
                    problem(
                        i,
                        f"{action.id}: KPI baseline names unknown question "
                        f"'{kpi.baseline_question}'",
                        f"kpis.{k}.baseline_question",
                    )
                )
        if action.earliest_phase > len(library.phases):
            problems.append(
                problem(
                    i,
                    f"{action.id}: earliest_phase {action.earliest_phase} does not exist",
                    "earliest_phase",
                )
            )
    cycle = find_cycle({a.id: [d for d in a.depends_on if d in known] for a in library.actions})
    if cycle:
        problems.append(
            problem(ids.index(cycle[0]), "dependency cycle: " + " -> ".join(cycle), "depends_on")
        )
    return problems


def find_cycle(graph: dict[str, list[str]]) -> list[str] | None:
    """A dependency cycle as a closed path (a -> b -> a), or None when the graph is acyclic."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = finished
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in graph.get(node, []):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (found := visit(start)):
            return found
    return None
