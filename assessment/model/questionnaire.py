"""A questionnaire: maturity levels, dimensions and the questions that score them."""

from __future__ import annotations

import re
from typing import Annotated, Literal, get_args

from pydantic import Field, field_validator, model_validator

from assessment.model.base import Frozen

LEVELS = (1, 2, 3, 4, 5)
Role = Literal["executive", "business", "finance", "data_it", "security_risk", "hr_people"]
ROLES: tuple[Role, ...] = get_args(Role)
ROLE_LABELS: dict[str, str] = {
    "executive": "Executive",
    "business": "Business",
    "finance": "Finance",
    "data_it": "Data and IT",
    "security_risk": "Security and risk",
    "hr_people": "HR and people",
}
QuestionType = Literal["single_choice", "yes_no", "checklist", "numeric", "agreement", "free_text"]
SCORED_TYPES: frozenset[str] = frozenset(
    {"single_choice", "yes_no", "checklist", "numeric", "agreement"}
)
OPTION_TYPES: frozenset[str] = frozenset({"single_choice", "yes_no", "agreement"})
AGREEMENT_LABELS = (
    "Strongly disagree",
    "Disagree",
    "Neither agree nor disagree",
    "Agree",
    "Strongly agree",
)
# A checklist answer with nothing ticked (distinct from no answer at all).
NOTHING_TICKED = "none"

_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]*$")


def _check_id(value: str) -> str:
    if not _ID.match(value):
        raise ValueError("must start with a letter and hold only letters, digits, '-', '_' or '.'")
    return value


class MaturityLevel(Frozen):
    level: int = Field(ge=1, le=5)
    name: str = Field(min_length=1)
    description: str = Field(min_length=1)


