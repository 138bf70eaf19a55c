"""results.json is the one contract: renderers import no policy and show what the results say,
even when the results say something the engine itself would never decide."""

from __future__ import annotations

import ast
import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from assessment.commands.pipeline import assess
from assessment.loading.engagement import load_profile, questionnaire_folder
from assessment.loading.questionnaire import load_questionnaire
from assessment.model.results import Results, TodayStatement
from assessment.report.context import build_context
from assessment.scoring.highlights import highlights
from tests.builders import dimension_result
from tests.conftest import EXAMPLE, MINI

PACKAGE = Path(__file__).resolve().parent.parent / "assessment"
RENDERERS = [PACKAGE / "report", PACKAGE / "exports"]  # exports: CSV and terminal tables
POLICY = ("assessment.scoring", "assessment.roadmap", "assessment.loading")


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.append(node.module)
        elif isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
    return found


def test_renderers_import_no_scoring_roadmap_or_loading():
    files = [f for r in RENDERERS for f in ([r] if r.is_file() else sorted(r.rglob("*.py")))]
    assert len(files) > 10
    offending = [
        f"{f.relative_to(PACKAGE.parent)} imports {module}"
        for f in files
        for module in _imports(f)
        if module.startswith(POLICY)
    ]
    assert offending == []


def _mini() -> tuple[Results, object, object]:
    _, results = assess(MINI)
    profile = load_profile(MINI)
    questionnaire = load_questionnaire(questionnaire_folder(MINI, profile)).questionnaire
    return results, questionnaire, profile


def test_the_report_shows_the_judgments_of_the_results_not_its_own():
    results, questionnaire, profile = _mini()
    dims = [d.dimension_id for d in results.dimensions]
    unit = results.units[0]
    # Judgments the engine would not make: every one must reach the report as written.
    doctored = results.model_copy(
        update={
            "highlights": results.highlights.model_copy(
                update={"strengths": [dims[-1]], "largest_gaps": [dims[0]]}
            ),
            "units": [
                unit.model_copy(update={"hidden": True, "hidden_reason": "by hand"}),
                *results.units[1:],
            ],
            "compliance": [c.model_copy(update={"weak": not c.weak}) for c in results.compliance],
            "thresholds": results.thresholds.model_copy(
                update={"weak_level": 4, "min_group_size": 7, "perception_gap_points": 1.3}
            ),
            "dimensions": [
                results.dimensions[0].model_copy(
                    update={
                        "gap": 9.9,
                        "today": [
                            TodayStatement(
                                question_id="X", answers=["x"], count=1, of=1, text="Said by hand."
                            )
                        ],
                    }
                ),
                *results.dimensions[1:],
            ],
            "questions": [
                results.questions[0].model_copy(update={"level": 5}),
                *results.questions[1:],
            ],
            "roadmap": results.roadmap.model_copy(
                update={
                    "decisions": [
                        d.model_copy(update={"title": "Decide by hand", "reason": "Because."})
                        for d in results.roadmap.decisions[:1]
                    ]
                }
            ),
        }
    )
    ctx = build_context(doctored, questionnaire, profile)  # type: ignore[arg-type]
    assert [v.id for v in ctx.strengths] == [dims[-1]]
    assert [v.id for v in ctx.largest_gaps] == [dims[0]]
    assert ctx.units[0].hidden and ctx.units[0].index == "hidden"
    assert [p.weak for p in ctx.compliance_points] == [not c.weak for c in results.compliance]
    assert (ctx.weak_level, ctx.min_group_size, ctx.perception_gap_points) == (4, 7, "1.3")
    first = results.questions[0].question_id
    shown = next(q for d in ctx.dimensions for q in d.all_questions if q.id == first)
    assert shown.level_class == "lv-5"
    if results.roadmap.decisions:
        assert [(d.title, d.reason) for d in ctx.decisions] == [("Decide by hand", "Because.")]
    # The gap and today's statements are shown as scoring wrote them, never recomputed.
    assert (ctx.dimensions[0].gap, ctx.dimensions[0].today) == ("9.9", ["Said by hand."])


@settings(max_examples=80, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(1, 5), st.integers(1, 5), st.floats(0.5, 2.0)),
        min_size=1,
        max_size=9,
    )
)
def test_a_dimension_is_never_both_a_strength_and_a_gap(specs):
    floors = (1.0, 1.8, 2.6, 3.4, 4.2)
    dims = [
        dimension_result(
            f"d{i}",
            level,
            target,
            floors[level - 1] + 0.3,
            max(0.0, round(floors[target - 1] - floors[level - 1] - 0.3, 2)),
            weight,
        )
        for i, (level, target, weight) in enumerate(specs)
    ]
    h = highlights(dims)
    assert not set(h.strengths) & set(h.largest_gaps)
    by_id = {d.dimension_id: d for d in dims}
    assert all(by_id[g].gap > 0 for g in h.largest_gaps)
    assert all(by_id[s].gap == 0 or (by_id[s].level or 0) >= 3 for s in h.strengths)


def test_an_earlier_results_file_still_gives_progress(run_cli, tmp_path):
    """A results.json written before the roadmap and scoring fields changed is read for the
    scores progress compares, and nothing else."""
    earlier = Path(__file__).parent / "data" / "earlier" / "northwind-before-2.0.json"
    result = run_cli("score", str(EXAMPLE), "--json", "--previous", str(earlier))
    assert result.code == 0, result.err
    progress = json.loads(result.out)["progress"]
    assert progress["previous_date"] == "2026-11-16"
    assert progress["previous_questionnaire_version"] == "1.0.0"
    assert "DATA-05" in progress["unmatched_questions"] or progress["questions"]


def test_scoring_has_one_way_in():
    """Code outside scoring imports the package, never its modules."""
    outside = [
        f for f in sorted(PACKAGE.rglob("*.py")) if "scoring" not in f.relative_to(PACKAGE).parts
    ]
    reaching_in = [
        f"{f.relative_to(PACKAGE.parent)} imports {module}"
        for f in outside
        for module in _imports(f)
        if module.startswith("assessment.scoring.")
    ]
    assert reaching_in == []
