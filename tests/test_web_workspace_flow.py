"""The two sides of the workspace together, over HTTP: what the consultant does on the
dashboard reaches the respondents' links, and a respondent found both in a file and on the web
is settled on the dashboard."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import sqlalchemy as sa
import yaml
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from assessment.collect.pseudonyms import engagement_key, pseudonym
from assessment.web.tables import AuditEntry, ConflictChoice
from tests.test_web_consultant import SLUG, _csrf, _served, _set_up, _settled_dashboard
from tests.web_databases import csrf_of, links_in

ANN = "ann@example.com"


def _invite(run_cli, folder: Path, tmp_path: Path) -> str:
    emails = tmp_path / "emails.txt"
    emails.write_text(ANN + "\n")
    out = tmp_path / "links.csv"
    args = ["--unit", "claims", "--role", "executive", "--emails", str(emails), "-o", str(out)]
    assert run_cli("invite", str(folder), *args).code == 0
    return links_in(out)[0]["link"]


def _save(client: TestClient, link: str, answers: dict[str, str], revision: int):
    csrf = csrf_of(client.get(link).text)
    body = {"answers": answers, "comments": {}, "revision": revision}
    return client.put(link + "/answers", json=body, headers={"X-CSRF-Token": csrf})


def test_closing_the_survey_on_the_dashboard_stops_respondents_and_reopening_lets_them_on(
    tmp_path: Path, run_cli
) -> None:
    workspace, consultant = _served(tmp_path)
    _set_up(workspace, consultant)
    link = _invite(run_cli, workspace.engagements[SLUG].folder, tmp_path)
    respondent = TestClient(consultant.app)
    csrf = {"X-CSRF-Token": csrf_of(respondent.get(link).text)}
    assert _save(respondent, link, {"STRAT-01": "3"}, 0).status_code == 200

    consultant.post(f"/e/{SLUG}/survey", data={"action": "close", "csrf": _csrf(consultant)})
    page = respondent.get(link)
    assert page.status_code == 410 and "closed" in page.text
    body = {"answers": {"STRAT-01": "4"}, "comments": {}, "revision": 1}
    assert respondent.put(link + "/answers", json=body, headers=csrf).status_code == 410
    assert respondent.post(link + "/submit", json=body, headers=csrf).status_code == 410

    consultant.post(f"/e/{SLUG}/survey", data={"action": "open", "csrf": _csrf(consultant)})
    assert _save(respondent, link, {"STRAT-01": "4"}, 1).status_code == 200


def test_a_respondent_in_a_file_and_on_the_web_is_settled_on_the_dashboard(
    tmp_path: Path, run_cli
) -> None:
    workspace, consultant = _served(tmp_path)
    _set_up(workspace, consultant)
    folder = workspace.engagements[SLUG].folder
    link = _invite(run_cli, folder, tmp_path)
    who = pseudonym(engagement_key(folder), "", ANN)
    imported = folder / "responses" / "ann.csv"
    imported.write_text(
        "respondent_id,business_unit,role,question_id,answer\n"
        f"{who},claims,executive,STRAT-01,2\n"
    )
    day_ago = (dt.datetime.now(dt.UTC) - dt.timedelta(days=1)).timestamp()
    os.utime(imported, (day_ago, day_ago))
    respondent = TestClient(consultant.app)
    csrf = csrf_of(respondent.get(link).text)
    body = {"answers": {"STRAT-01": "5"}, "comments": {}, "revision": 0}
    done = respondent.post(link + "/submit", json=body, headers={"X-CSRF-Token": csrf})
    assert done.status_code == 200

    page = _settled_dashboard(consultant)
    assert who in page and "the web answers" in page  # the later answers count until chosen
    answer = consultant.post(
        f"/e/{SLUG}/conflicts",
        data={"respondent": who, "keep": "file", "csrf": _csrf(consultant)},
    )
    assert answer.status_code == 200  # followed back to the dashboard
    with Session(workspace.engine) as session:
        choice = session.scalars(sa.select(ConflictChoice)).one()
        assert (choice.respondent_id, choice.keep) == (who, "file")
        assert "resolved conflict" in session.scalars(sa.select(AuditEntry.action)).all()
    assert who not in _settled_dashboard(consultant)
    refused = consultant.post(
        f"/e/{SLUG}/conflicts", data={"respondent": who, "keep": "both", "csrf": _csrf(consultant)}
    )
    assert refused.status_code == 422


def test_a_theme_colour_too_light_for_text_is_darkened_and_the_dashboard_says_so(
    tmp_path: Path,
) -> None:
    workspace, consultant = _served(tmp_path)
    folder = workspace.engagements[SLUG].folder
    layer = yaml.safe_load((folder / "deliverable.yaml").read_text())
    layer.setdefault("theme", {}).setdefault("colours", {})["primary"] = "#F5C400"
    (folder / "deliverable.yaml").write_text(yaml.safe_dump(layer))
    _set_up(workspace, consultant)
    notice = consultant.get(f"/e/{SLUG}").text
    assert "#F5C400 is too light for text" in notice.replace("&#39;", "'")
