"""One set of answers: submitted web answers count in every command, through the loader
files go through; drafts never do; a respondent who answered both ways counts once, and the
conflict is flagged until the consultant resolves it. On SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pandas as pd
import pytest
from fastapi.testclient import TestClient
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from assessment.answers.matrix import NOT_ASKED, build_matrix
from assessment.collect.pseudonyms import engagement_key, pseudonym
from assessment.web.app import create_app
from assessment.web.respondent_answers import counted_answers, parse_sent
from assessment.web.tables import Submission
from tests.web_databases import csrf_of, links_in

# A data & IT respondent in South, the mirror image of r3 (who answers 1, 1, 5, 5).
WEB_ANSWERS = {"A-01": "5", "A-02": "5", "B-01": "1", "B-02": "1"}
FILE_ROWS = "A-01,1\nA-02,1\nB-01,5\nB-02,5\n"


def _submit(client: TestClient, link: str, answers: dict[str, str], submit: bool = True) -> None:
    csrf = csrf_of(client.get(link).text)
    body = {"answers": answers, "comments": {}, "revision": 0}
    saved = client.put(link + "/answers", json=body, headers={"X-CSRF-Token": csrf})
    assert saved.status_code == 200
    if submit:
        body["revision"] = 1
        done = client.post(link + "/submit", json=body, headers={"X-CSRF-Token": csrf})
        assert done.status_code == 200


def _invite_ann(run_cli, mini_copy: Path, tmp_path: Path) -> str:
    emails = tmp_path / "ann.txt"
    emails.write_text("Ann@Example.com\n")
    out = tmp_path / "ann.csv"
    args = ["--unit", "south", "--role", "data_it", "--emails", str(emails), "-o", str(out)]
    assert run_cli("invite", str(mini_copy), *args).code == 0
    return links_in(out)[0]["link"]


def _score(run_cli, folder: Path) -> dict:
    result = run_cli("score", str(folder), "--json")
    assert result.code == 0, result.err
    return json.loads(result.out)


def _file_answers(folder: Path, respondent: str, age: dt.timedelta) -> Path:
    """The same person's answers as `readiness import` writes them, `age` old."""
    path = folder / "responses" / "ann-import.csv"
    rows = "".join(f"{respondent},south,data_it,{line}\n" for line in FILE_ROWS.splitlines())
    path.write_text("respondent_id,business_unit,role,question_id,answer\n" + rows)
    stamp = (dt.datetime.now(dt.UTC) - age).timestamp()
    os.utime(path, (stamp, stamp))
    return path


def test_a_named_web_submission_counts_in_score_by_hand(
    mini_workspace, mini_copy: Path, run_cli, tmp_path: Path
) -> None:
    before = _score(run_cli, mini_copy)
    assert before["overall"]["score"] == pytest.approx(3.12, abs=0.01)
    _submit(
        TestClient(create_app(mini_workspace)),
        _invite_ann(run_cli, mini_copy, tmp_path),
        WEB_ANSWERS,
    )
    after = _score(run_cli, mini_copy)
    alpha, beta = after["dimensions"]
    # alpha: web respondent (5*1 + 5*3)/4 = 5; south mean(1, 5) = 3; north 3.75 -> 3.375
    assert alpha["score"] == pytest.approx(3.375, abs=0.006)
    # beta: web respondent (1+1)/2 = 1; south mean(5, 1) = 3; north 2 -> 2.5
    assert beta["score"] == pytest.approx(2.5)
    # (3.375 * 1 + 2.5 * 2) / 3 = 2.7917
    assert after["overall"]["score"] == pytest.approx(2.79, abs=0.01)
    assert after["participation"] != before["participation"]


def test_drafts_never_count_but_show_as_in_progress(
    mini_workspace, mini_copy: Path, run_cli, tmp_path: Path
) -> None:
    before = _score(run_cli, mini_copy)
    _submit(
        TestClient(create_app(mini_workspace)),
        _invite_ann(run_cli, mini_copy, tmp_path),
        WEB_ANSWERS,
        submit=False,
    )
    assert _score(run_cli, mini_copy)["overall"] == before["overall"]
    status = run_cli("status", str(mini_copy))
    assert status.code == 0, status.err
    web_table = status.out.split("Web questionnaire")[1]
    assert "South" in web_table and "Data" in web_table
    # invited 1, started 1, submitted 0, in progress 1
    assert [int(n) for n in web_table.split("│") if n.strip().isdigit()][:4] == [1, 1, 0, 1]


