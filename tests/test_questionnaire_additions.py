"""Questionnaire 2.1.0: agent governance, pilot to production, workflow redesign and the
leadership value review, with their actions, and earlier results that still compare."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from assessment.commands.pipeline import assess
from assessment.loading.questionnaire import load_questionnaire
from assessment.model.errors import InputError
from assessment.model.results import Results
from tests.conftest import EXAMPLE, REPO

BUNDLED = REPO / "questionnaires" / "genai-readiness"
EARLIER = REPO / "tests" / "data" / "earlier" / "northwind-2.0.0.json"
ROLES = ["executive", "business", "finance", "data_it", "security_risk", "hr_people"]

# The roles that can answer each new question, and why (docs/questionnaire-format.md).
INTENDED = {
    "GOV-10": {"data_it", "security_risk"},  # who configure and police agents' tools
    "CHANGE-10": {"business", "executive"},  # who own the processes, as for CHANGE-03
    "OPS-10": {"executive", "business", "data_it"},  # who run and sponsor pilots
    "OPS-90": {"executive", "business", "data_it"},  # the follow-up to OPS-10
    "OPS-11": {"executive", "finance"},  # who sit in, and prepare, the value review
}


def _engagement(tmp_path: Path, answers: dict[str, str]) -> Path:
    """An insurer with one unit and two respondents per role, each giving `answers`
    (question id -> answer) unless the question names per-respondent answers with '|'."""
    folder = tmp_path / "engagement"
    (folder / "responses").mkdir(parents=True)
    (folder / "assessment.yaml").write_text(
        "organisation: {name: Test Mutual, industry: insurance, employees: 500, region: EU}\n"
        "assessment_date: 2026-11-16\n"
        "currency: EUR\n"
        "questionnaire: {id: genai-readiness}\n"
        "ambition: balanced\n"
        "business_units: [{id: ops, name: Operations, headcount: 500}]\n"
        # Room for every triggered action, so none is deferred for lack of capacity.
        "planning: {max_parallel_actions: 50}\n",
        encoding="utf-8",
    )
    rows = ["respondent_id,business_unit,role,question_id,answer"]
    respondents = [(f"R{n:02d}", role) for n, role in enumerate(ROLES * 2, start=1)]
    for qid, answer in answers.items():
        per_respondent = answer.split("|")
        for i, (rid, role) in enumerate(respondents):
            rows.append(f"{rid},ops,{role},{qid},{per_respondent[i % len(per_respondent)]}")
    (folder / "responses" / "answers.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


def _results(folder: Path, previous: Path | None = None) -> Results:
    return assess(folder, previous)[1]


def _question(results: Results, qid: str):
    return next(q for q in results.questions if q.question_id == qid)


def test_version_bumped_and_new_questions_have_no_earlier_ids():
    q = load_questionnaire(BUNDLED).questionnaire
    assert q.version == "2.1.0"
    index = q.question_index()
    assert set(INTENDED) <= set(index)
    # Nothing earlier is replaced by a new question: they are additions, not new meanings.
    assert not set(INTENDED) & set(q.lineage.values())


@pytest.mark.parametrize("qid", sorted(INTENDED))
def test_each_new_question_is_declared_for_its_roles(qid):
    question = load_questionnaire(BUNDLED).questionnaire.question_index()[qid]
    assert set(question.audience) == INTENDED[qid]


def test_answers_from_other_roles_are_not_counted(tmp_path):
    """Every role answers every new question; only the intended roles' answers count."""
    folder = _engagement(
        tmp_path,
        {
            "GOV-10": "human-approval",
            "CHANGE-10": "40",
            "OPS-10": "30",
            "OPS-90": "No owner in the business",
            "OPS-11": "3",
        },
    )
    results = _results(folder)
    for qid in ("GOV-10", "CHANGE-10", "OPS-10", "OPS-11"):
        assert _question(results, qid).answered == 2 * len(INTENDED[qid]), qid
    reasons = [t for t in results.free_text if t.question_id == "OPS-90"]
    assert sum(t.count for t in reasons) == 2 * len(INTENDED["OPS-90"])


def test_agent_governance_score_by_hand(tmp_path):
    """GOV-10 weights: limits 2, permissions 2, approval 2, logs 2, stop 1, register 1 (10).
    R04 (data_it) ticks approval and logs: 1 + 4 x 4/10 = 2.6. R05 (security_risk) ticks all
    but the register: 1 + 4 x 9/10 = 4.6. R10 (data_it) says n/a, R11 (security_risk) does not
    know: neither counts. The mean of 2.6 and 4.6 is 3.6, level 4 (3.5 and above)."""
    answers = ["", "", "", "human-approval;action-logs", "", "", "", "", "", "na", "dk", ""]
    answers[4] = "autonomy-limits;tool-permissions;human-approval;action-logs;stop-and-undo"
    results = _results(_engagement(tmp_path, {"GOV-10": "|".join(answers)}))
    gov10 = _question(results, "GOV-10")
    assert gov10.answered == 2
    assert gov10.score == pytest.approx(3.6)
    assert gov10.level == 4


