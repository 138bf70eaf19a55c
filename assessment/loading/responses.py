"""Read response CSV files (long or wide layout) into one tidy, validated answer table.

Long layout: respondent_id, business_unit, role, question_id, answer[, comment]
Wide layout: respondent_id, business_unit, role, then one column per question id.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from assessment.loading.answers import normalise_answer
from assessment.loading.paths import display_path
from assessment.model.engagement import BusinessUnit, Profile
from assessment.model.errors import InputError, Problem
from assessment.model.questionnaire import ROLE_LABELS, Questionnaire
from assessment.model.responses import ANSWER_COLUMNS

RESPONDENT_COLUMNS = ("respondent_id", "business_unit", "role")
LONG_COLUMNS = ("question_id", "answer")
OPTIONAL_LONG_COLUMNS = ("comment",)


@dataclass(frozen=True)
class Responses:
    """Tidy answers: one row per respondent and question, with keys back to file and row."""

    answers: pd.DataFrame
    files: list[Path]
    new_units: list[BusinessUnit] = field(default_factory=list)  # accepted, not in the profile


def response_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.csv") if p.is_file())


def load_responses(folder: Path, questionnaire: Questionnaire, profile: Profile) -> Responses:
    files = response_files(folder)
    if not files:
        raise InputError(
            Problem(display_path(folder), "holds no response files (*.csv); add at least one")
        )
    problems: list[Problem] = []
    frames = []
    for path in files:
        try:
            frames.append(_read_one(path, questionnaire))
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)
    answers = pd.concat(frames, ignore_index=True)
    answers, found, new_units = _normalise(answers, questionnaire, profile)
    problems.extend(found)
    problems.extend(_duplicates(answers))
    problems.extend(_inconsistent_respondents(answers))
    if problems:
        raise InputError(problems)
    return Responses(answers=answers.reset_index(drop=True), files=files, new_units=new_units)


def _read_csv(path: Path, name: str) -> pd.DataFrame:
    """Every cell as text; a row whose field count differs from the header is an error
    (pandas would silently shift or drop such cells)."""
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            rows = list(csv.reader(handle))
    except UnicodeDecodeError as exc:
        raise InputError(
            Problem(
                name, f"is not UTF-8 text ({exc.reason} at byte {exc.start}); save it as CSV UTF-8"
            )
        ) from None
    except csv.Error as exc:
        raise InputError(Problem(name, f"is not a well-formed CSV file: {exc}")) from None
    # Keep each record's number (header = row 1) before skipping blank lines.
    numbered = [(i, r) for i, r in enumerate(rows, start=1) if any(c.strip() for c in r)]
    if not numbered:
        raise InputError(Problem(name, "is empty; expected a header row and answers"))
    (header_row, header_cells), body = numbered[0], numbered[1:]
    header = [c.strip() for c in header_cells]
    problems = [
        Problem(name, "column name appears more than once", row=header_row, column=c)
        for c in sorted({c for c in header if header.count(c) > 1})
    ]
    problems += [
        Problem(
            name,
            f"is not a well-formed CSV row: {len(r)} fields where the header has {len(header)}",
            row=i,
        )
        for i, r in body
        if len(r) != len(header)
    ]
    if problems:
        raise InputError(problems)
    frame = pd.DataFrame([r for _, r in body], columns=header, dtype=str)
    frame["row"] = [i for i, _ in body]
    return frame


def _read_one(path: Path, questionnaire: Questionnaire) -> pd.DataFrame:
    name = display_path(path)
    raw = _read_csv(path, name)
    missing = [c for c in RESPONDENT_COLUMNS if c not in raw.columns]
    if missing:
        raise InputError(
            Problem(
                name, f"missing column(s) {', '.join(missing)}; see docs/response-files.md", row=1
            )
        )
    if "question_id" in raw.columns:
        return _long(raw, name)
    return _wide(raw, name, questionnaire)


def _long(raw: pd.DataFrame, name: str) -> pd.DataFrame:
    allowed = {*RESPONDENT_COLUMNS, *LONG_COLUMNS, *OPTIONAL_LONG_COLUMNS, "row"}
    unknown = [c for c in raw.columns if c not in allowed]
    if "answer" not in raw.columns or unknown:
        detail = f"unknown column(s) {', '.join(unknown)}" if unknown else "no 'answer' column"
        raise InputError(Problem(name, f"long layout: {detail}; see docs/response-files.md"))
    frame = raw.rename(
        columns={"respondent_id": "respondent", "business_unit": "unit", "question_id": "question"}
    )
    frame["file"] = name
    frame["column"] = "answer"
    if "comment" not in frame.columns:
        frame["comment"] = ""
    return frame[list(ANSWER_COLUMNS)]


def _wide(raw: pd.DataFrame, name: str, questionnaire: Questionnaire) -> pd.DataFrame:
    known = questionnaire.question_index()
    question_columns = [c for c in raw.columns if c not in (*RESPONDENT_COLUMNS, "row")]
    unknown = [c for c in question_columns if c not in known]
    if unknown:
        raise InputError(
            [Problem(name, "unknown question id in header", row=1, column=c) for c in unknown]
        )
    frame = raw.melt(
        id_vars=[*RESPONDENT_COLUMNS, "row"],
        value_vars=question_columns,
        var_name="question",
        value_name="answer",
    ).rename(columns={"respondent_id": "respondent", "business_unit": "unit"})
    frame["file"] = name
    frame["column"] = frame["question"]
    frame["comment"] = ""
    return frame[list(ANSWER_COLUMNS)]


def _problems(
    frame: pd.DataFrame, mask: pd.Series, key: str, column: str, message: str
) -> list[Problem]:
    """A problem for every row where `mask` holds; `key` is the table's column, `column` the
    header the user sees."""
    bad = frame.loc[mask]
    return [
        Problem(str(f), message.format(value=v), row=int(r), column=column)
        for f, r, v in zip(bad["file"], bad["row"], bad[key], strict=True)
    ]


def _factorised(
    series: pd.Series, clean: Callable[[str], str | None]
) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes for the column and `clean` applied once per distinct value: string work
    costs per distinct value, not per row."""
    codes, uniques = pd.factorize(series.to_numpy(dtype=object))
    cleaned = np.array([clean(str(u)) for u in uniques] + [None], dtype=object)
    return codes, cleaned


