"""Costs that reproduce from their assumptions: per-person arithmetic, smooth scaling with
headcount, programme lines, totals rebuilt from the lines, and rate-card validation."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from assessment.common.bundled import bundled_dir
from assessment.loading.questionnaire import load_questionnaire
from assessment.loading.rate_card import load_rate_card
from assessment.model.errors import InputError
from assessment.model.rate_card import Programme, RateCard, Role, Seats, SizeScaling
from assessment.model.roadmap import CostModel, Phase, Range
from assessment.roadmap.costs import action_line, amount_text, round_significant
from assessment.roadmap.planner import plan
from assessment.roadmap.programme_costs import programme_lines
from tests.test_roadmap import LOADED, PROFILE, _dim

SHIPPED = load_questionnaire(bundled_dir("questionnaires") / "genai-readiness")
ACTIONS = {a.id: a for a in SHIPPED.actions.actions}
BUNDLED_CARD = load_rate_card(Path("/nonexistent"), SHIPPED.actions, SHIPPED.folder)
OLD_BAND_EDGES = (999, 4_999, 24_999)


def _line(aid: str, staff: int, card: RateCard = BUNDLED_CARD):
    return action_line(ACTIONS[aid], 1, staff, card, "EUR")


def test_per_employee_cost_is_staff_times_share_times_price():
    # ACT-11 states e-learning at EUR 30-80 per employee a year. For 8,000 staff that is
    # 8,000 x 30 = 240,000 and 8,000 x 80 = 640,000 a year, not a band's 80-200k.
    line = _line("ACT-11", 8_000)
    elearning = ACTIONS["ACT-11"].cost.per_person[0]
    assert (elearning.share, elearning.price) == (1.0, Range(low=30, high=80))
    assert ACTIONS["ACT-11"].cost.opex_per_year.high == 0  # the licences are the only OPEX
    assert line.opex_per_year_exact == Range(low=240_000, high=640_000)
    assert line.opex_per_year == Range(low=240_000, high=640_000)
    assert "8,000 people (100% of 8,000 staff) x EUR 30-80 per person a year" in line.assumption
    assert "= EUR 240k-640k" in line.assumption


def test_rate_card_changes_a_per_person_price_and_share_and_the_text_follows():
    card = RateCard.model_validate(
        {"prices": {"literacy_elearning": {"price": {"low": 10, "high": 20}, "share": 0.5}}}
    )
    line = _line("ACT-11", 8_000, card)
    # 8,000 x 0.5 = 4,000 people; x 10 = 40,000; x 20 = 80,000
    assert line.opex_per_year_exact == Range(low=40_000, high=80_000)
    assert "4,000 people (50% of 8,000 staff) x EUR 10-20 per person a year" in line.assumption


def test_a_scaled_estimate_is_the_reference_figure_times_the_size_factor():
    # ACT-01 is EUR 12k-31k for 1,000 staff; 4,000 staff -> (4,000 / 1,000) ** 0.5 = 2
    line = _line("ACT-01", 4_000)
    assert ACTIONS["ACT-01"].cost.capex == Range(low=12_000, high=31_000)
    assert line.capex_exact == Range(low=24_000, high=62_000)
    assert "EUR 12k-31k for 1,000 staff x 2.00 (size factor for 4,000 staff)" in line.assumption
    assert "= EUR 24k-62k" in line.assumption


def test_programme_seat_line_hand_computed():
    card = RateCard(
        programme=Programme(
            seats=Seats(share=0.25, price_per_month=Range(low=20, high=30), from_month=6)
        )
    )
    phases = [
        Phase(number=1, name="A", start_month=0, end_month=6),
        Phase(number=2, name="B", start_month=6, end_month=12),
    ]
    (seats,) = programme_lines(card, phases, 2_000, "EU", "EUR")
    # 2,000 x 0.25 = 500 seats; 500 x 20 x 12 = 120,000; 500 x 30 x 12 = 180,000 a year
    assert seats.opex_per_year_exact == Range(low=120_000, high=180_000)
    assert seats.capex_exact == Range(low=0, high=0)
    assert seats.phase == 2  # month 6 is the first month of phase 2
    assert "500 seats (25% of 2,000 staff) x EUR 20-30 per seat a month x 12" in seats.assumption


def test_programme_team_line_hand_computed_with_the_regional_rate():
    lead = Role(
        label="Programme lead",
        fte_by_phase=[1, 0.5],
        yearly_cost={"EU": Range(low=120_000, high=160_000), "other": Range(low=1, high=2)},
    )
    card = RateCard(programme=Programme(roles={"lead": lead}))
    phases = [
        Phase(number=1, name="A", start_month=0, end_month=3),
        Phase(number=2, name="B", start_month=3, end_month=9),
    ]
    first, second = programme_lines(card, phases, 5_000, "eu", "EUR")
    # phase 1: 1 FTE x 120,000 x 3/12 = 30,000 ; 1 x 160,000 x 3/12 = 40,000
    assert first.capex_exact == Range(low=30_000, high=40_000)
    # phase 2: 0.5 FTE x 120,000 x 6/12 = 30,000 ; 0.5 x 160,000 x 6/12 = 40,000
    assert second.capex_exact == Range(low=30_000, high=40_000)
    assert (
        "Programme lead 0.5 FTE x EUR 120k-160k a year (EU loaded cost per FTE), for 6 months"
        in (second.assumption)
    )
    (elsewhere, _) = programme_lines(card, phases, 5_000, "Mars", "EUR")
    assert elsewhere.capex_exact == Range(low=0.25, high=0.5)


@settings(max_examples=200, deadline=None)
@given(
    aid=st.sampled_from(sorted(ACTIONS)),
    staff=st.one_of(
        st.integers(min_value=1, max_value=200_000),
        st.sampled_from(OLD_BAND_EDGES),
    ),
)
def test_costs_never_fall_and_never_jump_as_headcount_grows(aid, staff):
    # Every part is (staff/ref)**e with e <= 1 or linear in staff, so one more employee adds at
    # most a 1/staff share: no step at the old band edges (999, 4,999, 24,999) or anywhere.
    now, more = _line(aid, staff), _line(aid, staff + 1)
    for a, b in (
        (now.capex_exact, more.capex_exact),
        (now.opex_per_year_exact, more.opex_per_year_exact),
    ):
        for x, y in ((a.low, b.low), (a.high, b.high)):
            assert x <= y <= x * (1 + 1 / staff) + 1e-9


def test_no_jump_where_the_old_size_bands_met():
    for aid in ACTIONS:
        for edge in OLD_BAND_EDGES:
            below, above = _line(aid, edge), _line(aid, edge + 1)
            for x, y in (
                (below.capex_exact.high, above.capex_exact.high),
                (below.opex_per_year_exact.high, above.opex_per_year_exact.high),
            ):
                # at most one more employee's share: 1/24,999 = 0.004% at the last old edge
                assert y == x == 0 or 0 <= (y - x) / x <= 1 / edge, (aid, edge)


def _northwind_like_plan(employees: int):
    """The shipped library with every dimension far below target, for an EU insurer."""
    dims = [_dim(d.id, 1, 5, 3.0) for d in SHIPPED.questionnaire.dimensions]
    org = PROFILE.organisation.model_copy(
        update={"employees": employees, "industry": "insurance", "region": "EU"}
    )
    profile = PROFILE.model_copy(update={"organisation": org})
    return plan(SHIPPED.actions, dims, [], profile, BUNDLED_CARD)


@pytest.mark.parametrize("employees", [300, 8_000, 25_000])
def test_totals_rebuild_from_the_lines(employees):
    """Totals (per phase and for the plan, CAPEX and OPEX) are the sums of the lines'
    UNROUNDED figures, rounded once to two significant figures at the end. They are not the
    sums of the rounded figures each line shows, which may differ by the rounding."""
    roadmap = _northwind_like_plan(employees)
    lines = roadmap.cost_lines
    assert {c.kind for c in lines} == {"action", "seats", "usage", "team"}
    assert sorted(c.id for c in lines if c.kind == "action") == sorted(
        a.id for a in roadmap.actions
    )

    def rebuilt(values):
        return round_significant(math.fsum(values))

    for cost in roadmap.phase_costs:
        mine = [c for c in lines if c.phase == cost.phase]
        assert cost.capex.low == rebuilt(c.capex_exact.low for c in mine)
        assert cost.capex.high == rebuilt(c.capex_exact.high for c in mine)
        assert cost.opex_per_year.low == rebuilt(c.opex_per_year_exact.low for c in mine)
        assert cost.opex_per_year.high == rebuilt(c.opex_per_year_exact.high for c in mine)
    assert roadmap.total_capex.low == rebuilt(c.capex_exact.low for c in lines)
    assert roadmap.total_capex.high == rebuilt(c.capex_exact.high for c in lines)
    assert roadmap.total_opex_per_year.low == rebuilt(c.opex_per_year_exact.low for c in lines)
    assert roadmap.total_opex_per_year.high == rebuilt(c.opex_per_year_exact.high for c in lines)
    for action in roadmap.actions:
        (line,) = [c for c in lines if c.id == action.id]
        assert (line.capex, line.opex_per_year) == (action.capex, action.opex_per_year)
        assert line.phase == action.phase
        assert line.assumption == action.cost_assumption


def test_every_line_states_the_figure_it_shows():
    roadmap = _northwind_like_plan(8_000)
    for line in roadmap.cost_lines:
        for shown in (line.capex, line.opex_per_year):
            if shown.high > 0:
                assert amount_text(shown, roadmap.currency) in line.assumption, line.id


def test_library_text_may_not_state_figures_of_its_own():
    with pytest.raises(ValueError, match="not in the text"):
        CostModel(
            capex=Range(low=1, high=2),
            opex_per_year=Range(low=0, high=0),
            covers="E-learning at roughly EUR 30-80 per employee.",
        )


@pytest.mark.parametrize(
    ("card", "field", "message"),
    [
        ("exchange_rate: .nan\n", "exchange_rate", "finite"),
        ("multiplier: -1\n", "multiplier", "greater than 0"),
        ("size_scaling: {exponent: 2}\n", "size_scaling.exponent", "less than or equal to 1"),
        (
            "programme: {seats: {share: 0.3, price_per_month: {low: 1, high: .inf}, "
            "from_month: 1}}\n",
            "programme.seats.price_per_month.high",
            "finite",
        ),
        (
            "programme: {usage: {share: 1.5, price_per_user_month: {low: 1, high: 2}, "
            "from_month: 1}}\n",
            "programme.usage.share",
            "less than or equal to 1",
        ),
        (
            "programme: {seats: {share: 0.3, price_per_month: {low: 1, high: 2}, "
            "from_month: 24}}\n",
            "programme.seats.from_month",
            "month of the plan",
        ),
        ("prices: {nobody: {share: 0.5}}\n", "prices.nobody", "unknown per-person price"),
        ("actions: {ACT-99: {assumption: x}}\n", "actions.ACT-99", "unknown action"),
        (
            "programme: {roles: {lead: {label: Lead, fte_by_phase: [1], "
            "yearly_cost: {other: {low: 1, high: 2}}}}}\n",
            "programme.roles.lead.fte_by_phase",
            "one FTE figure for each of the plan's 5 phases",
        ),
        (
            "programme: {roles: {lead: {label: Lead, fte_by_phase: [1, 1, 1, 1, -1], "
            "yearly_cost: {other: {low: 1, high: 2}}}}}\n",
            "programme.roles.lead.fte_by_phase",
            "between 0 and",
        ),
        (
            "programme: {roles: {lead: {label: Lead, fte_by_phase: [1, 1, 1, 1, 1], "
            "yearly_cost: {EU: {low: 1, high: 2}}}}}\n",
            "programme.roles.lead.yearly_cost",
            "'other'",
        ),
    ],
)
def test_bad_rate_card_values_are_located_errors(tmp_path, card, field, message):
    (tmp_path / "rate-card.yaml").write_text(card)
    with pytest.raises(InputError) as caught:
        load_rate_card(tmp_path, LOADED.actions, LOADED.folder)
    problems = caught.value.problems
    assert any(
        p.field == field and message in p.message and p.file.endswith("rate-card.yaml")
        for p in problems
    ), problems


def test_engagement_card_is_laid_over_the_library_defaults(tmp_path):
    (tmp_path / "rate-card.yaml").write_text(
        "programme:\n  seats: {share: 0.5}\n  roles:\n    programme_lead:\n"
        "      yearly_cost: {EU: {low: 100000, high: 100000}}\n"
    )
    card = load_rate_card(tmp_path, SHIPPED.actions, SHIPPED.folder)
    assert card.programme.seats is not None and card.programme.seats.share == 0.5
    assert card.programme.seats.price_per_month == BUNDLED_CARD.programme.seats.price_per_month
    lead = card.programme.roles["programme_lead"]
    assert lead.yearly_cost["EU"] == Range(low=100_000, high=100_000)
    assert (
        lead.yearly_cost["other"]
        == BUNDLED_CARD.programme.roles["programme_lead"].yearly_cost["other"]
    )


def test_bad_rate_card_exits_2_with_the_location(run_cli, mini_copy):
    (mini_copy / "rate-card.yaml").write_text("exchange_rate: 1e99\n")
    result = run_cli("roadmap", str(mini_copy))
    assert result.code == 2
    assert "rate-card.yaml" in result.err and "exchange_rate" in result.err
    assert "Traceback" not in result.err


def test_shipped_rate_card_labels_its_prices_as_editable_assumptions():
    text = (SHIPPED.folder / "rate-card.yaml").read_text()
    data = yaml.safe_load(text)
    assert "EDITABLE ASSUMPTIONS" in text
    for key in ("seats", "usage"):
        assert data["programme"][key]
    assert text.count("# editable assumption") >= 2 + len(data["programme"]["roles"])


def test_size_scaling_is_a_documented_power_law():
    card = RateCard(size_scaling=SizeScaling(reference_staff=1_000, exponent=1.0))
    line = _line("ACT-01", 3_000, card)
    assert line.capex_exact == Range(low=36_000, high=93_000)  # 12k-31k x 3
    from assessment.roadmap.costs import cost_assumptions

    notes = " ".join(cost_assumptions(3_000, "EUR", "EUR", card, converted=True))
    assert "grow in proportion to headcount" in notes
    assert "(3,000 / 1,000) to the power 1 = 3.00" in notes


def test_totals_round_the_unrounded_sum_not_the_sum_of_rounded_lines():
    from assessment.model.roadmap import CostLine
    from assessment.roadmap.costs import phase_costs, totals

    def line(i: int, value: float) -> CostLine:
        exact = Range(low=value, high=value)
        shown = Range(low=round_significant(value), high=round_significant(value))
        return CostLine(
            id=f"L{i}",
            kind="action",
            label="x",
            phase=1,
            capex=shown,
            opex_per_year=shown,
            capex_exact=exact,
            opex_per_year_exact=exact,
            assumption="x",
        )

    # Each line shows 14k (14,400 rounded); three of them are 43,200 -> 43k, not 3 x 14k = 42k.
    lines = [line(i, 14_400) for i in range(3)]
    capex, opex = totals(lines)
    assert capex == opex == Range(low=43_000, high=43_000)
    (phase,) = phase_costs(lines, [Phase(number=1, name="A", start_month=0, end_month=3)])
    assert phase.capex == Range(low=43_000, high=43_000)


SEATS_CARD = (
    "programme:\n  seats: {share: 0.5, price_per_month: {low: 10, high: 20}, from_month: 3}\n"
)


def test_programme_lines_reach_the_terminal_the_csv_and_the_report(run_cli, mini_copy, tmp_path):
    import csv

    # Mini Co: 300 staff x 0.5 = 150 seats; x 10 x 12 = 18,000; x 20 x 12 = 36,000 a year
    (mini_copy / "rate-card.yaml").write_text(SEATS_CARD)
    out = tmp_path / "roadmap.csv"
    result = run_cli("roadmap", str(mini_copy), "--csv", str(out))
    assert result.code == 0, result.err
    assert "Programme costs" in result.out and "Assistant seat licences" in result.out
    rows = {r["id"]: r for r in csv.DictReader(out.open())}
    seats = rows["seats"]
    assert (seats["status"], seats["phase"]) == ("programme cost", "2")
    assert (seats["opex_per_year_low"], seats["opex_per_year_high"]) == ("18000", "36000")
    assert "150 seats (50% of 300 staff)" in seats["cost_assumption"]
    assert rows["ACT-01"]["cost_assumption"].startswith("Test figure.")
    html = tmp_path / "r.html"
    pdf = tmp_path / "r.pdf"
    assert run_cli("report", str(mini_copy), "-o", str(pdf), "--html", str(html)).code == 0
    page = html.read_text()
    assert "Programme costs" in page and "Cost of each action" in page
    assert "150 seats (50% of 300 staff) x EUR 10-20 per seat a month x 12" in page
