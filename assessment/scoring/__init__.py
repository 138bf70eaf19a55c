"""Scoring's one way in: everything outside this package imports from here, never from its
modules, so the modules can change without the callers knowing."""

from assessment.scoring.anonymity import hidden_reason
from assessment.scoring.cell_counts import cell_counts
from assessment.scoring.coverage import coverage_by_unit
from assessment.scoring.engine import Scores, score
from assessment.scoring.judgments import Judgments, judge
from assessment.scoring.overrides import apply_overrides
from assessment.scoring.progress import progress
from assessment.scoring.unit_scope import unit_scope

__all__ = [
    "Judgments",
    "Scores",
    "apply_overrides",
    "cell_counts",
    "coverage_by_unit",
    "hidden_reason",
    "judge",
    "progress",
    "score",
    "unit_scope",
]
