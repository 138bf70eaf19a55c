"""One writer at a time per engagement: a second writer is told who holds the lock, and a
killed holder's lock is free at once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from assessment.common import engagement_lock
from assessment.common.commit_journal import PAUSE_AT_ENV
from assessment.loading.engagement import load_engagement

REPO = Path(__file__).resolve().parents[1]
HOLDER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from assessment.common.engagement_lock import writer_lock
    with writer_lock(Path(sys.argv[1]), "import"):
        print("held", flush=True)
        time.sleep(600)
    """
)
READINESS = [sys.executable, "-c", "from assessment.cli import run; run()"]
P1_CHANGED = (
    "respondent_id,business_unit,role,SKILL-01,SKILL-02,SKILL-03,SKILL-04,SKILL-90,CULT-01,CULT-02\n"
    "p1,shops,business,50,basics,yes,c,More examples,4,Agree\n"
)


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO), **extra}


def _hold(folder: Path) -> subprocess.Popen[str]:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(folder)], stdout=subprocess.PIPE, text=True, env=_env()
    )
    assert holder.stdout is not None and holder.stdout.readline() == "held\n"
    return holder


def _source(tmp_path: Path) -> Path:
    source = tmp_path / "p1.csv"
    source.write_text(P1_CHANGED)
    return source


def test_a_second_writer_is_told_who_holds_the_lock(run_cli, pulse_copy, tmp_path, monkeypatch):
    monkeypatch.setattr(engagement_lock, "LOCK_WAIT_SECONDS", 0.3)
    holder = _hold(pulse_copy)
    try:
        for args in (
            ("import", str(pulse_copy), str(_source(tmp_path)), "--replace"),
            ("collect", str(pulse_copy), "--format", "html"),
        ):
            refused = run_cli(*args)
            assert refused.code == 2, refused.err
            assert "is being changed by another readiness command (import, process" in refused.err
            assert f"process {holder.pid}," in refused.err and "Traceback" not in refused.err
        assert not (pulse_copy / "collect").exists()
        assert sorted(p.name for p in (pulse_copy / "responses").iterdir()) == ["pulse.csv"]
    finally:
        holder.kill()
        holder.wait()


def test_a_killed_holder_frees_the_lock_at_once(run_cli, pulse_copy, tmp_path, monkeypatch):
    holder = _hold(pulse_copy)
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    monkeypatch.setattr(engagement_lock, "LOCK_WAIT_SECONDS", 0.0)  # no waiting at all
    result = run_cli("import", str(pulse_copy), str(_source(tmp_path)), "--replace")
    assert result.code == 0, result.err
    assert "replaced 1" in result.out


def test_init_into_a_folder_another_init_is_filling_waits_then_refuses(
    run_cli, tmp_path, monkeypatch
):
    folder = tmp_path / "new"
    folder.mkdir()
    monkeypatch.setattr(engagement_lock, "LOCK_WAIT_SECONDS", 0.3)
    holder = _hold(folder)
    try:
        refused = run_cli("init", str(folder))
        assert refused.code == 2 and "is being changed by" in refused.err
    finally:
        holder.kill()
        holder.wait()
    done = run_cli("init", str(folder))  # the lock's own folder does not make it "not empty"
    assert done.code == 0, done.err
    again = run_cli("init", str(folder))
    assert again.code == 2 and "already exists and is not empty" in again.err


def test_a_reader_waits_for_a_commit_and_sees_the_state_after_it(pulse_copy, tmp_path):
    """An import paused with its journal written holds the commit lock; killed there, the
    next reader finishes the commit and sees the new answers."""
    before = _answers(pulse_copy)
    writer = subprocess.Popen(
        [*READINESS, "import", str(pulse_copy), str(_source(tmp_path)), "--replace"],
        env=_env(**{PAUSE_AT_ENV: "3"}),  # two files staged, then the journal
        stderr=subprocess.PIPE,
    )
    journal = pulse_copy / ".readiness" / "journal.json"
    try:
        _wait_for(journal, writer)
    finally:
        writer.kill()
        writer.wait()
    after = _answers(pulse_copy)
    assert after != before and after[("p1", "SKILL-01")] == "50"
    assert not journal.exists()
    assert not list((pulse_copy / ".readiness").glob("staging-*"))


def _wait_for(path: Path, process: subprocess.Popen[bytes]) -> None:
    import time

    deadline = time.monotonic() + 120
    while not path.exists():
        if process.poll() is not None:
            pytest.fail(
                f"the import ended early: {process.stderr.read() if process.stderr else ''}"
            )
        assert time.monotonic() < deadline, "the import never reached its journal"
        time.sleep(0.05)


def _answers(folder: Path) -> dict[tuple[str, str], str]:
    answers = load_engagement(folder).responses.answers
    return {
        (str(r), str(q)): str(a)
        for r, q, a in zip(
            answers["respondent"], answers["question"], answers["answer"], strict=True
        )
    }
