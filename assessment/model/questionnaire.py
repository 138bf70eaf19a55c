"""A questionnaire: maturity levels, dimensions and the questions that score them."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import Field, field_validator, model_validator

from assessment.model.base import Authored

LEVELS = (1, 2, 3, 4, 5)
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


class RespondentRole(Authored):
    """A role respondents pick; question audiences name roles by id."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str = Field(min_length=1, max_length=60)
    executive: bool = Field(
        default=False,
        description="counts as leadership when executives' views are compared with everyone "
        "else's (perception gaps)",
    )


# The roles of a questionnaire that declares none: the roles questionnaires used before roles
# were declared in questionnaire.yaml, so older custom questionnaires keep loading unchanged.
DEFAULT_ROLES: tuple[RespondentRole, ...] = (
    RespondentRole(id="executive", label="Executive", executive=True),
    RespondentRole(id="business", label="Business"),
    RespondentRole(id="finance", label="Finance"),
    RespondentRole(id="data_it", label="Data and IT"),
    RespondentRole(id="security_risk", label="Security and risk"),
    RespondentRole(id="hr_people", label="HR and people"),
)
# Transitional: report/context.py still reads this; it goes once the report takes its role
# labels from the questionnaire (Questionnaire.role_labels).
ROLE_LABELS: dict[str, str] = {r.id: r.label for r in DEFAULT_ROLES}


class MaturityLevel(Authored):
    level: int = Field(ge=1, le=5)
    name: str = Field(min_length=1)
    description: str = Field(min_length=1)


class AnswerOption(Authored):
    """An answer a respondent can pick, anchored to the maturity level it evidences."""

    id: str = Field(min_length=1, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
    label: str = Field(min_length=1)
    level: int = Field(ge=1, le=5)


class ChecklistItem(Authored):
    id: str = Field(min_length=1, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
    label: str = Field(min_length=1)
    weight: float = Field(default=1.0, gt=0)


class NumericBand(Authored):
    """Values from `min` (inclusive) up to the next band's min score this level."""

    min: float
    level: int = Field(ge=1, le=5)


class Question(Authored):
    id: str
    text: str = Field(min_length=1)
    type: QuestionType = "single_choice"
    capability: str = ""
    weight: float = Field(default=1.0, gt=0)
    critical: bool = False
    audience: list[str] = Field(
        default_factory=list,
        description="role ids asked this question; left out: every role the questionnaire declares",
    )
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

    @field_validator("audience")
    @classmethod
    def _someone_asked(cls, value: list[str]) -> list[str]:
        # Runs only on an audience written out: an empty one would ask nobody.
        if not value:
            raise ValueError("must name at least one role (leave it out to ask every role)")
        dups = sorted({r for r in value if value.count(r) > 1})
        if dups:
            raise ValueError(f"names a role twice: {', '.join(dups)}")
        return value

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


class Dimension(Authored):
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


class AmbitionPreset(Authored):
    """Target levels for an ambition: one default and per-dimension exceptions."""

    description: str = ""
    default: int = Field(ge=1, le=5)
    overrides: dict[str, Annotated[int, Field(ge=1, le=5)]] = Field(default_factory=dict)

    def target(self, dimension_id: str) -> int:
        return self.overrides.get(dimension_id, self.default)


class QuestionnaireHeader(Authored):
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
    roles: list[RespondentRole] = Field(
        default_factory=lambda: list(DEFAULT_ROLES),
        min_length=1,
        description="the roles respondents pick from, in the order forms list them",
    )

    _check_id = field_validator("id")(_check_id)

    @field_validator("roles")
    @classmethod
    def _roles_distinct(cls, value: list[RespondentRole]) -> list[RespondentRole]:
        # Answer files may give a role by id or by label, so neither may name two roles.
        ids = [r.id for r in value]
        labels = [r.label.strip().lower() for r in value]
        problems = [
            f"role id '{i}' is declared twice" for i in sorted(set(ids)) if ids.count(i) > 1
        ]
        problems += [
            f"role label '{lab}' is used twice"
            for lab in sorted(set(labels))
            if labels.count(lab) > 1
        ]
        problems += [
            f"role label '{r.label}' is another role's id"
            for r, lab in zip(value, labels, strict=True)
            if lab in ids and lab != r.id
        ]
        if problems:
            raise ValueError("; ".join(problems))
        return value

    @property
    def role_labels(self) -> dict[str, str]:
        """Role id -> label, in the declared order."""
        return {r.id: r.label for r in self.roles}

    @property
    def executive_roles(self) -> frozenset[str]:
        return frozenset(r.id for r in self.roles if r.executive)

    def role_id(self, text: str) -> str | None:
        """The role a respondent gave, by id or label (any case); None if it names none."""
        wanted = text.strip().lower()
        for r in self.roles:
            if wanted in (r.id, r.label.strip().lower()):
                return r.id
        return None

    @field_validator("levels")
    @classmethod
    def _five_levels(cls, value: list[MaturityLevel]) -> list[MaturityLevel]:
        if [lv.level for lv in value] != list(LEVELS):
            raise ValueError("must list the five levels 1 to 5 in order")
        return value


def with_audiences(dimension: Dimension, role_ids: list[str]) -> Dimension:
    """The dimension with every question that names no audience asked of all `role_ids`."""
    if all("audience" in q.model_fields_set for q in dimension.questions):
        return dimension
    questions = [
        q if "audience" in q.model_fields_set else q.model_copy(update={"audience": role_ids})
        for q in dimension.questions
    ]
    return dimension.model_copy(update={"questions": questions})


def unknown_audience_roles(question: Question, role_ids: list[str]) -> list[str]:
    return [r for r in question.audience if r not in role_ids]


class Questionnaire(QuestionnaireHeader):
    dimensions: list[Dimension] = Field(min_length=1)

    @model_validator(mode="before")
    @classmethod
    def _everyone_by_default(cls, data: Any) -> Any:
        # Built from validated dimensions (as the loader does): fill in the default audiences.
        if not isinstance(data, dict) or not isinstance(data.get("dimensions"), list):
            return data
        try:
            roles = [RespondentRole.model_validate(r) for r in data.get("roles", DEFAULT_ROLES)]
        except (TypeError, ValueError):
            return data  # field validation reports the roles
        ids = [r.id for r in roles]
        dims = [
            with_audiences(d, ids) if isinstance(d, Dimension) else d for d in data["dimensions"]
        ]
        return {**data, "dimensions": dims}

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
        role_ids = list(self.role_labels)
        for _, q in self.questions():
            unknown_roles = unknown_audience_roles(q, role_ids)
            if unknown_roles:
                raise ValueError(
                    f"question {q.id}: audience names undeclared roles "
                    f"{', '.join(unknown_roles)} (roles: {', '.join(role_ids)})"
                )
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