# Each new gap, the action it triggers, and answers either side of the trigger threshold. The
# other answers hold the trigger dimension below its target and at or above level 2 (every
# new action's below_level), so only the new question can trigger the action.
TRIGGERS = [
    (
        "GOV-10",
        "none",
        "autonomy-limits;tool-permissions;human-approval;action-logs",
        "ACT-61",
        {"GOV-01": "3", "GOV-02": "3", "GOV-04": "3"},
    ),
    (
        "CHANGE-10",
        "5",
        "70",
        "ACT-63",
        {"CHANGE-01": "2", "CHANGE-02": "2", "CHANGE-03": "2", "CHANGE-04": "2"},
    ),
    ("OPS-10", "5", "60", "ACT-62", {"OPS-01": "2", "OPS-02": "2", "OPS-04": "2"}),
]


@pytest.mark.parametrize(("qid", "low", "high", "action", "others"), TRIGGERS)
def test_a_low_answer_puts_the_new_action_in_the_plan(tmp_path, qid, low, high, action, others):
    runs = {}
    for name, answer in (("low", low), ("high", high)):
        results = _results(_engagement(tmp_path / name, {**others, qid: answer}))
        dim = next(d for d in results.dimensions if any(q.id == qid for q in _dimension(d)))
        assert dim.level is not None and 2 <= dim.level < dim.target, (name, dim)
        runs[name] = results.roadmap
    assert action in {a.id for a in runs["low"].actions}
    chosen = next(a for a in runs["low"].actions if a.id == action)
    assert f"{qid} scored 1" in chosen.reason
    high_plan = runs["high"]
    assert action not in {a.id for a in high_plan.actions} | {d.id for d in high_plan.deferred}


def _dimension(result):
    q = load_questionnaire(BUNDLED).questionnaire
    return next(d for d in q.dimensions if d.id == result.dimension_id).questions


def test_a_low_value_review_answer_is_named_in_the_quarterly_review(tmp_path):
    """OPS-11 below 4 (no quarterly review of measured value) is evidence for ACT-55, even
    when the executive committee's charter review (STRAT-07) is in place."""
    folder = _engagement(tmp_path, {"STRAT-01": "3", "STRAT-07": "yes", "OPS-11": "2"})
    review = next(a for a in _results(folder).roadmap.actions if a.id == "ACT-55")
    assert "OPS-11 scored 2" in review.reason


def test_the_agent_archetype_needs_agent_governance():
    archetypes = (BUNDLED / "archetypes.yaml").read_text(encoding="utf-8")
    agent = next(a for a in yaml.safe_load(archetypes)["archetypes"] if a["id"] == "tool_agent")
    needs = {r.get("capability"): r["closed_by"] for r in agent["requires"]}
    assert needs["Agent governance"] == ["ACT-61"]


def test_an_earlier_results_file_still_compares():
    """Northwind's results under questionnaire 2.0.0 (the golden file before 2.1.0): the answers
    to earlier questions did not change, so dimensions without new questions show no change,
    every earlier question is matched and the new questions have no earlier score."""
    results = _results(EXAMPLE, EARLIER)
    progress = results.progress
    assert progress is not None and progress.previous_questionnaire_version == "2.0.0"
    then = json.loads(EARLIER.read_text(encoding="utf-8"))
    then_dims = {d["dimension_id"]: d["score"] for d in then["dimensions"]}
    changes = {c.key: c for c in progress.dimensions}
    assert set(changes) == set(then_dims)
    for dim in ("strategy", "data", "infrastructure", "models", "security", "workforce"):
        assert changes[dim].previous_score == then_dims[dim]
        assert changes[dim].change == 0, dim
    assert progress.unmatched_questions == []
    matched = {c.key for c in progress.questions}
    assert len(matched) == len(then["questions"])
    assert not matched & set(INTENDED)
    # Earlier answers are unchanged (SEC-07 had no real answer then or now).
    assert all(c.change in (0, None) for c in progress.questions)
    assert [c.key for c in progress.questions if c.change is None] == ["SEC-07"]


def test_a_conditional_free_text_question_is_checked_for_reach(tmp_path):
    """OPS-90 follows OPS-10; asking finance, who never answers OPS-10, is reported."""
    folder = tmp_path / "q"
    shutil.copytree(BUNDLED, folder)
    ops = folder / "dimensions" / "operations.yaml"
    text = ops.read_text(encoding="utf-8")
    follow_up = text.index("  - id: OPS-90")
    head, tail = text[:follow_up], text[follow_up:]
    tail = tail.replace(
        "audience: [executive, business, data_it]",
        "audience: [executive, business, data_it, finance]",
        1,
    )
    ops.write_text(head + tail, encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_questionnaire(folder)
    assert "OPS-90: is asked of finance, who can never see it" in str(caught.value)
