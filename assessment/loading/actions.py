"""Load an action library and check it against its questionnaire."""

from __future__ import annotations

from pathlib import Path

from assessment.loading.paths import display_path
from assessment.loading.yaml_files import read_model
from assessment.model.errors import InputError, Problem
from assessment.model.questionnaire import Questionnaire
from assessment.model.roadmap import ActionLibrary


def load_action_library(path: Path, questionnaire: Questionnaire) -> ActionLibrary:
    name = display_path(path)
    library = read_model(path, name, ActionLibrary)
    problems = cross_check(library, questionnaire, name)
    if problems:
        raise InputError(problems)
    return library


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
    for i, deadline in enumerate(library.deadlines):
        for aid in deadline.actions:
            if aid not in known:
                problems.append(
                    Problem(
                        name,
                        f"deadline {deadline.id}: unknown action '{aid}'",
                        field=f"deadlines.{i}.actions",
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
