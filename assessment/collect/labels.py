"""How answers are offered to respondents in forms and workbooks."""

from __future__ import annotations

from assessment.model.questionnaire import Question

NOT_APPLICABLE_LABEL = "Not applicable"
DONT_KNOW_LABEL = "Don't know"


def answer_labels(question: Question) -> list[str]:
    """The labels a respondent picks from (option questions), special answers last."""
    labels = [o.label for o in question.answer_options]
    if question.allow_not_applicable:
        labels.append(NOT_APPLICABLE_LABEL)
    if question.allow_dont_know:
        labels.append(DONT_KNOW_LABEL)
    return labels


def answer_hint(question: Question) -> str:
    """One line telling a respondent how to answer a question that has no drop-down."""
    specials = []
    if question.allow_not_applicable:
        specials.append(f'"{NOT_APPLICABLE_LABEL}"')
    if question.allow_dont_know:
        specials.append(f'"{DONT_KNOW_LABEL}"')
    extra = f" or {' / '.join(specials)}" if specials else ""
    if question.type == "checklist":
        items = "; ".join(f"{i.id} ({i.label})" for i in question.items)
        return f"Type the ids of all that apply, separated by ';', or none{extra}. Items: {items}"
    if question.type == "numeric":
        bounds = ""
        if question.minimum is not None and question.maximum is not None:
            bounds = f" from {question.minimum:g} to {question.maximum:g}"
        return f"Type a number{bounds}{' ' + question.unit if question.unit else ''}{extra}."
    return f"Pick one answer from the list{extra}."
