"""Use-case verdicts, hand-computed on the mini engagement, with both thresholds tested at their
boundaries, the located errors of bad use-case and archetype files, and end-to-end CLI runs.

The mini engagement as scored (tests/golden/mini-engagement.json): alpha 2.38, shown 2.4,
level 2; beta level 3 (a gate holds it: the gap is measured from 3.0). Levels start at 1.0,
1.8, 2.6, 3.4, 4.2. The plan: ACT-01 (alpha, reaches level 3) months 0-3; ACT-02 (beta, level 4)
months 3-9; ACT-03 (beta, level 5) months 12-18."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

from assessment.commands.pipeline import assess
from assessment.loading.archetypes import load_archetypes
from assessment.model.rate_card import RateCard
from assessment.model.results import Results
from assessment.model.roadmap import DeferredAction
from assessment.model.use_cases import ArchetypeLibrary, UseCase, VerdictPolicy
from assessment.roadmap.use_case_verdicts import Readiness, judge_use_cases
from tests.conftest import MINI


def _req(dimension: str, minimal: int, limited: int, high: int, *actions: str) -> dict:
    return {
        "dimension": dimension,
        "min_level": {"minimal": minimal, "limited": limited, "high": high},
        "closed_by": list(actions),
    }


ARCHETYPES = {
    "policy": {"conditions_max_gap": 0.4, "conditions_start_within_months": 6},
    "archetypes": [
        {
            "id": "alpha_two",
            "name": "Needs alpha at two",
            "description": "Met today.",
            "risk_tier": "minimal",
            "role": "deployer",
            "personal_data": "none",
            "dpia": False,
            "requires": [_req("alpha", 2, 3, 3, "ACT-01")],
        },
        {
            "id": "alpha_three",
            "name": "Needs alpha at three",
            "description": "A 0.2 gap, closed by ACT-01 from month 0.",
            "risk_tier": "minimal",
            "role": "deployer",
            "personal_data": "personal",
            "dpia": False,
            "requires": [_req("alpha", 3, 3, 3, "ACT-01")],
        },
        {
            "id": "beta_four",
            "name": "Needs beta at four",
            "description": "A 0.4 gap from the gated 3.0, closed by ACT-02 from month 3.",
            "risk_tier": "minimal",
            "role": "deployer",
            "personal_data": "none",
            "dpia": False,
            "requires": [_req("beta", 4, 4, 4, "ACT-02")],
        },
        {
            "id": "beta_five",
            "name": "Needs beta at five",
            "description": "Only ACT-03 reaches level 5.",
            "risk_tier": "minimal",
            "role": "deployer",
            "personal_data": "none",
            "dpia": False,
            "requires": [_req("beta", 5, 5, 5, "ACT-02", "ACT-03")],
        },
        {
            "id": "alpha_four",
            "name": "Needs alpha at four",
            "description": "No action in the library reaches level 4 in alpha.",
            "risk_tier": "minimal",
            "role": "deployer",
            "personal_data": "none",
            "dpia": False,
            "requires": [_req("alpha", 4, 4, 4, "ACT-01")],
        },
        {
            "id": "pricing",
            "name": "Life and health pricing",
            "description": "High risk: alpha (the governance stand-in) at three.",
            "risk_tier": "high",
            "annex_iii": "5(c)",
            "role": "deployer",
            "personal_data": "special_category",
            "dpia": True,
            "requires": [_req("alpha", 2, 2, 3, "ACT-01")],
        },
        {
            "id": "social_scoring",
            "name": "Social scoring",
            "description": "Art. 5(1)(c).",
            "risk_tier": "prohibited",
            "article_5": "c",
            "role": "deployer",
            "personal_data": "personal",
            "dpia": True,
        },
    ],
}


def _case(cid: str, archetype: str, **extra: object) -> dict:
    return {
        "id": cid,
        "name": f"Case {cid}",
        "owning_unit": "north",
        "description": "A test use case.",
        "value": {"money_per_year": {"low": 1000, "high": 2000}},
        "archetype": archetype,
        **extra,
    }


CASES = [
    _case("go", "alpha_two"),
    _case("conditions", "alpha_three"),
    _case("beta-four", "beta_four"),
    _case("beta-five", "beta_five"),
    _case("no-closer", "alpha_four"),
    _case("pricing", "pricing"),
    _case("banned", "social_scoring"),
    # A minimal-tier archetype made high risk by its use: the high-tier minimum applies.
    _case(
        "raised",
        "alpha_two",
        overrides={"risk_tier": "high", "role": "provider", "rationale": "Sold to brokers."},
    ),
]


def _write(folder: Path, cases: list[dict], archetypes: dict = ARCHETYPES) -> None:
    (folder / "questionnaire" / "archetypes.yaml").write_text(yaml.safe_dump(archetypes))
    (folder / "use-cases.yaml").write_text(yaml.safe_dump({"use_cases": cases}))


@pytest.fixture(scope="module")
def judged(tmp_path_factory: pytest.TempPathFactory) -> tuple[Results, Readiness, ArchetypeLibrary]:
    folder = tmp_path_factory.mktemp("uc") / "mini"
    shutil.copytree(MINI, folder)
    _write(folder, CASES)
    engagement, results = assess(folder)
    loaded = engagement.questionnaire
    library = load_archetypes(loaded.folder, loaded.questionnaire, loaded.actions)
    assert library is not None
    readiness = Readiness(
        results.dimensions, results.roadmap, loaded.actions, results.thresholds.level_starts
    )
    return results, readiness, library


def _by_id(results: Results) -> dict:
    return {v.id: v for v in results.use_cases}


def test_hand_computed_verdicts(judged) -> None:
    results, _, _ = judged
    v = _by_id(results)
    assert v["go"].verdict == "go" and v["go"].blocking == []

    cond = v["conditions"]
    assert cond.verdict == "go_with_conditions"
    assert [(g.dimension_id, g.needed_level, g.level, g.gap) for g in cond.blocking] == [
        ("alpha", 3, 2, 0.2)  # 2.6 - 2.4
    ]
    assert cond.closing_actions == ["ACT-01"]
    assert cond.conditions == ["Alpha foundations: planned from month 0 to month 3"]

    beta = v["beta-four"]  # gap from the gated 3.0 to 3.4; ACT-02 starts in month 3
    assert (beta.verdict, beta.blocking[0].gap) == ("go_with_conditions", 0.4)

    five = v["beta-five"]  # 4.2 - 3.0 = 1.2; ACT-02 only reaches level 4, so ACT-03 closes it
    assert five.verdict == "not_yet"
    assert five.blocking[0].gap == 1.2
    assert five.closing_actions == ["ACT-03"]
    assert (five.possible_from_month, five.within_plan) == (18, True)

    none = v["no-closer"]
    assert none.verdict == "not_yet"
    assert (none.possible_from_month, none.within_plan) == (None, False)
    assert "not within the plan" in none.reason


def test_risk_tier_role_and_duties(judged) -> None:
    results, _, _ = judged
    v = _by_id(results)
    pricing = v["pricing"]  # high tier: alpha needs level 3 -> the 0.2 gap, ACT-01 from month 0
    assert (pricing.risk_tier, pricing.role, pricing.verdict) == (
        "high",
        "deployer",
        "go_with_conditions",
    )
    assert pricing.dpia
    assert [d.split(":")[0] for d in pricing.duties] == [
        "EU AI Act Art. 26 (as deployer of a high-risk system)",
        "EU AI Act Art. 27",
        "GDPR Art. 35",
    ]
    banned = v["banned"]
    assert (banned.verdict, banned.duties, banned.closing_actions) == ("never", [], [])
    assert "Art. 5(1)(c)" in banned.reason

    raised = v["raised"]  # alpha_two needs level 3 in the high tier, not 2
    assert (raised.risk_tier, raised.role) == ("high", "provider")
    assert raised.verdict == "go_with_conditions"
    assert raised.override_rationale == "Sold to brokers."
    assert raised.duties[0].startswith("EU AI Act Arts 9-15 (as provider")


def _verdicts(judged, **policy: float) -> dict[str, str]:
    _, readiness, library = judged
    custom = library.model_copy(
        update={"policy": VerdictPolicy.model_validate({**library.policy.model_dump(), **policy})}
    )
    cases = [UseCase.model_validate(c) for c in CASES]
    return {v.id: v.verdict for v in judge_use_cases(cases, custom, readiness, RateCard())}


def test_largest_gap_threshold_at_its_boundary(judged) -> None:
    # alpha_three's gap is 0.2: allowed at 0.2, not at 0.1.
    assert _verdicts(judged, conditions_max_gap=0.2)["conditions"] == "go_with_conditions"
    assert _verdicts(judged, conditions_max_gap=0.1)["conditions"] == "not_yet"
    # beta_four's gap is 0.4, the shipped threshold: allowed at 0.4, not at 0.3.
    assert _verdicts(judged, conditions_max_gap=0.4)["beta-four"] == "go_with_conditions"
    assert _verdicts(judged, conditions_max_gap=0.3)["beta-four"] == "not_yet"


def test_start_month_threshold_at_its_boundary(judged) -> None:
    # ACT-02 starts in month 3: "within 4 months" (months 0-3) allows it, "within 3" does not.
    assert _verdicts(judged, conditions_start_within_months=4)["beta-four"] == "go_with_conditions"
    assert _verdicts(judged, conditions_start_within_months=3)["beta-four"] == "not_yet"


def test_a_deferred_closing_action_is_not_within_the_plan(judged) -> None:
    _, readiness, library = judged
    roadmap = readiness.roadmap
    deferred = roadmap.model_copy(
        update={
            "actions": [a for a in roadmap.actions if a.id != "ACT-03"],
            "deferred": [DeferredAction(id="ACT-03", title="Beta scale-out", reason="No room.")],
        }
    )
    five = judge_use_cases(
        [UseCase.model_validate(_case("beta-five", "beta_five"))],
        library,
        Readiness(readiness.dimensions, deferred, readiness.library, readiness.level_starts),
        RateCard(),
    )[0]
    assert (five.verdict, five.possible_from_month, five.within_plan) == ("not_yet", None, False)
    assert "deferred work (Beta scale-out)" in five.reason


def test_custom_use_case_end_to_end(mini_copy: Path, run_cli) -> None:
    """A use case written into a test engagement gets its verdict in `score --json`, with its
    hours saved priced at the rate card's hourly rate."""
    _write(
        mini_copy,
        [_case("mine", "alpha_three", value={"hours_per_year": {"low": 100, "high": 200}})],
    )
    with (mini_copy / "questionnaire" / "rate-card.yaml").open("a") as handle:
        handle.write("\nhourly_rate: {low: 50, high: 80}\n")
    result = run_cli("score", str(mini_copy), "--json")
    assert result.code == 0, result.err
    (mine,) = json.loads(result.out)["use_cases"]
    assert mine["verdict"] == "go_with_conditions"
    assert mine["value_per_year"] == {"low": 5000.0, "high": 16000.0}
    assert "use-cases.yaml" in [i["path"] for i in json.loads(result.out)["inputs"]]


