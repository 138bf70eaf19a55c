"""The native response CSV is read by one reader: a file put in responses/ and the same file
brought in with `readiness import` give the same answers, or the same located problems."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assessment.collect.store import import_files
from assessment.loading.responses import load_answers
from assessment.loading.setup import load_setup
from assessment.model.errors import InputError
from tests.conftest import MINI

LONG = "respondent_id,business_unit,role,question_id,answer,comment"
WIDE = "respondent_id,business_unit,role,A-01,A-02,B-01"
TRICKY = {
    "bom": ("\ufeff" + LONG + "\nr1,north,executive,A-01,2,\nr1,north,executive,B-01,dk,\n"),
    "crlf": LONG + "\r\nr1,north,executive,A-01,2,\r\nr2,south,business,A-02,na,\r\n",
    "quoted newline": LONG + '\nr1,north,executive,A-01,3,"two\nlines, and a comma"\n',
    "blank lines": (
        "\n" + LONG + "\n\nr1,north,executive,A-01,2,\n,,,,,\n\nr2,south,business,A-01,4,\n"
    ),
    "nbsp": LONG + "\n\xa0r1\xa0,North\xa0,executive,A-01,\xa05,\n\xa0,\xa0,,,,\n",
    "wide crlf": WIDE + "\r\nr1,north,executive,2,,dk\r\n\r\nr2,south,data_it,5,4,1\r\n",
    "short row": LONG + "\nr1,north,executive,A-01,2,\nr2,south,business,A-01\n",
    "long row": LONG + "\nr1,north,executive,A-01,2,,extra\n",
    "short row after blank": "\n\n" + LONG + "\nr1,north\n\nr2,south,business,A-01,1,\n",
    "quoted short row": LONG + '\n"r1,north",executive,A-01,2\n',
    "duplicate column": "respondent_id,business_unit,role,A-01,A-01\nr1,north,executive,1,2\n",
    "not utf-8": (LONG + "\nr1,north,executive,A-01,2,caf\xe9\n").encode("cp1252"),
    "empty": "",
    "only blank lines": "\n\r\n\n",
}


def _engagement(tmp_path: Path, name: str) -> Path:
    folder = tmp_path / name
    shutil.copytree(MINI, folder)
    for old in (folder / "responses").iterdir():
        old.unlink()
    return folder


def _write(path: Path, content: str | bytes) -> None:
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


def _outcome(read) -> object:  # type: ignore[no-untyped-def]
    """The answers given (respondent, unit, role, question, answer, comment), or the problems
    without their file name (the two paths read the file from different places)."""
    try:
        frame = read()
    except InputError as exc:
        return sorted((p.message, p.row or 0, p.column or "", p.field or "") for p in exc.problems)
    given = frame[(frame["answer"] != "") | (frame["comment"] != "")]
    columns = ["respondent", "unit", "role", "question", "answer", "comment"]
    return sorted(tuple(str(v) for v in row) for row in given[columns].itertuples(index=False))


@pytest.mark.parametrize("case", list(TRICKY))
def test_loading_and_import_read_a_native_file_alike(tmp_path, case):
    loaded = _engagement(tmp_path, "loaded")
    _write(loaded / "responses" / "answers.csv", TRICKY[case])
    setup = load_setup(loaded)
    q = setup.questionnaire.questionnaire

    def by_loading():  # type: ignore[no-untyped-def]
        return load_answers(loaded / "responses", q, setup.profile)[0]

    imported = _engagement(tmp_path, "imported")
    source = tmp_path / "answers.csv"
    _write(source, TRICKY[case])

    def by_import():  # type: ignore[no-untyped-def]
        import_files(load_setup(imported), [source], b"k" * 32, replace=False)
        return load_answers(imported / "responses", q, setup.profile)[0]

    assert _outcome(by_import) == _outcome(by_loading)


def test_the_cases_cover_both_answers_and_problems(tmp_path):
    folder = _engagement(tmp_path, "e")
    setup = load_setup(folder)
    q = setup.questionnaire.questionnaire
    kinds = set()
    for content in TRICKY.values():
        _write(folder / "responses" / "answers.csv", content)
        outcome = _outcome(lambda: load_answers(folder / "responses", q, setup.profile)[0])
        kinds.add(isinstance(outcome, list) and bool(outcome) and len(outcome[0]) == 6)
    assert kinds == {True, False}


def test_problems_point_at_the_file_line(tmp_path):
    folder = _engagement(tmp_path, "e")
    source = tmp_path / "answers.csv"
    _write(source, TRICKY["short row after blank"])
    with pytest.raises(InputError) as caught:
        import_files(load_setup(folder), [source], b"k" * 32, replace=False)
    assert [(p.row, p.message) for p in caught.value.problems] == [
        (4, "is not a well-formed CSV row: 2 fields where the header has 6")
    ]
    assert list((folder / "responses").iterdir()) == []
