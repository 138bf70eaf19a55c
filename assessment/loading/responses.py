"""Read response CSV files (long or wide layout) into one tidy, validated answer table.

Long layout: respondent_id, business_unit, role, question_id, answer[, comment]
Wide layout: respondent_id, business_unit, role, then one column per question id.
"""

from __future__ import annotations

import multiprocessing
import re
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import repeat
from pathlib import Path

import numpy as np
import pandas as pd

from assessment.answers.matrix import AnswerMatrix, build_matrix
from assessment.common.codes import (
    categorical,
    compact_codes_of,
    factorize_keys,
    has_repeats,
    pair_keys,
    relabel,
)
from assessment.common.paths import display_path
from assessment.common.processes import usable_cores
from assessment.loading.answer_table import (
    CODE,
    AnswerTableBuilder,
    Encoded,
    FilePart,
    Vocabulary,
)
from assessment.loading.answers import normalise_answer
from assessment.loading.csv_table import CsvTable, read_csv_table
from assessment.loading.profile_files import outside_problem
from assessment.loading.web_answers import (
    Conflict,
    WebAnswers,
    file_time,
    settle_conflicts,
    web_part,
)
from assessment.model.engagement import MAX_NAME_LENGTH, BusinessUnit, Profile
from assessment.model.errors import InputError, Problem
from assessment.model.questionnaire import Questionnaire

RESPONDENT_COLUMNS = ("respondent_id", "business_unit", "role")
LONG_COLUMNS = ("question_id", "answer")
OPTIONAL_LONG_COLUMNS = ("comment",)
# Below this much response data, starting worker processes costs more than it saves.
PARALLEL_BYTES = 8 * 2**20


@dataclass(frozen=True)
class Responses:
    """Tidy answers: one row per respondent and question, with keys back to file and row; and
    the same answers as the respondents x questions matrix that scoring works on."""

    answers: pd.DataFrame
    matrix: AnswerMatrix
    files: list[Path]
    new_units: list[BusinessUnit] = field(default_factory=list)  # accepted, not in the profile
    conflicts: list[Conflict] = field(default_factory=list)  # answered on the web and in a file


def response_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.csv") if p.is_file())


def check_inside(files: list[Path], folder: Path) -> None:
    """Response files may not be links out of the engagement (whose folder holds responses/)."""
    found = [outside_problem(p, folder.absolute().parent) for p in files]
    problems = [p for p in found if p is not None]
    if problems:
        raise InputError(problems)


def load_responses(
    folder: Path, questionnaire: Questionnaire, profile: Profile, web: WebAnswers | None = None
) -> Responses:
    """The folder's answers, with the submitted web answers when given, checked, with the
    answer matrix that scoring works on."""
    answers, files, new_units, conflicts = _load_answers(folder, questionnaire, profile, web)
    return Responses(
        answers=answers,
        matrix=build_matrix(answers, questionnaire),
        files=files,
        new_units=new_units,
        conflicts=conflicts,
    )


def load_answers(
    folder: Path, questionnaire: Questionnaire, profile: Profile
) -> tuple[pd.DataFrame, list[Path], list[BusinessUnit]]:
    """The folder's answers as one checked, tidy table; its files; units the profile lacks."""
    answers, files, new_units, _ = _load_answers(folder, questionnaire, profile, None)
    return answers, files, new_units


def _load_answers(
    folder: Path, questionnaire: Questionnaire, profile: Profile, web: WebAnswers | None
) -> tuple[pd.DataFrame, list[Path], list[BusinessUnit], list[Conflict]]:
    files = response_files(folder) if folder.is_dir() or web is None else []
    submissions = web.submissions if web is not None else []
    if not files and not submissions:
        raise InputError(
            Problem(display_path(folder), "holds no response files (*.csv); add at least one")
        )
    check_inside(files, folder)
    problems: list[Problem] = []
    builder = AnswerTableBuilder()
    # Parts are added as they arrive, while workers still read the files after them.
    for read in _read_files(files, frozenset(questionnaire.question_index())):
        if isinstance(read, FilePart):
            builder.add(read)
        else:
            problems.extend(read)
    if problems:
        raise InputError(problems)
    for submission in submissions:  # checked below exactly as a file's rows are
        builder.add(web_part(submission))
    table, conflicts = builder.table(), list[Conflict]()
    if web is not None:
        times = {display_path(p): file_time(p) for p in files}
        table, conflicts = settle_conflicts(table, web, times)
    answers, found, new_units = _normalise(table, questionnaire, profile)
    problems.extend(found)
    problems.extend(_duplicates(answers))
    problems.extend(_inconsistent_respondents(answers))
    if problems:
        raise InputError(problems)
    return answers.reset_index(drop=True), files, new_units, conflicts


