"""Every questionnaire shipped with the tool loads, validates and is complete."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from assessment.loading.questionnaire import load_questionnaire
from tests.conftest import REPO

SHIPPED = sorted((REPO / "questionnaires").glob("*/questionnaire.yaml"))
FACTS = REPO.parent / "shared" / "reference" / "regulatory-facts.md"


def test_there_are_shipped_questionnaires():
    assert SHIPPED, "no questionnaire found under questionnaires/"


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.parent.name)
def test_shipped_questionnaire_is_complete(path: Path):
    loaded = load_questionnaire(path.parent)
    q = loaded.questionnaire
    for dimension in q.dimensions:
        scored = [x for x in dimension.questions if x.scored]
        assert len(scored) >= 3, dimension.id
        for question in scored:
            if question.type == "single_choice":  # five options anchored to the five levels
                assert sorted(o.level for o in question.options) == [1, 2, 3, 4, 5], question.id
    triggered = {a.trigger.dimension for a in loaded.actions.actions}
    assert triggered == {d.id for d in q.dimensions}, "every dimension needs an action"
    assert all(a.kpis for a in loaded.actions.actions)


def test_bundled_questionnaire_covers_the_nine_dimensions():
    q = load_questionnaire(REPO / "questionnaires" / "genai-readiness").questionnaire
    assert [d.name for d in q.dimensions] == [
        "Strategy and value",
        "Governance and ethics",
        "Data readiness",
        "Infrastructure and architecture",
        "Models and engineering",
        "Security and compliance",
        "Workforce and skills",
        "Change management and adoption",
        "Operations and value measurement",
    ]
    assert [lv.name for lv in q.levels] == [
        "Exploring",
        "Experimenting",
        "Formalising",
        "Scaling",
        "Transforming",
    ]


_REFERENCE = re.compile(
    r"^(NIST AI RMF (GOVERN|MAP|MEASURE|MANAGE)( \d+(\.\d+)?)?"
    r"|NIST AI 600-1 §2\.(\d|1[0-2])"
    r"|ISO/IEC 42001 (A\.\d+(\.\d+){1,2}|clause \d+(\.\d+)?)"
    r"|EU AI Act (Art\. \d+(\(\d+\))?|Annex III)"
    r"|GDPR Art\. (5|22|35)"
    r"|OWASP LLM(0[1-9]|10):2025)$"
)


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.parent.name)
def test_references_use_known_identifier_forms(path: Path):
    q = load_questionnaire(path.parent).questionnaire
    for _, question in q.questions():
        for ref in question.references:
            assert _REFERENCE.match(ref), f"{question.id}: unexpected reference {ref!r}"


@pytest.mark.skipif(not FACTS.is_file(), reason="the shared fact sheet is not beside the repo")
@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.parent.name)
def test_cited_articles_and_controls_are_on_the_fact_sheet(path: Path):
    facts = FACTS.read_text(encoding="utf-8")
    q = load_questionnaire(path.parent).questionnaire
    for _, question in q.questions():
        for ref in question.references:
            if ref.startswith("ISO/IEC 42001 A."):
                assert ref.removeprefix("ISO/IEC 42001 ") in facts, ref
            if ref.startswith("EU AI Act Art. "):
                article, _, paragraph = ref.removeprefix("EU AI Act Art. ").partition("(")
                row = next((r for r in facts.splitlines() if r.startswith(f"| {article} |")), "")
                assert row, ref
                # A cited paragraph is one the fact sheet lists for that article.
                assert not paragraph or f"({paragraph}" in row, ref


# Articles whose duties bind only providers (fact sheet, "Who a duty binds matters" and the
# Art. 50 rule); the questionnaire assesses a deployer by default.
PROVIDER_ONLY = {"9", "10", "11", "12", "13", "14", "15", "53", "55", "50(1)", "50(2)"}
# Art. 50 binds providers in (1)-(2) and deployers in (3)-(4): a citation must say which.
SPLIT_BY_PARAGRAPH = {"50"}


def _wording(question) -> str:
    parts = [question.text, question.help]
    parts += [o.label for o in question.options] + [i.label for i in question.items]
    return " ".join(parts).lower()


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.parent.name)
def test_article_references_say_whom_they_bind(path: Path):
    q = load_questionnaire(path.parent).questionnaire
    for _, question in q.questions():
        for ref in question.references:
            if not ref.startswith("EU AI Act Art. "):
                continue
            article = ref.removeprefix("EU AI Act Art. ")
            assert article not in SPLIT_BY_PARAGRAPH, f"{question.id}: name the paragraph of {ref}"
            if article in PROVIDER_ONLY or article.split("(")[0] in PROVIDER_ONLY:
                # A provider duty may be cited only where the question says it is one.
                assert "provider" in _wording(question), f"{question.id}: {ref} binds providers"


def test_owasp_checklist_covers_all_ten_2025_risks():
    q = load_questionnaire(REPO / "questionnaires" / "genai-readiness").questionnaire
    owasp = q.question_index()["SEC-05"]
    ten = [f"LLM{n:02d}" for n in range(1, 11)]
    assert owasp.references == [f"OWASP {risk}:2025" for risk in ten]
    assert [i.label.split(" ")[0] for i in owasp.items] == ten


def test_questionnaire_two_removes_the_duplicate_classification_question():
    q = load_questionnaire(REPO / "questionnaires" / "genai-readiness").questionnaire
    # Later versions keep the map, so results from before 2.0.0 still compare.
    assert "DATA-05" not in q.question_index() and q.lineage == {"DATA-05": "DATA-01"}


def test_cost_and_value_questions_go_to_finance():
    q = load_questionnaire(REPO / "questionnaires" / "genai-readiness").questionnaire
    to_finance = {
        x.id for _, x in q.questions() if "finance" in x.audience and x.type != "agreement"
    }
    assert {
        "STRAT-03",
        "STRAT-05",
        "OPS-02",
        "OPS-03",
        "OPS-06",
        "OPS-08",
        "OPS-09",
        "OPS-11",
    } <= to_finance
    # Cost control and attribution are for those who run or pay for it, not business users.
    for qid in ("OPS-03", "OPS-06", "OPS-09", "INFRA-03"):
        assert "business" not in q.question_index()[qid].audience, qid


def test_yes_no_items_reach_both_ends_of_the_scale():
    q = load_questionnaire(REPO / "questionnaires" / "genai-readiness").questionnaire
    yes_no = [x for _, x in q.questions() if x.type == "yes_no"]
    assert yes_no
    for question in yes_no:
        assert sorted(o.level for o in question.options) == [1, 5], question.id
