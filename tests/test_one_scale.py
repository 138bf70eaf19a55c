"""One language for numbers: one rounding (half up, one decimal for scores), levels read from
the score as shown, and one gap in points that every output shows and a reader can recompute."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessment.common.formatting import (
    gap_text,
    percent_text,
    round_half_up,
    score_text,
    signed_text,
    whole_text,
)
from assessment.scoring.policy import band_of, level_of, shown_scores


@pytest.mark.parametrize(
    ("value", "digits", "shown"),
    [
        (1.95, 1, 2.0),  # stored as 1.94999..., still rounds up
        (2.05, 1, 2.1),
        (1.25, 1, 1.3),  # half up, where round() would give the even 1.2
        (1.24999, 1, 1.2),
        (32.5, 0, 33.0),
        (33.5, 0, 34.0),
        (2.675, 2, 2.68),
        ((3.3 + 3.4) / 2, 1, 3.4),  # 3.3499999999999996: float noise is not a value
    ],
)
def test_round_half_up_at_the_half(value: float, digits: int, shown: float) -> None:
    assert round_half_up(value, digits) == shown


def test_texts_use_the_one_rounding() -> None:
    assert score_text(1.95) == "2.0" and score_text(None) == "n/a"
    assert whole_text(32.5) == "33" and percent_text(0.125) == "13%"
    assert signed_text(0.05) == "+0.1" and signed_text(-0.04) == "0.0"
    # A gate measures the gap from a lower score than the one shown: say from where.
    assert gap_text(1.8, 1.6, 1.94) == "1.8 from 1.6"
    assert gap_text(1.4, 2.0, 2.01) == "1.4"


@settings(max_examples=300, deadline=None)
@given(st.floats(min_value=1.0, max_value=5.0, allow_nan=False))
def test_levels_agree_with_the_score_as_printed(score: float) -> None:
    printed = round_half_up(score)
    assert shown_scores(np.array([score]))[0] == printed
    expected = 1 + sum(printed >= start for start in (1.8, 2.6, 3.4, 4.2))
    assert level_of(np.array([score]))[0] == expected


def test_the_band_follows_the_index_as_printed() -> None:
    assert band_of(29.5) == "Building foundations"  # printed as 30
    assert band_of(29.49) == "Not yet ready"  # printed as 29


def _respondents(folder: Path, answers: list[str]) -> None:
    """One respondent per answer to A-01 only, all in north (the mini engagement)."""
    lines = ["respondent_id,business_unit,role,question_id,answer"]
    lines += [f"r{i},north,executive,A-01,{a}" for i, a in enumerate(answers)]
    for old in (folder / "responses").iterdir():
        old.unlink()
    (folder / "responses" / "answers.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_a_score_at_the_half_shows_the_same_score_level_and_gap_everywhere(
    mini_copy: Path, run_cli, tmp_path: Path
) -> None:
    # 19 twos and one 1 on A-01 alone: alpha = 39 / 20 = 1.95, shown as 2.0 (half up), so
    # level 2; the target is level 3, which starts at 2.6: gap 2.6 - 2.0 = 0.6.
    _respondents(mini_copy, ["2"] * 19 + ["1"])
    json_path, html_path = tmp_path / "r.json", tmp_path / "r.html"
    result = run_cli(
        "report", str(mini_copy), "-o", str(tmp_path / "r.pdf"), "--json", str(json_path),
        "--html", str(html_path),
    )
    assert result.code == 0, result.err
    alpha = json.loads(json_path.read_text())["dimensions"][0]
    assert (alpha["score"], alpha["level"], alpha["target_score"]) == (1.95, 2, 2.6)
    assert (alpha["gap"], alpha["gap_from"]) == (0.6, 2.0)

    html = re.sub(r"\s+", " ", html_path.read_text())
    assert "<strong>Alpha</strong>: 2.0 against a target of 2.6; gap 0.6 points." in html
    assert "<th>Gap</th><td>0.6 points</td>" in html
    assert "1.9" not in re.sub(r"<svg.*?</svg>", "", html).split("Readiness by dimension")[1][:3000]

    terminal = run_cli("score", str(mini_copy))
    assert terminal.code == 0
    row = next(line for line in terminal.out.splitlines() if line.startswith("│ Alpha"))
    cells = [c.strip() for c in row.split("│")[1:-1]]
    assert cells[1] == "2.0" and cells[3].startswith("2.6") and cells[4] == "0.6"