def test_a_file_and_a_web_answer_from_one_person_count_once_until_resolved(
    mini_workspace, mini_copy: Path, run_cli, tmp_path: Path
) -> None:
    _submit(
        TestClient(create_app(mini_workspace)),
        _invite_ann(run_cli, mini_copy, tmp_path),
        WEB_ANSWERS,
    )
    ann = pseudonym(engagement_key(mini_copy), "", "ann@example.com")

    _file_answers(mini_copy, ann, age=dt.timedelta(hours=-1))  # the file is more recent
    scored = _score(run_cli, mini_copy)
    assert scored["overall"]["score"] == pytest.approx(3.12, abs=0.01)  # the file's answers
    assert any(ann in w and "imported answers" in w for w in scored["warnings"])
    status = " ".join(run_cli("status", str(mini_copy)).out.split())
    assert f"conflict: {ann} answered on the web and in" in status, status[-400:]

    _file_answers(mini_copy, ann, age=dt.timedelta(days=1))  # now the web answers are newer
    scored = _score(run_cli, mini_copy)
    assert scored["overall"]["score"] == pytest.approx(2.79, abs=0.01)
    assert any(ann in w and "web answers" in w for w in scored["warnings"])

    resolved = run_cli("resolve", str(mini_copy), ann, "--keep", "file")
    assert resolved.code == 0, resolved.err
    scored = _score(run_cli, mini_copy)
    assert scored["overall"]["score"] == pytest.approx(3.12, abs=0.01)  # the choice holds
    assert not any(ann in w for w in scored["warnings"])
    assert "conflict:" not in run_cli("status", str(mini_copy)).out

    unknown = run_cli("resolve", str(mini_copy), "P-000000000000", "--keep", "web")
    assert unknown.code == 2 and f"those who did: {ann}" in unknown.err


def test_a_web_answer_the_questionnaire_no_longer_allows_is_located(
    mini_workspace, mini_copy: Path, run_cli
) -> None:
    with Session(mini_workspace.engine) as session, session.begin():
        (served,) = mini_workspace.engagements.values()
        session.add(
            Submission(
                engagement_id=served.id,
                respondent_id="P-0123456789ab",
                unit="north",
                role="executive",
                answers=json.dumps({"A-01": "9"}),
                comments="{}",
                revision=1,
                submitted_at=dt.datetime.now(dt.UTC),
            )
        )
    result = run_cli("score", str(mini_copy))
    assert result.code == 2
    assert "web answers, respondent P-0123456789ab" in result.err and "A-01" in result.err


def test_an_unreachable_database_stops_every_command_naming_it(
    mini_copy: Path, run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    pointer = mini_copy / ".readiness" / "web.json"
    pointer.parent.mkdir(exist_ok=True)
    database = "postgresql://readiness@127.0.0.1:1/readiness?connect_timeout=2"
    pointer.write_text(json.dumps({"engagement_id": "e1", "database": database}))
    monkeypatch.setenv("READINESS_DATABASE_PASSWORD", "s3cret-word")
    for command in (
        ["score"],
        ["status"],
        ["roadmap"],
        ["report", "-o", str(mini_copy / "r.pdf")],
        ["invite", "--unit", "north", "--role", "executive", "--open"],
    ):
        result = run_cli(command[0], str(mini_copy), *command[1:])
        assert result.code == 2, (command, result.err)
        assert "@127.0.0.1:1/readiness" in result.err
        assert "cannot be read" in result.err and "s3cret-word" not in result.err
        assert "Traceback" not in result.err


def _bundled_questionnaire():
    from assessment.loading.questionnaire import load_questionnaire, resolve_questionnaire

    return load_questionnaire(resolve_questionnaire("genai-readiness")).questionnaire


BUNDLED = _bundled_questionnaire()
SCORED = [q for _, q in BUNDLED.questions() if q.scored]


@st.composite
def _respondent(draw: st.DrawFn) -> tuple[str, dict[str, str]]:
    role = draw(st.sampled_from(list(BUNDLED.role_labels)))
    answers: dict[str, str] = {}
    for q in SCORED:
        if q.type == "checklist":
            ticked = draw(st.lists(st.sampled_from([i.id for i in q.items]), unique=True))
            choices = [";".join(ticked)] if ticked else ["none"]
        elif q.type == "numeric":
            low, high = q.minimum or 0, q.maximum or 100
            choices = [str(draw(st.integers(int(low), int(high))))]
        else:
            choices = [o.id for o in q.answer_options]
        answer = draw(st.sampled_from(["", "na", "dk", *choices]))
        if (answer == "na" and not q.allow_not_applicable) or (
            answer == "dk" and not q.allow_dont_know
        ):
            answer = ""
        if answer:
            answers[q.id] = answer
    return role, answers


@settings(max_examples=40, deadline=None)
@given(_respondent())
def test_a_submission_keeps_exactly_what_the_loader_counts(respondent) -> None:
    """What submission keeps of the scored questions is what the answer matrix puts to the
    respondent (role and conditions), on the bundled questionnaire and its conditions."""
    role, raw = respondent
    sent = parse_sent({"answers": raw, "revision": 0}, BUNDLED)
    kept = counted_answers(BUNDLED, role, sent)
    rows = sorted(sent.answers.items())
    table = pd.DataFrame(
        {
            "respondent": ["P-1"] * len(rows),
            "unit": ["u"] * len(rows),
            "role": [role] * len(rows),
            "question": [q for q, _ in rows],
            "answer": [a for _, a in rows],
            "comment": [""] * len(rows),
        }
    )
    if rows:
        matrix = build_matrix(table, BUNDLED)
        asked = {
            qid
            for qid, state in zip(matrix.question_ids, matrix.states[0], strict=True)
            if state != NOT_ASKED
        }
    else:
        asked = set()
    assert set(kept.answers) == asked & set(sent.answers)
