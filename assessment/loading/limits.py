"""The largest inputs readiness reads, each checked before the work it would cost, so that a
hostile or broken file stops with a clear message instead of exhausting memory or time.
docs/response-files.md lists them for users; every message names the limit it hit."""

from __future__ import annotations

from assessment.model.errors import InputError, Problem

# Tables: response CSVs and survey tools' exports (CSV or XLSX). A row per respondent and
# question of 10,000 people answering 200 questions stays well inside the row limit.
MAX_COLUMNS = 10_000
MAX_LINES = 5_000_000
MAX_WORKBOOK_ROWS = 1_000_000
# Workbooks are zip archives: what their parts unpack to, checked before any XML is parsed.
MAX_UNPACKED_BYTES = 200 * 2**20
MAX_PACKING_RATIO = 200  # spreadsheet XML packs about ten to one; bombs a thousand to one
RATIO_FROM_BYTES = 2**20  # small parts (styles, an empty sheet) may pack tighter harmlessly
# JSON answers (offline form, SurveyJS) are a few levels deep.
MAX_JSON_DEPTH = 64


def megabytes(count: int) -> str:
    return f"{count / 2**20:,.0f} MB"


def too_many_columns(name: str, count: int, row: int | None = None) -> InputError:
    return InputError(
        Problem(name, f"has {count:,} columns; at most {MAX_COLUMNS:,} are read", row=row)
    )
