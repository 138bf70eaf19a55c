"""Survey-tool exports as tables: Google Forms CSV, Microsoft Forms XLSX, Qualtrics CSV and the
native response CSV. Columns match questions by id, by question text or through a mapping."""

from __future__ import annotations

import csv
import hashlib
import io
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl.utils import get_column_letter

from assessment.collect.mapping import Mapping
from assessment.collect.open_workbook import open_workbook, sheet_rows
from assessment.collect.submissions import (
    EMAIL_HEADERS,
    ID_HEADERS,
    NAME_HEADERS,
    ROLE_HEADERS,
    UNIT_HEADERS,
    Place,
    Submission,
)
from assessment.loading.csv_table import check_size, read_csv_table
from assessment.model.errors import InputError, Problem
from assessment.model.questionnaire import Questionnaire

# Columns each tool adds that are not answers.
METADATA = {
    "google_forms": {"timestamp", "score"},
    "microsoft_forms": {
        "id",
        "start time",
        "completion time",
        "last modified time",
        "total points",
        "quiz feedback",
    },
    "qualtrics": {
        "startdate",
        "enddate",
        "status",
        "ipaddress",
        "progress",
        "duration (in seconds)",
        "finished",
        "recordeddate",
        "responseid",
        "externalreference",
        "locationlatitude",
        "locationlongitude",
        "distributionchannel",
        "userlanguage",
    },
    "csv": set(),
}


# Each tool's own id of a response, used when a survey is anonymous (no name or e-mail). Google
# Forms has none: the submission's timestamp stands in for it.
RESPONSE_ID = {"qualtrics": "responseid", "microsoft_forms": "id", "google_forms": "timestamp"}
RESPONSE_ID_SHOWN = {
    "qualtrics": "ResponseId",
    "microsoft_forms": "ID",
    "google_forms": "Timestamp",
}
# What anonymous Microsoft Forms exports put in the name and e-mail columns.
NOBODY = "anonymous"


def read_text(path: Path, name: str) -> str:
    """UTF-8, or else Windows-1252 (older exports). A file that mixes the two is refused: read
    as either, some of its text would silently turn into mojibake."""
    data = path.read_bytes()
    if not data.strip():
        raise InputError(Problem(name, "is empty"))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        not_utf8 = data.count(b"\n", 0, exc.start) + 1
    utf8 = _utf8_line(data)
    if utf8 is not None:
        raise InputError(
            Problem(
                name,
                f"mixes encodings: line {utf8} is UTF-8 but line {not_utf8} is not "
                '(Windows-1252?); save the whole file again as UTF-8 ("CSV UTF-8" in Excel)',
            )
        )
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise InputError(Problem(name, "is neither UTF-8 nor Windows-1252 text")) from None


