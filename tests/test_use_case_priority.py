"""Use cases raise priority, and a provider-role use case makes providers' duties apply:
hand-computed on the mini library (docs/methodology.md, "Use cases raise priority").

The mini library's ACT-01 (alpha, low effort, phase 1, 3 months, reaches level 3) gets a twin,
ACT-04, so that two actions tie on base priority: alpha at level 2 (score 2.0), target 3, gap
0.6, weight 1, no named questions, low effort: 0.6 x 1 x 1 / 1 = 0.6 each. With one action at
a time the tie goes to the lower id, ACT-01, unless a use case lifts ACT-04."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import yaml

from assessment.model.rate_card import RateCard
from assessment.model.use_cases import ArchetypeLibrary, UseCase
from assessment.roadmap.obligations import ProviderUse
from assessment.roadmap.planner import plan
from assessment.roadmap.use_case_priority import UseCaseDemand, use_case_demand
from assessment.roadmap.use_case_verdicts import Measured
from tests.conftest import EXAMPLE, MINI
from tests.golden.recompute import use_case_gain_problems
from tests.test_obligations_and_urgency import _library, _ob
from tests.test_roadmap import LOADED, _dim, _profile

POLICY = {
    "conditions_max_gap": 0.4,
    "conditions_start_within_months": 6,
    "priority_gain_per_million": 0.5,
    "priority_gain_cap": 1.0,
}
ALPHA = _dim("alpha", 2, 3, 0.6)
BETA = _dim("beta", 4, 4, 0.0)
LEVEL_STARTS = [1.0, 1.8, 2.6, 3.4, 4.2]

TWIN = LOADED.actions.actions[0].model_copy(update={"id": "ACT-04", "title": "Alpha twin"})
LIBRARY = LOADED.actions.model_copy(update={"actions": [*LOADED.actions.actions, TWIN]})


def _archetype(aid: str, needed: int, *closed_by: str, **extra: object) -> dict:
    return {
        "id": aid,
        "name": aid,
        "description": "A test archetype.",
        "risk_tier": "minimal",
        "role": "deployer",
        "personal_data": "none",
        "dpia": False,
        "requires": [
            {
                "dimension": "alpha",
                "min_level": {"minimal": needed, "limited": needed, "high": needed},
                "closed_by": list(closed_by),
            }
        ],
        **extra,
    }


ARCHETYPES = ArchetypeLibrary.model_validate(
    {
        "policy": POLICY,
        "archetypes": [
            _archetype("alpha_three", 3, "ACT-04"),  # gap 2.6 - 2.0 = 0.6, closed by the twin
            _archetype("alpha_two", 2, "ACT-04"),  # met today: go
        ],
    }
)


def _case(cid: str, archetype: str, low: float, high: float, **extra: object) -> UseCase:
    return UseCase.model_validate(
        {
            "id": cid,
            "name": f"Case {cid}",
            "owning_unit": "north",
            "description": "A test use case.",
            "value": {"money_per_year": {"low": low, "high": high}},
            "archetype": archetype,
            **extra,
        }
    )


def _demand(*cases: UseCase) -> UseCaseDemand:
    measured = Measured([ALPHA, BETA], LIBRARY, LEVEL_STARTS)
    return use_case_demand(list(cases), ARCHETYPES, measured, RateCard())


def _plan(demand: UseCaseDemand | None):
    roadmap = plan(LIBRARY, [ALPHA, BETA], [], _profile(capacity=1), use_cases=demand)
    return {a.id: a for a in roadmap.actions}


def test_tied_actions_go_in_id_order_without_use_cases() -> None:
    by_id = _plan(None)
    assert by_id["ACT-01"].priority == by_id["ACT-04"].priority == 0.6
    assert (by_id["ACT-01"].start_month, by_id["ACT-04"].start_month) == (0, 3)
    assert by_id["ACT-04"].unblocks == [] and by_id["ACT-04"].use_case_gain == 0.0


def test_the_action_unblocking_value_goes_first_by_the_documented_gain() -> None:
    # 0.5 x 400,000 / 1,000,000 = 0.2: ACT-04 at 0.6 + 0.2 = 0.8 outranks ACT-01 at 0.6.
    by_id = _plan(_demand(_case("pricing", "alpha_three", 400_000, 900_000)))
    twin = by_id["ACT-04"]
    assert (twin.use_case_gain, twin.priority) == (0.2, 0.8)
    assert twin.unblocks == ["pricing"]
    assert (twin.unblocks_value.low, twin.unblocks_value.high) == (400_000, 900_000)
    assert (twin.start_month, by_id["ACT-01"].start_month) == (0, 3)
    assert by_id["ACT-01"].priority == 0.6 and by_id["ACT-01"].use_case_gain == 0.0


def test_the_gain_sums_low_ends_and_stops_at_the_cap() -> None:
    # 1.2m + 1.3m = 2.5m: 0.5 x 2.5 = 1.25, capped at 1.0; just below the cap 1.9m gives 0.95.
    two = _demand(
        _case("a", "alpha_three", 1_200_000, 2_000_000),
        _case("b", "alpha_three", 1_300_000, 1_500_000),
    )
    found = two.unblocking["ACT-04"]
    assert (found.use_cases, found.gain) == (("a", "b"), 1.0)
    assert (found.value.low, found.value.high) == (2_500_000, 3_500_000)
    assert _plan(two)["ACT-04"].priority == 1.6
    below = _demand(_case("c", "alpha_three", 1_900_000, 2_000_000))
    assert below.unblocking["ACT-04"].gain == 0.95


def test_go_and_never_use_cases_give_no_gain() -> None:
    banned = _case(
        "banned",
        "alpha_three",
        5_000_000,
        9_000_000,
        overrides={"risk_tier": "prohibited", "role": "provider", "rationale": "Art. 5."},
    )
    demand = _demand(_case("go", "alpha_two", 5_000_000, 9_000_000), banned)
    assert demand.unblocking == {} and demand.providers == ()  # a banned system binds nothing
    by_id = _plan(demand)
    assert by_id["ACT-04"].priority == 0.6 and by_id["ACT-04"].start_month == 3


def test_a_provider_use_case_brings_only_the_providers_duties_its_system_carries() -> None:
    """A system built in-house binds its provider to the high-risk requirements only when it
    runs in the high-risk tier; the untied providers' duty binds through no use case."""
    duties = [
        _ob("HR", binds=["provider"], evidence={"A-01": 3}, brought_by="high_risk"),
        _ob("UNTIED", binds=["provider"], evidence={"A-01": 3}),
    ]
    deployer_only = _demand(_case("bought", "alpha_two", 1, 2))
    alone = plan(_library(duties), [ALPHA, BETA], [], _profile(), use_cases=deployer_only)
    assert [o.status for o in alone.obligations] == ["not_applicable", "not_applicable"]
    minimal = _demand(
        _case("built", "alpha_two", 1, 2, overrides={"role": "provider", "rationale": "Ours."})
    )
    assert minimal.providers == (ProviderUse("Case built", frozenset()),)
    kept = plan(_library(duties), [ALPHA, BETA], [], _profile(), use_cases=minimal)
    assert [o.status for o in kept.obligations] == ["not_applicable", "not_applicable"]
    high = _demand(
        _case(
            "built",
            "alpha_two",
            1,
            2,
            overrides={"role": "provider", "risk_tier": "high", "rationale": "Ours, Annex III."},
        )
    )
    assert high.providers == (ProviderUse("Case built", frozenset({"high_risk"})),)
    by_id = {
        o.id: o
        for o in plan(_library(duties), [ALPHA, BETA], [], _profile(), use_cases=high).obligations
    }
    # In force since 2 February 2025 and nobody answered A-01: not evidenced, no longer n/a.
    assert by_id["HR"].status == "not_evidenced" and by_id["UNTIED"].status == "not_applicable"
    assert by_id["HR"].summary.endswith(
        "It binds providers, and the use case “Case built” would make Mini Co the provider of "
        "that system."
    )


