"""Planner invariants over many generated gap sets, on the bundled 60-action library."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from assessment.loading.engagement import load_profile, questionnaire_folder
from assessment.loading.questionnaire import load_questionnaire
from assessment.model.engagement import Planning
from assessment.model.results import DimensionResult, QuestionResult
from assessment.roadmap import obligations as legal
from assessment.roadmap.planner import plan
from assessment.roadmap.select import is_triggered
from tests.builders import dimension_result, question_result
from tests.conftest import EXAMPLE

PROFILE = load_profile(EXAMPLE)
LOADED = load_questionnaire(questionnaire_folder(EXAMPLE, PROFILE))
DIMS = [d.id for d in LOADED.questionnaire.dimensions]
TRIGGER_QUESTIONS = sorted(
    {q for a in LOADED.actions.actions for q in a.trigger.questions}
    | {q for o in LOADED.actions.obligations.obligations for q in o.evidence}  # type: ignore[union-attr]
)
LIBRARY_DEPS = {a.id: a.depends_on for a in LOADED.actions.actions}
LEVEL_FLOOR = (1.0, 1.8, 2.6, 3.4, 4.2)


def _dim(dim_id: str, level: int, target: int) -> DimensionResult:
    score = LEVEL_FLOOR[level - 1] + 0.3
    return dimension_result(dim_id, level, target, score, max(0.0, LEVEL_FLOOR[target - 1] - score))


def _question(qid: str, score: float) -> QuestionResult:
    return question_result(qid, score)


situations = st.fixed_dictionaries(
    {
        "levels": st.lists(st.integers(1, 5), min_size=len(DIMS), max_size=len(DIMS)),
        "targets": st.lists(st.integers(1, 5), min_size=len(DIMS), max_size=len(DIMS)),
        "questions": st.lists(
            st.floats(1, 5), min_size=len(TRIGGER_QUESTIONS), max_size=len(TRIGGER_QUESTIONS)
        ),
        "capacity": st.integers(1, 10),
        "industry": st.sampled_from(["insurance", "retail"]),
    }
)


def _profile(s):
    org = PROFILE.organisation.model_copy(update={"industry": s["industry"]})
    return PROFILE.model_copy(
        update={"organisation": org, "planning": Planning(max_parallel_actions=s["capacity"])}
    )


def _plan(s):
    dims = [_dim(d, lv, t) for d, lv, t in zip(DIMS, s["levels"], s["targets"], strict=True)]
    questions = [_question(q, v) for q, v in zip(TRIGGER_QUESTIONS, s["questions"], strict=True)]
    return dims, questions, plan(LOADED.actions, dims, questions, _profile(s))


def _required_by_law(s, questions) -> set[str]:
    """Actions a duty binding for certain shows unmet: planned whatever the gaps say."""
    assert LOADED.actions.obligations is not None
    assessed = legal.assess(
        LOADED.actions.obligations, _profile(s), {q.question_id: q for q in questions}
    )
    return {
        aid for a in assessed if a.shown_unmet and not a.conditional for aid in a.obligation.actions
    }


@settings(max_examples=60, deadline=None)
@given(situations)
def test_dependencies_horizon_capacity_and_nothing_dropped(s):
    dims, questions, roadmap = _plan(s)
    planned = {a.id: a for a in roadmap.actions}
    for action in roadmap.actions:
        assert 0 <= action.start_month < action.end_month <= roadmap.horizon_months
        for dep in action.depends_on:
            if dep in planned:
                assert action.start_month >= planned[dep].end_month
    for month in range(roadmap.horizon_months):
        running = sum(1 for a in roadmap.actions if a.start_month <= month < a.end_month)
        assert running <= s["capacity"]
    by_dim = {d.dimension_id: d for d in dims}
    by_q = {q.question_id: q for q in questions}
    triggered = {
        a.id
        for a in LOADED.actions.actions
        if is_triggered(a, by_dim[a.trigger.dimension], by_q)
        and (not a.regions or PROFILE.organisation.region in a.regions)
    }
    deferred = {d.id for d in roadmap.deferred}
    # nothing silently dropped, and nothing added beyond the gaps and the law
    assert set(planned) | deferred == triggered | _required_by_law(s, questions)
    assert not set(planned) & deferred
    phases = {p.number: p for p in roadmap.phases}
    for action in roadmap.actions:
        # no dangling dependency: a prerequisite is planned before it, or in place
        in_place = {p.id for p in action.prerequisites_in_place}
        for dep in LIBRARY_DEPS[action.id]:
            assert dep in planned or dep in in_place
        assert set(action.depends_on) <= set(planned)
        # no action outside its phase's months
        phase = phases[action.phase]
        assert phase.start_month <= action.start_month
        assert action.end_month <= phase.end_month
        assert action.quick_win == (
            action.effort == "low"
            and action.end_month - action.start_month <= 3
            and action.end_month <= 6
        )


@settings(max_examples=40, deadline=None)
@given(situations)
def test_at_or_above_target_everywhere_means_no_actions(s):
    s = {**s, "targets": [min(t, lv) for t, lv in zip(s["targets"], s["levels"], strict=True)]}
    _, questions, roadmap = _plan(s)
    # only what the law requires remains
    chosen = {a.id for a in roadmap.actions} | {d.id for d in roadmap.deferred}
    assert chosen == _required_by_law(s, questions)


@settings(max_examples=60, deadline=None)
@given(
    situations, st.integers(0, len(DIMS) - 1), st.integers(0, max(0, len(TRIGGER_QUESTIONS) - 1))
)
def test_raising_maturity_never_adds_triggered_actions(s, dim, question):
    def chosen(state):
        _, _, roadmap = _plan(state)
        return {a.id for a in roadmap.actions} | {d.id for d in roadmap.deferred}

    before = chosen(s)
    higher_level = [*s["levels"]]
    higher_level[dim] = min(5, higher_level[dim] + 1)
    higher_answer = [*s["questions"]]
    if higher_answer:
        higher_answer[question] = min(5.0, higher_answer[question] + 1)
    assert chosen({**s, "levels": higher_level}) <= before
    assert chosen({**s, "questions": higher_answer}) <= before


UNLIMITED = 50  # the most the profile allows, more than the library ever runs at once


@settings(max_examples=60, deadline=None)
@given(situations)
def test_with_capacity_to_spare_nothing_is_deferred(s):
    """No deferral is ever caused by a dependency or the horizon alone: with capacity to
    spare, everything chosen fits within the 24 months."""
    _, _, roadmap = _plan({**s, "capacity": UNLIMITED})
    assert roadmap.deferred == []


@settings(max_examples=60, deadline=None)
@given(situations, st.integers(0, max(0, len(TRIGGER_QUESTIONS) - 1)))
def test_raising_an_answer_never_defers_a_planned_action(s, question):
    s = {**s, "capacity": UNLIMITED}
    higher = [*s["questions"]]
    if higher:
        higher[question] = min(5.0, higher[question] + 1)
    _, _, before = _plan(s)
    _, _, after = _plan({**s, "questions": higher})
    still_chosen = {a.id for a in after.actions} | {d.id for d in after.deferred}
    planned_before = {a.id for a in before.actions}
    assert not (planned_before & still_chosen) & {d.id for d in after.deferred}


@settings(max_examples=40, deadline=None)
@given(situations, st.integers(4, 10))
def test_value_tracking_keeps_its_place_inside_the_horizon(s, capacity):
    """The actions that measure value and review the programme come before discretionary
    work, so the horizon does not push them out."""
    _, _, roadmap = _plan({**s, "capacity": capacity})
    value = {a.id for a in LOADED.actions.actions if a.measures_value}
    assert not value & {d.id for d in roadmap.deferred}
