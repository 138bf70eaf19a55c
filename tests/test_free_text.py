"""Free text and comments: grouped ignoring case and spaces, counted, ordered, capped."""

from __future__ import annotations

from pathlib import Path

from assessment.loading.engagement import load_engagement
from assessment.scoring.free_text import MAX_PER_QUESTION, free_text

HEADER = "respondent_id,business_unit,role,question_id,answer,comment\n"


def _texts(engagement: Path, rows: str) -> list[tuple[str, str, int]]:
    (engagement / "responses" / "answers.csv").write_text(HEADER + rows)
    loaded = load_engagement(engagement)
    found = free_text(loaded.responses.answers, loaded.questionnaire.questionnaire)
    return [(t.question_id, t.text, t.count) for t in found]


def test_texts_are_grouped_counted_and_ordered(mini_copy: Path) -> None:
    rows = (
        "r1,north,executive,A-90,More  training please,\n"
        "r2,north,business,A-90,more training PLEASE,\n"
        "r3,south,data_it,A-90,  Budget  ,\n"
        "r1,north,executive,A-01,2,too vague\n"
        "r2,north,business,A-01,3,Too vague\n"
        "r3,south,data_it,A-01,4,\n"
        "r3,south,data_it,B-01,4,clear\n"
    )
    assert _texts(mini_copy, rows) == [
        # Question order of the questionnaire, then the most frequent first.
        ("A-01", "Too vague", 2),  # the text shown is the first of its spellings in sort order
        ("A-90", "More  training please", 2),
        ("A-90", "Budget", 1),
        ("B-01", "clear", 1),
    ]


def test_at_most_a_few_texts_per_question(mini_copy: Path) -> None:
    rows = "".join(f"r{i},north,business,A-90,idea {i}\n" for i in range(12))
    found = _texts(mini_copy, rows.replace("\n", ",\n"))
    assert len(found) == MAX_PER_QUESTION
    assert [t for _, t, _ in found] == sorted(t for _, t, _ in found)  # ties: by text
