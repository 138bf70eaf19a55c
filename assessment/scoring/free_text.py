"""Free-text answers and comments, grouped and counted for the report (never scored)."""

from __future__ import annotations

import pandas as pd

from assessment.model.questionnaire import Questionnaire
from assessment.model.results import FreeText

MAX_PER_QUESTION = 8
MAX_LENGTH = 300


def free_text(answers: pd.DataFrame, questionnaire: Questionnaire) -> list[FreeText]:
    """The most frequent texts per question: free-text answers and comments beside answers.
    Identical texts (ignoring case and spaces) are counted together."""
    text_questions = {q.id for _, q in questionnaire.questions() if not q.scored}
    parts = [
        answers.loc[answers["question"].isin(text_questions), ["question", "answer"]].rename(
            columns={"answer": "text"}
        )
    ]
    if "comment" in answers.columns:
        # Most comment cells are empty: compare raw values before any string work.
        written = answers["comment"].to_numpy(dtype=object) != ""
        parts.append(
            answers.loc[written, ["question", "comment"]].rename(columns={"comment": "text"})
        )
    written = pd.concat(parts).astype(str)
    written["text"] = written["text"].str.strip().str.slice(0, MAX_LENGTH)
    written = written[written["text"] != ""]
    if written.empty:
        return []
    written["key"] = written["text"].str.lower().str.split().str.join(" ")
    counted = (
        written.groupby(["question", "key"])
        .agg(text=("text", "min"), count=("text", "size"))
        .reset_index()
        .sort_values(["question", "count", "key"], ascending=[True, False, True])
    )
    order = {q.id: i for i, (_, q) in enumerate(questionnaire.questions())}
    counted["order"] = counted["question"].map(order)
    counted = counted.sort_values(["order", "count", "key"], ascending=[True, False, True])
    top = counted.groupby("question").head(MAX_PER_QUESTION)
    return [
        FreeText(question_id=str(q), text=str(t), count=int(n))
        for q, t, n in zip(top["question"], top["text"], top["count"], strict=True)
    ]