def _new_units(names: list[str], profile: Profile) -> dict[str, BusinessUnit]:
    """Business units the answers name but the profile does not: lower-case name -> unit."""
    taken = {u.id for u in profile.business_units}
    found = {}
    for name in sorted(set(names)):
        base = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "unit"
        unit_id, n = base if base[0].isalnum() else f"u-{base}", 2
        while unit_id in taken:
            unit_id, n = f"{base}-{n}", n + 1
        taken.add(unit_id)
        found[name.lower()] = BusinessUnit(id=unit_id, name=name)
    return found


def _normalise(
    answers: pd.DataFrame, questionnaire: Questionnaire, profile: Profile
) -> tuple[pd.DataFrame, list[Problem], list[BusinessUnit]]:
    """Strip and map ids, units, roles and answers to canonical codes; report what doesn't map."""
    problems: list[Problem] = []
    frame = answers.copy()

    codes, cleaned = _factorised(frame["respondent"], str.strip)
    frame["respondent"] = cleaned[codes]
    problems += _problems(
        frame, frame["respondent"] == "", "respondent", "respondent_id", "respondent_id is empty"
    )

    unit_lookup = {u.id.lower(): u.id for u in profile.business_units}
    unit_lookup.update({u.name.lower(): u.id for u in profile.business_units})
    known_units = ", ".join(u.id for u in profile.business_units)
    codes, cleaned = _factorised(frame["unit"], lambda v: unit_lookup.get(v.strip().lower()))
    units = pd.Series(cleaned[codes], index=frame.index)
    empty_unit = frame["unit"].str.strip() == "" if units.isna().any() else units.isna()
    new_units: dict[str, BusinessUnit] = {}
    if not profile.business_units_fixed and (units.isna() & ~empty_unit).any():
        # A unit the profile does not list is accepted with a notice unless the list is fixed.
        unknown = frame.loc[units.isna() & ~empty_unit, "unit"].str.strip()
        new_units = _new_units(list(unknown), profile)
        units = units.fillna(
            frame["unit"].str.strip().str.lower().map({k: u.id for k, u in new_units.items()})
        )
    problems += _problems(
        frame,
        empty_unit,
        "unit",
        "business_unit",
        "business_unit is empty; every respondent needs one (known: " + known_units + ")",
    )
    problems += _problems(
        frame,
        units.isna() & ~empty_unit,
        "unit",
        "business_unit",
        "business unit '{value}' is not in assessment.yaml, whose list is fixed "
        "(business_units_fixed); known: " + known_units,
    )
    frame["unit"] = units

    role_lookup = {r: r for r in ROLE_LABELS}
    role_lookup.update({label.lower(): r for r, label in ROLE_LABELS.items()})
    codes, cleaned = _factorised(frame["role"], lambda v: role_lookup.get(v.strip().lower()))
    roles = pd.Series(cleaned[codes], index=frame.index)
    problems += _problems(
        frame,
        roles.isna(),
        "role",
        "role",
        "role '{value}' is not one of " + ", ".join(ROLE_LABELS),
    )
    frame["role"] = roles

    index = questionnaire.question_index()
    q_codes, q_clean = _factorised(frame["question"], str.strip)
    frame["question"] = q_clean[q_codes]
    unknown_q = ~frame["question"].isin(list(index))
    problems += _problems(
        frame, unknown_q, "question", "question_id", "unknown question id '{value}'"
    )

    # Each distinct (question, typed answer) pair is checked once: fast for large surveys.
    a_codes, a_uniques = pd.factorize(frame["answer"].to_numpy(dtype=object))
    pair_codes, pairs = pd.factorize(q_codes.astype(np.int64) * (len(a_uniques) + 1) + a_codes)
    canonical = np.empty(len(pairs) + 1, dtype=object)
    canonical[:] = ""
    reasons: dict[int, str] = {}
    for k, pair in enumerate(pairs):
        qid = q_clean[pair // (len(a_uniques) + 1)]
        if qid not in index:
            continue
        code, reason = normalise_answer(index[qid], str(a_uniques[pair % (len(a_uniques) + 1)]))
        if reason is None:
            canonical[k] = code
        else:
            reasons[k] = reason
    if reasons:
        bad_rows = np.flatnonzero(np.isin(pair_codes, list(reasons)))
        bad = frame.iloc[bad_rows]
        for f, r, column, k in zip(
            bad["file"], bad["row"], bad["column"], pair_codes[bad_rows], strict=True
        ):
            problems.append(Problem(str(f), reasons[int(k)], row=int(r), column=str(column)))
    frame["answer"] = canonical[pair_codes]
    return frame, problems, list(new_units.values())


def _codes(frame: pd.DataFrame, column: str) -> np.ndarray:
    return pd.factorize(frame[column].to_numpy(dtype=object))[0].astype(np.int64)


def _duplicates(frame: pd.DataFrame) -> list[Problem]:
    questions = _codes(frame, "question")
    pair = _codes(frame, "respondent") * (questions.max(initial=0) + 1) + questions
    dup = pd.Series(pair).duplicated(keep=False).to_numpy()
    problems = []
    for (respondent, question), group in frame.loc[dup].groupby(["respondent", "question"]):
        places = "; ".join(f"{f} row {r}" for f, r in zip(group["file"], group["row"], strict=True))
        first = group.iloc[0]
        problems.append(
            Problem(
                str(first["file"]),
                f"respondent '{respondent}' answers {question} more than "
                f"once ({places}); keep one answer per respondent and question",
                row=int(first["row"]),
            )
        )
    return problems


def _inconsistent_respondents(frame: pd.DataFrame) -> list[Problem]:
    respondent = _codes(frame, "respondent")
    units, roles = _codes(frame, "unit"), _codes(frame, "role")
    triples = pd.DataFrame({"r": respondent, "u": units, "o": roles}).drop_duplicates()
    bad_codes = set(triples.loc[triples["r"].duplicated(), "r"])
    names = frame["respondent"].to_numpy(dtype=object)
    bad = sorted({names[i] for i in np.flatnonzero(np.isin(respondent, list(bad_codes)))})
    problems = []
    for respondent in bad:
        rows = frame[frame["respondent"] == respondent].iloc[0]
        problems.append(
            Problem(
                str(rows["file"]),
                f"respondent '{respondent}' appears with more than one business unit or role",
                row=int(rows["row"]),
            )
        )
    return problems
