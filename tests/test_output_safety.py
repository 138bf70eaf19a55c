"""Outputs: only regular files or new paths, clear exit 2 on a write that fails, and one
command's outputs written all together or not at all."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.conftest import MINI

REPO = Path(__file__).resolve().parents[1]
READINESS = [sys.executable, "-c", "from assessment.cli import run; run()"]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*READINESS, *args],
        env={**os.environ, "PYTHONPATH": str(REPO)},
        capture_output=True,
        text=True,
        timeout=120,  # a write that opened the pipe would block here, not hang the suite
    )


def test_a_fifo_is_refused_without_opening_it(tmp_path):
    fifo = tmp_path / "out.csv"
    os.mkfifo(fifo)
    done = _run("roadmap", str(MINI), "--csv", str(fifo), "--force")
    assert done.returncode == 2, done.stderr
    assert f"{fifo}: is a device, pipe or socket" in done.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_device_node_is_never_replaced_even_with_force(run_cli, tmp_path):
    device = tmp_path / "null"
    try:
        os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a copy of /dev/null
    except PermissionError:
        pytest.skip("making a device node needs root")
    result = run_cli("roadmap", str(MINI), "--csv", str(device), "--force")
    assert result.code == 2 and f"{device}: is a device, pipe or socket" in result.err
    assert stat.S_ISCHR(device.stat().st_mode)


def test_dev_stdout_is_refused_and_dash_streams(run_cli):
    refused = run_cli("roadmap", str(MINI), "--csv", "/dev/stdout")
    assert refused.code == 2 and "/dev/stdout: is a system path" in refused.err
    streamed = run_cli("roadmap", str(MINI), "--csv", "-")
    assert streamed.code == 0, streamed.err
    assert streamed.out.startswith("id,title,status,phase,")  # the CSV alone, without the table
    pdf = run_cli("report", str(MINI), "-o", "-")
    assert pdf.code == 2 and "-: this output cannot go to standard output" in pdf.err


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda d: d / "folder", "is a folder; give a file name"),
        (lambda d: d / "note.txt" / "x.csv", "note.txt is a file, not a folder"),
        (lambda d: d / "note.txt" / "deeper" / "x.csv", "note.txt is a file, not a folder"),
        (lambda d: d / "missing" / "x.csv", "does not exist"),
    ],
)
def test_paths_that_are_not_files_are_named(run_cli, tmp_path, make, expected):
    (tmp_path / "folder").mkdir()
    (tmp_path / "note.txt").write_text("mine")
    target = make(tmp_path)
    result = run_cli("roadmap", str(MINI), "--csv", str(target), "--force")
    assert result.code == 2 and str(target) in result.err and expected in result.err
    assert "Traceback" not in result.err and "unexpected" not in result.err


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        (errno.ENOSPC, "the disk is full"),
        (errno.EDQUOT, "the disk quota is used up"),
        (errno.EROFS, "the folder is on a read-only filesystem"),
        (errno.EACCES, "permission denied"),
        (errno.EPERM, "permission denied"),
    ],
)
def test_write_failures_are_exit_2_naming_the_path(run_cli, tmp_path, monkeypatch, code, reason):
    def failing(*_args, **_kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(tempfile, "mkstemp", failing)
    target = tmp_path / "roadmap.csv"
    result = run_cli("roadmap", str(MINI), "--csv", str(target))
    assert result.code == 2, result.err
    assert f"{target}: cannot be written: {reason}" in result.err
    assert list(tmp_path.iterdir()) == []


def test_one_failing_output_writes_none(run_cli, tmp_path, monkeypatch):
    """The PDF and JSON stage fine, the HTML's folder is full: none of the three is written."""
    real = tempfile.mkstemp

    def full_for_html(*args, **kwargs):
        if str(kwargs.get("prefix", "")).startswith(".x.html"):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(*args, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", full_for_html)
    (tmp_path / "full").mkdir()
    outputs = [tmp_path / "ok.pdf", tmp_path / "full" / "x.html", tmp_path / "y.json"]
    result = run_cli(
        "report", str(MINI), "-o", str(outputs[0]), "--html", str(outputs[1]),
        "--json", str(outputs[2]),
    )  # fmt: skip
    assert result.code == 2 and f"{outputs[1]}: cannot be written: the disk is full" in result.err
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["full"]  # nothing, no .part file


def test_a_failing_rename_puts_earlier_outputs_back(run_cli, mini_copy, tmp_path, monkeypatch):
    """Forms for two units: the second rename fails, so the first form is the old one again."""
    out = tmp_path / "forms"
    first = run_cli("collect", str(mini_copy), "--format", "html", "-o", str(out))
    assert first.code == 0, first.err
    forms = sorted(out.iterdir())
    assert len(forms) >= 2
    before = {p: p.read_bytes() for p in forms}
    forms[0].write_bytes(before[forms[0]] + b"<!-- the first run -->")  # still our own file
    before[forms[0]] = forms[0].read_bytes()
    real, calls = os.replace, []

    def replace(src, dst):
        calls.append(dst)
        if len(calls) == 2:
            raise OSError(errno.EROFS, "Read-only file system", str(dst))
        return real(src, dst)

    monkeypatch.setattr(os, "replace", replace)
    again = run_cli("collect", str(mini_copy), "--format", "html", "-o", str(out))
    monkeypatch.undo()
    assert again.code == 2 and "read-only filesystem" in again.err
    assert {p: p.read_bytes() for p in sorted(out.iterdir())} == before  # no .part, no .old


def test_a_per_unit_folder_that_cannot_be_made_is_named(run_cli, tmp_path, monkeypatch):
    def read_only(*_args, **_kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(Path, "mkdir", read_only)
    target = tmp_path / "units"
    result = run_cli("report", str(MINI), "--per-unit", str(target))
    assert result.code == 2, result.err
    assert "units: cannot be written: the folder is on a read-only filesystem" in result.err
