"""Costs, rate cards, budget caps, question triggers, tailoring, deadlines and the scorecard."""

from __future__ import annotations

import datetime as dt

import pytest
import yaml

from assessment.model.engagement import Organisation, Planning
from assessment.model.rate_card import RateCard, SizeScaling
from assessment.model.results import QuestionResult
from assessment.model.roadmap import ActionLibrary, Range
from assessment.roadmap.costs import round_significant
from assessment.roadmap.planner import plan
from tests.builders import question_result
from tests.test_roadmap import LOADED, PROFILE, _dim

DIMS = [_dim("alpha", 2, 3, 0.6), _dim("beta", 2, 5, 2.8)]
MINI_CARD = RateCard(size_scaling=SizeScaling(reference_staff=300))  # as the mini's rate card


def _library(edit=None) -> ActionLibrary:
    data = yaml.safe_load((LOADED.folder / "actions.yaml").read_text())
    if edit:
        edit(data)
    return ActionLibrary.model_validate(data)


def _profile(employees=300, industry="retail", region="EU", **changes):
    org = Organisation(name="Mini Co", industry=industry, employees=employees, region=region)
    return PROFILE.model_copy(update={"organisation": org, **changes})


def _question(qid: str, score: float) -> QuestionResult:
    return question_result(qid, score)


def test_costs_per_action_phase_and_plan_for_a_small_organisation():
    # The mini library's figures are for 300 staff (its rate card), and Mini Co has 300 staff,
    # so each action costs its library figure: ACT-01 10-20k, ACT-02 100-200k, ACT-03 50-100k.
    roadmap = plan(_library(), DIMS, [], _profile(), MINI_CARD)
    by_id = {a.id: a for a in roadmap.actions}
    assert by_id["ACT-01"].capex == Range(low=10_000, high=20_000)
    assert by_id["ACT-02"].opex_per_year == Range(low=0, high=50_000)
    assert roadmap.total_capex == Range(low=160_000, high=320_000)
    assert roadmap.total_opex_per_year == Range(low=0, high=80_000)
    assert [(c.phase, c.capex.low, c.capex.high) for c in roadmap.phase_costs] == [
        (1, 10_000, 20_000),
        (2, 100_000, 200_000),
        (3, 0, 0),
        (4, 50_000, 100_000),
        (5, 0, 0),
    ]
    assert roadmap.currency == "EUR"
    assert any("Estimated for 300 staff" in note for note in roadmap.cost_assumptions)


def test_costs_scale_smoothly_with_headcount():
    # 1,200 staff is four times the mini library's 300: the square root doubles the figure.
    roadmap = plan(_library(), DIMS, [], _profile(employees=1200), MINI_CARD)
    assert roadmap.actions[0].capex == Range(low=20_000, high=40_000)
    assert "x 2.00 (size factor for 1,200 staff)" in roadmap.actions[0].cost_assumption
    assert any("(1,200 / 300) to the power 0.5 = 2.00" in n for n in roadmap.cost_assumptions)


def test_rate_card_converts_scales_and_overrides():
    from assessment.model.rate_card import ActionCostOverride

    card = MINI_CARD.model_copy(
        update={
            "exchange_rate": 1.1,
            "multiplier": 1.2,
            "actions": {
                "ACT-03": ActionCostOverride(
                    capex=Range(low=1_000, high=2_000), assumption="Quoted"
                )
            },
        }
    )
    roadmap = plan(_library(), DIMS, [], _profile(currency="GBP"), card)
    by_id = {a.id: a for a in roadmap.actions}
    assert by_id["ACT-01"].capex == Range(low=13_000, high=26_000)  # 10k x 1.32 = 13.2k
    assert by_id["ACT-03"].capex == Range(low=1_000, high=2_000)
    assert "GBP 1k-2k as quoted in the rate card (Quoted)" in by_id["ACT-03"].cost_assumption
    assert roadmap.currency == "GBP"
    assert any("Converted from EUR at 1.1 GBP per EUR" in n for n in roadmap.cost_assumptions)


