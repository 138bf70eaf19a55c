"""Loading response files: both layouts, and every kind of bad input reported with its place."""

from __future__ import annotations

from pathlib import Path

import pytest

from assessment.loading.engagement import load_engagement
from assessment.model.errors import InputError

HEADER = "respondent_id,business_unit,role,question_id,answer\n"


def _write(engagement: Path, text: str, name: str = "answers.csv", encoding: str = "utf-8") -> None:
    (engagement / "responses" / name).write_bytes(text.encode(encoding))


def _problems(engagement: Path) -> list:
    with pytest.raises(InputError) as caught:
        load_engagement(engagement)
    return caught.value.problems


def test_wide_layout_gives_the_same_answers_as_long(mini_copy: Path) -> None:
    long = load_engagement(mini_copy).responses.answers
    _write(
        mini_copy,
        "respondent_id,business_unit,role,A-01,A-02,B-01,B-02,A-90\n"
        "r1,north,executive,2,4,3,1,\n"
        "r2,north,business,4,,na,dk,\n"
        "r3,south,data_it,1,1,5,5,More training please\n",
    )
    wide = load_engagement(mini_copy).responses.answers
    key = ["respondent", "question"]
    as_set = lambda f: {  # noqa: E731
        tuple(r) for r in f[f["answer"] != ""][[*key, "unit", "role", "answer"]].to_numpy()
    }
    assert as_set(long) == as_set(wide)


def test_labels_names_and_case_are_accepted(mini_copy: Path) -> None:
    _write(
        mini_copy,
        HEADER + "r1,North,Executive,A-01,option at level 2\n"
        "r1,North,Executive,B-01,N/A\nr1,north,executive,B-02,Don't know\n",
    )
    answers = load_engagement(mini_copy).responses.answers
    assert list(answers["answer"]) == ["2", "na", "dk"]
    assert set(answers["unit"]) == {"north"} and set(answers["role"]) == {"executive"}


def test_unknown_question_names_file_row_and_column(mini_copy: Path) -> None:
    _write(mini_copy, HEADER + "r1,north,executive,A-01,2\nr1,north,executive,ZZ-99,3\n")
    (problem,) = _problems(mini_copy)
    assert problem.file.endswith("answers.csv")
    assert (problem.row, problem.column) == (3, "question_id")
    assert problem.message == "unknown question id 'ZZ-99'"


def test_answer_not_allowed_lists_the_allowed_ones(mini_copy: Path) -> None:
    _write(mini_copy, HEADER + "r1,north,executive,A-01,7\nr1,north,executive,B-02,na\n")
    problems = _problems(mini_copy)
    assert [(p.row, p.column) for p in problems] == [(2, "answer"), (3, "answer")]
    assert problems[0].message == (
        "answer '7' is not allowed for A-01 (allowed: 1, 2, 3, 4, 5, na, dk, or leave it blank)"
    )
    assert problems[1].message == (  # B-02 has no "not applicable"
        "'not applicable' is not allowed for B-02; allowed: 1, 2, 3, 4, 5, dk, or leave it blank"
    )


def test_wide_layout_bad_answer_names_the_question_column(mini_copy: Path) -> None:
    _write(mini_copy, "respondent_id,business_unit,role,A-01,B-01\nr1,north,executive,2,9\n")
    (problem,) = _problems(mini_copy)
    assert (problem.row, problem.column) == (2, "B-01")


def test_wide_layout_unknown_header(mini_copy: Path) -> None:
    _write(mini_copy, "respondent_id,business_unit,role,A-01,NOPE\nr1,north,executive,2,3\n")
    (problem,) = _problems(mini_copy)
    assert (problem.row, problem.column) == (1, "NOPE")
    assert problem.message == "unknown question id in header"


def test_unknown_unit_role_and_empty_respondent_are_all_reported_at_once(mini_copy: Path) -> None:
    profile = mini_copy / "assessment.yaml"
    profile.write_text(profile.read_text() + "business_units_fixed: true\n")
    _write(
        mini_copy,
        HEADER + "r1,west,executive,A-01,2\nr2,north,intern,A-01,2\n,north,executive,A-01,2\n",
    )
    found = {(p.row, p.column) for p in _problems(mini_copy)}
    assert found == {(2, "business_unit"), (3, "role"), (4, "respondent_id")}


def test_same_answer_twice_across_files_names_both_places(mini_copy: Path) -> None:
    _write(mini_copy, HEADER + "r1,north,executive,A-01,5\n", name="late.csv")
    (problem,) = _problems(mini_copy)
    responses = mini_copy / "responses"
    assert (Path(problem.file), problem.row) == (responses / "answers.csv", 2)
    assert problem.message == (
        f"respondent 'r1' answers A-01 more than once ({responses / 'answers.csv'} row 2; "
        f"{responses / 'late.csv'} row 2); keep one answer per respondent and question"
    )


