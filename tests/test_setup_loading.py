"""Every command loads the set-up the same way: a profile that does not fit its questionnaire, a
bad logo or a bad earlier results file is one located error (exit 2) from whichever command
runs, raised before any scoring, with nothing written."""

from __future__ import annotations

import base64
from pathlib import Path

import pytest
import yaml

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)
NATIVE = "respondent_id,business_unit,role,question_id,answer\nx1,north,executive,A-01,2\n"


def _commands(folder: Path, out: Path) -> dict[str, list[str]]:
    """Every command that takes an engagement folder, with outputs that must not appear."""
    source = out / "answers.csv"
    source.write_text(NATIVE)
    return {
        "report": ["report", str(folder), "-o", str(out / "r.pdf"), "--json", str(out / "r.json")],
        "report --per-unit": ["report", str(folder), "--per-unit", str(out / "units")],
        "score": ["score", str(folder)],
        "roadmap": ["roadmap", str(folder), "--csv", str(out / "plan.csv")],
        "status": ["status", str(folder)],
        "collect": ["collect", str(folder), "-o", str(out / "forms")],
        "import": ["import", str(folder), str(source)],
    }


def _edit(folder: Path, **changes: object) -> None:
    path = folder / "assessment.yaml"
    data = yaml.safe_load(path.read_text())
    data.update(changes)
    path.write_text(yaml.safe_dump(data))


def _same_error_everywhere(run_cli, folder: Path, out: Path) -> str:
    before = sorted(p.relative_to(folder) for p in folder.rglob("*"))
    errors = {}
    for command, args in _commands(folder, out).items():
        result = run_cli(*args)
        assert result.code == 2, (command, result.out, result.err)
        assert "Traceback" not in result.err
        errors[command] = result.err
    assert len(set(errors.values())) == 1, errors
    written = sorted(p.name for p in out.iterdir() if p.name != "answers.csv")
    assert written == [], "nothing is written"
    assert sorted(p.relative_to(folder) for p in folder.rglob("*")) == before
    return errors["score"]


def test_profile_questionnaire_mismatch_reads_the_same_in_every_command(
    run_cli, mini_copy, tmp_path
):
    _edit(
        mini_copy,
        ambition="reckless",
        targets={"gamma": 3},
        unit_targets={"north": {"delta": 2}},
    )
    out = tmp_path / "out"
    out.mkdir()
    err = _same_error_everywhere(run_cli, mini_copy, out)
    assert err.startswith("error: 3 problems in the input:")
    assert "field 'ambition': unknown ambition 'reckless' (choose one of" in err
    assert "field 'targets.gamma': unknown dimension 'gamma' (known: alpha, beta)" in err
    assert "field 'unit_targets.north.delta': unknown dimension 'delta'" in err


def test_questionnaire_version_mismatch_reads_the_same_in_every_command(
    run_cli, mini_copy, tmp_path
):
    _edit(mini_copy, questionnaire={"id": "mini", "path": "questionnaire", "version": "9.9"})
    out = tmp_path / "out"
    out.mkdir()
    err = _same_error_everywhere(run_cli, mini_copy, out)
    assert "field 'questionnaire.version': asks for version 9.9 but mini is version" in err


@pytest.mark.parametrize(
    ("logo", "content", "message"),
    [
        ("missing.png", None, "logo 'missing.png' not found"),
        ("../outside.png", None, "logo '../outside.png' must be a file inside the engagement"),
        ("logo.png", b"not a picture", "logo 'logo.png' is not a PNG image"),
        ("logo.jpg", PNG, "logo 'logo.jpg' is not a JPEG image"),
        ("logo.svg", b"\xff\xfe<svg/>", "logo 'logo.svg' is not an SVG image"),
        ("logo.png", PNG + b"\0" * 2_000_000, "logo 'logo.png' is larger than 2 MB"),
    ],
    ids=["missing", "outside", "not-png", "png-named-jpg", "not-utf8-svg", "too-large"],
)
def test_bad_logo_stops_every_command_before_scoring(
    run_cli, mini_copy, tmp_path, monkeypatch, logo, content, message
):
    (mini_copy.parent / "outside.png").write_bytes(PNG)
    if content is not None:
        (mini_copy / logo).write_bytes(content)
    _edit(mini_copy, report={"logo": logo})
    monkeypatch.setattr("assessment.commands.pipeline.score", _no_scoring)
    out = tmp_path / "out"
    out.mkdir()
    err = _same_error_everywhere(run_cli, mini_copy, out)
    assert f"assessment.yaml, field 'report.logo': {message}" in err