def test_other_currency_without_exchange_rate_stays_in_the_library_currency():
    roadmap = plan(_library(), DIMS, [], _profile(currency="USD"))
    assert roadmap.currency == "EUR"
    assert any("Shown in EUR" in note for note in roadmap.cost_assumptions)


def test_budget_cap_defers_what_it_cannot_afford():
    profile = _profile(planning=Planning(budget_cap_per_phase=150_000))
    roadmap = plan(_library(), DIMS, [], profile, MINI_CARD)
    assert [a.id for a in roadmap.actions] == ["ACT-01"]
    reasons = {d.id: d.reason for d in roadmap.deferred}
    assert "above the budget cap of 150,000 per phase" in reasons["ACT-02"]
    assert reasons["ACT-03"] == "Waits for ACT-02, which is deferred."


def test_named_question_below_its_threshold_triggers_an_action():
    def edit(data):
        data["actions"][0]["trigger"] = {
            "dimension": "alpha",
            "below_level": 2,
            "questions": {"A-01": 2.5},
        }

    weak = plan(_library(edit), DIMS, [_question("A-01", 2.0)], _profile())
    assert "ACT-01" in [a.id for a in weak.actions]
    assert weak.actions[0].reason.endswith("and A-01 scored 2.0.")
    strong = plan(_library(edit), DIMS, [_question("A-01", 3.0)], _profile())
    assert "ACT-01" not in [a.id for a in strong.actions]


def test_regulated_industries_start_compliance_work_a_phase_earlier():
    def edit(data):
        data["actions"][2]["compliance"] = True  # ACT-03, phase 4 by default

    # The mini questionnaire has no tailoring.yaml of its own: it shares the bundled one.
    tailoring = LOADED.tailoring
    retail = {a.id: a for a in plan(_library(edit), DIMS, [], _profile(), None, tailoring).actions}
    insurer = plan(_library(edit), DIMS, [], _profile(industry="Insurance"), None, tailoring)
    assert retail["ACT-03"].start_month == 12
    assert {a.id: a for a in insurer.actions}["ACT-03"].start_month == 9  # after ACT-02 ends
    assert any("regulated industry: 1 compliance action" in t for t in insurer.tailoring)
    # Without tailoring no industry is regulated.
    untailored = plan(_library(edit), DIMS, [], _profile(industry="Insurance"))
    assert {a.id: a for a in untailored.actions}["ACT-03"].start_month == 12


def test_region_specific_actions_apply_only_in_their_region():
    def edit(data):
        data["actions"][0]["regions"] = ["EU"]

    assert "ACT-01" in [a.id for a in plan(_library(edit), DIMS, [], _profile()).actions]
    uk = plan(_library(edit), DIMS, [], _profile(region="UK"))
    assert "ACT-01" not in [a.id for a in uk.actions]
    assert uk.actions[0].start_month == 3  # ACT-02 no longer waits for ACT-01


def test_scorecard_lists_every_kpi_with_owner_due_month_and_baseline():
    def edit(data):
        data["actions"][0]["kpis"][0]["baseline_question"] = "A-01"

    roadmap = plan(_library(edit), DIMS, [_question("A-01", 2.0)], _profile())
    rows = roadmap.scorecard
    assert [(r.action_id, r.owner, r.due_month) for r in rows] == [
        ("ACT-01", "Alpha lead", 3),
        ("ACT-02", "Beta lead", 9),
        ("ACT-03", "Beta lead", 18),
    ]
    assert rows[0].baseline == "A-01 scores 2.0 of 5 today"
    assert rows[1].baseline is None


@pytest.mark.parametrize(
    ("value", "rounded"),
    [(0, 0), (123_456, 120_000), (9_949, 9_900), (1_050, 1_000), (87, 87), (0.456, 0.46)],
)
def test_round_significant(value, rounded):
    assert round_significant(value) == pytest.approx(rounded)


def test_month_dates():
    from assessment.roadmap.obligations import month_date

    assert month_date(dt.date(2026, 11, 30), 3) == dt.date(2027, 2, 28)
    assert month_date(dt.date(2026, 1, 15), 24) == dt.date(2028, 1, 15)