def test_respondent_with_two_units(mini_copy: Path) -> None:
    _write(mini_copy, HEADER + "r9,north,executive,A-01,5\nr9,south,executive,B-01,5\n")
    (problem,) = _problems(mini_copy)
    assert (Path(problem.file).name, problem.row) == ("answers.csv", 2)
    assert problem.message == "respondent 'r9' appears with more than one business unit or role"


@pytest.mark.parametrize(
    ("content", "encoding", "row", "expected"),
    [
        ("", "utf-8", None, "is empty; expected a header row and answers"),
        (
            "respondent_id,role\nr1,executive\n",
            "utf-8",
            1,
            "missing column(s) business_unit; see docs/response-files.md",
        ),
        (
            HEADER + "r1,north,executive,A-01,2,extra\n",
            "utf-8",
            2,
            "is not a well-formed CSV row: 6 fields where the header has 5",
        ),
        (  # byte 63: the header's 52 bytes, then "r1,north,ex" and the Latin-1 é
            HEADER + "r1,north,exécutive,A-01,2\n",
            "latin-1",
            None,
            "is not UTF-8 text (invalid continuation byte at byte 63); save it as CSV UTF-8",
        ),
    ],
)
def test_broken_files(
    mini_copy: Path, content: str, encoding: str, row: int | None, expected: str
) -> None:
    _write(mini_copy, content, encoding=encoding)
    (problem,) = _problems(mini_copy)
    assert (Path(problem.file), problem.row) == (mini_copy / "responses" / "answers.csv", row)
    assert problem.message == expected


def test_no_response_files(mini_copy: Path) -> None:
    (mini_copy / "responses" / "answers.csv").unlink()
    (problem,) = _problems(mini_copy)
    assert Path(problem.file) == mini_copy / "responses"
    assert problem.message == "holds no response files (*.csv); add at least one"


def test_utf8_with_byte_order_mark_is_read(mini_copy: Path) -> None:
    _write(mini_copy, "\ufeff" + HEADER + "r1,north,executive,A-01,2\n")
    answers = load_engagement(mini_copy).responses.answers
    # The mark is not part of the first column's name, so respondent_id is found.
    columns = ["respondent", "unit", "role", "question", "answer", "row"]
    assert answers[columns].to_dict("records") == [
        {
            "respondent": "r1",
            "unit": "north",
            "role": "executive",
            "question": "A-01",
            "answer": "2",
            "row": 2,
        }
    ]


def test_respondent_without_business_unit(mini_copy: Path) -> None:
    _write(mini_copy, HEADER + "r1,,executive,A-01,2\n")
    (problem,) = _problems(mini_copy)
    assert (problem.row, problem.column) == (2, "business_unit")
    assert problem.message == (
        "business_unit is empty; every respondent needs one (known: north, south)"
    )


def test_numbers_outside_their_range_and_unknown_checklist_items(tmp_path: Path) -> None:
    import shutil

    from tests.conftest import REPO

    engagement = tmp_path / "pulse"
    shutil.copytree(REPO / "tests" / "data" / "pulse-engagement", engagement)
    _write(
        engagement,
        "respondent_id,business_unit,role,SKILL-01,SKILL-02,CULT-02\n"
        "x1,shops,business,140,basics;cooking,dk\nx2,shops,business,ten,,\n",
        name="pulse.csv",
    )
    found = {(p.row, p.column): p.message for p in _problems(engagement)}
    assert "140 is out of range for SKILL-01" in found[(2, "SKILL-01")]
    assert "'cooking' is not an item of SKILL-02" in found[(2, "SKILL-02")]
    assert "'don't know' is not allowed for CULT-02" in found[(2, "CULT-02")]
    assert "'ten' is not a number" in found[(3, "SKILL-01")]


def test_results_do_not_depend_on_how_answers_are_split_across_files(mini_copy: Path) -> None:
    from assessment.commands.pipeline import assess

    whole = assess(mini_copy)[1]
    lines = (mini_copy / "responses" / "answers.csv").read_text().splitlines()
    header, body = lines[0], lines[1:]
    (mini_copy / "responses" / "answers.csv").unlink()
    for i, line in enumerate(reversed(body)):  # one file per row, in reverse order
        _write(mini_copy, f"{header}\n{line}\n", name=f"part-{i:02d}.csv")
    split = assess(mini_copy)[1]
    assert split.model_dump(exclude={"inputs"}) == whole.model_dump(exclude={"inputs"})
    assert len(split.inputs) == len(body) + 1


def test_unit_not_in_the_profile_is_accepted_with_a_notice(mini_copy: Path) -> None:
    from assessment.commands.pipeline import assess

    _write(mini_copy, HEADER + "r9,West Coast,executive,A-01,2\n", name="west.csv")
    engagement, results = assess(mini_copy)
    assert [u.id for u in engagement.profile.business_units] == ["north", "south", "west-coast"]
    assert results.units[-1].name == "West Coast" and results.units[-1].respondents == 1
    assert results.warnings[0] == (
        "Business unit 'West Coast' is not in assessment.yaml; its answers are included as "
        "unit 'west-coast'."
    )


