"""Checks across a questionnaire's files: ids, conditions, gates, presets and lineage."""

from __future__ import annotations

from typing import Any

from assessment.model.conditions import (
    Answered,
    BoolOp,
    Compare,
    Condition,
    ConditionError,
    Has,
    Not,
    OneOf,
    parse_condition,
    referenced_questions,
)
from assessment.model.errors import Problem
from assessment.model.questionnaire import Dimension, Question


def check_dimensions(
    dimensions: list[tuple[str, Dimension]], main_name: str, main: dict[str, Any]
) -> list[Problem]:
    """Every cross-reference problem, each with the file and field it is in."""
    problems: list[Problem] = []
    seen_dims: dict[str, str] = {}
    seen_questions: dict[str, str] = {}
    order: dict[str, int] = {}
    questions: dict[str, Question] = {}
    for name, dim in dimensions:
        if dim.id in seen_dims:
            problems.append(
                Problem(
                    name, f"dimension id '{dim.id}' is also used in {seen_dims[dim.id]}", field="id"
                )
            )
        seen_dims.setdefault(dim.id, name)
        if not any(q.scored for q in dim.questions):
            problems.append(Problem(name, "needs at least one scored question", field="questions"))
        for i, q in enumerate(dim.questions):
            if q.id in seen_questions:
                problems.append(
                    Problem(
                        name,
                        f"question id '{q.id}' is also used in {seen_questions[q.id]}",
                        field=f"questions.{i}.id",
                    )
                )
            seen_questions.setdefault(q.id, name)
            order.setdefault(q.id, len(order))
            questions.setdefault(q.id, q)
            levels = {o.level for o in q.answer_options}
            if q.type == "single_choice" and not {1, 5} <= levels:
                problems.append(
                    Problem(
                        name,
                        f"{q.id}: options must reach from level 1 to level "
                        f"5 (they cover {sorted(levels)})",
                        field=f"questions.{i}.options",
                    )
                )
            if q.type == "numeric" and q.bands and q.bands[-1].level < 5:
                problems.append(
                    Problem(name, f"{q.id}: no band reaches level 5", field=f"questions.{i}.bands")
                )
            if q.critical and not q.scored:
                problems.append(
                    Problem(
                        name,
                        f"{q.id}: a {q.type} question cannot be critical",
                        field=f"questions.{i}.critical",
                    )
                )

    for name, dim in dimensions:
        for i, q in enumerate(dim.questions):
            if q.visible_if is None:
                continue
            where = f"questions.{i}.visible_if"
            try:
                condition = parse_condition(q.visible_if)
            except ConditionError as exc:
                problems.append(
                    Problem(name, f"{q.id}: condition {q.visible_if!r}: {exc}", field=where)
                )
                continue
            for message in condition_problems(condition, q.id, questions, order):
                problems.append(Problem(name, f"{q.id}: {message}", field=where))

    presets = main.get("ambition_presets")
    for preset_name, preset in (presets if isinstance(presets, dict) else {}).items():
        overrides = preset.get("overrides", {}) if isinstance(preset, dict) else {}
        for dim_id in overrides:
            if dim_id not in seen_dims:
                problems.append(
                    Problem(
                        main_name,
                        f"unknown dimension '{dim_id}'",
                        field=f"ambition_presets.{preset_name}.overrides",
                    )
                )
    lineage = main.get("lineage") or {}
    if isinstance(lineage, dict):
        for old, new in lineage.items():
            if old in questions:
                problems.append(
                    Problem(
                        main_name,
                        f"'{old}' is a current question id; lineage maps earlier ids only",
                        field=f"lineage.{old}",
                    )
                )
            if new not in questions:
                problems.append(
                    Problem(
                        main_name,
                        f"maps '{old}' to unknown question '{new}'",
                        field=f"lineage.{old}",
                    )
                )
    return problems


def condition_problems(
    condition: Condition, question_id: str, questions: dict[str, Question], order: dict[str, int]
) -> list[str]:
    """What is wrong with a parsed condition: unknown or later questions, impossible values."""
    problems = []
    for ref in sorted(referenced_questions(condition)):
        if ref not in questions:
            problems.append(f"condition names unknown question '{ref}'")
        elif order[ref] >= order[question_id]:
            problems.append(f"condition names '{ref}', which is not asked before {question_id}")
        elif not questions[ref].scored:
            problems.append(f"condition names '{ref}', a free-text question")
    if problems:
        return problems
    for node in _leaves(condition):
        q = questions[node.question]
        option_ids = {o.id for o in q.answer_options}
        if isinstance(node, Has) and q.type != "checklist":
            problems.append(f"'has' needs a checklist question; {q.id} is {q.type}")
        elif isinstance(node, Has) and node.item not in {i.id for i in q.items}:
            problems.append(f"{q.id} has no item '{node.item}'")
        elif isinstance(node, OneOf):
            unknown = [v for v in node.values if v not in option_ids]
            if q.type not in {"single_choice", "yes_no", "agreement"} or unknown:
                problems.append(f"{q.id} has no option(s) {', '.join(unknown) or node.values}")
        elif isinstance(node, Compare) and isinstance(node.value, str):
            if node.op not in {"==", "!="}:
                problems.append(f"'{node.op}' needs a number, not '{node.value}'")
            elif node.value not in option_ids:
                problems.append(f"{q.id} has no option '{node.value}'")
    return problems


def _leaves(condition: Condition) -> list[Compare | OneOf | Has]:
    match condition:
        case Not(operand):
            return _leaves(operand)
        case BoolOp(_, operands):
            return [leaf for o in operands for leaf in _leaves(o)]
        case Answered():
            return []
        case Compare() | OneOf() | Has():
            return [condition]
    raise TypeError(condition)  # pragma: no cover
