""" "Today" in the respondents' own words: for the questions furthest below target, how many
gave the most frequent answer. Counted here, once, so that no output describes the current
state with generic text the answers could contradict."""

from __future__ import annotations

from assessment.model.questionnaire import Question
from assessment.model.results import QuestionResult, TodayStatement

STATEMENTS_SHOWN = 3
# More tied answers than this say nothing a reader can use.
MOST_TIES = 2


def today_statements(
    candidates: list[tuple[Question, QuestionResult]], min_group_size: int
) -> list[TodayStatement]:
    """Statements for the first questions that make one, in the order given (the gates, then
    the questions furthest below target). None for a question fewer than the minimum group
    size answered, as a count of two or three people could identify them; none for checklists,
    whose typical answer is a combination of ticks rather than a state."""
    statements = []
    for question, q in candidates:
        if q.answered < min_group_size or question.type == "checklist":
            continue
        text = _sentence(question, q)
        if text is None:
            continue
        statements.append(
            TodayStatement(
                question_id=q.question_id,
                answers=q.top_answers,
                count=q.top_answer_count or 0,
                of=q.answered,
                text=text,
            )
        )
        if len(statements) == STATEMENTS_SHOWN:
            break
    return statements


def _sentence(question: Question, q: QuestionResult) -> str | None:
    if question.type == "numeric":
        if q.median_value is None:
            return None
        median = f"{q.median_value:g}{question.unit}"
        return (
            f"Asked “{_clause(question.text)}”, the {q.answered} who answered put it at "
            f"{median} (median)."
        )
    if not q.top_answers or q.top_answer_count is None or len(q.top_answers) > MOST_TIES:
        return None
    first, *tied = (f"“{_clause(a)}”" for a in q.top_answers)
    also = "".join(f", and as many {other}" for other in tied)
    if question.type == "single_choice":
        return f"{q.top_answer_count} of {q.answered} say {first}{also}."
    # Yes/no, agreement and other scales: the label alone does not say what was asked.
    return (
        f"Asked “{_clause(question.text)}”, {q.top_answer_count} of {q.answered} answer "
        f"{first}{also}."
    )


def _clause(text: str) -> str:
    """A label or question read inside a sentence: no closing full stop."""
    return text.rstrip(". ")