class AnswerOption(Frozen):
    """An answer a respondent can pick, anchored to the maturity level it evidences."""

    id: str = Field(min_length=1, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
    label: str = Field(min_length=1)
    level: int = Field(ge=1, le=5)


class ChecklistItem(Frozen):
    id: str = Field(min_length=1, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
    label: str = Field(min_length=1)
    weight: float = Field(default=1.0, gt=0)


class NumericBand(Frozen):
    """Values from `min` (inclusive) up to the next band's min score this level."""

    min: float
    level: int = Field(ge=1, le=5)


class Question(Frozen):
    id: str
    text: str = Field(min_length=1)
    type: QuestionType = "single_choice"
    capability: str = ""
    weight: float = Field(default=1.0, gt=0)
    critical: bool = False
    audience: list[Role] = Field(default_factory=lambda: list(ROLES), min_length=1)
    help: str = ""
    evidence: str = ""
    references: list[str] = Field(default_factory=list)
    options: list[AnswerOption] = Field(default_factory=list)
    items: list[ChecklistItem] = Field(default_factory=list)
    unit: str = ""
    minimum: float | None = None
    maximum: float | None = None
    bands: list[NumericBand] = Field(default_factory=list)
    reverse: bool = Field(default=False, description="agreement: disagreeing is the mature answer")
    visible_if: str | None = None
    allow_not_applicable: bool = True
    allow_dont_know: bool = True

    _check_id = field_validator("id")(_check_id)

    @model_validator(mode="after")
    def _fields_fit_type(self) -> Question:
        problems = []
        t = self.type
        if t in {"single_choice", "yes_no"}:
            wanted = 2 if t == "yes_no" else None
            if len(self.options) < 2 or (wanted and len(self.options) != wanted):
                problems.append(f"a {t} question needs {wanted or 'at least two'} options")
        elif self.options:
            problems.append(f"a {t} question takes no options")
        if t == "checklist" and len(self.items) < 2:
            problems.append("a checklist question needs at least two items")
        if t != "checklist" and self.items:
            problems.append(f"a {t} question takes no items")
        if t == "numeric":
            problems += _numeric_problems(self)
        elif self.bands or self.minimum is not None or self.maximum is not None:
            problems.append(f"a {t} question takes no bands, minimum or maximum")
        if self.reverse and t != "agreement":
            problems.append("only an agreement question can be reversed")
        for name, ids in (
            ("option", [o.id for o in self.options]),
            ("item", [i.id for i in self.items]),
        ):
            dups = sorted({i for i in ids if ids.count(i) > 1})
            if dups:
                problems.append(f"duplicate {name} ids: {', '.join(dups)}")
        reserved = {o.id.lower() for o in self.options} | {i.id.lower() for i in self.items}
        clash = reserved & {"na", "dk", NOTHING_TICKED}
        if clash:
            problems.append(f"ids {sorted(clash)} are reserved for special answers")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    @property
    def scored(self) -> bool:
        return self.type in SCORED_TYPES

    @property
    def answer_options(self) -> list[AnswerOption]:
        """The options a respondent picks from (generated for agreement questions)."""
        if self.type != "agreement":
            return self.options
        return [
            AnswerOption(id=str(i), label=label, level=6 - i if self.reverse else i)
            for i, label in enumerate(AGREEMENT_LABELS, start=1)
        ]

    def option(self, option_id: str) -> AnswerOption | None:
        return next((o for o in self.answer_options if o.id == option_id), None)


def _numeric_problems(q: Question) -> list[str]:
    problems = []
    if not q.bands:
        problems.append("a numeric question needs bands that map values to levels")
    mins = [b.min for b in q.bands]
    if mins != sorted(mins) or len(set(mins)) != len(mins):
        problems.append("numeric bands must be listed by increasing min")
    levels = [b.level for b in q.bands]
    if levels != sorted(levels):
        problems.append("numeric band levels must not go down as values go up")
    if q.minimum is not None and q.maximum is not None and q.minimum >= q.maximum:
        problems.append("minimum must be below maximum")
    if q.bands and q.minimum is not None and q.bands[0].min > q.minimum:
        problems.append("the first band must start at or below the minimum")
    return problems


class Dimension(Frozen):
    id: str
    name: str = Field(min_length=1)
    weight: float = Field(default=1.0, gt=0)
    summary: str = Field(min_length=1)
    level_descriptors: dict[int, str]
    questions: list[Question] = Field(min_length=1)

    _check_id = field_validator("id")(_check_id)

    @field_validator("level_descriptors")
    @classmethod
    def _all_levels_described(cls, value: dict[int, str]) -> dict[int, str]:
        missing = [lv for lv in LEVELS if not value.get(lv)]
        extra = [lv for lv in value if lv not in LEVELS]
        if missing or extra:
            raise ValueError(
                f"needs a descriptor for each level 1 to 5 (missing {missing}, unknown {extra})"
            )
        return value


class AmbitionPreset(Frozen):
    """Target levels for an ambition: one default and per-dimension exceptions."""

    description: str = ""
    default: int = Field(ge=1, le=5)
    overrides: dict[str, Annotated[int, Field(ge=1, le=5)]] = Field(default_factory=dict)

    def target(self, dimension_id: str) -> int:
        return self.overrides.get(dimension_id, self.default)


class QuestionnaireHeader(Frozen):
    """What questionnaire.yaml and the loaded questionnaire share."""

    id: str
    version: str = Field(pattern=r"^\d+\.\d+\.\d+$")
    title: str = Field(min_length=1)
    description: str = ""
    levels: list[MaturityLevel]
    ambition_presets: dict[str, AmbitionPreset] = Field(min_length=1)
    lineage: dict[str, str] = Field(
        default_factory=dict,
        description="earlier question ids -> the current ids that replace them",
    )

    _check_id = field_validator("id")(_check_id)

    @field_validator("levels")
    @classmethod
    def _five_levels(cls, value: list[MaturityLevel]) -> list[MaturityLevel]:
        if [lv.level for lv in value] != list(LEVELS):
            raise ValueError("must list the five levels 1 to 5 in order")
        return value


class Questionnaire(QuestionnaireHeader):
    dimensions: list[Dimension] = Field(min_length=1)

    @model_validator(mode="after")
    def _ids_unique_and_known(self) -> Questionnaire:
        dim_ids = [d.id for d in self.dimensions]
        dup_dims = sorted({i for i in dim_ids if dim_ids.count(i) > 1})
        if dup_dims:
            raise ValueError(f"duplicate dimension ids: {', '.join(dup_dims)}")
        q_ids = [q.id for d in self.dimensions for q in d.questions]
        dup_q = sorted({i for i in q_ids if q_ids.count(i) > 1})
        if dup_q:
            raise ValueError(f"duplicate question ids: {', '.join(dup_q)}")
        for name, preset in self.ambition_presets.items():
            unknown = sorted(set(preset.overrides) - set(dim_ids))
            if unknown:
                raise ValueError(
                    f"ambition preset '{name}' names unknown dimensions: {', '.join(unknown)}"
                )
        return self

    def level_name(self, level: int) -> str:
        return self.levels[level - 1].name

    def dimension(self, dimension_id: str) -> Dimension:
        for d in self.dimensions:
            if d.id == dimension_id:
                return d
        raise KeyError(dimension_id)

    def questions(self) -> list[tuple[Dimension, Question]]:
        return [(d, q) for d in self.dimensions for q in d.questions]

    def question_index(self) -> dict[str, Question]:
        return {q.id: q for d in self.dimensions for q in d.questions}


class QuestionnaireFile(QuestionnaireHeader):
    """questionnaire.yaml as written: the dimension files named by path."""

    dimensions: list[str] = Field(min_length=1, description="dimension files, in order")
    actions: str = Field(default="actions.yaml", description="the action library file")
