"""Crash safety: `readiness serve` is killed with SIGKILL during a burst of autosaves from
several respondents; after a restart every acknowledged save is there with its revision, and
no draft shows a half-written save."""

from __future__ import annotations

import http.client
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from assessment.web.tables import Draft, Invitation
from assessment.web.tokens import token_hash
from tests.conftest import MINI, REPO
from tests.web_databases import csrf_of, form_data_of, free_port, links_in, serve_engagement

RESPONDENTS = 6
SAVES_EACH = 60  # bounded: the burst ends by itself if the kill comes late
KILL_AFTER_ACKS = 40


def _start(folder: Path, url: str, port: int) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-c", "from assessment.cli import run; run()", "serve"]
    server = subprocess.Popen(
        [*command, str(folder), "--port", str(port), "--database", url],
        env={**os.environ, "PYTHONPATH": str(REPO)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/static/web.css", timeout=5)
            return server
        except OSError:  # not listening yet, or slow on a loaded machine
            assert server.poll() is None, "the server stopped while starting"
            time.sleep(0.2)
    server.kill()
    raise AssertionError("the server did not start within 60 s")


def _sent(revision: int) -> dict[str, object]:
    """What a respondent sends at `revision`: two fields that must always agree."""
    return {
        "answers": {"A-01": str(revision % 5 + 1), "A-90": f"saved at revision {revision + 1}"},
        "comments": {"B-01": f"comment {revision + 1}"},
        "revision": revision,
    }


def _burst(base: str, link: str, acked: list[int], total: list[int], lock: threading.Lock) -> None:
    try:
        with urllib.request.urlopen(base + link, timeout=30) as page:
            csrf = csrf_of(page.read().decode())
    except OSError:
        return  # killed before this respondent opened the form
    revision = 0
    for _ in range(SAVES_EACH):
        request = urllib.request.Request(
            base + link + "/answers",
            data=json.dumps(_sent(revision)).encode(),
            method="PUT",
            headers={"Content-Type": "application/json", "X-CSRF-Token": csrf},
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                revision = json.loads(response.read())["revision"]
        except (OSError, http.client.HTTPException):
            # The server is gone, possibly halfway through its answer: a reply cut short
            # acknowledges nothing, and nothing more will be acknowledged.
            return
        acked.append(revision)
        with lock:
            total[0] += 1


def test_every_acknowledged_save_survives_a_killed_server(
    tmp_path: Path, database_url: str, run_cli
) -> None:
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    serve_engagement(folder, database_url).engine.dispose()
    out = tmp_path / "links.csv"
    args = ["--unit", "north", "--role", "executive", "--count", str(RESPONDENTS)]
    assert run_cli("invite", str(folder), *args, "-o", str(out)).code == 0
    links = [row["link"] for row in links_in(out)]

    port = free_port()
    server = _start(folder, database_url, port)
    acked: list[list[int]] = [[] for _ in links]
    total, lock = [0], threading.Lock()
    threads = [
        threading.Thread(target=_burst, args=(f"http://127.0.0.1:{port}", link, mine, total, lock))
        for link, mine in zip(links, acked, strict=True)
    ]
    try:
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 60
        while total[0] < KILL_AFTER_ACKS and time.monotonic() < deadline:
            time.sleep(0.005)
        server.send_signal(signal.SIGKILL)  # mid-burst: saves are in flight
        server.wait()
        for thread in threads:
            thread.join(timeout=30)
    finally:
        if server.poll() is None:
            server.kill()
    assert total[0] >= KILL_AFTER_ACKS
    assert sum(len(a) for a in acked) < RESPONDENTS * SAVES_EACH, "the kill came after the burst"

    restarted = _start(folder, database_url, port)
    try:
        workspace = serve_engagement(folder, database_url)
        with Session(workspace.engine) as session:
            for link, mine in zip(links, acked, strict=True):
                draft = session.scalar(
                    select(Draft)
                    .join(Invitation, Draft.invitation_id == Invitation.id)
                    .where(Invitation.token_hash == token_hash(link.rsplit("/", 1)[1]))
                )
                last = mine[-1] if mine else 0
                stored = draft.revision if draft is not None else 0
                # A save committed just before the kill may not have been acknowledged.
                assert stored in (last, last + 1), (link, stored, last)
                if stored:
                    expected = _sent(stored - 1)
                    assert json.loads(draft.answers) == expected["answers"]
                    assert json.loads(draft.comments) == expected["comments"]
        workspace.engine.dispose()
        # The restarted server serves the saved answers.
        with urllib.request.urlopen(f"http://127.0.0.1:{port}{links[0]}", timeout=10) as page:
            shown = page.read().decode()
        last = acked[0][-1] if acked[0] else 0
        served = form_data_of(shown)["web"]
        assert served["revision"] in (last, last + 1)
        if served["revision"]:
            assert served["answers"] == _sent(served["revision"] - 1)["answers"]
    finally:
        restarted.send_signal(signal.SIGTERM)
        restarted.wait(timeout=30)
