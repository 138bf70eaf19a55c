"""Legal status on the assessment date, legal urgency in the planner, the priority formula and
a plan that holds together: hand-worked cases on the mini library."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from assessment.model.obligations import ObligationSet
from assessment.model.roadmap import ActionLibrary
from assessment.roadmap.phases import quick_win
from assessment.roadmap.planner import plan
from tests.builders import question_result
from tests.test_roadmap import LOADED, PROFILE, _dim

# The mini engagement is dated 15 January 2026; ACT-01 (alpha, phase 1, 3 months, low effort),
# ACT-02 (beta, phase 2 from month 3, 6 months, high, needs ACT-01), ACT-03 (beta, phase 4 from
# month 12, 6 months, medium, needs ACT-02).
DIMS = [_dim("alpha", 2, 3, 0.6), _dim("beta", 2, 5, 2.8)]
AMENDMENT = {"name": "An amending act", "effective": "2026-01-01", "citation": "Reg as amended"}


def _ob(id: str, **fields) -> dict:
    return {
        "id": id,
        "title": f"Duty {id}",
        "duty": "Do the thing.",
        "reference": f"Art. {id}",
        "regions": ["EU"],
        "binds": ["deployer"],
        "applies_from": "2025-02-02",
        **fields,
    }


def _library(obligations: list[dict], amendment: dict | None = AMENDMENT) -> ActionLibrary:
    return LOADED.actions.model_copy(
        update={
            "obligations": ObligationSet.model_validate(
                {"regulation": "Reg", "amendment": amendment, "obligations": obligations}
            )
        }
    )


def _profile(role: str = "deployer", date: dt.date | None = None, capacity: int = 6):
    from assessment.model.engagement import Planning

    org = PROFILE.organisation.model_copy(update={"ai_act_role": role})
    return PROFILE.model_copy(
        update={
            "organisation": org,
            "assessment_date": date or PROFILE.assessment_date,
            "planning": Planning(max_parallel_actions=capacity),
        }
    )


HAND_WORKED = [
    # binds only model providers: the mini organisation deploys
    _ob("GPAI", binds=["gpai_model_provider"]),
    # applies on 1 June 2026, after the assessment date
    _ob("LATER", applies_from="2026-06-01"),
    # in force; A-01 scores 3.0 against the 2.5 that counts as met
    _ob("MET", evidence={"A-01": 2.5}),
    # in force; nobody answered B-02
    _ob("UNKNOWN", evidence={"B-02": 3}),
    # in force; A-01 scores 3.0, below the 3.5 that counts as met
    _ob("OVERDUE", evidence={"A-01": 3.5}, actions=["ACT-03"]),
]


def test_each_status_on_a_hand_worked_case():
    roadmap = plan(_library(HAND_WORKED), DIMS, [question_result("A-01", 3.0)], _profile())
    got = {o.id: o for o in roadmap.obligations}
    assert {k: o.status for k, o in got.items()} == {
        "GPAI": "not_applicable",
        "LATER": "applies_from",
        "MET": "met",
        "UNKNOWN": "not_evidenced",
        "OVERDUE": "overdue",
    }
    assert got["GPAI"].summary == (
        "Does not apply: it binds providers of general-purpose AI models, and Mini Co is a "
        "deployer (it uses AI systems that others build)."
    )
    assert got["LATER"].summary == "Applies from 1 June 2026."
    assert got["MET"].summary == "In force since 2 February 2025; the answers show it met."
    assert got["UNKNOWN"].plan_text == "Collect the evidence that it is met."
    assert got["OVERDUE"].summary == (
        "In force since 2 February 2025, and the answers show it not met: overdue."
    )
    # ACT-03 fulfils the overdue duty: it and its prerequisites start at once, not in phase 4.
    months = {a.id: (a.start_month, a.end_month) for a in roadmap.actions}
    assert months == {"ACT-01": (0, 3), "ACT-02": (3, 9), "ACT-03": (9, 15)}
    assert all(a.urgent for a in roadmap.actions)
    assert got["OVERDUE"].plan_text == (
        "“Beta scale-out” starts in October 2026, once its prerequisites are done; done by "
        "April 2027."
    )


def test_a_provider_carries_provider_duties():
    duty = [_ob("P", binds=["provider"])]
    assert plan(_library(duty), DIMS, [], _profile()).obligations[0].status == "not_applicable"
    as_provider = plan(_library(duty), DIMS, [], _profile("provider")).obligations[0]
    assert as_provider.status == "not_evidenced"


def test_dates_follow_the_amendment_in_force_on_the_assessment_date():
    duties = [
        _ob("MOVED", applies_from="2026-08-02", amended_from="2027-12-02"),
        _ob("ADDED", applies_from=None, amended_from="2026-12-02"),
    ]
    after = plan(_library(duties), DIMS, [], _profile(date=dt.date(2026, 3, 1)))
    assert {o.id: o.date for o in after.obligations} == {
        "MOVED": dt.date(2027, 12, 2),
        "ADDED": dt.date(2026, 12, 2),
    }
    assert after.regulation == "Reg as amended"
    before = plan(_library(duties), DIMS, [], _profile(date=dt.date(2025, 12, 1)))
    # Before the amendment: the original date, and the added duty does not exist yet.
    assert {o.id: o.date for o in before.obligations} == {"MOVED": dt.date(2026, 8, 2)}
    assert before.regulation == "Reg"


def test_a_conditional_duty_says_so_and_is_not_made_urgent():
    duty = [_ob("IF", evidence={"A-01": 3.5}, applies_if="you deploy X", actions=["ACT-03"])]
    roadmap = plan(_library(duty), DIMS, [question_result("A-01", 3.0)], _profile())
    ob = roadmap.obligations[0]
    assert ob.status == "overdue"
    assert ob.summary == (
        "In force since 2 February 2025, if you deploy X; the answers do not show it met, so "
        "it is overdue if it applies."
    )
    assert not any(a.urgent for a in roadmap.actions)
    assert {a.id: a.start_month for a in roadmap.actions}["ACT-03"] == 12  # its own phase


def test_an_overdue_duty_needs_its_action_even_without_a_gap():
    at_target = [_dim("alpha", 3, 3, 0.0), _dim("beta", 5, 5, 0.0)]
    duty = [_ob("LIT", evidence={"A-01": 3.5}, actions=["ACT-01"])]
    roadmap = plan(_library(duty), at_target, [question_result("A-01", 3.0)], _profile())
    assert [(a.id, a.start_month, a.urgent) for a in roadmap.actions] == [("ACT-01", 0, True)]
    assert roadmap.actions[0].reason == (
        "Required by Art. LIT, in force since 2 February 2025 and not met on the answers."
    )


def test_urgent_work_comes_first_under_a_hard_capacity_limit():
    # One action at a time: ACT-01 -> ACT-02 -> ACT-03 are urgent for the overdue duty.
    duty = [_ob("O", evidence={"A-01": 3.5}, actions=["ACT-03"])]
    roadmap = plan(_library(duty), DIMS, [question_result("A-01", 3.0)], _profile(capacity=1))
    for month in range(24):
        assert sum(a.start_month <= month < a.end_month for a in roadmap.actions) <= 1
    assert [(a.id, a.start_month) for a in roadmap.actions] == [
        ("ACT-01", 0),
        ("ACT-02", 3),
        ("ACT-03", 9),
    ]


def test_a_dated_duty_pulls_its_action_ahead_of_its_phase_and_says_when_it_is_late():
    # ACT-03 belongs in phase 4 (months 12-18). A duty applying from 1 March 2027 (month 13
    # ends 15 February 2027): ACT-03 starts as soon as ACT-02 ends (month 9), still late.
    duty = [_ob("DATED", applies_from="2027-03-01", actions=["ACT-03"])]
    roadmap = plan(_library(duty), DIMS, [], _profile())
    assert {a.id: (a.start_month, a.end_month) for a in roadmap.actions}["ACT-03"] == (9, 15)
    ob = roadmap.obligations[0]
    assert (ob.on_time, ob.late) == (False, ["ACT-03"])
    assert ob.plan_text == (
        "“Beta scale-out” ends April 2027, after the date, because its prerequisites end in "
        "month 9 "
        "and it takes 6 months."
    )
    # A later date is met inside the action's own phase.
    later = plan(
        _library([_ob("D", applies_from="2027-09-01", actions=["ACT-03"])]), DIMS, [], _profile()
    )
    assert {a.id: a.start_month for a in later.actions}["ACT-03"] == 12
    assert later.obligations[0].on_time
    assert later.obligations[0].plan_text == (
        "“Beta scale-out” finishes by July 2027, before the date."
    )


def test_priority_is_gap_weight_evidence_over_effort():
    edited = LOADED.actions.model_copy(
        update={
            "actions": [
                LOADED.actions.actions[0].model_copy(
                    update={
                        "trigger": LOADED.actions.actions[0].trigger.model_copy(
                            update={"questions": {"A-01": 3.0, "A-02": 3.0}}
                        )
                    }
                ),
                *LOADED.actions.actions[1:],
            ]
        }
    )
    questions = [question_result("A-01", 2.0), question_result("A-02", 4.0)]
    by_id = {a.id: a for a in plan(edited, DIMS, questions, _profile()).actions}
    # ACT-01: gap 0.6 x weight 1 x (1 + 1 of 2 named questions weak) / low effort 1 = 0.9
    assert by_id["ACT-01"].priority == pytest.approx(0.9)
    # ACT-02: gap 2.8 x weight 1 x (no named questions: 1) / high effort 3 = 0.933
    assert by_id["ACT-02"].priority == pytest.approx(0.933)
    # ACT-03: gap 2.8 x weight 1 x 1 / medium effort 2 = 1.4
    assert by_id["ACT-03"].priority == pytest.approx(1.4)


def test_prerequisites_in_place_are_shown_and_never_dangle():
    # Alpha at its trigger level: ACT-01 is not needed, its capability is in place.
    dims = [_dim("alpha", 3, 4, 0.5), _dim("beta", 2, 5, 2.8)]
    roadmap = plan(LOADED.actions, dims, [], _profile())
    by_id = {a.id: a for a in roadmap.actions}
    assert by_id["ACT-02"].depends_on == []
    assert [p.id for p in by_id["ACT-02"].prerequisites_in_place] == ["ACT-01"]
    from types import SimpleNamespace

    from assessment.exports.roadmap_csv import roadmap_csv

    # The export reads only the roadmap of the results.
    rows = list(csv.DictReader(io.StringIO(roadmap_csv(SimpleNamespace(roadmap=roadmap)))))
    ids = {r["id"] for r in rows}
    for row in rows:
        assert {d for d in row["depends_on"].split("; ") if d} <= ids
    assert rows[0]["prerequisites_in_place"] == LOADED.actions.actions[0].title


@pytest.mark.parametrize(
    ("effort", "start", "end", "expected"),
    [
        ("low", 0, 3, True),
        ("low", 3, 6, True),
        ("low", 4, 7, False),  # ends after month 6
        ("low", 0, 4, False),  # longer than 3 months
        ("medium", 0, 2, False),
    ],
)
def test_one_definition_of_a_quick_win(effort, start, end, expected):
    assert quick_win(effort, start, end) is expected


def test_phases_hold_their_actions_whole():
    roadmap = plan(LOADED.actions, DIMS, [], _profile(capacity=1))
    phases = {p.number: p for p in roadmap.phases}
    for a in roadmap.actions:
        assert phases[a.phase].start_month <= a.start_month
        assert a.end_month <= phases[a.phase].end_month
    assert phases[1].focus == ["Alpha"]


def _bundled():
    from assessment.loading.engagement import load_profile, questionnaire_folder
    from assessment.loading.questionnaire import load_questionnaire
    from tests.conftest import EXAMPLE

    profile = load_profile(EXAMPLE)
    return profile, load_questionnaire(questionnaire_folder(EXAMPLE, profile)).actions


def test_the_seeds_first_phase_fits_months_0_to_3_when_triggered():
    profile, library = _bundled()
    dims = [_dim(d, 1, 5, 3.4) for d in sorted({a.trigger.dimension for a in library.actions})]
    from assessment.model.engagement import Planning

    roadmap = plan(
        library,
        dims,
        [],
        profile.model_copy(update={"planning": Planning(max_parallel_actions=50)}),
    )
    ends = {a.id: a.end_month for a in roadmap.actions}
    # charter, ethics board, use-case portfolio, funding model
    for aid in ("ACT-01", "ACT-02", "ACT-04", "ACT-05"):
        assert ends[aid] <= 3, aid


def test_library_texts_carry_no_fixed_months_and_no_caveats():
    import re

    _, library = _bundled()
    for action in library.actions:
        for kpi in action.kpis:
            # A KPI's due date comes from the planned end of its action, never from its text.
            assert not re.search(r"\bby month\b|\bmonth \d", kpi.target, re.I), action.id
    for action in library.actions:
        text = " ".join([*action.best_practices, *action.pitfalls, action.deliverable]).lower()
        for caveat in ("pending", "not yet verified", "unverified", "secondary source"):
            assert caveat not in text, action.id
    assert library.obligations is not None
    for ob in library.obligations.obligations:
        text = " ".join([ob.title, ob.duty, ob.reference, ob.applies_if or ""]).lower()
        for caveat in ("pending", "verif", "secondary", "unconfirmed"):
            assert caveat not in text, ob.id


def test_every_library_chain_fits_the_horizon_from_its_phase():
    _, library = _bundled()
    starts = {p.number: p.start_month for p in library.phases}
    by_id = {a.id: a for a in library.actions}
    ends: dict[str, int] = {}

    def end(aid: str) -> int:
        if aid not in ends:
            a = by_id[aid]
            begin = max([starts[a.earliest_phase], *(end(d) for d in a.depends_on)])
            ends[aid] = begin + a.duration_months
        return ends[aid]

    assert max(end(a) for a in by_id) <= library.horizon_months


def test_a_later_duty_the_answers_already_meet_is_not_called_late():
    # ACT-01 runs months 0-3 (to 15 April 2026); the duty applies from 1 March 2026, but A-01
    # already scores at the level that counts as met.
    duty = [_ob("READY", applies_from="2026-03-01", evidence={"A-01": 2.5}, actions=["ACT-01"])]
    ob = plan(_library(duty), DIMS, [question_result("A-01", 3.0)], _profile()).obligations[0]
    assert (ob.status, ob.on_time, ob.late) == ("applies_from", True, [])
    assert ob.plan_text == "The answers already show what it asks; keep the evidence current."


def test_the_terminal_roadmap_shows_legal_status_urgency_and_priority(run_cli, tmp_path):
    from tests.conftest import EXAMPLE

    out = tmp_path / "plan.csv"
    result = run_cli("roadmap", str(EXAMPLE), "--csv", str(out))
    assert result.code == 0, result.err
    text = " ".join(result.out.split())
    assert "Legal duties under Regulation (EU) 2024/1689 as amended by the Digital Omnibus" in text
    assert (
        "EU AI Act Art. 4: AI literacy of staff dealing with AI. In force since 2 February" in text
    )
    # Table cells wrap, so the urgency mark is read from the table's words and from the CSV.
    words = text.replace("│", " ")
    assert "overdue legal" in " ".join(words.split())
    assert "Priority" in text and "focus:" in text
    rows = {r["id"]: r for r in csv.DictReader(out.open())}
    assert (rows["ACT-24"]["urgent"], rows["ACT-24"]["start_month"]) == ("yes", "0")


def test_evidence_from_too_few_people_proves_nothing():
    # The mini engagement's minimum group size is 3: two answers are not evidence either way.
    few = question_result("A-01", 4.0).model_copy(update={"answered": 2})
    duty = [_ob("FEW", evidence={"A-01": 2.5})]
    ob = plan(_library(duty), DIMS, [few], _profile()).obligations[0]
    assert (ob.status, ob.evidence[0].score, ob.evidence[0].met) == ("not_evidenced", None, None)
    assert ob.summary.endswith("too few people answered the questions that would show it met.")


def test_a_duty_the_questionnaire_does_not_cover_says_so():
    as_model_provider = plan(
        _library([_ob("GPAI", binds=["gpai_model_provider"])]),
        DIMS,
        [],
        _profile("gpai_model_provider"),
    ).obligations[0]
    assert as_model_provider.status == "not_evidenced"
    assert as_model_provider.summary == (
        "In force since 2 February 2025; the questionnaire does not cover it, so review it by hand."
    )
    assert as_model_provider.plan_text == (
        "Nothing in the action library covers it: assign an owner to review it."
    )
    assert as_model_provider.status_label == "In force: not evidenced"


def test_an_urgent_start_held_back_by_capacity_says_so():
    # ACT-03 made independent; the overdue duty needs ACT-01 and ACT-03, one action at a time.
    # ACT-03 has the higher priority (2.8 x 1 / 2 = 1.4 against 0.6 x 1 / 1 = 0.6): months 0-6;
    # ACT-01 has no prerequisite but must wait for the slot: months 6-9.
    library = _library([_ob("O", evidence={"A-01": 3.5}, actions=["ACT-01", "ACT-03"])])
    free = library.actions[2].model_copy(update={"depends_on": []})
    library = library.model_copy(update={"actions": [*library.actions[:2], free]})
    roadmap = plan(library, DIMS, [question_result("A-01", 3.0)], _profile(capacity=1))
    assert roadmap.obligations[0].plan_text == (
        "“Beta scale-out” starts at once; “Alpha foundations” starts in July 2026, as soon as the "
        "limit on work at once "
        "allows; done by October 2026."
    )
    # A conditional duty is labelled as such in every output.
    cond = [_ob("C", evidence={"A-01": 3.5}, applies_if="you deploy X", actions=["ACT-01"])]
    label = plan(_library(cond), DIMS, [question_result("A-01", 3.0)], _profile()).obligations[0]
    assert label.status_label == "Overdue if it applies"


def test_art_50_2_gets_its_grace_only_under_the_amended_text():
    profile, library = _bundled()
    provider = profile.organisation.model_copy(update={"ai_act_role": "provider"})
    others = sorted({a.trigger.dimension for a in library.actions} - {"security"})
    dims = [_dim("security", 2, 4, 1.0), *(_dim(d, 3, 3, 0.0) for d in others)]
    weak = [question_result("SEC-04", 2.0)]

    def status(date: dt.date) -> dict[str, tuple[str, dt.date | None]]:
        p = profile.model_copy(update={"organisation": provider, "assessment_date": date})
        obs = plan(library, dims, weak, p).obligations
        return {o.id: (o.status, o.date) for o in obs if o.id.startswith("EU-AIA-ART50-")}

    # 16 November 2026, amended text: 50(1) is overdue, 50(2) applies from 2 December 2026.
    assert status(dt.date(2026, 11, 16)) == {
        "EU-AIA-ART50-1": ("overdue", dt.date(2026, 8, 2)),
        "EU-AIA-ART50-2": ("applies_from", dt.date(2026, 12, 2)),
        "EU-AIA-ART50-DEPLOYER": ("overdue", dt.date(2026, 8, 2)),
    }
    # 1 June 2026, original text: both from 2 August 2026.
    assert status(dt.date(2026, 6, 1)) == {
        "EU-AIA-ART50-1": ("applies_from", dt.date(2026, 8, 2)),
        "EU-AIA-ART50-2": ("applies_from", dt.date(2026, 8, 2)),
        "EU-AIA-ART50-DEPLOYER": ("applies_from", dt.date(2026, 8, 2)),
    }
