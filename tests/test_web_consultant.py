"""The consultant's side of the workspace over HTTP: set-up, sign-in, sessions, CSRF, the
dashboard's figures and progress, the survey's state, renders and the audit log."""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import shutil
import socket
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient
from markupsafe import escape as html_escape
from sqlalchemy.orm import Session

from assessment.cli import main
from assessment.common.formatting import percent_text, score_text, whole_text
from assessment.web import auth
from assessment.web.app import Workspace, create_app
from assessment.web.dashboard_cache import FIGURES
from assessment.web.renders import renders_dir
from assessment.web.server import ServeSettings, build_workspace, server_address, start_notices
from assessment.web.setup_link import issue_setup_link
from assessment.web.tables import (
    AuditEntry,
    Consultant,
    Draft,
    EngagementRow,
    Invitation,
    RenderJob,
    SignInSession,
    Submission,
)
from assessment.web.tokens import new_token, token_hash

EXAMPLE = Path(__file__).parent.parent / "examples" / "northwind"
PASSWORD = "correct horse battery"
EMAIL = "lead@firm.example"
SLUG = "northwind"


def _copy(target: Path) -> Path:
    shutil.copytree(EXAMPLE, target, ignore=shutil.ignore_patterns(".readiness"))
    return target


def _served(tmp_path: Path, secure: bool = False) -> tuple[Workspace, TestClient]:
    folder = _copy(tmp_path / "Northwind")
    workspace = build_workspace(
        ServeSettings(folder=str(folder), workspace=None, database=None, secure_cookies=secure)
    )
    base = "https://testserver" if secure else "http://testserver"
    return workspace, TestClient(create_app(workspace), base_url=base)


def _field(html: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]+)"', html)
    assert found, f"no {name} field"
    return found.group(1)


def _set_up(workspace: Workspace, client: TestClient, email: str = EMAIL) -> None:
    link = issue_setup_link(workspace.engine)
    assert link is not None
    form = client.get(f"/setup/{link}")
    answer = client.post(
        f"/setup/{link}",
        data={
            "email": email,
            "password": PASSWORD,
            "again": PASSWORD,
            "token": _field(form.text, "token"),
        },
        follow_redirects=False,
    )
    assert answer.status_code == 303 and answer.headers["location"] == f"/e/{SLUG}"


def _csrf(client: TestClient) -> str:
    return _field(client.get(f"/e/{SLUG}").text, "csrf")


def _sign_in(client: TestClient, email: str, password: str) -> int:
    form = client.get("/sign-in")
    token = _field(form.text, "token") if form.status_code == 200 else ""
    answer = client.post(
        "/sign-in",
        data={"email": email, "password": password, "token": token},
        follow_redirects=False,
    )
    return answer.status_code


@pytest.fixture
def signed_in(tmp_path: Path) -> tuple[Workspace, TestClient]:
    workspace, client = _served(tmp_path)
    _set_up(workspace, client)
    return workspace, client


# --- set-up link ---------------------------------------------------------------------------


def test_serve_prints_a_set_up_link_on_stderr_and_a_restart_voids_the_old_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _copy(tmp_path / "Northwind")
    monkeypatch.setattr("assessment.web.server.serve", lambda *args: None)
    links = []
    for _ in range(2):
        assert main(["serve", str(folder), "--port", "8123"]) == 0
        out, err = capsys.readouterr()
        found = re.findall(r"http://127\.0\.0\.1:8123/setup/(\S+)", err)
        assert len(found) == 1 and found[0] not in out
        links.append(found[0])
    workspace = build_workspace(ServeSettings(folder=str(folder), workspace=None, database=None))
    client = TestClient(create_app(workspace))
    assert client.get(f"/setup/{links[0]}").status_code == 410  # voided by the restart
    assert client.get(f"/setup/{links[1]}").status_code == 200
    assert client.get("/").status_code == 200  # says how to set up, nothing more
    # The database keeps hashes only.
    with workspace.engine.connect() as connection:
        stored = connection.exec_driver_sql("SELECT token_hash FROM setup_links").scalars().all()
    assert stored == [token_hash(links[1])]


