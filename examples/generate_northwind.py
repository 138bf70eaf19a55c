"""Regenerate the fictional Northwind Mutual answers (seeded: the same files every run).

    python examples/generate_northwind.py

Three business units are written in the long layout (one row per respondent and question),
Corporate Functions in the wide layout (one column per question), so both layouts are exercised.
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np

from assessment.answers.answer_values import answer_number
from assessment.loading.condition_reach import Answer, holds
from assessment.loading.questionnaire import load_questionnaire, resolve_questionnaire
from assessment.model.conditions import parse_condition
from assessment.model.questionnaire import Question

SEED = 20261116
HERE = Path(__file__).resolve().parent / "northwind"

# Where the organisation really stands (1-5) per dimension, and how each unit differs.
BASELINE = {
    "strategy": 2.9,
    "governance": 2.2,
    "data": 1.9,
    "infrastructure": 2.7,
    "models": 2.3,
    "security": 2.6,
    "workforce": 1.8,
    "change": 2.0,
    "operations": 1.6,
}
UNIT_OFFSET = {"claims": 0.2, "underwriting": 0.5, "customer": -0.3, "corporate": 0.0}
ROLE_BIAS = {
    "executive": 0.5,
    "business": 0.0,
    "data_it": -0.2,
    "security_risk": -0.3,
    "hr_people": 0.1,
    "finance": -0.1,
}
ROLE_MIX = {
    "claims": [
        "executive",
        "business",
        "business",
        "business",
        "data_it",
        "data_it",
        "security_risk",
        "hr_people",
        "business",
        "executive",
        "finance",
    ],
    "underwriting": [
        "executive",
        "business",
        "business",
        "data_it",
        "data_it",
        "data_it",
        "security_risk",
        "business",
        "hr_people",
        "finance",
    ],
    "customer": [
        "executive",
        "business",
        "business",
        "business",
        "business",
        "data_it",
        "hr_people",
        "security_risk",
        "business",
        "executive",
        "business",
    ],
    "corporate": [
        "executive",
        "data_it",
        "data_it",
        "security_risk",
        "security_risk",
        "hr_people",
        "hr_people",
        "business",
        "executive",
        "finance",
        "finance",
    ],
}
WISHES = [
    "Claims summarisation for handlers",
    "Drafting customer letters in plain language",
    "Underwriting guideline search",
    "Call-centre agent assist",
    "Policy wording comparison",
    "Fraud triage notes",
    "",
]
# Questions added in questionnaire 2.1.0 draw from their own seeded stream, so the answers to
# every earlier question stay exactly as they were (earlier results still compare).
ADDED_IN_2_1 = {"GOV-10", "CHANGE-10", "OPS-10", "OPS-90", "OPS-11"}
# Free-text answers per question; questions not listed take the use-case wishes above.
TEXTS = {
    "OPS-90": [
        "Nobody in the business agreed to own it after the pilot team left",
        "The value was never measured, so nobody would fund running it",
        "Legal and risk approval for customer data took longer than the pilot budget lasted",
        "It could not be connected to the policy administration system",
        "The data in the claims system was not good enough",
        "",
    ],
}


def main() -> None:
    loaded = load_questionnaire(resolve_questionnaire("genai-readiness"))
    rng = np.random.default_rng(SEED)
    added_rng = np.random.default_rng(SEED + 210)
    responses = HERE / "responses"
    responses.mkdir(parents=True, exist_ok=True)
    for old in responses.glob("*.csv"):
        old.unlink()
    for unit, roles in ROLE_MIX.items():
        rows = []
        for n, role in enumerate(roles, start=1):
            respondent = f"NW-{unit[:3].upper()}-{n:02d}"
            answers: dict[str, str] = {}
            real: dict[str, Answer | None] = {}  # what conditions see, as scoring does
            for dim, question in loaded.questionnaire.questions():
                real[question.id] = None
                if role not in question.audience:
                    continue
                draws = added_rng if question.id in ADDED_IN_2_1 else rng
                # A form hides a follow-up its condition rules out, so nobody answers it.
                if question.visible_if and not holds(parse_condition(question.visible_if), real):
                    continue
                if not question.scored:
                    answers[question.id] = str(draws.choice(TEXTS.get(question.id, WISHES)))
                    continue
                draw = draws.random()
                if draw < 0.04 and question.allow_dont_know:
                    answers[question.id] = "dk"
                elif draw < 0.06 and question.allow_not_applicable:
                    answers[question.id] = "na"
                elif draw < 0.08:
                    answers[question.id] = ""
                else:
                    latent = BASELINE[dim.id] + UNIT_OFFSET[unit] + ROLE_BIAS[role]
                    level = int(np.clip(round(latent + draws.normal(0, 0.7)), 1, 5))
                    answers[question.id] = _answer_at(question, level, draws)
                    number = answer_number(question, answers[question.id])
                    real[question.id] = Answer(answers[question.id], number)
            rows.append((respondent, unit, role, answers))
        if unit == "corporate":
            _write_wide(responses / f"{unit}.csv", rows, loaded.questionnaire.question_index())
        else:
            _write_long(responses / f"{unit}.csv", rows)
    print(f"wrote {len(list(responses.glob('*.csv')))} files to {responses}")


def _answer_at(question: Question, level: int, rng: np.random.Generator) -> str:
    """An answer of the question's type that evidences roughly this level."""
    if question.type == "checklist":
        ticked = [i.id for i in question.items if rng.random() < (level - 1) / 4]
        return ";".join(ticked) or "none"
    if question.type == "numeric":
        bands = [b for b in question.bands if b.level == level] or question.bands[:1]
        low = bands[0].min
        later = [b.min for b in question.bands if b.min > low]
        high = (
            later[0] if later else (question.maximum if question.maximum is not None else low + 10)
        )
        return f"{rng.uniform(low, high):.0f}"
    options = question.answer_options
    return min(options, key=lambda o: (abs(o.level - level), o.level)).id


def _write_long(path: Path, rows: list[tuple[str, str, str, dict[str, str]]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["respondent_id", "business_unit", "role", "question_id", "answer"])
        for respondent, unit, role, answers in rows:
            for qid, answer in answers.items():
                writer.writerow([respondent, unit, role, qid, answer])


def _write_wide(path: Path, rows: list[tuple[str, str, str, dict[str, str]]], index: dict) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["respondent_id", "business_unit", "role", *index])
        for respondent, unit, role, answers in rows:
            writer.writerow([respondent, unit, role, *(answers.get(q, "") for q in index)])


if __name__ == "__main__":
    main()
