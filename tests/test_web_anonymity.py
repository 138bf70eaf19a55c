"""Anonymous mode: after submission the database holds no path from a link's token, the
e-mail it was sent to or the draft key to the answers. Every table is read in full."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa
from fastapi.testclient import TestClient

from assessment.collect.pseudonyms import engagement_key, pseudonym
from assessment.web.app import create_app
from assessment.web.tokens import token_hash
from tests.conftest import MINI
from tests.web_databases import csrf_of, links_in, serve_engagement


@pytest.fixture
def workspace(tmp_path: Path, database_url: str):
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    served = serve_engagement(folder, database_url)
    yield served
    served.engine.dispose()


def _every_value(engine: sa.Engine) -> dict[str, list[dict[str, object]]]:
    metadata = sa.MetaData()
    metadata.reflect(engine)
    with engine.connect() as connection:
        return {
            name: [dict(row._mapping) for row in connection.execute(sa.select(table))]
            for name, table in metadata.tables.items()
        }


def _answer(client: TestClient, link: str, answers: dict[str, str]) -> str:
    """Open an anonymous link, save once, submit; the draft key used."""
    draft_url = client.get(link).headers["location"]
    csrf = csrf_of(client.get(draft_url).text)
    body = {"answers": answers, "comments": {"A-01": "my own words"}, "revision": 0}
    assert (
        client.put(draft_url + "/answers", json=body, headers={"X-CSRF-Token": csrf}).status_code
        == 200
    )
    body["revision"] = 1
    done = client.post(draft_url + "/submit", json=body, headers={"X-CSRF-Token": csrf})
    assert done.json() == {"state": "submitted", "editable": False}
    return urlsplit(draft_url).path.rsplit("/", 1)[1]


def test_no_path_from_token_email_or_draft_key_to_anonymous_answers(
    workspace, run_cli, tmp_path: Path
) -> None:
    (served,) = workspace.engagements.values()
    folder = served.folder
    emails = tmp_path / "emails.txt"
    emails.write_text("carol@example.com\n")
    out = tmp_path / "links.csv"
    args = ["--unit", "north", "--role", "executive", "--anonymous", "--emails", str(emails)]
    assert run_cli("invite", str(folder), *args, "-o", str(out)).code == 0
    (row,) = links_in(out)
    opened = run_cli("invite", str(folder), "--unit", "south", "--role", "business", "--open")
    open_link = opened.out.split("open link (shown once): ")[1].strip()

    client = TestClient(create_app(workspace), follow_redirects=False)
    invited_key = _answer(client, row["link"], {"A-01": "4", "B-01": "2"})
    open_key = _answer(
        TestClient(create_app(workspace), follow_redirects=False), open_link, {"A-01": "1"}
    )

    secrets = {
        "invitation token": row["link"].rsplit("/", 1)[1],
        "open link token": open_link.rsplit("/", 1)[1],
        "draft key": invited_key,
        "open draft key": open_key,
        "e-mail": "carol@example.com",
        "e-mail pseudonym": pseudonym(engagement_key(folder), "", "carol@example.com"),
    }
    secrets |= {f"hash of {k}": token_hash(v) for k, v in list(secrets.items())[:4]}
    tables = _every_value(workspace.engine)
    held = {
        f"{name}.{column}": str(value)
        for name, rows in tables.items()
        for r in rows
        for column, value in r.items()
    }
    allowed = {  # the links themselves are kept as hashes so they keep working
        "hash of invitation token": "invitations.token_hash",
        "hash of open link token": "open_links.token_hash",
    }
    for what, secret in secrets.items():
        found = [place for place, value in held.items() if secret in value]
        assert found == ([allowed[what]] if what in allowed else []), what

    assert tables["drafts"] == []  # the only rows that knew a draft key are gone
    (invitation,) = tables["invitations"]
    assert (invitation["status"], invitation["email"], invitation["respondent_id"]) == (
        "submitted",
        None,
        None,
    )
    submissions = tables["submissions"]
    assert len(submissions) == 2 and len({s["respondent_id"] for s in submissions}) == 2
    for submission in submissions:
        when = submission["submitted_at"]
        assert (when.hour, when.minute, when.second, when.microsecond) == (0, 0, 0, 0)
        assert set(submission) == {
            "id", "engagement_id", "respondent_id", "unit", "role", "answers", "comments",
            "revision", "submitted_at",
        }  # fmt: skip
    assert json.loads(submissions[0]["comments"]) == {"A-01": "my own words"}
    today = dt.datetime.now(dt.UTC).date()
    assert all(
        s["submitted_at"].date() in (today, today - dt.timedelta(days=1)) for s in submissions
    )

    # The invitation cannot be used again, and says so without offering to edit.
    again = client.get(row["link"])
    assert again.status_code == 200 and "have been submitted" in again.text
    assert "change" not in again.text.lower()


def test_sqlite_keeps_no_copy_of_a_deleted_draft_in_its_file(
    workspace, run_cli, database_url: str
) -> None:
    if not database_url.startswith("sqlite"):
        pytest.skip("a file-level check of SQLite's storage")
    (served,) = workspace.engagements.values()
    opened = run_cli(
        "invite", str(served.folder), "--unit", "south", "--role", "business", "--open"
    )
    link = opened.out.split("open link (shown once): ")[1].strip()
    key = _answer(TestClient(create_app(workspace), follow_redirects=False), link, {"A-01": "3"})
    with workspace.engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    stored = Path(database_url.removeprefix("sqlite:///")).read_bytes()
    assert token_hash(key).encode() not in stored