def _read_files(files: list[Path], known: frozenset[str]) -> Iterator[FilePart | list[Problem]]:
    """Every file's part (or its problems), in the order of `files`. Large surveys are read by
    worker processes, one per core: parsing text is most of the time spent loading them."""
    workers = min(len(files), usable_cores())
    if (
        workers < 2
        or sum(p.stat().st_size for p in files) < PARALLEL_BYTES
        or "fork" not in multiprocessing.get_all_start_methods()
        or multiprocessing.parent_process() is not None  # a worker (e.g. --per-unit) reads alone
    ):
        yield from (_read_file(path, known) for path in files)
        return
    # fork: workers start at once with everything already imported.
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield from pool.map(_read_file, files, repeat(known))


def _read_file(path: Path, known: frozenset[str]) -> FilePart | list[Problem]:
    try:
        return _read_one(path, known)
    except InputError as exc:
        return exc.problems


def _read_one(path: Path, known: frozenset[str]) -> FilePart:
    name = display_path(path)
    table = read_csv_table(path.read_bytes(), name)
    missing = [c for c in RESPONDENT_COLUMNS if c not in table.header]
    if missing:
        raise InputError(
            Problem(
                name, f"missing column(s) {', '.join(missing)}; see docs/response-files.md", row=1
            )
        )
    if "question_id" in table.header:
        return _long(table, name)
    return _wide(table, name, known)


# Header of a response file -> column of the answer table.
TABLE_COLUMN = {
    "respondent_id": "respondent",
    "business_unit": "unit",
    "role": "role",
    "question_id": "question",
    "answer": "answer",
    "comment": "comment",
}


def _long(table: CsvTable, name: str) -> FilePart:
    allowed = {*RESPONDENT_COLUMNS, *LONG_COLUMNS, *OPTIONAL_LONG_COLUMNS}
    unknown = [c for c in table.header if c not in allowed]
    if "answer" not in table.header or unknown:
        detail = f"unknown column(s) {', '.join(unknown)}" if unknown else "no 'answer' column"
        raise InputError(Problem(name, f"long layout: {detail}; see docs/response-files.md"))
    columns = {
        TABLE_COLUMN[header]: Encoded.of(table.body[i].to_numpy(dtype=object))
        for i, header in enumerate(table.header)
    }
    return FilePart(file=name, rows=table.rows, columns=columns)


def _wide(table: CsvTable, name: str, known: frozenset[str]) -> FilePart:
    at = {c: i for i, c in enumerate(table.header)}
    question_columns = [c for c in table.header if c not in RESPONDENT_COLUMNS]
    unknown = [c for c in question_columns if c not in known]
    if unknown:
        raise InputError(
            [Problem(name, "unknown question id in header", row=1, column=c) for c in unknown]
        )
    # One vocabulary for all answer columns (they share "na", "dk" and blanks), filled column
    # by column: hashing is fastest while each column's few distinct values stay in cache.
    vocabulary = Vocabulary()
    codes = np.empty((len(table.body), len(question_columns)), dtype=CODE)
    for j, question in enumerate(question_columns):
        column = Encoded.of(table.body[at[question]].to_numpy(dtype=object))
        codes[:, j] = vocabulary.codes(column.values)[column.codes]
    columns = {
        TABLE_COLUMN[header]: Encoded.of(table.body[at[header]].to_numpy(dtype=object))
        for header in RESPONDENT_COLUMNS
    }
    return FilePart(
        file=name,
        rows=table.rows,
        columns=columns,
        questions=question_columns,
        cells=Encoded(codes, list(vocabulary.index)),
    )


def _problems(
    frame: pd.DataFrame, bad: np.ndarray, codes: np.ndarray, key: str, column: str, message: str
) -> list[Problem]:
    """A problem for every file row whose value is bad: `bad` flags each distinct value, `codes`
    gives each table row's value. `key` is the table's column, `column` the header the user
    sees. A wide file's row is many table rows (one per question) but one problem."""
    if not bad.any():
        return []  # checked per distinct value: no pass over the rows
    rows = frame.loc[bad[codes], ["file", "row", key]].drop_duplicates(["file", "row"])
    return [
        Problem(str(f), message.format(value=v), row=int(r), column=column)
        for f, r, v in zip(rows["file"], rows["row"], rows[key], strict=True)
    ]