def test_no_use_case_file_means_no_use_cases(mini_copy: Path, run_cli) -> None:
    result = run_cli("score", str(mini_copy), "--json")
    assert result.code == 0 and json.loads(result.out)["use_cases"] == []


@pytest.mark.parametrize(
    ("cases", "field", "message"),
    [
        ([_case("a", "nope")], "use_cases.0.archetype", "unknown archetype 'nope'"),
        ([_case("a", "alpha_two", owning_unit="east")], "use_cases.0.owning_unit", "'east'"),
        ([_case("a", "alpha_two"), _case("a", "alpha_two")], "use_cases.1.id", "duplicate"),
        (
            [_case("a", "alpha_two", value={"money_per_year": {"low": 5, "high": 1}})],
            "use_cases.0.value.money_per_year",
            "low must not exceed high",
        ),
        (
            [_case("a", "alpha_two", value={"hours_per_year": {"low": 1, "high": 5}})],
            "use_cases.0.value.hours_per_year",
            "hourly_rate",
        ),
        (
            [_case("a", "alpha_two", overrides={"risk_tier": "high"})],
            "use_cases.0.overrides.rationale",
            "required",
        ),
    ],
)
def test_bad_use_cases_are_located_errors(
    mini_copy: Path, run_cli, cases: list[dict], field: str, message: str
) -> None:
    _write(mini_copy, cases)
    result = run_cli("score", str(mini_copy))
    assert result.code == 2
    assert "use-cases.yaml" in result.err and f"field '{field}'" in result.err
    assert message in result.err and "Traceback" not in result.err


