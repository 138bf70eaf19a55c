"""Imports land in responses/ as normalised long-layout CSV files: all or nothing, idempotent,
and never replacing a respondent's different answers unless asked to."""

from __future__ import annotations

import csv
import io
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from assessment.collect.json_sources import (
    form_submission,
    is_form_file,
    read_json,
    surveyjs_submissions,
)
from assessment.collect.mapping import Mapping, load_mapping
from assessment.collect.submissions import AnswerRow, Submission, to_rows
from assessment.collect.tables import (
    Table,
    anonymous_notice,
    csv_rows,
    native_table,
    sniff_csv,
    table_submissions,
    xlsx_rows,
)
from assessment.collect.workbook_answers import is_our_workbook, read_workbook
from assessment.common.commit_journal import commit
from assessment.common.paths import display_path
from assessment.loading.engagement import RESPONSES_DIR
from assessment.loading.responses import load_answers, response_files
from assessment.loading.setup import Setup
from assessment.model.engagement import Profile
from assessment.model.errors import InputError, Problem
from assessment.model.questionnaire import Questionnaire

HEADER = ("respondent_id", "business_unit", "role", "question_id", "answer", "comment")


@dataclass
class ImportSummary:
    written: list[Path] = field(default_factory=list)
    imported: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)


def _csv_text(rows: list[AnswerRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for r in sorted(rows, key=lambda r: (r.respondent_id, r.question_id)):
        writer.writerow(
            [r.respondent_id, r.business_unit, r.role, r.question_id, r.answer, r.comment]
        )
    return out.getvalue()


def _target_name(source: Path, taken: set[str]) -> str:
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", source.stem).strip("-").lower() or "import"
    name, n = f"{stem}.csv", 2
    while name in taken:
        name, n = f"{stem}-{n}.csv", n + 1
    return name


def read_source(
    source: Path, questionnaire: Questionnaire, mapping: Mapping, kind: str = "auto"
) -> list[Submission]:
    """Submissions from one file; the format is detected unless `kind` names it."""
    name = display_path(source)
    if not source.is_file():
        raise InputError(Problem(name, "file not found"))
    suffix = source.suffix.lower()
    if kind == "auto":
        kind = detect_format(source)
    if kind == "workbook":
        return [read_workbook(source, questionnaire)]
    if kind == "microsoft_forms":
        rows = Table.numbered(xlsx_rows(source, name))
        return table_submissions(rows, kind, name, questionnaire, mapping, sheet="sheet 1")
    if kind in {"google_forms", "qualtrics"}:
        rows = Table.numbered(csv_rows(source, name))
        return table_submissions(rows, kind, name, questionnaire, mapping)
    if kind == "csv":
        return table_submissions(native_table(source, name), kind, name, questionnaire, mapping)
    if kind in {"form", "surveyjs"}:
        data = read_json(source, name)
        if kind == "form" or is_form_file(data):
            return [form_submission(data, name, questionnaire)]
        return surveyjs_submissions(data, name, questionnaire, mapping)
    raise InputError(
        Problem(
            name,
            f"cannot import a '{suffix}' file: use a workbook, an offline "
            "form's .json, SurveyJS results, or a CSV or XLSX survey export",
        )
    )


def detect_format(source: Path) -> str:
    suffix = source.suffix.lower()
    if suffix in {".xlsx", ".xlsm"}:
        return "workbook" if is_our_workbook(source) else "microsoft_forms"
    if suffix == ".csv":
        if not source.read_bytes().strip():
            return "csv"  # the native reader names the problem, as loading does
        return sniff_csv(csv_rows(source, display_path(source)))
    if suffix == ".json":
        return "form" if is_form_file(read_json(source, display_path(source))) else "surveyjs"
    return suffix or "unknown"


def import_files(
    setup: Setup,
    sources: list[Path],
    key: bytes,
    replace: bool,
    mapping_path: Path | None = None,
    kind: str = "auto",
) -> ImportSummary:
    profile, questionnaire = setup.profile, setup.questionnaire.questionnaire
    mapping = load_mapping(mapping_path, questionnaire, profile)
    responses = setup.folder / RESPONSES_DIR

    problems: list[Problem] = []
    notices: list[str] = []
    incoming: dict[Path, list[AnswerRow]] = {}
    for source in sources:
        try:
            rows: list[AnswerRow] = []
            submissions = read_source(source, questionnaire, mapping, kind)
            for submission in submissions:
                found, trouble = to_rows(submission, questionnaire, profile, key, mapping)
                rows.extend(found)
                problems.extend(trouble)
            incoming[source] = rows
            anonymous = anonymous_notice(submissions)
            if anonymous:
                notices.append(anonymous)
        except InputError as exc:
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)

    existing = _existing_answers(responses, questionnaire, profile)
    summary = ImportSummary(notices=notices)
    new_files: dict[str, list[AnswerRow]] = {}
    drop: set[str] = set()
    taken = {p.name for p in response_files(responses)} if responses.exists() else set()
    for source, rows in incoming.items():
        by_person: dict[str, list[AnswerRow]] = {}
        for r in rows:
            by_person.setdefault(r.respondent_id, []).append(r)
        keep: list[AnswerRow] = []
        for person, answers in by_person.items():
            before = existing.get(person)
            now = {(a.question_id, a.answer, a.comment) for a in answers}
            if before is not None and before[0] == now:
                summary.unchanged.append(person)
            elif before is not None and not replace:
                problems.append(
                    Problem(
                        display_path(source),
                        f"respondent {person} already has "
                        f"different answers in {before[1]}; pass --replace to "
                        "replace them",
                    )
                )
            else:
                if before is not None:
                    drop.add(person)
                    summary.replaced.append(person)
                else:
                    summary.imported.append(person)
                keep.extend(answers)
        if keep:
            name = _target_name(source, taken)
            taken.add(name)
            new_files[name] = keep
    if problems:
        raise InputError(problems)

    rewritten = _without(responses, drop) if drop else {}
    with tempfile.TemporaryDirectory() as tmp:
        staged = Path(tmp)
        for path in response_files(responses) if responses.exists() else []:
            if path.name not in rewritten:
                shutil.copy(path, staged / path.name)
        for name, text in rewritten.items():
            if text is not None:
                (staged / name).write_text(text, encoding="utf-8")
        for name, rows in new_files.items():
            (staged / name).write_text(_csv_text(rows), encoding="utf-8")
        # The whole folder as it would be: any problem and nothing is written.
        if any(staged.iterdir()):
            new_units = load_answers(staged, questionnaire, profile)[2]
            summary.notices += [
                f"business unit '{u.name}' is not in assessment.yaml: accepted as '{u.id}'"
                for u in new_units
            ]

    # One journaled commit: a kill or an I/O error at any point leaves the old folder or the new.
    changes: dict[Path, bytes | None] = {
        responses / name: _csv_text(rows).encode("utf-8") for name, rows in new_files.items()
    }
    for name, text in rewritten.items():
        changes[responses / name] = None if text is None else text.encode("utf-8")
    if changes:
        commit(setup.folder, changes)
    summary.written = [responses / name for name in new_files]
    return summary


Given = set[tuple[str, str, str]]  # (question, answer, comment)


def _existing_answers(
    responses: Path, questionnaire: Questionnaire, profile: Profile
) -> dict[str, tuple[Given, str]]:
    """Each respondent already in responses/: their answers and the file they are in."""
    if not responses.exists() or not response_files(responses):
        return {}
    answers = load_answers(responses, questionnaire, profile)[0]  # no matrix: not scored
    found: dict[str, tuple[Given, str]] = {}
    for person, group in answers.astype({"respondent": str}).groupby("respondent"):
        rows = group[(group["answer"] != "") | (group["comment"] != "")]
        found[str(person)] = (
            {
                (q, a, c)
                for q, a, c in zip(rows["question"], rows["answer"], rows["comment"], strict=True)
            },
            str(group["file"].iloc[0]),
        )
    return found


def _without(responses: Path, people: set[str]) -> dict[str, str | None]:
    """Existing files rewritten without these respondents (None: nothing left, remove it)."""
    changed: dict[str, str | None] = {}
    for path in response_files(responses):
        with path.open(newline="", encoding="utf-8-sig") as handle:
            rows = list(csv.reader(handle))
        if not rows or "respondent_id" not in rows[0]:
            continue
        col = rows[0].index("respondent_id")
        kept = [r for r in rows[1:] if r and r[col].strip() not in people]
        if len(kept) == len(rows) - 1:
            continue
        if not kept:
            changed[path.name] = None
            continue
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows([rows[0], *kept])
        changed[path.name] = out.getvalue()
    return changed
