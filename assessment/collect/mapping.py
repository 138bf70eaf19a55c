"""A mapping file for imports: renamed or translated questions, answers, units and roles.

questions: {"Wie ist KI finanziert?": STRAT-03}   # column header -> question id
answers: {STRAT-03: {"Pro Projekt": "2"}, "*": {"Ja": "yes"}}   # "*": any question
respondent: {name: "Full name", email: "Work e-mail", business_unit: "Bereich", role: "Rolle"}
units: {"Schaden": claims}
roles: {"Fachbereich": business}
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from assessment.common.paths import display_path
from assessment.loading.yaml_files import read_model
from assessment.model.base import Frozen
from assessment.model.engagement import Profile
from assessment.model.errors import InputError, Problem
from assessment.model.questionnaire import Questionnaire

RESPONDENT_KEYS = ("name", "email", "business_unit", "role", "respondent_id")


class Mapping(Frozen):
    questions: dict[str, str] = Field(default_factory=dict)
    answers: dict[str, dict[str, str]] = Field(default_factory=dict)
    respondent: dict[str, str] = Field(default_factory=dict)
    units: dict[str, str] = Field(default_factory=dict)
    roles: dict[str, str] = Field(default_factory=dict)

    def answer(self, question_id: str, raw: str) -> str:
        for table in (self.answers.get(question_id, {}), self.answers.get("*", {})):
            for seen, meant in table.items():
                if seen.strip().lower() == raw.lower():
                    return meant
        return raw

    def question_for(self, header: str) -> str | None:
        wanted = " ".join(header.split()).lower()
        for seen, qid in self.questions.items():
            if " ".join(seen.split()).lower() == wanted:
                return qid
        return None


def load_mapping(path: Path | None, questionnaire: Questionnaire, profile: Profile) -> Mapping:
    if path is None:
        return Mapping()
    name = display_path(path)
    mapping = read_model(path, name, Mapping)
    known = questionnaire.question_index()
    problems = [
        Problem(name, f"maps to unknown question '{qid}'", field=f"questions.{header}")
        for header, qid in mapping.questions.items()
        if qid not in known
    ]
    problems += [
        Problem(name, f"unknown question '{qid}'", field=f"answers.{qid}")
        for qid in mapping.answers
        if qid != "*" and qid not in known
    ]
    problems += [
        Problem(
            name,
            f"unknown respondent field '{k}' (use {', '.join(RESPONDENT_KEYS)})",
            field=f"respondent.{k}",
        )
        for k in mapping.respondent
        if k not in RESPONDENT_KEYS
    ]
    problems += [
        Problem(
            name,
            f"maps '{seen}' to '{role}', which is not one of "
            f"{', '.join(questionnaire.role_labels)}",
            field=f"roles.{seen}",
        )
        for seen, role in mapping.roles.items()
        if role not in questionnaire.role_labels
    ]
    units = [u.id for u in profile.business_units]
    problems += [
        Problem(
            name,
            f"maps '{seen}' to '{unit}', which is not a business unit id in "
            f"assessment.yaml ({', '.join(units)})",
            field=f"units.{seen}",
        )
        for seen, unit in mapping.units.items()
        if unit not in units
    ]
    if problems:
        raise InputError(problems)
    return mapping