def _write(folder: Path, archetypes: list[dict], cases: list[dict]) -> None:
    library = {"policy": POLICY, "archetypes": archetypes}
    (folder / "questionnaire" / "archetypes.yaml").write_text(yaml.safe_dump(library))
    (folder / "use-cases.yaml").write_text(yaml.safe_dump({"use_cases": cases}))


def test_a_deferred_action_still_leaves_its_use_case_outside_the_plan(
    tmp_path: Path, run_cli
) -> None:
    """The mini engagement as scored: beta level 3 (gated at 3.0); ACT-02 (beta, reaches level
    4, CAPEX above a 50,000 cap per phase) is deferred however much it gains."""
    folder = tmp_path / "mini"
    shutil.copytree(MINI, folder)
    profile = yaml.safe_load((folder / "assessment.yaml").read_text())
    profile["planning"] = {"budget_cap_per_phase": 50_000}
    (folder / "assessment.yaml").write_text(yaml.safe_dump(profile))
    beta = _archetype("beta_four", 4, "ACT-02")
    beta["requires"][0]["dimension"] = "beta"
    case = {
        "id": "big",
        "name": "Big idea",
        "owning_unit": "north",
        "description": "Worth a lot.",
        "value": {"money_per_year": {"low": 9_000_000, "high": 9_000_000}},
        "archetype": "beta_four",
    }
    _write(folder, [beta], [case])
    result = run_cli("score", str(folder), "--json")
    assert result.code == 0, result.err
    results = json.loads(result.out)
    assert "ACT-02" in [d["id"] for d in results["roadmap"]["deferred"]]
    (big,) = results["use_cases"]
    assert (big["verdict"], big["within_plan"], big["possible_from_month"]) == (
        "not_yet",
        False,
        None,
    )
    assert "not within the plan" in big["reason"]
    policy = results["use_case_portfolio"]["policy"]
    assert (policy["priority_gain_per_million"], policy["priority_gain_cap"]) == (0.5, 1.0)