def _listed(ids: list[str], most: int = 8) -> str:
    """Ids for a message that is repeated on every bad row: the first few and how many more."""
    if len(ids) <= most:
        return ", ".join(ids)
    return ", ".join(ids[:most]) + f" and {len(ids) - most} more in assessment.yaml"


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

    codes, raw = compact_codes_of(frame["respondent"])
    cleaned = np.array([v.strip() for v in raw], dtype=object)
    frame["respondent"] = relabel(frame["respondent"], cleaned)
    problems += _problems(
        frame, cleaned == "", codes, "respondent", "respondent_id", "respondent_id is empty"
    )

    unit_lookup = {u.id.lower(): u.id for u in profile.business_units}
    unit_lookup.update({u.name.lower(): u.id for u in profile.business_units})
    known_units = _listed([u.id for u in profile.business_units])
    codes, raw = compact_codes_of(frame["unit"])
    names = [v.strip() for v in raw]
    mapped = [unit_lookup.get(n.lower()) for n in names]
    new_units: dict[str, BusinessUnit] = {}
    if not profile.business_units_fixed:
        # A unit the profile does not list is accepted with a notice unless the list is fixed.
        new_units = _new_units(
            [
                n
                for n, m in zip(names, mapped, strict=True)
                if n and m is None and len(n) <= MAX_NAME_LENGTH
            ],
            profile,
        )
        mapped = [
            new_units[n.lower()].id if m is None and n.lower() in new_units else m
            for n, m in zip(names, mapped, strict=True)
        ]
    empty = np.array([not n for n in names], dtype=bool)
    long_names = np.array([len(n) > MAX_NAME_LENGTH for n in names], dtype=bool)
    problems += _problems(
        frame,
        long_names,
        codes,
        "unit",
        "business_unit",
        f"business unit name is longer than {MAX_NAME_LENGTH} characters",
    )
    unknown = np.array([m is None for m in mapped], dtype=bool) & ~empty & ~long_names
    problems += _problems(
        frame,
        empty,
        codes,
        "unit",
        "business_unit",
        "business_unit is empty; every respondent needs one (known: " + known_units + ")",
    )
    problems += _problems(
        frame,
        unknown,
        codes,
        "unit",
        "business_unit",
        "business unit '{value}' is not in assessment.yaml, whose list is fixed "
        "(business_units_fixed); known: " + known_units,
    )
    frame["unit"] = relabel(frame["unit"], np.array(mapped, dtype=object))

    codes, raw = compact_codes_of(frame["role"])
    roles = [questionnaire.role_id(v) for v in raw]
    problems += _problems(
        frame,
        np.array([r is None for r in roles], dtype=bool),
        codes,
        "role",
        "role",
        "role '{value}' is not one of " + ", ".join(questionnaire.role_labels),
    )
    frame["role"] = relabel(frame["role"], np.array(roles, dtype=object))

    question_index = questionnaire.question_index()
    q_codes, raw = compact_codes_of(frame["question"])
    q_clean = np.array([v.strip() for v in raw], dtype=object)
    frame["question"] = relabel(frame["question"], q_clean)
    problems += _problems(
        frame,
        np.array([q not in question_index for q in q_clean], dtype=bool),
        q_codes,
        "question",
        "question_id",
        "unknown question id '{value}'",
    )

    # Each distinct (question, typed answer) pair is checked once: fast for large surveys.
    a_codes, a_uniques = compact_codes_of(frame["answer"])
    width = len(a_uniques) + 1
    size = (len(q_clean) + 1) * width
    pair_codes, pairs = factorize_keys(pair_keys(q_codes, a_codes, width, size), size)
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


def _duplicates(frame: pd.DataFrame) -> list[Problem]:
    """The same respondent answering a question twice. A blank cell is no answer, so a late
    answer may come in another file."""
    filled = ((frame["answer"] != "") | (frame["comment"] != "")).to_numpy()
    respondents, names = compact_codes_of(frame["respondent"])
    questions, question_ids = compact_codes_of(frame["question"])
    width = len(question_ids) + 1
    size = (len(names) + 1) * width
    pair = pair_keys(respondents, questions, width, size)
    if not filled.all():
        pair = pair[filled]
    if not has_repeats(pair, size):
        return []  # the usual case, found without sorting millions of rows
    frame = frame[filled]
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


def _one_per_respondent(respondent: np.ndarray, values: np.ndarray) -> bool:
    """Whether every respondent's rows share one value: compare each row with the value the
    respondent's last row wrote."""
    last = np.zeros(respondent.max(initial=-1) + 1, dtype=values.dtype)
    last[respondent] = values
    return bool((last[respondent] == values).all())


def _inconsistent_respondents(frame: pd.DataFrame) -> list[Problem]:
    respondent = compact_codes_of(frame["respondent"])[0]
    units, roles = compact_codes_of(frame["unit"])[0], compact_codes_of(frame["role"])[0]
    if _one_per_respondent(respondent, units) and _one_per_respondent(respondent, roles):
        return []
    triples = pd.DataFrame({"r": respondent, "u": units, "o": roles}).drop_duplicates()
    bad_codes = set(triples.loc[triples["r"].duplicated(), "r"])
    _, names = compact_codes_of(frame["respondent"])
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
