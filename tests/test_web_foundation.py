"""The workspace's foundation: the database migrates itself, engagements keep their identity
across restarts, and every response carries the security headers and body cap."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa
from fastapi import Request
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from assessment.cli import main
from assessment.collect.form import form_script, form_style
from assessment.web.app import create_app
from assessment.web.database import (
    default_url,
    normalised_url,
    open_engine,
    shown_url,
    url_without_password,
)
from assessment.web.migrate import migrate
from assessment.web.rate_limit import allow
from assessment.web.security import MAX_BODY_BYTES
from assessment.web.server import ServeSettings, build_workspace
from assessment.web.tokens import new_token, token_hash
from assessment.web.workspace import pointer_url, read_pointer

EXAMPLE = Path(__file__).parent.parent / "examples" / "northwind"


def _engagement(tmp_path: Path) -> Path:
    folder = tmp_path / "Northwind Mutual"
    shutil.copytree(EXAMPLE, folder, ignore=shutil.ignore_patterns(".readiness"))
    return folder


def test_migrations_create_every_table_once_and_sqlite_runs_in_wal(tmp_path: Path) -> None:
    engine = open_engine(f"sqlite:///{tmp_path / 'w.sqlite3'}")
    migrate(engine)
    migrate(engine)  # a second start finds nothing to do
    tables = set(sa.inspect(engine).get_table_names())
    assert {"engagements", "invitations", "drafts", "submissions", "audit_log"} <= tables
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL


def test_an_engagement_keeps_its_id_and_slug_across_restarts(tmp_path: Path) -> None:
    folder = _engagement(tmp_path)
    settings = ServeSettings(folder=str(folder), workspace=None, database=None)
    first = build_workspace(settings).engagements
    second = build_workspace(settings).engagements
    assert list(first) == ["northwind-mutual"] and first == second
    pointer = read_pointer(folder)
    assert pointer == {"engagement_id": first["northwind-mutual"].id, "database": "engagement"}
    assert pointer_url(folder, pointer) == default_url(folder)
    assert (folder / ".readiness" / "web.sqlite3").is_file()


def test_a_workspace_serves_every_engagement_folder_in_it(tmp_path: Path) -> None:
    one, two = tmp_path / "a", tmp_path / "b"
    for target in (one, two):
        shutil.copytree(EXAMPLE, target, ignore=shutil.ignore_patterns(".readiness"))
    (tmp_path / "notes").mkdir()
    served = build_workspace(ServeSettings(folder=None, workspace=str(tmp_path), database=None))
    assert sorted(served.engagements) == ["a", "b"]
    assert (tmp_path / ".readiness" / "web.sqlite3").is_file()
    assert json.loads((one / ".readiness" / "web.json").read_text())["database"].startswith(
        "sqlite:///"
    )


def test_every_response_carries_the_security_headers(tmp_path: Path) -> None:
    workspace = build_workspace(
        ServeSettings(folder=str(_engagement(tmp_path)), workspace=None, database=None)
    )
    client = TestClient(create_app(workspace))
    for path in ("/static/web.css", "/static/form.js", "/no-such-page"):
        response = client.get(path)
        csp = response.headers["content-security-policy"]
        assert "frame-ancestors 'none'" in csp and "'unsafe-inline'" not in csp
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"
    assert client.get("/static/../assessment.yaml").status_code == 404


def test_the_app_serves_the_form_exactly_as_the_offline_file_inlines_it(tmp_path: Path) -> None:
    workspace = build_workspace(
        ServeSettings(folder=str(_engagement(tmp_path)), workspace=None, database=None)
    )
    client = TestClient(create_app(workspace))
    assert client.get("/static/form.js").text == form_script()
    assert client.get("/static/form.css").text == form_style()
    assert client.get("/static/form.css").headers["content-type"].startswith("text/css")


def test_a_body_over_the_cap_is_refused_whether_declared_or_streamed(tmp_path: Path) -> None:
    workspace = build_workspace(
        ServeSettings(folder=str(_engagement(tmp_path)), workspace=None, database=None)
    )
    app = create_app(workspace)

    @app.post("/echo")
    async def echo(request: Request) -> dict[str, int]:
        return {"length": len(await request.body())}

    client = TestClient(app)
    assert client.post("/echo", content=b"x" * MAX_BODY_BYTES).json() == {"length": MAX_BODY_BYTES}
    assert client.post("/echo", content=b"x" * (MAX_BODY_BYTES + 1)).status_code == 413

    def chunks():  # no content-length: the cap is counted as the body arrives
        for _ in range(MAX_BODY_BYTES // 1024 + 2):
            yield b"x" * 1024

    assert client.post("/echo", content=chunks()).status_code == 413


def test_database_urls_are_checked_and_never_shown_with_their_password(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert normalised_url("postgresql://u:pw@db/x").startswith("postgresql+psycopg://u:pw@")
    assert "pw" not in shown_url("postgresql+psycopg://u:pw@db/x")
    # The pointer keeps no password, and reading it back takes the one from the environment.
    kept = url_without_password("postgresql+psycopg://u:pw@db/x")
    assert kept == "postgresql+psycopg://u@db/x"
    monkeypatch.setenv("READINESS_DATABASE_PASSWORD", "from-env")
    assert normalised_url(kept) == "postgresql+psycopg://u:from-env@db/x"


def test_serve_refuses_bad_input_with_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["serve", str(tmp_path / "nowhere")]) == 2
    assert "has no assessment.yaml" in capsys.readouterr().err
    assert main(["serve", str(_engagement(tmp_path)), "--database", "mysql://x@y/z"]) == 2
    assert "not supported" in capsys.readouterr().err
    assert main(["serve"]) == 2
    assert "FOLDER or --workspace" in capsys.readouterr().err


def test_tokens_are_long_random_and_kept_only_as_hashes() -> None:
    tokens = {new_token() for _ in range(200)}
    assert len(tokens) == 200 and all(len(t) >= 43 for t in tokens)  # >= 256 bits of base64
    one = next(iter(tokens))
    assert token_hash(one) == hashlib.sha256(one.encode()).hexdigest() and token_hash(one) != one


def test_the_rate_limit_counts_per_key_and_window(tmp_path: Path) -> None:
    engine = open_engine(f"sqlite:///{tmp_path / 'w.sqlite3'}")
    migrate(engine)
    with Session(engine) as session:
        assert [allow(session, "1.2.3.4 sign-in", 3, 3600) for _ in range(5)] == [
            True,
            True,
            True,
            False,
            False,
        ]
        assert allow(session, "5.6.7.8 sign-in", 3, 3600)  # another client is not held back
