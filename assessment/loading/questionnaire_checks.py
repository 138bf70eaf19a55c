"""Checks across a questionnaire's files: ids, conditions, gates, presets and lineage."""

from __future__ import annotations

from typing import Any

from assessment.loading.condition_reach import Reach, leaves
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
            # Like any other item, a yes/no answer must be able to score from bottom to top.
            if q.type in {"single_choice", "yes_no"} and not {1, 5} <= levels:
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

    parsed: dict[str, Condition] = {}
    located: dict[str, tuple[str, str]] = {}
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
            found = condition_problems(condition, q.id, questions, order)
            for message in found:
                problems.append(Problem(name, f"{q.id}: {message}", field=where))
            if not found:
                parsed[q.id] = condition
                located[q.id] = (name, where)
    # Reachability needs every condition well formed; otherwise the problems above come first.
    if not problems:
        for qid, message in reach_problems(questions, parsed):
            name, where = located[qid]
            problems.append(Problem(name, f"{qid}: {message}", field=where))

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


def reach_problems(
    questions: dict[str, Question], conditions: dict[str, Condition]
) -> list[tuple[str, str]]:
    """(question id, message) for each comparison no answer satisfies, each condition no
    respondent satisfies, and each role in a question's audience that can never see it."""
    scored = {qid: q for qid, q in questions.items() if q.scored}
    reach = Reach(scored, conditions)
    problems: list[tuple[str, str]] = []
    for qid, condition in conditions.items():
        # A free-text question may be conditional too: look it up among all the questions.
        text = questions[qid].visible_if
        impossible = [leaf for leaf in leaves(condition) if not reach.leaf_possible(leaf)]
        for leaf in impossible:
            assert isinstance(leaf, Compare)  # the other kinds were checked by condition_problems
            problems.append(
                (qid, f"'{_show(leaf)}' can never be true: {_range(scored[leaf.question])}")
            )
        if not reach.can_show(qid, None):
            if not impossible:
                problems.append(
                    (qid, f"condition {text!r} can never be true, whatever the answers")
                )
            continue
        for role in questions[qid].audience:
            if not reach.can_show(qid, role):
                problems.append((qid, _unseen(questions, qid, role, condition)))
    return problems


def _unseen(questions: dict[str, Question], qid: str, role: str, condition: Condition) -> str:
    text = questions[qid].visible_if
    refs = sorted(referenced_questions(condition))
    not_asked = [r for r in refs if role not in questions[r].audience]
    if not_asked:
        why = f"{', '.join(not_asked)}, which {role} is never asked"
        fix = f"ask {role} {', '.join(not_asked)}"
    else:
        # Asked, but hidden from the role itself or only answerable in ways the condition rejects.
        why = f"{', '.join(refs)}, whose answers from {role} can never make it true"
        fix = "change the condition"
    return (
        f"is asked of {role}, who can never see it: its condition {text!r} depends on {why}; "
        f"remove {role} from its audience or {fix}"
    )


def _show(leaf: Compare) -> str:
    value = f"{leaf.value:g}" if isinstance(leaf.value, float) else repr(leaf.value)
    return f"{leaf.question} {leaf.op} {value}"


def _range(q: Question) -> str:
    if q.type == "numeric":
        low = "any number" if q.minimum is None else f"{q.minimum:g}"
        high = "any number" if q.maximum is None else f"{q.maximum:g}"
        return f"{q.id} takes numbers from {low} to {high}"
    if q.type == "checklist":
        return f"{q.id} scores from 1 (nothing ticked) to 5 (everything ticked)"
    levels = ", ".join(str(lv) for lv in sorted({o.level for o in q.answer_options}))
    return f"{q.id}'s options have levels {levels}"