def test_the_set_up_link_works_once_and_not_after_an_account_exists(tmp_path: Path) -> None:
    workspace, client = _served(tmp_path)
    link = issue_setup_link(workspace.engine)
    assert link is not None
    form = client.get(f"/setup/{link}")
    short = client.post(
        f"/setup/{link}",
        data={
            "email": EMAIL,
            "password": "short",
            "again": "short",
            "token": _field(form.text, "token"),
        },
    )
    assert short.status_code == 400 and "at least 12 characters" in short.text
    data = {
        "email": EMAIL,
        "password": PASSWORD,
        "again": PASSWORD,
        "token": _field(form.text, "token"),
    }
    assert client.post(f"/setup/{link}", data=data, follow_redirects=False).status_code == 303
    assert client.post(f"/setup/{link}", data=data).status_code == 410  # reused
    assert issue_setup_link(workspace.engine) is None  # a restart prints no link now
    with Session(workspace.engine) as session:
        consultant = session.scalars(sa.select(Consultant)).one()
        assert consultant.password_hash.startswith("$argon2id$")
        assert PASSWORD not in consultant.password_hash


# --- sign-in ---------------------------------------------------------------------------------


def test_sign_in_answers_alike_for_an_unknown_e_mail_and_a_wrong_password(
    signed_in: tuple[Workspace, TestClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace, _ = signed_in
    checked: list[str] = []
    real = auth._hasher

    class Counting:
        def verify(self, stored: str, given: str) -> bool:
            checked.append(stored)
            return real.verify(stored, given)

        def __getattr__(self, name: str) -> object:
            return getattr(real, name)

    monkeypatch.setattr(auth, "_hasher", Counting())
    answers = []
    for email in (EMAIL, "nobody@firm.example"):
        client = TestClient(create_app(workspace))
        form = client.get("/sign-in")
        answer = client.post(
            "/sign-in",
            data={
                "email": email,
                "password": "wrong password!",
                "token": _field(form.text, "token"),
            },
        )
        same = answer.text.replace(email, "E-MAIL").replace(_field(form.text, "token"), "T")
        answers.append((answer.status_code, same))
        assert "readiness_session" not in answer.headers.get("set-cookie", "")
    assert answers[0] == answers[1] and answers[0][0] == 401
    assert len(checked) == 2  # an argon2 check both times: the unknown e-mail takes as long
    client = TestClient(create_app(workspace))
    assert _sign_in(client, EMAIL.upper(), PASSWORD) == 303  # e-mail case does not matter
    assert client.get(f"/e/{SLUG}").status_code == 200


def test_sign_in_is_rate_limited_per_account_and_per_address(
    signed_in: tuple[Workspace, TestClient], monkeypatch: pytest.MonkeyPatch
) -> None:
    workspace, _ = signed_in
    # Small limits keep the test short; one long window keeps it off a window's edge.
    monkeypatch.setattr("assessment.web.consultant_routes.SIGN_IN_PER_ACCOUNT", 3)
    monkeypatch.setattr("assessment.web.consultant_routes.SIGN_IN_PER_ADDRESS", 5)
    monkeypatch.setattr("assessment.web.consultant_routes.SIGN_IN_WINDOW", 10**9)
    one = TestClient(create_app(workspace), client=("192.0.2.1", 5000))
    assert [_sign_in(one, EMAIL, "guess number one") for _ in range(4)] == [401] * 3 + [429]
    other = TestClient(create_app(workspace), client=("192.0.2.2", 5000))
    assert _sign_in(other, EMAIL, PASSWORD) == 429  # the account is held, from anywhere
    # One address trying many accounts is held by the address's own limit.
    codes = [_sign_in(other, f"n{i}@firm.example", "guess number one") for i in range(5)]
    assert codes == [401] * 4 + [429]


def test_sign_in_and_set_up_forms_need_their_form_token(
    signed_in: tuple[Workspace, TestClient],
) -> None:
    workspace, _ = signed_in
    client = TestClient(create_app(workspace))
    client.get("/sign-in")
    for token in (None, "forged"):
        data = {"email": EMAIL, "password": PASSWORD}
        if token:
            data["token"] = token
        assert client.post("/sign-in", data=data, follow_redirects=False).status_code == 403


def test_session_cookie_is_httponly_strict_and_secure_behind_tls(tmp_path: Path) -> None:
    workspace, client = _served(tmp_path / "plain")
    _set_up(workspace, client)
    cookie = client.cookies.jar
    plain = next(c for c in cookie if c.name == "readiness_session")
    assert plain.has_nonstandard_attr("HttpOnly") and not plain.secure
    workspace, client = _served(tmp_path / "tls", secure=True)
    link = issue_setup_link(workspace.engine)
    form = client.get(f"/setup/{link}")
    answer = client.post(
        f"/setup/{link}",
        data={
            "email": EMAIL,
            "password": PASSWORD,
            "again": PASSWORD,
            "token": _field(form.text, "token"),
        },
        follow_redirects=False,
    )
    header = answer.headers["set-cookie"]
    assert header.startswith("__Host-readiness_session=")
    assert "HttpOnly" in header and "Secure" in header and "SameSite=strict" in header
    with Session(workspace.engine) as session:  # the id is kept only as a hash
        stored = session.scalars(sa.select(SignInSession.id_hash)).one()
    secret = header.split(";")[0].split("=", 1)[1]
    assert stored == token_hash(secret) and stored != secret


def test_sign_out_ends_the_session_for_good(signed_in: tuple[Workspace, TestClient]) -> None:
    workspace, client = signed_in
    cookie = client.cookies.get("readiness_session")
    answer = client.post("/sign-out", data={"csrf": _csrf(client)}, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/sign-in"
    with Session(workspace.engine) as session:
        assert session.scalar(sa.select(sa.func.count()).select_from(SignInSession)) == 0
    replay = TestClient(create_app(workspace), cookies={"readiness_session": cookie})
    assert replay.get(f"/e/{SLUG}", follow_redirects=False).status_code == 303


def test_an_expired_session_signs_nobody_in(signed_in: tuple[Workspace, TestClient]) -> None:
    workspace, client = signed_in
    with Session(workspace.engine) as session, session.begin():
        session.execute(
            sa.update(SignInSession).values(
                expires_at=dt.datetime.now(dt.UTC) - dt.timedelta(seconds=1)
            )
        )
    assert client.get(f"/e/{SLUG}", follow_redirects=False).status_code == 303


# --- refusals --------------------------------------------------------------------------------

ADMIN_GETS = [
    "/engagements",
    f"/e/{SLUG}",
    f"/e/{SLUG}/figures",
    f"/e/{SLUG}/renders/1",
    f"/e/{SLUG}/renders/1/state",
    f"/e/{SLUG}/renders/1/file",
    "/consultants",
    "/audit",
]
ADMIN_POSTS = ["/sign-out", f"/e/{SLUG}/survey", f"/e/{SLUG}/renders", "/consultants"]


def test_every_admin_route_sends_the_signed_out_to_sign_in(
    signed_in: tuple[Workspace, TestClient],
) -> None:
    workspace, _ = signed_in
    stranger = TestClient(create_app(workspace))
    for path in ADMIN_GETS:
        page = stranger.get(path, follow_redirects=False)
        assert (page.status_code, page.headers.get("location")) == (303, "/sign-in"), path
        data = stranger.get(path, headers={"Accept": "application/json"}, follow_redirects=False)
        assert data.status_code == 401, path
    for path in ADMIN_POSTS:
        answer = stranger.post(
            path, data={"action": "close", "kind": "report"}, follow_redirects=False
        )
        assert (answer.status_code, answer.headers.get("location")) == (303, "/sign-in"), path
    with Session(workspace.engine) as session:  # nothing happened
        assert session.get(EngagementRow, workspace.engagements[SLUG].id).survey_open  # type: ignore[union-attr]
        assert session.scalar(sa.select(sa.func.count()).select_from(RenderJob)) == 0


def test_every_consultant_form_refuses_a_missing_or_wrong_csrf_token(
    signed_in: tuple[Workspace, TestClient],
) -> None:
    workspace, client = signed_in
    forms = {
        f"/e/{SLUG}/survey": {"action": "close"},
        f"/e/{SLUG}/renders": {"kind": "report"},
        "/consultants": {"email": "b@firm.example", "password": PASSWORD, "again": PASSWORD},
        "/sign-out": {},
    }
    for path, data in forms.items():
        for csrf in (None, "wrong", new_token()):
            sent = dict(data) if csrf is None else {**data, "csrf": csrf}
            assert client.post(path, data=sent).status_code == 403, (path, csrf)
    with Session(workspace.engine) as session:
        assert session.get(EngagementRow, workspace.engagements[SLUG].id).survey_open  # type: ignore[union-attr]
        assert session.scalar(sa.select(sa.func.count()).select_from(RenderJob)) == 0
        assert session.scalar(sa.select(sa.func.count()).select_from(Consultant)) == 1
    assert client.get(f"/e/{SLUG}").status_code == 200  # still signed in


def test_an_unknown_engagement_or_document_is_not_found(
    signed_in: tuple[Workspace, TestClient],
) -> None:
    _, client = signed_in
    assert client.get("/e/elsewhere").status_code == 404
    answer = client.post(f"/e/{SLUG}/renders", data={"kind": "../../etc", "csrf": _csrf(client)})
    assert answer.status_code == 404


def test_nothing_secret_reaches_the_logs(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    caplog.set_level(logging.DEBUG)
    workspace, client = _served(tmp_path)
    _set_up(workspace, client)
    _sign_in(TestClient(create_app(workspace)), EMAIL, PASSWORD)
    session_id = client.cookies.get("readiness_session")
    logged = caplog.text + "".join(capsys.readouterr())
    assert PASSWORD not in logged and session_id not in logged


# --- consultants, survey and audit -------------------------------------------------------------


def test_a_signed_in_consultant_adds_another_who_can_then_sign_in(
    signed_in: tuple[Workspace, TestClient],
) -> None:
    workspace, client = signed_in
    csrf = _csrf(client)
    data = {"email": "second@firm.example", "password": PASSWORD, "again": PASSWORD, "csrf": csrf}
    added = client.post("/consultants", data=data)
    assert added.status_code == 200 and "Account created for second@firm.example" in added.text
    again = client.post("/consultants", data=data)
    assert again.status_code == 400 and "exists already" in again.text
    assert _sign_in(TestClient(create_app(workspace)), "second@firm.example", PASSWORD) == 303


def test_closing_and_reopening_the_survey_is_audited_with_the_change(
    signed_in: tuple[Workspace, TestClient],
) -> None:
    workspace, client = signed_in
    engagement_id = workspace.engagements[SLUG].id
    for action, open_after in (("close", False), ("close", False), ("open", True)):
        answer = client.post(f"/e/{SLUG}/survey", data={"action": action, "csrf": _csrf(client)})
        assert answer.status_code == 200
        with Session(workspace.engine) as session:
            row = session.get(EngagementRow, engagement_id)
            assert row is not None and row.survey_open is open_after
        assert ("survey is <strong>open</strong>" in answer.text) is open_after
    with Session(workspace.engine) as session:
        actions = session.scalars(
            sa.select(AuditEntry.action)
            .where(AuditEntry.engagement_id == engagement_id)
            .order_by(AuditEntry.id)
        ).all()
    assert actions == ["closed the survey", "reopened the survey"]  # closing twice is one change
    log = client.get("/audit").text
    assert log.index("reopened the survey") < log.index("closed the survey")  # newest first
    assert EMAIL in log and "signed in" not in log.split("closed the survey")[0][-200:]


def test_score_adjustments_made_in_the_deliverable_file_are_audited_once_each(
    signed_in: tuple[Workspace, TestClient],
) -> None:
    workspace, client = signed_in
    engagement = workspace.engagements[SLUG]
    _settled_dashboard(client)
    deliverable = engagement.folder / "deliverable.yaml"
    before = deliverable.read_text(encoding="utf-8")
    deliverable.write_text(
        before + "overrides:\n  - {dimension: data, score: 2.5, author: Dana Reyes, "
        "date: 2026-11-20, rationale: <b>catalogue</b> delivered after the survey}\n",
        encoding="utf-8",
    )
    _settled_dashboard(client)
    _settled_dashboard(client)  # seen again: nothing new to record
    deliverable.write_text(before, encoding="utf-8")
    _settled_dashboard(client)
    with Session(workspace.engine) as session:
        entries = session.execute(
            sa.select(AuditEntry.action, AuditEntry.detail)
            .where(AuditEntry.engagement_id == engagement.id, AuditEntry.action.like("score%"))
            .order_by(AuditEntry.id)
        ).all()
    adjusted = (
        "Data readiness: 1.9 to 2.5, by Dana Reyes on 2026-11-20 (deliverable.yaml): "
        "<b>catalogue</b> delivered after the survey"
    )
    assert [tuple(e) for e in entries] == [
        ("score adjusted", adjusted),
        ("score adjustment withdrawn", adjusted),
    ]
    log = client.get("/audit").text
    assert "&lt;b&gt;catalogue&lt;/b&gt;" in log and "<b>catalogue" not in log


# --- dashboard -------------------------------------------------------------------------------


def _settled_dashboard(client: TestClient, timeout: float = 120) -> str:
    """The dashboard once the background refresh has produced figures for the answers."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = client.get(f"/e/{SLUG}/figures", headers={"Accept": "application/json"}).json()
        if state["final"]:
            return client.get(f"/e/{SLUG}").text
        time.sleep(0.3)
    raise AssertionError("the dashboard's figures never settled")


def test_the_dashboard_shows_the_figures_of_readiness_score(
    signed_in: tuple[Workspace, TestClient], run_cli
) -> None:
    workspace, client = signed_in
    first = client.get(f"/e/{SLUG}").text
    assert "Updating" in first  # the page did not wait for scoring
    html = _settled_dashboard(client)
    assert "Updating" not in html
    folder = workspace.engagements[SLUG].folder
    scored = run_cli("score", str(folder), "--json")
    results = json.loads(scored.out)
    overall = results["overall"]
    assert (
        f"Readiness index <strong>{whole_text(overall['index'])}/100</strong> ({overall['band']})"
        in html
    )
    for d in results["dimensions"]:
        row = html.split(f'<th scope="row">{d["name"]}</th>', 1)[1].split("</tr>", 1)[0]
        cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
        low, high = d["confidence_interval"]
        assert cells[0] == score_text(d["score"])
        assert cells[1] == f"{score_text(low)} to {score_text(high)}"
        assert cells[2] == f"{d['level']} {d['level_name']}"
        assert cells[5] == percent_text(d["coverage"])
        # A gated dimension says what holds it down and where its gap counts from.
        held = [q["text"] for q in results["questions"] if q["question_id"] in d["capped_by"]]
        for text in held:
            assert str(html_escape(text)) in cells[6]
        assert ("the gap counts from " + score_text(d["gap_from"]) in cells[6]) == bool(held)
    assert any(d["capped_by"] for d in results["dimensions"])  # the example has one
    for warning in results["warnings"]:
        assert warning in html
    assert f"from {results['participation']['respondents']} respondents" in html


def test_new_answers_refresh_the_figures_in_the_background(
    signed_in: tuple[Workspace, TestClient],
) -> None:
    workspace, client = signed_in
    _settled_dashboard(client)
    engagement = workspace.engagements[SLUG]
    responses = engagement.folder / "responses" / "claims.csv"
    lines = responses.read_text(encoding="utf-8").splitlines(keepends=True)
    responses.write_text("".join(lines[:1] + lines[1:][: len(lines) // 2]), encoding="utf-8")
    with Session(workspace.engine) as session:
        state = FIGURES.state(session, engagement)
    assert state.updating and state.figures is not None  # old figures stay shown meanwhile
    html = _settled_dashboard(client)
    with Session(workspace.engine) as session:
        fresh = FIGURES.state(session, engagement).figures
    assert fresh is not None and fresh.results.participation.respondents < 43
    assert f"from {fresh.results.participation.respondents} respondents" in html


def test_a_scoring_problem_is_shown_with_the_older_figures(
    signed_in: tuple[Workspace, TestClient],
) -> None:
    workspace, client = signed_in
    _settled_dashboard(client)
    folder = workspace.engagements[SLUG].folder
    (folder / "responses" / "broken.csv").write_text("not,a\nresponse,file\n", encoding="utf-8")
    html = _settled_dashboard(client)
    assert "could not be scored; the figures shown are older" in html
    assert "broken.csv" in html and "Traceback" not in html
    assert "Readiness index" in html


def test_progress_and_who_has_not_answered_come_from_the_tables(
    signed_in: tuple[Workspace, TestClient],
) -> None:
    workspace, client = signed_in
    engagement_id = workspace.engagements[SLUG].id
    now = dt.datetime.now(dt.UTC)

    def invitation(status: str, email: str | None, anonymous: bool = False) -> Invitation:
        return Invitation(
            engagement_id=engagement_id,
            unit="claims",
            role="executive",
            token_hash=token_hash(new_token()),
            email=email,
            anonymous=anonymous,
            status=status,
            created_at=now,
        )

    with Session(workspace.engine) as session, session.begin():
        session.add_all(
            [
                invitation("invited", "<b>ann</b>@claims.example"),
                invitation("started", "bob@claims.example"),
                invitation("submitted", "cy@claims.example"),
                invitation("invited", None, anonymous=True),
                invitation("started", None, anonymous=True),
                invitation("submitted", None, anonymous=True),
                Draft(
                    engagement_id=engagement_id,
                    draft_key_hash=token_hash(new_token()),
                    unit="claims",
                    role="executive",
                    updated_at=now,
                ),
                Submission(
                    engagement_id=engagement_id,
                    respondent_id="W1",
                    unit="claims",
                    role="executive",
                    answers="{}",
                    comments="{}",
                    revision=1,
                    submitted_at=now,
                ),
            ]
        )
    html = _settled_dashboard(client)
    claims = html.split('class="group">Claims</th>', 1)[1].split("</tbody>", 1)[0]
    row = claims.split('class="role">Executive</th>', 1)[1].split("</tr>", 1)[0]
    assert re.findall(r'<td class="num"[^>]*>(\d+)</td>', row) == ["6", "2", "2", "1", "1", "2"]
    assert "&lt;b&gt;ann&lt;/b&gt;@claims.example" in html and "<b>ann</b>" not in html
    assert "bob@claims.example" in html and "cy@claims.example" not in html
    anonymous = html.split("Not submitted, counted only", 1)[1].split("</table>", 1)[0]
    assert re.findall(r'<td class="num">(\d+)</td>', anonymous) == ["2"]


def test_several_engagements_are_listed_and_each_has_its_dashboard(tmp_path: Path) -> None:
    for name in ("alpha", "beta"):
        _copy(tmp_path / "all" / name)
    workspace = build_workspace(
        ServeSettings(folder=None, workspace=str(tmp_path / "all"), database=None)
    )
    client = TestClient(create_app(workspace))
    link = issue_setup_link(workspace.engine)
    form = client.get(f"/setup/{link}")
    client.post(
        f"/setup/{link}",
        data={
            "email": EMAIL,
            "password": PASSWORD,
            "again": PASSWORD,
            "token": _field(form.text, "token"),
        },
    )
    listing = client.get("/engagements").text
    assert 'href="/e/alpha"' in listing and 'href="/e/beta"' in listing
    assert client.get("/", follow_redirects=False).headers["location"] == "/engagements"


# --- renders ---------------------------------------------------------------------------------


def test_a_file_of_another_engagement_or_an_unfinished_job_is_never_served(tmp_path: Path) -> None:
    for name in ("alpha", "beta"):
        _copy(tmp_path / "all" / name)
    workspace = build_workspace(
        ServeSettings(folder=None, workspace=str(tmp_path / "all"), database=None)
    )
    client = TestClient(create_app(workspace))
    link = issue_setup_link(workspace.engine)
    form = client.get(f"/setup/{link}")
    client.post(
        f"/setup/{link}",
        data={
            "email": EMAIL,
            "password": PASSWORD,
            "again": PASSWORD,
            "token": _field(form.text, "token"),
        },
    )
    alpha = workspace.engagements["alpha"]
    folder = renders_dir(alpha.folder)
    folder.mkdir(parents=True)
    (folder / "report-x.pdf").write_bytes(b"%PDF-1.7 alpha's report")
    now = dt.datetime.now(dt.UTC)
    with Session(workspace.engine) as session, session.begin():
        done = RenderJob(
            engagement_id=alpha.id,
            kind="report",
            status="done",
            progress=100,
            file_path="report-x.pdf",
            created_at=now,
            finished_at=now,
        )
        running = RenderJob(
            engagement_id=alpha.id,
            kind="report",
            status="running",
            progress=10,
            file_path="report-x.pdf",
            created_at=now,
        )
        session.add_all([done, running])
        session.flush()
        done_id, running_id = done.id, running.id
    assert client.get(f"/e/alpha/renders/{done_id}/file").content.startswith(b"%PDF")
    assert client.get(f"/e/beta/renders/{done_id}/file").status_code == 404
    assert client.get(f"/e/beta/renders/{done_id}").status_code == 404
    assert client.get(f"/e/alpha/renders/{running_id}/file").status_code == 404


def test_a_report_render_runs_to_done_and_downloads_as_a_pdf(
    signed_in: tuple[Workspace, TestClient],
) -> None:
    workspace, client = signed_in
    answer = client.post(
        f"/e/{SLUG}/renders", data={"kind": "report", "csrf": _csrf(client)}, follow_redirects=False
    )
    assert answer.status_code == 303
    page = answer.headers["location"]
    assert "<progress" in client.get(page).text
    deadline = time.monotonic() + 600
    state: dict[str, object] = {}
    while time.monotonic() < deadline:
        state = client.get(f"{page}/state", headers={"Accept": "application/json"}).json()
        if state["final"]:
            break
        time.sleep(1)
    assert state["state"] == "done", client.get(page).text
    assert "Download the report" in client.get(page).text
    download = client.get(f"{page}/file")
    assert download.status_code == 200 and download.content.startswith(b"%PDF")
    assert download.headers["content-disposition"].startswith("attachment")
    assert download.headers["content-type"] == "application/pdf"
    files = list(renders_dir(workspace.engagements[SLUG].folder).iterdir())
    assert [f.suffix for f in files] == [".pdf"]
    with Session(workspace.engine) as session:
        audit = session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "render")).one()
        assert audit.detail == "Report"


def test_renders_left_running_by_a_stopped_server_are_marked_failed(
    signed_in: tuple[Workspace, TestClient],
) -> None:
    workspace, client = signed_in
    now = dt.datetime.now(dt.UTC)
    with Session(workspace.engine) as session, session.begin():
        job = RenderJob(
            engagement_id=workspace.engagements[SLUG].id,
            kind="deck",
            status="running",
            progress=10,
            created_at=now,
        )
        session.add(job)
        session.flush()
        job_id = job.id
    notices = start_notices(workspace, "127.0.0.1", 8000)
    assert notices == ["Renders left unfinished by the last stop are marked failed."]
    # Listening on every interface, the address shown is this machine's, never 0.0.0.0.
    assert server_address("0.0.0.0", 8000) == f"http://{socket.gethostname()}:8000"
    assert server_address("::1", 8000) == "http://[::1]:8000"
    page = client.get(f"/e/{SLUG}/renders/{job_id}").text
    assert "The render failed" in page and "server stopped" in page
