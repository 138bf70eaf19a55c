"""The vocabulary of answers: special codes that are not scores."""

NOT_APPLICABLE = "na"
DONT_KNOW = "dk"

NOT_APPLICABLE_ALIASES = frozenset({"na", "n/a", "not applicable"})
DONT_KNOW_ALIASES = frozenset({"dk", "don't know", "dont know", "do not know", "unknown"})

# Columns of the long, tidy answer table every loader produces.
ANSWER_COLUMNS = (
    "respondent",
    "unit",
    "role",
    "question",
    "answer",
    "comment",
    "file",
    "row",
    "column",
)
