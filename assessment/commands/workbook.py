"""The analysis workbook: the engagement's answers, pseudonymised and with small groups
withheld, beside the results, rendered by exports.workbook."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from assessment.answers.answer_values import answer_score
from assessment.collect.pseudonyms import KEY_FILE, engagement_key, pseudonym
from assessment.common.paths import display_path
from assessment.exports.workbook import ActionDates, AnswerRow, AnswerSheet, render_workbook
from assessment.loading.deliverable import engagement_layer
from assessment.loading.engagement import Engagement
from assessment.model.deliverable import ConsultantLayer
from assessment.model.errors import InputError, Problem
from assessment.model.questionnaire import NOTHING_TICKED, OPTION_TYPES, Question
from assessment.model.responses import DONT_KNOW, NOT_APPLICABLE
from assessment.model.results import Results

# What `readiness import` writes for a person known by name or e-mail: already a pseudonym.
IMPORTED_PSEUDONYM = re.compile(r"^P-[0-9a-f]{12}$")
OTHER_ROLES = "Other roles"


@dataclass(frozen=True)
class WorkbookParts:
    """What the renderer needs beside the results."""

    layer: ConsultantLayer
    answers: AnswerSheet
    dates: ActionDates


def analysis_workbook(engagement: Engagement, results: Results) -> bytes:
    parts = workbook_parts(engagement, results)
    return render_workbook(results, parts.layer, parts.answers, parts.dates)


def workbook_parts(engagement: Engagement, results: Results) -> WorkbookParts:
    return WorkbookParts(
        layer=engagement_layer(engagement),
        answers=answer_sheet(engagement, results, _key(engagement.folder)),
        dates=action_dates(results),
    )


def action_dates(results: Results) -> ActionDates:
    """Each action's calendar start and end, as the plan dated them."""
    return {a.id: (a.start_date, a.end_date) for a in results.roadmap.actions}


def _key(folder: Path) -> bytes:
    where = display_path(folder / KEY_FILE)
    try:
        return engagement_key(folder)
    except OSError as exc:
        raise InputError(
            Problem(where, f"cannot read or create the pseudonym key: {exc.strerror or exc}")
        ) from None
    except ValueError:
        raise InputError(
            Problem(
                where,
                "is not a pseudonym key (64 hexadecimal digits); restore it from a backup, "
                "since a new key would give every respondent a new pseudonym",
            )
        ) from None


def pseudonyms(respondent_ids: list[str], key: bytes) -> dict[str, str]:
    """Respondent id -> pseudonym, the same in every run with the engagement's key. Ids that
    are already pseudonyms stay; any other id is hashed as `readiness import` hashes a name or
    e-mail. Ids that differ only in case or spacing hash alike, so they are numbered apart."""
    hashed = {
        rid: rid if IMPORTED_PSEUDONYM.match(rid) else pseudonym(key, rid, "")
        for rid in sorted(set(respondent_ids))
    }
    seen: Counter[str] = Counter()
    unique = {}
    for rid, alias in hashed.items():
        seen[alias] += 1
        unique[rid] = alias if seen[alias] == 1 else f"{alias}-{seen[alias]}"
    return unique


def answer_sheet(engagement: Engagement, results: Results, key: bytes) -> AnswerSheet:
    """Every given answer, one row each, respondents under pseudonyms. Respondents of hidden
    units are left out: with so few people, a row's unit would point to its author. Roles held
    by fewer than the minimum group size in a unit are merged under one label, for the same
    reason."""
    minimum = results.thresholds.min_group_size
    hidden = {u.unit_id for u in results.units if u.hidden}
    unit_names = {u.unit_id: u.name for u in results.units}
    unit_order = {u.unit_id: i for i, u in enumerate(results.units)}
    questionnaire = engagement.questionnaire.questionnaire
    role_labels = questionnaire.role_labels
    located = {q.id: (d.id, q) for d, q in questionnaire.questions()}
    order = {qid: i for i, qid in enumerate(located)}

    frame = engagement.responses.answers
    columns = ["respondent", "unit", "role", "question", "answer", "comment"]
    given = [
        (str(r), str(u), str(o), str(q), str(a), str(c))
        for r, u, o, q, a, c in zip(*(frame[c].to_numpy() for c in columns), strict=True)
        if a != "" or c != ""
    ]
    people = {r: (u, o) for r, u, o, *_ in given}
    withheld = {r for r, (u, _) in people.items() if u in hidden}
    group_sizes = Counter((u, o) for r, (u, o) in people.items() if r not in withheld)
    small_roles = {g for g, n in group_sizes.items() if n < minimum}
    alias = pseudonyms(sorted(set(people) - withheld), key)

    described: dict[tuple[str, str], tuple[str, float | None]] = {}
    rows = []
    for r, u, o, q, a, c in given:
        if r in withheld:
            continue
        dimension_id, question = located[q]
        if (q, a) not in described:
            described[(q, a)] = (_answer_text(question, a), _score(question, a))
        answer_text, score = described[(q, a)]
        role = OTHER_ROLES if (u, o) in small_roles else role_labels.get(o, o)
        rows.append(
            AnswerRow(
                alias[r], unit_names.get(u, u), role, q, dimension_id, a, answer_text, score, c
            )
        )
    # By unit, then pseudonym: the rows keep no trace of the order of the raw ids.
    unit_of = {alias[r]: u for r, (u, _) in people.items() if r not in withheld}
    rows.sort(
        key=lambda row: (
            unit_order.get(unit_of[row.respondent], len(unit_order)),
            row.respondent,
            order[row.question_id],
        )
    )
    return AnswerSheet(rows=rows, notes=_notes(withheld, people, unit_names, small_roles, minimum))


def _notes(
    withheld: set[str],
    people: dict[str, tuple[str, str]],
    unit_names: dict[str, str],
    small_roles: set[tuple[str, str]],
    minimum: int,
) -> list[str]:
    notes = [
        "Respondents appear under pseudonyms, never by name or e-mail. A person keeps the "
        "same pseudonym in every workbook made from this engagement."
    ]
    if withheld:
        units = sorted({unit_names.get(people[r][0], people[r][0]) for r in withheld})
        count = len(withheld)
        notes.append(
            f"The answers of {count} respondent{'s' if count != 1 else ''} in "
            f"{', '.join(units)} are left out: fewer than {minimum} people answered there, "
            "so their answers could point to them. Those units' scores are not shown either."
        )
    if small_roles:
        notes.append(
            f"Roles held by fewer than {minimum} respondents in a business unit are shown as "
            f"'{OTHER_ROLES}', so that no one is singled out by their role."
        )
    return notes


def _answer_text(question: Question, code: str) -> str:
    """The answer in the questionnaire's words."""
    if code == NOT_APPLICABLE:
        return "Not applicable"
    if code == DONT_KNOW:
        return "Don't know"
    if question.type in OPTION_TYPES:
        option = question.option(code)
        return option.label if option else code
    if question.type == "checklist":
        if code == NOTHING_TICKED:
            return "None ticked"
        labels = {i.id: i.label for i in question.items}
        return "; ".join(labels.get(i, i) for i in code.split(";") if i)
    if question.type == "numeric" and code:
        return f"{code} {question.unit}".strip()
    return ""  # free text: the answer is the text itself


def _score(question: Question, code: str) -> float | None:
    if not question.scored or code in {"", NOT_APPLICABLE, DONT_KNOW}:
        return None
    value = answer_score(question, code)
    return None if math.isnan(value) else value