def test_unreadable_logo_is_a_located_error(run_cli, mini_copy, tmp_path, monkeypatch):
    (mini_copy / "logo.png").write_bytes(PNG)
    _edit(mini_copy, report={"logo": "logo.png"})
    real = Path.read_bytes

    def refuse(path: Path) -> bytes:
        if path.name == "logo.png":
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    result = run_cli("score", str(mini_copy))
    assert result.code == 2
    assert "field 'report.logo': logo 'logo.png' cannot be read (Permission denied)" in result.err


def test_a_good_logo_is_accepted(run_cli, mini_copy):
    (mini_copy / "logo.svg").write_text("<?xml version='1.0'?>\n<svg xmlns='x'/>")
    _edit(mini_copy, report={"logo": "logo.svg"})
    assert run_cli("score", str(mini_copy)).code == 0


def _no_scoring(*_args: object, **_kwargs: object) -> None:
    raise AssertionError("scoring ran before the set-up was checked")


def _results_json(run_cli, folder: Path) -> str:
    result = run_cli("score", str(folder), "--json")
    assert result.code == 0, result.err
    return result.out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "assessment.yaml, field 'previous_results': earlier results file 'old.json' not"),
        ("{not json", "old.json: is not a JSON file"),
        ('{"tool_version": "1"}', "old.json: is not a results.json written by readiness"),
    ],
    ids=["missing", "not-json", "not-results"],
)
def test_bad_previous_results_stop_every_command_before_scoring(
    run_cli, mini_copy, tmp_path, monkeypatch, content, message
):
    if content is not None:
        (mini_copy / "old.json").write_text(content)
    _edit(mini_copy, previous_results="old.json")
    monkeypatch.setattr("assessment.commands.pipeline.score", _no_scoring)
    out = tmp_path / "out"
    out.mkdir()
    err = _same_error_everywhere(run_cli, mini_copy, out)
    assert message in err


def test_previous_results_of_another_questionnaire_are_refused_early(
    run_cli, mini_copy, tmp_path, monkeypatch
):
    earlier = _results_json(run_cli, mini_copy).replace('"questionnaire_id": "mini"', '"q": 1', 1)
    earlier = earlier.replace('"q": 1', '"questionnaire_id": "other"')
    (mini_copy / "old.json").write_text(earlier)
    _edit(mini_copy, previous_results="old.json")
    monkeypatch.setattr("assessment.commands.pipeline.score", _no_scoring)
    out = tmp_path / "out"
    out.mkdir()
    err = _same_error_everywhere(run_cli, mini_copy, out)
    assert "old.json: comes from questionnaire 'other', not 'mini'" in err


def test_command_line_previous_is_checked_before_scoring(run_cli, mini_copy, tmp_path, monkeypatch):
    bad = tmp_path / "old.json"
    bad.write_text("[]")
    monkeypatch.setattr("assessment.commands.pipeline.score", _no_scoring)
    for args in (["score"], ["roadmap"], ["report", "-o", str(tmp_path / "r.pdf")]):
        result = run_cli(*args[:1], str(mini_copy), *args[1:], "--previous", str(bad))
        assert result.code == 2, result.err
        assert "old.json: is not a results.json written by readiness" in result.err
    assert not (tmp_path / "r.pdf").exists()


def test_good_previous_results_give_progress(run_cli, mini_copy):
    (mini_copy / "old.json").write_text(_results_json(run_cli, mini_copy))
    _edit(mini_copy, previous_results="old.json")
    results = yaml.safe_load(_results_json(run_cli, mini_copy))
    assert results["progress"] is not None
    assert [i["path"] for i in results["inputs"]][-1] == "old.json"
