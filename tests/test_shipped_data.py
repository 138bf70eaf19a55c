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
                article = ref.removeprefix("EU AI Act Art. ").split("(")[0]
                assert f"| {article} |" in facts, ref
