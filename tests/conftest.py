"""Shared fixtures: paths to the bundled example and the small hand-computed engagement."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from assessment.cli import main

pytest_plugins = ["tests.web_databases"]  # database_url: SQLite and PostgreSQL

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "northwind"
MINI = Path(__file__).resolve().parent / "data" / "mini-engagement"


class CliResult:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]):
    """Run `readiness ARGS...` in-process and return its exit code and output."""

    def run(*args: str) -> CliResult:
        code = main(list(args))
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


@pytest.fixture
def mini_copy(tmp_path: Path) -> Path:
    """A writable copy of the mini engagement, for tests that break it on purpose."""
    target = tmp_path / "mini"
    shutil.copytree(MINI, target)
    return target


@pytest.fixture
def pulse_copy(tmp_path: Path) -> Path:
    """A writable copy of the two-dimension pulse engagement."""
    target = tmp_path / "pulse"
    shutil.copytree(Path(__file__).resolve().parent / "data" / "pulse-engagement", target)
    return target
