"""The parts of an earlier results.json that progress compares. Read leniently: a results.json
written by an earlier version, with fields since renamed or added, still gives its scores."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict


class _Lenient(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")


class EarlierScore(_Lenient):
    dimension_id: str
    score: float | None
    level: int | None


class EarlierUnit(_Lenient):
    unit_id: str
    dimensions: list[EarlierScore]


class EarlierQuestion(_Lenient):
    question_id: str
    score: float | None
    level: int | None = None  # not written before levels came from unrounded scores


class EarlierOverall(_Lenient):
    index: float


class EarlierResults(_Lenient):
    tool: Literal["genai-readiness"]
    questionnaire_id: str
    questionnaire_version: str
    assessment_date: dt.date
    overall: EarlierOverall
    dimensions: list[EarlierScore]
    units: list[EarlierUnit]
    questions: list[EarlierQuestion]