@pytest.mark.parametrize(("typed", "ok"), [("45,5", True), ("1,000", False), ("12,345,678", False)])
def test_numbers_with_commas(pulse_copy: Path, typed: str, ok: bool) -> None:
    _write(
        pulse_copy,
        f'respondent_id,business_unit,role,SKILL-01\nx1,shops,business,"{typed}"\n',
        name="pulse.csv",
    )
    if ok:
        answers = load_engagement(pulse_copy).responses.answers
        assert list(answers["answer"]) == ["45.5"]
    else:
        (problem,) = _problems(pulse_copy)
        assert (Path(problem.file).name, problem.row, problem.column) == (
            "pulse.csv",
            2,
            "SKILL-01",
        )
        assert problem.message == (
            f"'{typed}' is ambiguous (a decimal comma or a thousands separator?); "
            "write it without separators, e.g. 1000 or 1.5"
        )


def test_worker_processes_read_the_same_table_and_report_the_same_problems(
    mini_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Large surveys are read by worker processes: same table, same located problems."""
    from assessment.loading import responses

    _write(
        mini_copy,
        "respondent_id,business_unit,role,A-01,A-02,B-01,B-02\n"
        "w1,north,executive,2,4,3,1\nw2,south,business,4,,na,dk\n",
        name="wide.csv",
    )
    _write(mini_copy, HEADER + "z1,north,data_it,A-01,3\n", name="zz.csv")
    alone = load_engagement(mini_copy).responses.answers
    monkeypatch.setattr(responses, "PARALLEL_BYTES", 0)
    together = load_engagement(mini_copy).responses.answers
    assert together.astype(str).equals(alone.astype(str))
    assert len(set(together["file"])) == 3

    _write(mini_copy, HEADER + "z1,north,data_it,A-01,3\nz1,north\n", name="zz.csv")
    _write(mini_copy, "respondent_id,business_unit\nq,north\n", name="bad.csv")
    problems = [(Path(p.file).name, p.row) for p in _problems(mini_copy)]
    assert problems == [("bad.csv", 1), ("zz.csv", 3)]


def test_an_answer_is_not_lost_behind_a_blank_cell_in_a_later_file(mini_copy: Path) -> None:
    """A blank is no answer: the answer given in another file counts, whatever the file order."""
    from assessment.scoring.engine import score

    (mini_copy / "responses" / "answers.csv").unlink()
    _write(mini_copy, HEADER + "r1,north,executive,A-01,4\n", name="a_late.csv")
    _write(
        mini_copy,
        "respondent_id,business_unit,role,A-01,A-02\nr1,north,executive,,2\n",
        name="m_wide.csv",
    )
    engagement = load_engagement(mini_copy)
    q = engagement.questionnaire.questionnaire
    results = score(engagement.responses.answers, q, engagement.profile)
    by_id = {r.question_id: r for r in results.questions}
    assert by_id["A-01"].answered == 1 and by_id["A-01"].unanswered == 0
    assert by_id["A-01"].score == 4.0  # the 4 from a_late.csv, not lost behind the blank
    assert (by_id["A-02"].answered, by_id["A-02"].score) == (1, 2.0)


def test_a_bad_unit_in_a_wide_row_is_one_problem_not_one_per_question(mini_copy: Path) -> None:
    profile = mini_copy / "assessment.yaml"
    profile.write_text(profile.read_text() + "business_units_fixed: true\n")
    _write(
        mini_copy,
        "respondent_id,business_unit,role,A-01,A-02,B-01,B-02\n"
        "w1,nowhere,executive,2,4,3,1\nw2,north,boss,2,4,3,1\n",
        name="wide.csv",
    )
    problems = [(Path(p.file).name, p.row, p.column) for p in _problems(mini_copy)]
    assert problems == [("wide.csv", 2, "business_unit"), ("wide.csv", 3, "role")]


def test_a_long_list_of_known_units_is_shortened_in_messages(mini_copy: Path) -> None:
    import yaml

    profile = yaml.safe_load((mini_copy / "assessment.yaml").read_text())
    profile["business_units"] += [{"id": f"unit-{i}", "name": f"Unit {i}"} for i in range(8)]
    profile["business_units_fixed"] = True
    (mini_copy / "assessment.yaml").write_text(yaml.safe_dump(profile))
    _write(mini_copy, HEADER + "r1,nowhere,executive,A-01,2\n")
    (problem,) = _problems(mini_copy)
    assert "known: north, south, unit-0, unit-1" in problem.message
    assert problem.message.endswith("and 2 more in assessment.yaml")
