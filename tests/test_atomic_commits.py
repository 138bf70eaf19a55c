"""An import is one journaled commit: killed at any step or stopped by an I/O error on any
rename, the engagement is left as before or as after, and still loads."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from assessment.common.commit_journal import KILL_AT_ENV
from assessment.loading.engagement import load_engagement

REPO = Path(__file__).resolve().parents[1]
HEADER = (
    "respondent_id,business_unit,role,"
    "SKILL-01,SKILL-02,SKILL-03,SKILL-04,SKILL-90,CULT-01,CULT-02\n"
)
P1_CHANGED = HEADER + "p1,shops,business,50,basics,yes,c,More examples,4,Agree\n"
READINESS = [sys.executable, "-c", "from assessment.cli import run; run()"]

State = dict[tuple[str, str], str]


def _state(folder: Path) -> State:
    answers = load_engagement(folder).responses.answers  # settles a left-over journal first
    return {
        (str(r), str(q)): str(a)
        for r, q, a in zip(
            answers["respondent"], answers["question"], answers["answer"], strict=True
        )
    }


def _no_leftovers(folder: Path) -> None:
    private = folder / ".readiness"
    assert not (private / "journal.json").exists()
    assert not list(private.glob("staging-*")) if private.exists() else True
    assert not [p for p in (folder / "responses").iterdir() if p.suffix != ".csv"]


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*READINESS, *args],
        env={**os.environ, "PYTHONPATH": str(REPO), **(env or {})},
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def replacing(pulse_copy: Path, tmp_path: Path) -> tuple[Path, Path]:
    """`import --replace` of p1's changed answers: pulse.csv rewritten, one file added."""
    source = tmp_path / "p1.csv"
    source.write_text(P1_CHANGED)
    return pulse_copy, source


def test_a_kill_at_every_step_leaves_the_old_or_the_new_state(replacing, tmp_path):
    folder, source = replacing
    pristine = tmp_path / "pristine"
    shutil.copytree(folder, pristine)
    old = _state(pristine)
    step, outcomes = 0, []
    while True:
        step += 1
        shutil.rmtree(folder)
        shutil.copytree(pristine, folder)
        done = _run("import", str(folder), str(source), "--replace", env={KILL_AT_ENV: str(step)})
        if done.returncode == 0:
            new = _state(folder)
            break
        assert done.returncode == -9, done.stderr  # killed by the hook, nothing else
        state = _state(folder)
        _no_leftovers(folder)
        outcomes.append(state)
    assert new != old and new[("p1", "SKILL-01")] == "50"
    assert step > 5  # staging, journal, each rename and the journal's removal were all reached
    assert all(state in (old, new) for state in outcomes)
    assert old in outcomes and new in outcomes  # killed before the journal, and after it


@pytest.mark.parametrize("failing", [1, 2, 3])
def test_an_error_on_a_rename_puts_the_old_files_back(run_cli, replacing, monkeypatch, failing):
    """The nth rename fails once (the journal's, then each file's): exit 2, the old state."""
    folder, source = replacing
    old = _state(folder)
    real, calls = os.replace, []

    def replace(src, dst):
        calls.append(dst)
        if len(calls) == failing:
            raise OSError(errno.EIO, "Input/output error", str(dst))
        return real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    result = run_cli("import", str(folder), str(source), "--replace")
    monkeypatch.setattr(os, "replace", real)
    assert result.code == 2, result.err
    assert "cannot be written: Input/output error" in result.err
    assert "staging-" not in result.err  # the file named is the engagement's, not a staged one
    assert _state(folder) == old
    _no_leftovers(folder)


def test_when_putting_back_fails_too_the_next_command_settles_it(run_cli, replacing, monkeypatch):
    folder, source = replacing
    old = _state(folder)
    real, calls = os.replace, []

    def replace(src, dst):
        calls.append(dst)
        if len(calls) >= 3:  # the second file's rename and every rename after it
            raise OSError(errno.ENOSPC, "No space left on device", str(dst))
        return real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    result = run_cli("import", str(folder), str(source), "--replace")
    monkeypatch.setattr(os, "replace", real)
    assert result.code == 2 and "the disk is full" in result.err
    assert (folder / ".readiness" / "journal.json").exists()  # left for the next command
    settled = _state(folder)
    _no_leftovers(folder)
    shutil.rmtree(folder / ".readiness")
    shutil.copytree(
        REPO / "tests" / "data" / "pulse-engagement" / "responses",
        folder / "responses",
        dirs_exist_ok=True,
    )
    for extra in set((folder / "responses").iterdir()) - {folder / "responses" / "pulse.csv"}:
        extra.unlink()
    assert run_cli("import", str(folder), str(source), "--replace").code == 0
    assert settled in (old, _state(folder))


def test_staging_that_fails_writes_nothing(run_cli, replacing, monkeypatch):
    folder, source = replacing
    old = _state(folder)

    def full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    result = run_cli("import", str(folder), str(source), "--replace")
    monkeypatch.undo()
    assert result.code == 2 and "cannot be written: the disk is full" in result.err
    assert "responses/p1.csv: cannot" in result.err  # the file it could not write
    assert _state(folder) == old
    _no_leftovers(folder)


def test_concurrent_imports_of_same_named_files_keep_both(pulse_copy, tmp_path):
    sources = []
    for n, person in enumerate(["p8", "p9"]):
        (tmp_path / str(n)).mkdir()
        sources.append(tmp_path / str(n) / "answers.csv")
        sources[-1].write_text(HEADER + f"{person},shops,business,20,none,no,e,,3,Agree\n")
    runs = [
        subprocess.Popen(
            [*READINESS, "import", str(pulse_copy), str(source)],
            env={**os.environ, "PYTHONPATH": str(REPO)},
            stderr=subprocess.PIPE,
            text=True,
        )
        for source in sources
    ]
    codes = [(run.wait(timeout=300), run.stderr.read() if run.stderr else "") for run in runs]
    people = {person for person, _ in _state(pulse_copy)}
    for (code, err), person in zip(codes, ["p8", "p9"], strict=True):
        assert code in (0, 2), err
        if code == 0:
            assert person in people
        else:
            assert "is being changed by another readiness command" in err
    assert any(code == 0 for code, _ in codes)
    _no_leftovers(pulse_copy)


def test_concurrent_different_answers_for_one_respondent_refuse_the_second(pulse_copy, tmp_path):
    sources = []
    for n, level in enumerate(["10", "90"]):
        sources.append(tmp_path / f"p7-{n}.csv")
        sources[-1].write_text(HEADER + f"p7,shops,business,{level},none,no,e,,3,Agree\n")
    runs = [
        subprocess.Popen(
            [*READINESS, "import", str(pulse_copy), str(source)],
            env={**os.environ, "PYTHONPATH": str(REPO)},
            stderr=subprocess.PIPE,
            text=True,
        )
        for source in sources
    ]
    codes = sorted((run.wait(timeout=300), run.stderr.read() if run.stderr else "") for run in runs)
    assert codes[0][0] == 0 and codes[1][0] == 2, codes
    assert "already has different answers" in codes[1][1] or "is being changed by" in codes[1][1]
    state = _state(pulse_copy)  # loads: p7 answered once
    assert state[("p7", "SKILL-01")] in ("10", "90")
    _no_leftovers(pulse_copy)
