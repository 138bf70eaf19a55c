"""One respondent's submission from any source, turned into answer rows with every problem
located (file, sheet, row, column)."""

from __future__ import annotations

from dataclasses import dataclass, field

from assessment.collect.mapping import Mapping
from assessment.collect.pseudonyms import pseudonym, response_pseudonym
from assessment.exports.cells import neutralise
from assessment.loading.answers import normalise_answer
from assessment.model.engagement import Profile
from assessment.model.errors import Problem
from assessment.model.questionnaire import Question, Questionnaire

# The header names survey tools use for who answered.
NAME_HEADERS = (
    "name",
    "full name",
    "respondent name",
    "respondent_name",
    "your name",
    "recipientlastname",
    "recipientfirstname",
)
EMAIL_HEADERS = (
    "email",
    "e-mail",
    "email address",
    "e-mail address",
    "your e-mail",
    "respondent_email",
    "recipientemail",
)
UNIT_HEADERS = ("business unit", "business_unit", "unit", "department", "division")
ROLE_HEADERS = ("role", "your role", "job role")
ID_HEADERS = ("respondent_id", "respondent id")


@dataclass(frozen=True)
class Place:
    """Where a value sits in the source, for messages."""

    row: int | None = None
    column: str | None = None
    field: str | None = None


@dataclass
class Submission:
    file: str
    name: str = ""
    email: str = ""
    respondent_id: str = ""
    response_id: str = ""  # the survey tool's own id of an anonymous response
    tool: str = ""
    unit: str = ""
    role: str = ""
    answers: dict[str, tuple[str, Place]] = field(default_factory=dict)
    comments: dict[str, str] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)  # name, unit, role, ...

    @property
    def anonymous(self) -> bool:
        """Known only by the survey tool's response id: no respondent id, name or e-mail."""
        named = self.respondent_id.strip() or self.name.strip() or self.email.strip()
        return not named and bool(self.response_id.strip())


@dataclass(frozen=True)
class AnswerRow:
    respondent_id: str
    business_unit: str
    role: str
    question_id: str
    answer: str
    comment: str


def _checklist_text(question: Question, raw: str) -> str:
    """Survey tools join ticked labels with ', ' or ';': turn them into item ids."""
    lookup = {i.label.lower(): i.id for i in question.items} | {
        i.id.lower(): i.id for i in question.items
    }
    text = raw.strip().rstrip(";")
    if text.lower() in lookup:
        return lookup[text.lower()]
    for separator in (";", "|", ","):
        parts = [p.strip() for p in text.split(separator) if p.strip()]
        if len(parts) > 1 and all(p.lower() in lookup for p in parts):
            return ";".join(lookup[p.lower()] for p in parts)
    return text


def to_rows(
    submission: Submission,
    questionnaire: Questionnaire,
    profile: Profile,
    key: bytes,
    mapping: Mapping,
) -> tuple[list[AnswerRow], list[Problem]]:
    problems: list[Problem] = []
    name = submission.file

    def problem(message: str, place: Place | None) -> None:
        place = place or Place()
        problems.append(
            Problem(name, message, row=place.row, column=place.column, field=place.field)
        )

    if submission.respondent_id:
        respondent = submission.respondent_id.strip()
    elif submission.name.strip() or submission.email.strip():
        respondent = pseudonym(key, submission.name, submission.email)
    elif submission.response_id.strip():
        respondent = response_pseudonym(
            key, submission.tool, submission.unit, submission.response_id
        )
    else:
        respondent = ""
        problem(
            "no name, e-mail or respondent id: every submission needs one",
            submission.places.get("name"),
        )
    mapped = {k.lower(): v for k, v in mapping.roles.items()}
    given = submission.role.strip().lower()
    role = mapped[given] if given in mapped else questionnaire.role_id(given)
    if role is None:
        problem(
            f"role '{submission.role}' is not one of "
            f"{', '.join(questionnaire.role_labels.values())} "
            "(a mapping file can translate it)",
            submission.places.get("role"),
        )
    units = {u.id: u.id for u in profile.business_units}
    units |= {u.name.lower(): u.id for u in profile.business_units}
    units |= {k.lower(): v for k, v in mapping.units.items()}
    unit = units.get(submission.unit.strip().lower())
    if unit is None and submission.unit.strip() and not profile.business_units_fixed:
        unit = submission.unit.strip()  # accepted with a notice when the answers are loaded
    if unit is None:
        problem(
            f"business unit '{submission.unit}' is not in assessment.yaml (a mapping "
            "file can translate it)",
            submission.places.get("unit"),
        )

    index = questionnaire.question_index()
    rows: list[tuple[str, str, str]] = []
    for qid, (raw, place) in submission.answers.items():
        question = index[qid]
        text = mapping.answer(qid, raw.strip())
        if question.type == "checklist":
            text = _checklist_text(question, text)
        code, reason = normalise_answer(question, text)
        if reason is not None:
            problem(reason, place)
            continue
        if not question.scored:
            code = neutralise(code)  # a respondent's own text: never a formula anywhere
        comment = neutralise(submission.comments.get(qid, "").strip())
        if code or comment:
            rows.append((qid, code, comment))
    for qid, text in submission.comments.items():
        if qid not in submission.answers and text.strip():
            rows.append((qid, "", neutralise(text.strip())))
    if problems or role is None or unit is None:
        return [], problems
    return [
        AnswerRow(respondent, unit, role, qid, code, comment) for qid, code, comment in rows
    ], []
