"""Load an action library and check it against its questionnaire."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from assessment.common.paths import display_path
from assessment.loading.yaml_files import (
    read_model,
    read_yaml,
    require_mapping,
    validation_problems,
)
from assessment.model.errors import InputError, Problem
from assessment.model.obligations import ObligationSet
from assessment.model.questionnaire import Questionnaire
from assessment.model.roadmap import ActionLibrary


def load_action_library(path: Path, questionnaire: Questionnaire) -> ActionLibrary:
    """The library, with the obligations file it names (beside it) read in."""
    name = display_path(path)
    data = require_mapping(read_yaml(path, name), name)
    obligations_name = data.get("obligations")
    obligations = None
    if isinstance(obligations_name, str):
        obligations_path = path.parent / obligations_name
        if obligations_path.parent.resolve() != path.parent.resolve():
            raise InputError(
                Problem(name, "must name a file in the same folder", field="obligations")
            )
        obligations = read_model(obligations_path, display_path(obligations_path), ObligationSet)
        data = {**data, "obligations": None}
    try:
        library = ActionLibrary.model_validate(data)
    except ValidationError as exc:
        raise InputError(validation_problems(name, exc)) from None
    problems = cross_check(library, questionnaire, name)
    if obligations is not None:
        problems += check_obligations(
            obligations, questionnaire, library, display_path(path.parent / str(obligations_name))
        )
        library = library.model_copy(update={"obligations": obligations})
    if problems:
        raise InputError(problems)
    return library


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


def cross_check(library: ActionLibrary, questionnaire: Questionnaire, name: str) -> list[Problem]:
    """Unknown dimensions, duplicate ids, dangling dependencies and dependency cycles."""
    problems: list[Problem] = []
    dims = {d.id for d in questionnaire.dimensions}
    ids = [a.id for a in library.actions]
    known = set(ids)
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        problems.append(Problem(name, f"action id '{dup}' is used more than once", field="actions"))
    for i, action in enumerate(library.actions):
        where = f"actions.{i}"
        for dim in action.dimensions:
            if dim not in dims:
                problems.append(
                    Problem(
                        name, f"{action.id}: unknown dimension '{dim}'", field=f"{where}.dimensions"
                    )
                )
        for dep in action.depends_on:
            if dep not in known:
                problems.append(
                    Problem(
                        name,
                        f"{action.id}: depends on unknown action '{dep}'",
                        field=f"{where}.depends_on",
                    )
                )
        questions = questionnaire.question_index()
        for qid in action.trigger.questions:
            if qid not in questions or not questions[qid].scored:
                problems.append(
                    Problem(
                        name,
                        f"{action.id}: trigger names unknown or unscored question '{qid}'",
                        field=f"{where}.trigger.questions",
                    )
                )
        for k, kpi in enumerate(action.kpis):
            if kpi.baseline_question and kpi.baseline_question not in questions:
                problems.append(
                    Problem(
                        name,
                        f"{action.id}: KPI baseline names unknown question "
                        f"'{kpi.baseline_question}'",
                        field=f"{where}.kpis.{k}.baseline_question",
                    )
                )
        if action.earliest_phase > len(library.phases):
            problems.append(
                Problem(
                    name,
                    f"{action.id}: earliest_phase {action.earliest_phase} does not exist",
                    field=f"{where}.earliest_phase",
                )
            )
    cycle = find_cycle({a.id: [d for d in a.depends_on if d in known] for a in library.actions})
    if cycle:
        problems.append(
            Problem(name, "dependency cycle: " + " -> ".join(cycle), field="actions.depends_on")
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
