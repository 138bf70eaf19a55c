"""Read response CSV files (long or wide layout) into one tidy, validated answer table.

Long layout: respondent_id, business_unit, role, question_id, answer[, comment]
Wide layout: respondent_id, business_unit, role, then one column per question id.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from assessment.columns import (
    as_categorical,
    categorical,
    codes_of,
    concat_frames,
    repeated,
)
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
    answers = concat_frames(frames)
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
    if "row" in header:
        problems.append(
            Problem(
                name,
                "'row' is a reserved column name; rename that column",
                row=header_row,
                column="row",
            )
        )
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
    frame = pd.DataFrame([r for _, r in body], columns=header, dtype=object)
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
    for column in ("respondent", "unit", "role", "question", "answer", "file", "column"):
        frame[column] = as_categorical(frame[column].to_numpy(dtype=object))
    return frame[list(ANSWER_COLUMNS)]


def _wide(raw: pd.DataFrame, name: str, questionnaire: Questionnaire) -> pd.DataFrame:
    known = questionnaire.question_index()
    question_columns = [c for c in raw.columns if c not in (*RESPONDENT_COLUMNS, "row")]
    unknown = [c for c in question_columns if c not in known]
    if unknown:
        raise InputError(
            [Problem(name, "unknown question id in header", row=1, column=c) for c in unknown]
        )
    # Respondent-major order: every respondent's answers, question after question.
    per_row = len(question_columns)
    questions = np.array(question_columns, dtype=object)
    # Categorical columns: the text is stored once per distinct value, not once per row.
    question_codes = np.tile(np.arange(per_row), len(raw))
    question_column = pd.Categorical.from_codes(
        question_codes, categories=pd.Index(questions, dtype=object)
    )
    rows = len(question_codes)
    frame = pd.DataFrame(
        {
            "respondent": repeated(raw["respondent_id"].to_numpy(dtype=object), per_row),
            "unit": repeated(raw["business_unit"].to_numpy(dtype=object), per_row),
            "role": repeated(raw["role"].to_numpy(dtype=object), per_row),
            "question": question_column,
            "answer": as_categorical(raw[question_columns].to_numpy(dtype=object).ravel()),
            "comment": pd.Categorical.from_codes(
                np.zeros(rows, dtype=np.int8), categories=pd.Index([""], dtype=object)
            ),
            "file": pd.Categorical.from_codes(
                np.zeros(rows, dtype=np.int8), categories=pd.Index([name], dtype=object)
            ),
            "row": np.repeat(raw["row"].to_numpy(), per_row),
            "column": question_column,
        }
    )
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


def _new_units(names: list[str], profile: Profile) -> dict[str, BusinessUnit]:
    """Business units the answers name but the profile does not: lower-case name -> unit."""
    taken = {u.id for u in profile.business_units}
    found = {}
    for name in sorted(set(names)):
        base = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "unit"
        unit_id, n = base, 2
        while unit_id in taken:
            unit_id, n = f"{base}-{n}", n + 1
        taken.add(unit_id)
        found[name.lower()] = BusinessUnit(id=unit_id, name=name)
    return found


def _normalise(
    answers: pd.DataFrame, questionnaire: Questionnaire, profile: Profile
) -> tuple[pd.DataFrame, list[Problem], list[BusinessUnit]]:
    """Strip and map ids, units, roles and answers to canonical codes; report what doesn't map.
    Text work is done once per distinct value; the columns come back as categoricals."""
    problems: list[Problem] = []
    frame = answers.copy(deep=False)  # columns are replaced, never changed in place
    index = frame.index

    codes, raw = codes_of(frame["respondent"])
    frame["respondent"] = categorical(
        codes, np.array([v.strip() for v in raw], dtype=object), index
    )
    problems += _problems(
        frame, frame["respondent"] == "", "respondent", "respondent_id", "respondent_id is empty"
    )

    unit_lookup = {u.id.lower(): u.id for u in profile.business_units}
    unit_lookup.update({u.name.lower(): u.id for u in profile.business_units})
    known_units = ", ".join(u.id for u in profile.business_units)
    codes, raw = codes_of(frame["unit"])
    names = [v.strip() for v in raw]
    mapped = [unit_lookup.get(n.lower()) for n in names]
    new_units: dict[str, BusinessUnit] = {}
    if not profile.business_units_fixed:
        # A unit the profile does not list is accepted with a notice unless the list is fixed.
        new_units = _new_units(
            [n for n, m in zip(names, mapped, strict=True) if n and m is None], profile
        )
        mapped = [
            m or (new_units[n.lower()].id if n else None)
            for n, m in zip(names, mapped, strict=True)
        ]
    empty = np.array([not n for n in names], dtype=bool)[codes]
    unknown = np.array([m is None for m in mapped], dtype=bool)[codes] & ~empty
    problems += _problems(
        frame,
        pd.Series(empty, index=index),
        "unit",
        "business_unit",
        "business_unit is empty; every respondent needs one (known: " + known_units + ")",
    )
    problems += _problems(
        frame,
        pd.Series(unknown, index=index),
        "unit",
        "business_unit",
        "business unit '{value}' is not in assessment.yaml, whose list is fixed "
        "(business_units_fixed); known: " + known_units,
    )
    frame["unit"] = categorical(codes, np.array(mapped, dtype=object), index)

    role_lookup = {r: r for r in ROLE_LABELS}
    role_lookup.update({label.lower(): r for r, label in ROLE_LABELS.items()})
    codes, raw = codes_of(frame["role"])
    roles = [role_lookup.get(v.strip().lower()) for v in raw]
    problems += _problems(
        frame,
        pd.Series(np.array([r is None for r in roles], dtype=bool)[codes], index=index),
        "role",
        "role",
        "role '{value}' is not one of " + ", ".join(ROLE_LABELS),
    )
    frame["role"] = categorical(codes, np.array(roles, dtype=object), index)

    question_index = questionnaire.question_index()
    q_codes, raw = codes_of(frame["question"])
    q_clean = np.array([v.strip() for v in raw], dtype=object)
    frame["question"] = categorical(q_codes, q_clean, index)
    unknown_q = pd.Series(
        np.array([q not in question_index for q in q_clean], dtype=bool)[q_codes], index=index
    )
    problems += _problems(
        frame, unknown_q, "question", "question_id", "unknown question id '{value}'"
    )

    # Each distinct (question, typed answer) pair is checked once: fast for large surveys.
    a_codes, a_uniques = codes_of(frame["answer"])
    width = len(a_uniques) + 1
    pair_codes, pairs = pd.factorize(q_codes * width + a_codes)
    canonical = np.empty(len(pairs), dtype=object)
    canonical[:] = ""
    reasons: dict[int, str] = {}
    for k, pair in enumerate(pairs):
        qid = q_clean[pair // width]
        if qid not in question_index:
            continue
        code, reason = normalise_answer(question_index[qid], str(a_uniques[pair % width]))
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
    frame["answer"] = categorical(pair_codes, canonical, index)
    return frame, problems, list(new_units.values())


def _codes(frame: pd.DataFrame, column: str) -> np.ndarray:
    return codes_of(frame[column])[0]


def _duplicates(frame: pd.DataFrame) -> list[Problem]:
    """The same respondent answering a question twice. A blank cell is no answer, so a late
    answer may come in another file."""
    frame = frame[((frame["answer"] != "") | (frame["comment"] != "")).to_numpy()]
    questions = _codes(frame, "question")
    pair = _codes(frame, "respondent") * (questions.max(initial=0) + 1) + questions
    dup = pd.Series(pair).duplicated(keep=False).to_numpy()
    problems = []
    rows = frame.loc[dup].astype({"respondent": str, "question": str})
    for (respondent, question), group in rows.groupby(["respondent", "question"]):
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
    _, names = codes_of(frame["respondent"])
    bad = sorted(str(names[c]) for c in bad_codes)
    problems = []
    for person in bad:
        rows = frame[frame["respondent"] == person].iloc[0]
        problems.append(
            Problem(
                str(rows["file"]),
                f"respondent '{person}' appears with more than one business unit or role",
                row=int(rows["row"]),
            )
        )
    return problems