def test_northwind_with_a_provider_use_case_carries_providers_duties(
    tmp_path: Path, run_cli
) -> None:
    """Northwind, a deployer assessed on 16 November 2026 (amended text), once its pricing
    assistant (high-risk, Annex III 5(c); no Art. 50 duty in its archetype) is built in-house:
    Arts 9-15 apply from 2 December 2027 as amended. Art. 50(1) and 50(2) stay not applicable:
    a pricing model neither talks with people nor publishes generated content. Then its
    chatbot built in-house too brings Art. 50(1), in force since 2 August 2026, with SEC-04
    at 3.17 against the 4 that counts as met: overdue."""
    folder = tmp_path / "northwind"
    shutil.copytree(EXAMPLE, folder)

    def statuses() -> dict[str, str]:
        result = run_cli("score", str(folder), "--json")
        assert result.code == 0, result.err
        return {o["id"]: o["status"] for o in json.loads(result.out)["roadmap"]["obligations"]}

    before = statuses()
    cases = yaml.safe_load((folder / "use-cases.yaml").read_text())
    pricing = next(c for c in cases["use_cases"] if c["id"] == "life-health-pricing")
    pricing["overrides"] = {"role": "provider", "rationale": "Built in-house."}
    (folder / "use-cases.yaml").write_text(yaml.safe_dump(cases))
    after = statuses()
    changed = {k: (before[k], after[k]) for k in before if before[k] != after[k]}
    assert changed == {"EU-AIA-HR-PROVIDER": ("not_applicable", "applies_from")}
    chatbot = next(c for c in cases["use_cases"] if c["id"] == "customer-chatbot")
    chatbot["overrides"] = {"role": "provider", "rationale": "Built in-house."}
    (folder / "use-cases.yaml").write_text(yaml.safe_dump(cases))
    both = statuses()
    assert {k: (after[k], both[k]) for k in after if after[k] != both[k]} == {
        "EU-AIA-ART50-1": ("not_applicable", "overdue")
    }


def test_the_independent_recomputation_catches_a_wrong_gain() -> None:
    """tests/golden/recompute.py checks every action's gain from the use cases' own values:
    clean on the Northwind golden, and a doctored gain or a lost use case is named."""
    golden = json.loads((Path(__file__).parent / "golden" / "northwind.json").read_text())
    assert use_case_gain_problems(golden) == []
    action = next(a for a in golden["roadmap"]["actions"] if a["id"] == "ACT-17")
    # ACT-17 unblocks the chatbot alone: 0.5 x 400,000 / 1,000,000 = 0.2.
    assert (action["unblocks"], action["use_case_gain"]) == (["customer-chatbot"], 0.2)
    action["use_case_gain"] = 0.3
    action["unblocks"] = []
    problems = use_case_gain_problems(golden)
    assert problems == [
        "roadmap.actions[ACT-17].unblocks: recomputed ['customer-chatbot'], results.json []",
        "roadmap.actions[ACT-17].use_case_gain: recomputed 0.2, results.json 0.3",
    ]
