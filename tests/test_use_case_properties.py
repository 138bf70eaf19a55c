"""Use-case verdict invariants over generated answer sets and archetypes (hypothesis), on the
mini questionnaire, which has no conditional questions. Its dimension alpha stands in for the
governance a high-risk use case needs."""

from __future__ import annotations

import pandas as pd
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from assessment.loading.engagement import load_profile, questionnaire_folder
from assessment.loading.questionnaire import load_questionnaire
from assessment.loading.rate_card import load_rate_card
from assessment.model.use_cases import (
    PERMITTED_TIERS,
    Archetype,
    ArchetypeLibrary,
    UseCase,
    UseCaseVerdict,
    VerdictPolicy,
)
from assessment.roadmap.planner import plan
from assessment.roadmap.use_case_verdicts import Readiness, judge_use_cases
from assessment.scoring.engine import score
from assessment.scoring.policy import LEVEL_THRESHOLDS
from tests.conftest import MINI

PROFILE = load_profile(MINI)
LOADED = load_questionnaire(questionnaire_folder(MINI, PROFILE))
QUESTIONNAIRE = LOADED.questionnaire
RATE_CARD = load_rate_card(MINI, LOADED.actions, LOADED.folder)
SCORED = [q for _, q in QUESTIONNAIRE.questions() if q.scored]
UNITS = [u.id for u in PROFILE.business_units]
ACTIONS = [a.id for a in LOADED.actions.actions]
GOVERNANCE = "alpha"


@st.composite
def answer_sets(draw: st.DrawFn) -> pd.DataFrame:
    rows = []
    for i in range(draw(st.integers(min_value=1, max_value=6))):
        unit = draw(st.sampled_from(UNITS))
        for q in SCORED:
            answer = draw(st.sampled_from(["1", "2", "3", "4", "5", "dk"]))
            rows.append((f"r{i}", unit, "business", q.id, answer))
    frame = pd.DataFrame(rows, columns=["respondent", "unit", "role", "question", "answer"])
    frame["comment"] = ""
    frame["file"] = "generated.csv"
    frame["row"] = range(2, len(frame) + 2)
    frame["column"] = "answer"
    return frame


levels = st.integers(min_value=1, max_value=5)


@st.composite
def requirements(draw: st.DrawFn, dimension: str) -> dict:
    return {
        "dimension": dimension,
        "min_level": {t: draw(levels) for t in PERMITTED_TIERS},
        "closed_by": draw(st.lists(st.sampled_from(ACTIONS), min_size=1, unique=True)),
    }


@st.composite
def libraries(draw: st.DrawFn, tier: str | None = None) -> ArchetypeLibrary:
    tier = tier or draw(st.sampled_from(["minimal", "limited", "high", "prohibited"]))
    dims = draw(st.lists(st.sampled_from(["alpha", "beta"]), min_size=1, max_size=2, unique=True))
    archetype = Archetype.model_validate(
        {
            "id": "generated",
            "name": "Generated",
            "description": "Generated.",
            "risk_tier": tier,
            "annex_iii": "5(c)" if tier == "high" else None,
            "article_5": "c" if tier == "prohibited" else None,
            "role": draw(st.sampled_from(["deployer", "provider"])),
            "personal_data": "personal",
            "dpia": draw(st.booleans()),
            "requires": [draw(requirements(d)) for d in dims],
        }
    )
    policy = VerdictPolicy(
        conditions_max_gap=draw(st.sampled_from([0.0, 0.2, 0.4, 0.8, 2.0])),
        conditions_start_within_months=draw(st.integers(min_value=1, max_value=24)),
    )
    return ArchetypeLibrary(policy=policy, archetypes=[archetype])


def _case(override_tier: str | None = None) -> UseCase:
    overrides = {"risk_tier": override_tier, "rationale": "Generated."} if override_tier else None
    return UseCase.model_validate(
        {
            "id": "case",
            "name": "Case",
            "owning_unit": UNITS[0],
            "description": "Generated.",
            "value": {"money_per_year": {"low": 1, "high": 2}},
            "archetype": "generated",
            "overrides": overrides,
        }
    )


def _verdict(answers: pd.DataFrame, library: ArchetypeLibrary, case: UseCase) -> UseCaseVerdict:
    scores = score(answers, QUESTIONNAIRE, PROFILE)
    roadmap = plan(LOADED.actions, scores.dimensions, scores.questions, PROFILE, RATE_CARD)
    readiness = Readiness(scores.dimensions, roadmap, LOADED.actions, list(LEVEL_THRESHOLDS))
    (verdict,) = judge_use_cases([case], library, readiness, RATE_CARD)
    return verdict


@settings(max_examples=40, deadline=None)
@given(answer_sets(), libraries(), st.data())
def test_raising_answers_never_turns_a_go_into_not_yet(answers, library, data) -> None:
    before = _verdict(answers, library, _case())
    assume(before.verdict == "go")
    numeric = answers.index[answers["answer"].isin(["1", "2", "3", "4"])]
    assume(len(numeric) > 0)
    rows = data.draw(st.lists(st.sampled_from(list(numeric)), min_size=1, unique=True))
    raised = answers.copy()
    for row in rows:
        raised.loc[row, "answer"] = str(int(answers.loc[row, "answer"]) + 1)
    after = _verdict(raised, library, _case())
    assert after.verdict != "not_yet"
    assert after.verdict == "go"


@settings(max_examples=30, deadline=None)
@given(answer_sets(), libraries(), st.booleans())
def test_a_prohibited_use_case_is_always_never(answers, library, by_override) -> None:
    archetype = library.archetypes[0]
    if by_override:
        case = _case("prohibited")
    else:
        archetype = archetype.model_copy(update={"risk_tier": "prohibited", "article_5": "c"})
        library = library.model_copy(update={"archetypes": [archetype]})
        case = _case()
    verdict = _verdict(answers, library, case)
    assert verdict.verdict == "never"
    assert verdict.possible_from_month is None and verdict.conditions == []


@settings(max_examples=40, deadline=None)
@given(answer_sets(), libraries(tier="high"), st.booleans())
def test_high_risk_is_never_go_below_its_governance_minimum(answers, library, by_override) -> None:
    archetype = library.archetypes[0]
    if not any(r.dimension == GOVERNANCE for r in archetype.requires):
        return  # nothing to check without the governance requirement
    case = _case("high") if by_override else _case()
    if by_override:  # a minimal-tier archetype made high risk by its use
        archetype = archetype.model_copy(update={"risk_tier": "minimal", "annex_iii": None})
        library = library.model_copy(update={"archetypes": [archetype]})
    needed = next(r for r in archetype.requires if r.dimension == GOVERNANCE).min_level["high"]
    scores = score(answers, QUESTIONNAIRE, PROFILE)
    level = next(d.level for d in scores.dimensions if d.dimension_id == GOVERNANCE)
    verdict = _verdict(answers, library, case)
    assert verdict.risk_tier == "high"
    if level is None or level < needed:
        assert verdict.verdict != "go"