def _utf8_line(data: bytes) -> int | None:
    """The first line with non-ASCII text that is valid UTF-8. Windows-1252 text almost never
    is: its accented letters are single bytes that UTF-8 only allows after a lead byte."""
    for number, line in enumerate(data.split(b"\n"), start=1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            continue
        return number
    return None


@dataclass(frozen=True)
class Table:
    """A file's rows as text, header row(s) first, and each row's record number in the file
    (blank records the reader skipped still count, so problems point at the right line)."""

    rows: list[list[str]]
    numbers: Sequence[int]

    @classmethod
    def numbered(cls, rows: list[list[str]]) -> Table:
        return cls(rows, range(1, len(rows) + 1))


def csv_rows(path: Path, name: str) -> list[list[str]]:
    """A survey tool's CSV export, read leniently: Windows-1252 too, short rows padded later."""
    check_size(path.read_bytes(), name)
    try:
        return [r for r in csv.reader(io.StringIO(read_text(path, name), newline=""))]
    except csv.Error as exc:
        raise InputError(Problem(name, f"is not a well-formed CSV file: {exc}")) from None


def native_table(path: Path, name: str) -> Table:
    """A native response CSV, read by the same reader (and rules) as loading: importing a file
    and putting it in responses/ give the same table or the same located errors."""
    table = read_csv_table(path.read_bytes(), name)
    body: list[list[str]] = table.body.to_numpy(dtype=object).tolist()
    return Table([table.header, *body], [table.header_row, *table.rows.tolist()])


def sniff_csv(rows: list[list[str]]) -> str:
    header = [h.strip().lower() for h in rows[0]] if rows else []
    if len(rows) >= 3 and any("importid" in c.lower() for c in rows[2]):
        return "qualtrics"
    if "respondent_id" in header:
        return "csv"
    if header and header[0] == "timestamp":
        return "google_forms"
    return "csv"


def xlsx_rows(path: Path, name: str) -> list[list[str]]:
    book = open_workbook(path, name)
    try:
        return [["" if v is None else str(v) for v in row] for row in sheet_rows(book, 0, name)]
    finally:
        book.close()


def _question_lookup(questionnaire: Questionnaire) -> dict[str, str]:
    lookup = {}
    for _, q in questionnaire.questions():
        lookup[q.id.lower()] = q.id
        lookup[" ".join(q.text.split()).lower()] = q.id
    return lookup


def table_submissions(
    table: Table,
    kind: str,
    name: str,
    questionnaire: Questionnaire,
    mapping: Mapping,
    sheet: str | None = None,
) -> list[Submission]:
    """Rows of a wide table (one respondent per row) or the native long layout."""
    rows, numbers = table.rows, table.numbers
    if not rows:
        raise InputError(Problem(name, "is empty"))
    headers = rows[0]
    first_data = 1
    texts = headers
    if kind == "qualtrics":  # three header rows: internal names, question texts, import ids
        texts, first_data = rows[1], 3
    header_lower = [h.strip().lower() for h in headers]
    if kind == "csv" and "question_id" in header_lower:
        return _long(table, name, questionnaire, mapping)

    lookup = _question_lookup(questionnaire)
    roles: dict[int, str] = {}
    questions: dict[int, str] = {}
    problems = []
    wanted = {field: header.strip().lower() for field, header in mapping.respondent.items()}
    for col, (head, text) in enumerate(zip(headers, texts, strict=False)):
        low, text_low = head.strip().lower(), " ".join(text.split()).lower()
        field = next((f for f, h in wanted.items() if h in (low, text_low)), None)
        if field is None:
            for f, known in (
                ("respondent_id", ID_HEADERS),
                ("email", EMAIL_HEADERS),
                ("name", NAME_HEADERS),
                ("business_unit", UNIT_HEADERS),
                ("role", ROLE_HEADERS),
            ):
                if low in known or text_low in known:
                    field = f
                    break
        if field is not None:
            roles[col] = field
            continue
        qid = mapping.question_for(head) or mapping.question_for(text)
        qid = qid or lookup.get(low) or lookup.get(text_low)
        if qid is not None:
            questions[col] = qid
        elif low and low not in METADATA[kind]:
            problems.append(
                Problem(
                    name,
                    "column is neither a question (by id or text) nor "
                    "a respondent field; add it to a mapping file",
                    row=numbers[0],
                    column=head.strip()[:60],
                    field=sheet,
                )
            )
    if problems:
        raise InputError(problems)
    id_col = (
        header_lower.index(RESPONSE_ID[kind]) if RESPONSE_ID.get(kind) in header_lower else None
    )
    submissions = []
    for number, row in zip(numbers[first_data:], rows[first_data:], strict=True):
        if not any(cell.strip() for cell in row):
            continue
        s = Submission(file=name, tool=kind)
        if id_col is not None and id_col < len(row):
            s.response_id = row[id_col].strip()
        for col, field in roles.items():
            value = row[col].strip() if col < len(row) else ""
            place = Place(row=number, column=get_column_letter(col + 1), field=sheet)
            if field in {"email", "name"} and value.lower() == NOBODY:
                value = ""
            if field == "respondent_id":
                s.respondent_id = value
            elif field == "email":
                s.email = value
            elif field == "name":
                s.name = " ".join(filter(None, (s.name, value)))
            elif field == "business_unit":
                s.unit, s.places["unit"] = value, place
            elif field == "role":
                s.role, s.places["role"] = value, place
            s.places.setdefault("name", place)
        s.places.setdefault("name", Place(row=number, field=sheet))
        for col, qid in questions.items():
            value = row[col] if col < len(row) else ""
            if value.strip():
                s.answers[qid] = (
                    value,
                    Place(
                        row=number,
                        column=headers[col].strip()[:60] or get_column_letter(col + 1),
                        field=sheet,
                    ),
                )
        submissions.append(s)
    if kind == "google_forms":
        _tell_apart_same_second(submissions, rows[first_data:])
    return submissions


def anonymous_notice(submissions: list[Submission]) -> str | None:
    """What the user should know when answers carry no name or e-mail."""
    anonymous = [s for s in submissions if s.anonymous]
    if not anonymous:
        return None
    first = anonymous[0]
    column = RESPONSE_ID_SHOWN.get(first.tool, "response id")
    return (
        f"{first.file}: {len(anonymous)} response(s) carry no name or e-mail; each is known "
        f"by the survey tool's {column} instead, so it cannot be matched with the same "
        "person's answers in another round"
    )


def _tell_apart_same_second(submissions: list[Submission], rows: list[list[str]]) -> None:
    """Google Forms timestamps are to the second: submissions sharing one also get a hash of
    their own content, never their row number, so a re-sorted export gives the same ids."""
    by_time = Counter(s.response_id for s in submissions)
    filled = (row for row in rows if any(cell.strip() for cell in row))
    for s, row in zip(submissions, filled, strict=True):
        if s.response_id and by_time[s.response_id] > 1:
            content = hashlib.sha256("\x1f".join(c.strip() for c in row).encode("utf-8"))
            s.response_id += " " + content.hexdigest()[:16]


def _long(
    table: Table, name: str, questionnaire: Questionnaire, mapping: Mapping
) -> list[Submission]:
    """The native long layout; the reader has already refused rows of the wrong length."""
    rows, numbers = table.rows, table.numbers
    header = [h.strip() for h in rows[0]]
    missing = [
        c
        for c in ("respondent_id", "business_unit", "role", "question_id", "answer")
        if c not in header
    ]
    if missing:
        raise InputError(Problem(name, f"missing column(s) {', '.join(missing)}", row=numbers[0]))
    at = {h: i for i, h in enumerate(header)}
    index = questionnaire.question_index()
    people: dict[str, Submission] = {}
    problems = []
    for number, row in zip(numbers[1:], rows[1:], strict=True):
        if not any(c.strip() for c in row):
            continue
        person = row[at["respondent_id"]].strip()
        fresh = person not in people
        s = people.setdefault(person, Submission(file=name, respondent_id=person))
        unit, role = row[at["business_unit"]].strip(), row[at["role"]].strip()
        if fresh:
            s.unit, s.role = unit, role
        elif (unit.lower(), role.lower()) != (s.unit.lower(), s.role.lower()):
            problems.append(
                Problem(
                    name,
                    f"respondent '{person}' appears with more than one business unit or role",
                    row=number,
                )
            )
        s.places.setdefault("unit", Place(row=number, column="business_unit"))
        s.places.setdefault("role", Place(row=number, column="role"))
        s.places.setdefault("name", Place(row=number, column="respondent_id"))
        qid = mapping.question_for(row[at["question_id"]]) or row[at["question_id"]].strip()
        if qid not in index:
            problems.append(
                Problem(name, f"unknown question id '{qid}'", row=number, column="question_id")
            )
            continue
        if row[at["answer"]].strip():
            if qid in s.answers:
                problems.append(
                    Problem(
                        name,
                        f"respondent '{person}' answers {qid} more than once",
                        row=number,
                        column="question_id",
                    )
                )
            s.answers[qid] = (row[at["answer"]], Place(row=number, column="answer"))
        if "comment" in at and row[at["comment"]].strip():
            s.comments[qid] = row[at["comment"]]
    if problems:
        raise InputError(problems)
    return list(people.values())
