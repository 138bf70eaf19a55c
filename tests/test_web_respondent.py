"""The respondent's routes over HTTP, on SQLite and on PostgreSQL: personal and open links,
autosave with revisions, submission, resuming on another device, and every refusal."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from assessment.web.app import create_app
from assessment.web.respondent_links import MISSES_ALLOWED
from assessment.web.security import MAX_BODY_BYTES
from tests.web_databases import csrf_of, form_data_of, links_in, set_survey_open


def _client(workspace) -> TestClient:
    return TestClient(create_app(workspace), follow_redirects=False)


def _invite(run_cli, folder: Path, *args: str) -> list[dict[str, str]]:
    out = folder / f"links-{len(list(folder.glob('links-*')))}.csv"
    result = run_cli("invite", str(folder), *args, "-o", str(out))
    assert result.code == 0, result.err
    return links_in(out)


def _open_link(run_cli, folder: Path, unit: str, role: str) -> str:
    result = run_cli("invite", str(folder), "--unit", unit, "--role", role, "--open")
    assert result.code == 0, result.err
    return result.out.split("open link (shown once): ")[1].strip()


def test_a_named_link_saves_resumes_on_another_device_and_resubmits(
    mini_workspace, mini_copy: Path, run_cli, tmp_path: Path
) -> None:
    emails = tmp_path / "emails.txt"
    emails.write_text("ann@example.com\n")
    (row,) = _invite(
        run_cli, mini_copy, "--unit", "south", "--role", "data_it", "--emails", str(emails)
    )
    assert row["email"] == "ann@example.com" and row["link"].startswith("/s/mini/i/")
    phone, laptop = _client(mini_workspace), _client(mini_workspace)

    page = phone.get(row["link"])
    assert page.status_code == 200
    data = form_data_of(page.text)  # the shared form builds the page from it (no ids shown)
    texts = [q["text"] for d in data["dimensions"] for q in d["questions"]]
    assert "First alpha question?" in texts and (data["unit"], data["role"]) == (
        "south",
        "data_it",
    )
    assert '<script src="/static/form.js">' in page.text and "<style>" not in page.text
    csrf = csrf_of(page.text)
    saved = phone.put(
        row["link"] + "/answers",
        json={"answers": {"A-01": "4"}, "comments": {}, "revision": 0},
        headers={"X-CSRF-Token": csrf},
    )
    assert saved.status_code == 200 and saved.json()["revision"] == 1

    resumed = laptop.get(row["link"])  # the same link on another device shows the answer
    resumed_form = form_data_of(resumed.text)["web"]
    assert (resumed_form["answers"], resumed_form["revision"]) == ({"A-01": "4"}, 1)
    stale = laptop.put(
        row["link"] + "/answers",
        json={"answers": {"A-01": "2"}, "revision": 0},
        headers={"X-CSRF-Token": csrf_of(resumed.text)},
    )
    assert stale.status_code == 409 and "error" in stale.json()

    body = {"answers": {"A-01": "4", "A-02": "5"}, "comments": {}, "revision": 1}
    done = laptop.post(row["link"] + "/submit", json=body, headers={"X-CSRF-Token": csrf})
    assert done.status_code == 200 and done.json() == {"state": "submitted", "editable": True}
    again = laptop.get(row["link"])
    again_form = form_data_of(again.text)["web"]
    assert again_form["state"] == "submitted" and again_form["editable_after_submit"]
    body = {"answers": {"A-01": "3"}, "revision": 2}
    assert laptop.post(row["link"] + "/submit", json=body, headers={"X-CSRF-Token": csrf}).json()[
        "editable"
    ]

    set_survey_open(mini_workspace, False)
    closed = laptop.get(row["link"])
    assert closed.status_code == 410 and "closed" in closed.text
    body = {"answers": {"A-01": "1"}, "revision": 3}
    refused = laptop.put(row["link"] + "/answers", json=body, headers={"X-CSRF-Token": csrf})
    assert refused.status_code == 410
    assert (
        laptop.post(row["link"] + "/submit", json=body, headers={"X-CSRF-Token": csrf}).status_code
        == 410
    )


def test_writes_are_refused_without_the_right_csrf_token_or_with_bad_answers(
    mini_workspace, mini_copy: Path, run_cli
) -> None:
    (row,) = _invite(run_cli, mini_copy, "--unit", "north", "--role", "business", "--count", "1")
    client = _client(mini_workspace)
    csrf = csrf_of(client.get(row["link"]).text)
    body = {"answers": {"A-01": "4"}, "revision": 0}
    assert client.put(row["link"] + "/answers", json=body).status_code == 403
    wrong = {"X-CSRF-Token": "0" * 64}
    assert client.put(row["link"] + "/answers", json=body, headers=wrong).status_code == 403
    assert client.post(row["link"] + "/submit", json=body, headers=wrong).status_code == 403
    # Another link's token does not open this one.
    (other,) = _invite(run_cli, mini_copy, "--unit", "north", "--role", "business", "--count", "1")
    other_csrf = csrf_of(client.get(other["link"]).text)
    assert other_csrf != csrf
    headers = {"X-CSRF-Token": other_csrf}
    assert client.put(row["link"] + "/answers", json=body, headers=headers).status_code == 403

    headers = {"X-CSRF-Token": csrf}
    for answers, field in (
        ({"Z-99": "1"}, "answers.Z-99"),
        ({"A-01": "7"}, "answers.A-01"),
        ({"B-02": ["1"]}, "answers"),
    ):
        refused = client.put(
            row["link"] + "/answers", json={"answers": answers, "revision": 0}, headers=headers
        )
        assert refused.status_code == 422 and refused.json()["field"] == field
    no_revision = client.put(row["link"] + "/answers", json={"answers": {}}, headers=headers)
    assert no_revision.status_code == 422 and no_revision.json()["field"] == "revision"
    huge = {"answers": {"A-90": "x" * MAX_BODY_BYTES}, "revision": 0}
    assert client.put(row["link"] + "/answers", json=huge, headers=headers).status_code == 413
    # A draft may be incomplete: one answer of many is accepted.
    assert client.put(row["link"] + "/answers", json=body, headers=headers).status_code == 200


def test_a_wrong_link_is_404_without_a_hint_and_guessing_is_rate_limited(
    mini_workspace, mini_copy: Path, run_cli
) -> None:
    (row,) = _invite(run_cli, mini_copy, "--unit", "north", "--role", "business", "--count", "1")
    client = _client(mini_workspace)
    never = client.get("/s/mini/i/" + "x" * 43)
    other_engagement = client.get(row["link"].replace("/s/mini/", "/s/other/"))
    wrong_kind = client.get(row["link"].replace("/i/", "/o/"))
    assert never.status_code == wrong_kind.status_code == other_engagement.status_code == 404
    assert never.text == wrong_kind.text
    for _ in range(MISSES_ALLOWED - 3):
        assert client.get("/s/mini/o/" + "y" * 43).status_code == 404
    limited = client.get("/s/mini/o/" + "z" * 43)
    assert limited.status_code == 429 and int(limited.headers["retry-after"]) > 0
    # Past the limit, even the right link is refused: a right guess looks like a wrong one.
    assert client.get(row["link"]).status_code == 429
    assert client.put(row["link"] + "/answers", json={}).status_code == 429


def test_an_open_link_keeps_its_draft_in_a_cookie_and_a_resume_link(
    mini_workspace, mini_copy: Path, run_cli
) -> None:
    link = _open_link(run_cli, mini_copy, "north", "executive")
    client = _client(mini_workspace)
    start = client.get(link)
    assert start.status_code == 303
    draft_url = start.headers["location"]
    assert draft_url.startswith(link + "/d/")
    cookie = start.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and f"path={link.lower()}" in cookie
    assert "secure" not in cookie  # no TLS in front of this test server
    assert client.get(link).headers["location"] == draft_url  # the cookie resumes the draft
    page = client.get(draft_url)
    web = form_data_of(page.text)["web"]
    assert web["anonymous"] and not web["editable_after_submit"]  # the form says so
    assert f'href="http://testserver{draft_url}"' in page.text  # the resume link, shown
    csrf = csrf_of(page.text)

    elsewhere = _client(mini_workspace)  # the resume link works without the cookie
    body = {"answers": {"A-01": "2"}, "revision": 0}
    saved = elsewhere.put(draft_url + "/answers", json=body, headers={"X-CSRF-Token": csrf})
    assert saved.status_code == 200
    assert elsewhere.get(link).headers["location"] != draft_url  # no cookie: a new draft

    body = {"answers": {"A-01": "2"}, "revision": 1}
    done = client.post(draft_url + "/submit", json=body, headers={"X-CSRF-Token": csrf})
    assert done.json() == {"state": "submitted", "editable": False}
    assert "readiness_draft=" in done.headers["set-cookie"]  # the cookie is cleared
    assert client.get(draft_url).status_code == 404  # nothing left to resume or change
    assert (
        client.post(draft_url + "/submit", json=body, headers={"X-CSRF-Token": csrf}).status_code
        == 404
    )


def test_replacing_an_open_link_stops_new_drafts_but_resumes_old_ones(
    mini_workspace, mini_copy: Path, run_cli
) -> None:
    first = _open_link(run_cli, mini_copy, "north", "executive")
    client = _client(mini_workspace)
    draft_url = client.get(first).headers["location"]
    result = run_cli("invite", str(mini_copy), "--unit", "north", "--role", "executive", "--open")
    assert "replaced the earlier open link" in result.out
    assert _client(mini_workspace).get(first).status_code == 404
    assert client.get(draft_url).status_code == 200


def test_behind_a_proxy_on_this_machine_guessing_counts_per_forwarded_client(
    mini_workspace,
) -> None:
    """uvicorn takes X-Forwarded-For from a proxy at 127.0.0.1 (docs/deployment.md), so one
    guesser behind the proxy does not lock out everyone else behind it."""
    import httpx

    from tests.web_databases import serving

    guesser, colleague = {"X-Forwarded-For": "203.0.113.7"}, {"X-Forwarded-For": "203.0.113.8"}
    with serving(mini_workspace) as base, httpx.Client(base_url=base) as client:
        for _ in range(MISSES_ALLOWED):
            assert client.get("/s/mini/i/" + "x" * 43, headers=guesser).status_code == 404
        assert client.get("/s/mini/i/" + "y" * 43, headers=guesser).status_code == 429
        assert client.get("/s/mini/i/" + "y" * 43, headers=colleague).status_code == 404
