"""The autosave's one-statement path, one draft per invitation, SQLite's one writer, and the
server's thread limits: each decides no less than the long path it shortens."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa
from alembic import command
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from assessment.web import answer_store
from assessment.web.answer_store import named_draft
from assessment.web.app import create_app
from assessment.web.database import open_engine
from assessment.web.migrate import alembic_config, migrate
from assessment.web.respondent_links import MISSES_ALLOWED
from assessment.web.tables import Draft, Invitation
from tests.web_databases import csrf_of, links_in, serving, set_survey_open


def _client(workspace) -> TestClient:
    return TestClient(create_app(workspace), follow_redirects=False)


def _links(run_cli, folder: Path, unit: str, role: str, count: int) -> list[str]:
    out = folder / f"links-{unit}-{role}.csv"
    result = run_cli(
        "invite", str(folder), "--unit", unit, "--role", role, "--count", str(count), "-o", str(out)
    )
    assert result.code == 0, result.err
    return [row["link"] for row in links_in(out)]


def _open_link(run_cli, folder: Path, unit: str, role: str) -> str:
    result = run_cli("invite", str(folder), "--unit", unit, "--role", role, "--open")
    assert result.code == 0, result.err
    return result.out.split("open link (shown once): ")[1].strip()


def _saved_answers(workspace) -> list[str]:
    with Session(workspace.engine) as session:
        return list(session.scalars(sa.select(Draft.answers).order_by(Draft.id)))


def test_writes_from_their_own_page_are_no_guess_and_pass_the_guessing_limit(
    mini_workspace, mini_copy: Path, run_cli
) -> None:
    (link,) = _links(run_cli, mini_copy, "north", "business", 1)
    client = _client(mini_workspace)
    headers = {"X-CSRF-Token": csrf_of(client.get(link).text)}
    for _ in range(MISSES_ALLOWED + 1):
        client.get("/s/mini/i/" + "x" * 43)
    assert client.get(link).status_code == 429  # opening any link: refused past the limit
    body = {"answers": {"A-01": "3"}, "revision": 0}
    saved = client.put(link + "/answers", json=body, headers=headers)
    assert saved.status_code == 200 and saved.json()["revision"] == 1
    assert _saved_answers(mini_workspace) == ['{"A-01": "3"}']
    # Without the token its page carried, the same request is one more guess.
    assert client.put(link + "/answers", json=body).status_code == 429
    done = client.post(link + "/submit", json={**body, "revision": 1}, headers=headers)
    assert done.status_code == 200 and done.json()["state"] == "submitted"


def test_the_short_path_refuses_what_the_long_path_refuses(
    mini_workspace, mini_copy: Path, run_cli
) -> None:
    (link,) = _links(run_cli, mini_copy, "north", "business", 1)
    client = _client(mini_workspace)
    headers = {"X-CSRF-Token": csrf_of(client.get(link).text)}
    first = {"answers": {"A-01": "2"}, "revision": 0}
    assert client.put(link + "/answers", json=first, headers=headers).status_code == 200
    stale = client.put(link + "/answers", json=first, headers=headers)
    assert stale.status_code == 409  # revision 0 is gone
    unknown = {"answers": {"NOPE-1": "2"}, "revision": 1}
    refused = client.put(link + "/answers", json=unknown, headers=headers)
    assert refused.status_code == 422 and refused.json()["field"] == "answers.NOPE-1"
    set_survey_open(mini_workspace, False)
    closed = client.put(link + "/answers", json={"answers": {}, "revision": 1}, headers=headers)
    assert closed.status_code == 410
    assert _saved_answers(mini_workspace) == ['{"A-01": "2"}']  # only the one accepted save


def test_an_anonymous_draft_saves_only_through_a_link_of_its_own_unit_and_role(
    mini_workspace, mini_copy: Path, run_cli
) -> None:
    north = _open_link(run_cli, mini_copy, "north", "executive")
    south = _open_link(run_cli, mini_copy, "south", "executive")
    client = _client(mini_workspace)
    draft_url = client.get(north).headers["location"]
    headers = {"X-CSRF-Token": csrf_of(client.get(draft_url).text)}
    body = {"answers": {"A-01": "1"}, "revision": 0}
    elsewhere = draft_url.replace(north, south)  # the same draft key, another link
    assert client.put(elsewhere + "/answers", json=body, headers=headers).status_code == 404
    assert client.put(draft_url + "/answers", json=body, headers=headers).status_code == 200
    assert _saved_answers(mini_workspace) == ['{"A-01": "1"}']


def test_a_personal_invitation_has_one_draft_even_when_two_devices_open_it_at_once(
    mini_workspace, mini_copy: Path, run_cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    (link,) = _links(run_cli, mini_copy, "north", "business", 1)
    _client(mini_workspace).get(link)  # the first device makes the draft
    with Session(mini_workspace.engine) as session:
        invitation = session.scalars(sa.select(Invitation)).one()
        first = session.scalars(sa.select(Draft)).one()
        # The second device looked before the first had committed: it found no draft.
        real = answer_store._draft_of_invitation
        looks: list[int] = []

        def racing(session: Session, invitation: Invitation) -> Draft | None:
            looks.append(1)
            return None if len(looks) == 1 else real(session, invitation)

        monkeypatch.setattr(answer_store, "_draft_of_invitation", racing)
        found = named_draft(session, invitation)
        assert found.id == first.id and len(looks) == 2  # refused by the database, then found
    with Session(mini_workspace.engine) as session, pytest.raises(sa.exc.IntegrityError):
        session.add(
            Draft(
                engagement_id=first.engagement_id,
                draft_key_hash="k" * 64,
                invitation_id=first.invitation_id,
                unit="north",
                role="business",
                updated_at=first.updated_at,
            )
        )
        session.commit()


def test_the_migration_keeps_the_draft_every_page_used_and_drops_the_unread_copies(
    tmp_path: Path,
) -> None:
    engine = open_engine(f"sqlite:///{tmp_path / 'w.sqlite3'}")
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")  # as a server of the first version left it
    now = "2026-11-30 10:00:00"
    with engine.begin() as connection:
        run = connection.exec_driver_sql
        run(f"INSERT INTO engagements VALUES ('e', 'mini', '/x', 1, '{now}')")
        for n in (1, 2):
            run(
                "INSERT INTO invitations (id, engagement_id, unit, role, token_hash, anonymous,"
                f" status, created_at) VALUES ({n}, 'e', 'north', 'business', 't{n}', 0,"
                f" 'started', '{now}')"
            )
        for draft_id, invitation, key in ((1, 1, "a"), (2, 1, "b"), (3, None, "c"), (4, 2, "d")):
            run(
                "INSERT INTO drafts (id, engagement_id, draft_key_hash, invitation_id, unit, role,"
                " answers, comments, revision, updated_at) VALUES"
                f" (?, 'e', ?, ?, 'north', 'business', '{{}}', '{{}}', 0, '{now}')",
                (draft_id, key, invitation),
            )
    migrate(engine)
    with engine.connect() as connection:
        kept = connection.exec_driver_sql("SELECT id FROM drafts ORDER BY id").scalars().all()
    assert kept == [1, 3, 4]  # invitation 1's first draft, the anonymous one, invitation 2's


def test_sqlite_writers_in_one_process_take_turns_and_every_ending_gives_the_turn_back(
    tmp_path: Path,
) -> None:
    engine = open_engine(f"sqlite:///{tmp_path / 'w.sqlite3'}")
    with engine.begin() as connection:
        connection.exec_driver_sql("CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER)")
        connection.exec_driver_sql("INSERT INTO t VALUES (1, 0)")
    second_wrote = threading.Event()

    def second_writer() -> None:
        with engine.begin() as connection:
            connection.exec_driver_sql("UPDATE t SET v = v + 10")
        second_wrote.set()

    first = engine.connect()
    first.exec_driver_sql("UPDATE t SET v = v + 1")  # holds the turn until it ends
    other = threading.Thread(target=second_writer)
    other.start()
    assert not second_wrote.wait(0.5)  # waiting for the turn
    first.commit()
    assert second_wrote.wait(10)
    other.join()
    # A rollback, and a connection closed mid-transaction, give the turn back too.
    with engine.connect() as connection:
        connection.exec_driver_sql("UPDATE t SET v = 100")
        connection.rollback()
    abandoned = engine.connect()
    abandoned.exec_driver_sql("UPDATE t SET v = 200")
    abandoned.close()
    with engine.begin() as connection:
        connection.exec_driver_sql("UPDATE t SET v = v + 100")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT v FROM t").scalar() == 111
    first.close()
    engine.dispose()


def test_a_crowd_opening_links_at_once_is_served_without_running_out_of_connections(
    mini_workspace, mini_copy: Path, run_cli
) -> None:
    """A page that only read (a link opened again) gives its connection back on threads of
    its own: were it to wait for the page threads, which wait for connections, a crowd coming
    back to their links would stop the server."""
    links = _links(run_cli, mini_copy, "north", "business", 60)

    async def everyone(base: str) -> list[int]:
        async with httpx.AsyncClient(base_url=base, timeout=30) as client:
            pages = await asyncio.gather(*(client.get(link) for link in links))
        return [page.status_code for page in pages]

    with serving(mini_workspace) as base:
        assert asyncio.run(everyone(base)) == [200] * 60  # each makes its draft and commits
        assert asyncio.run(everyone(base)) == [200] * 60  # each reads its draft, no commit


def test_an_anonymous_drafts_token_vouches_only_for_the_link_it_came_through(
    mini_workspace, mini_copy: Path, run_cli
) -> None:
    """Past the guessing limit, the draft's token must not turn a guess at another link of the
    same unit and role into a save: it is bound to the draft and to its own link."""
    opened = _open_link(run_cli, mini_copy, "north", "executive")
    out = mini_copy / "anonymous.csv"
    made = run_cli(
        "invite", str(mini_copy), "--unit", "north", "--role", "executive",
        "--count", "1", "--anonymous", "-o", str(out),
    )  # fmt: skip
    assert made.code == 0, made.err
    (guessed,) = [row["link"] for row in links_in(out)]
    client = _client(mini_workspace)
    draft_url = client.get(opened).headers["location"]
    headers = {"X-CSRF-Token": csrf_of(client.get(draft_url).text)}
    for _ in range(MISSES_ALLOWED + 1):
        client.get("/s/mini/o/" + "x" * 43)
    body = {"answers": {"A-01": "4"}, "revision": 0}
    through_another = draft_url.replace(opened, guessed) + "/answers"
    assert client.put(through_another, json=body, headers=headers).status_code == 429
    assert client.put(draft_url + "/answers", json=body, headers=headers).status_code == 200
