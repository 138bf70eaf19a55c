"""Free-text answers and comments, grouped and counted for the report (never scored)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from assessment.common.codes import compact_codes_of, factorize_keys, pair_keys
from assessment.model.questionnaire import Questionnaire
from assessment.model.results import FreeText

MAX_PER_QUESTION = 8
MAX_LENGTH = 300


def _any_of(codes: np.ndarray, wanted: np.ndarray) -> np.ndarray:
    """Which codes are among the few `wanted`: one comparison each beats a lookup per row."""
    if len(wanted) > 8:
        return np.isin(codes, wanted)
    found = np.zeros(len(codes), dtype=bool)
    for code in wanted:
        found |= codes == code
    return found


def _put_to_role(
    answers: pd.DataFrame, questionnaire: Questionnaire, q_codes: np.ndarray, q_values: np.ndarray
) -> np.ndarray:
    """Per row: whether the question was put to the respondent's role. Text a role was never
    asked for (an answer file naming the wrong role) is left out, as scored answers are."""
    index = questionnaire.question_index()
    r_codes, r_values = compact_codes_of(answers["role"])
    table = np.array(
        [[q not in index or r in index[q].audience for r in r_values] for q in q_values],
        dtype=bool,
    ).reshape(len(q_values), len(r_values))
    put_to: np.ndarray = table[q_codes, r_codes]
    return put_to


def free_text(answers: pd.DataFrame, questionnaire: Questionnaire) -> list[FreeText]:
    """The most frequent texts per question: free-text answers and comments beside answers.
    Identical texts (ignoring case and spaces) are counted together. Text work is done once
    per distinct (question, text) pair, however many people wrote it."""
    text_questions = {q.id for _, q in questionnaire.questions() if not q.scored}
    q_codes, q_values = compact_codes_of(answers["question"])
    put_to = _put_to_role(answers, questionnaire, q_codes, q_values)
    sources = [("answer", np.array([q in text_questions for q in q_values], dtype=bool))]
    if "comment" in answers.columns:
        sources.append(("comment", np.ones(len(q_values), dtype=bool)))
    # (question, key) -> [count, the text shown: the first in sort order of those written]
    found: dict[tuple[str, str], tuple[int, str]] = {}
    for column, asked in sources:
        v_codes, v_values = compact_codes_of(answers[column])
        written = np.array([str(v).strip() != "" for v in v_values], dtype=bool)
        if not written.any():
            continue
        # Narrow by question first: few rows belong to text questions, and comments are rare.
        rows = None if asked.all() else np.flatnonzero(_any_of(q_codes, np.flatnonzero(asked)))
        v_rows = v_codes if rows is None else v_codes[rows]
        rows = np.flatnonzero(written[v_rows]) if rows is None else rows[written[v_rows]]
        rows = rows[put_to[rows]]
        width = len(v_values) + 1
        size = (len(q_values) + 1) * width
        pair_codes, pairs = factorize_keys(
            pair_keys(q_codes[rows], v_codes[rows], width, size), size
        )
        for pair, count in zip(pairs, np.bincount(pair_codes, minlength=len(pairs)), strict=True):
            text = str(v_values[pair % width]).strip()[:MAX_LENGTH]
            if not text:
                continue
            key = (str(q_values[pair // width]), " ".join(text.lower().split()))
            before, shown_text = found.get(key, (0, text))
            found[key] = (before + int(count), min(shown_text, text))
    order = {q.id: i for i, (_, q) in enumerate(questionnaire.questions())}
    ranked = sorted(
        found.items(),
        key=lambda kv: (order.get(kv[0][0], len(order)), kv[0][0], -kv[1][0], kv[0][1]),
    )
    shown: dict[str, int] = {}
    results = []
    for (question, _), (count, text) in ranked:
        if shown.setdefault(question, 0) < MAX_PER_QUESTION:
            shown[question] += 1
            results.append(FreeText(question_id=question, text=text, count=count))
    return results