def test_a_use_case_file_linking_outside_is_refused(mini_copy: Path, tmp_path: Path, run_cli):
    outside = tmp_path / "elsewhere.yaml"
    outside.write_text("use_cases: []\n")
    (mini_copy / "use-cases.yaml").symlink_to(outside)
    result = run_cli("score", str(mini_copy))
    assert result.code == 2 and "outside the engagement folder" in result.err


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"dimension": "gamma"}, "archetypes.0.requires.0.dimension", "unknown dimension"),
        ({"capability": "Telepathy"}, "archetypes.0.requires.0.capability", "Telepathy"),
        ({"closed_by": ["ACT-99"]}, "archetypes.0.requires.0.closed_by.0", "ACT-99"),
    ],
)
def test_validate_checks_archetype_references(
    mini_copy: Path, run_cli, change: dict, field: str, message: str
) -> None:
    archetypes = json.loads(json.dumps(ARCHETYPES))
    archetypes["archetypes"][0]["requires"][0].update(change)
    _write(mini_copy, [], archetypes)
    result = run_cli("questionnaire", "validate", str(mini_copy / "questionnaire"))
    assert result.code == 2
    assert "archetypes.yaml" in result.err and f"field '{field}'" in result.err
    assert message in result.err


def test_validate_refuses_an_unknown_tier(mini_copy: Path, run_cli) -> None:
    archetypes = json.loads(json.dumps(ARCHETYPES))
    archetypes["archetypes"][0]["risk_tier"] = "medium"
    _write(mini_copy, [], archetypes)
    result = run_cli("questionnaire", "validate", str(mini_copy / "questionnaire"))
    assert result.code == 2 and "field 'archetypes.0.risk_tier'" in result.err


def test_shipped_archetypes_validate(run_cli) -> None:
    result = run_cli("questionnaire", "validate", "genai-readiness")
    assert result.code == 0 and "13 archetypes" in result.out


def test_init_writes_a_use_case_skeleton_that_loads(tmp_path: Path, run_cli) -> None:
    folder = tmp_path / "new"
    assert run_cli("init", str(folder), "--name", "Acme").code == 0
    assert yaml.safe_load((folder / "use-cases.yaml").read_text()) == {"use_cases": []}


def test_schema_lists_use_cases(run_cli) -> None:
    result = run_cli("schema", "use-cases")
    assert result.code == 0 and "UseCase" in json.loads(result.out)["$defs"]
