"""Submitted web answers, read from the database an engagement's pointer names, as answer
table parts like a response file's; and the rule that a respondent who answered both on the
web and in an imported file counts once.

The web side is read only when the engagement was served or invited (it has a pointer);
drafts are never read here, so they never count.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from assessment.common.paths import display_path
from assessment.loading.answer_table import Encoded, FilePart
from assessment.model.errors import InputError, Problem

if TYPE_CHECKING:
    from sqlalchemy import Engine

WEB_SOURCE = "web answers"  # how web answers are named where a file name would stand


@dataclass(frozen=True)
class WebSubmission:
    respondent_id: str
    unit: str
    role: str
    answers: dict[str, str]
    comments: dict[str, str]
    submitted_at: dt.datetime

    @property
    def source(self) -> str:
        return f"{WEB_SOURCE}, respondent {self.respondent_id}"


@dataclass(frozen=True)
class WebAnswers:
    """What the database holds for one engagement that counts: submissions, and the
    consultant's choices where a respondent answered both ways."""

    engagement_id: str
    database: str  # as shown to users: never with a password
    submissions: list[WebSubmission] = field(default_factory=list)
    choices: dict[str, str] = field(default_factory=dict)  # respondent id -> "web" or "file"


@dataclass(frozen=True)
class Conflict:
    """A respondent found both in response files and among web submissions."""

    respondent_id: str
    files: list[str]
    file_time: dt.datetime  # the newest of those files' modification times
    web_time: dt.datetime
    counted: str  # "web" or "file"
    resolved: bool  # True once the consultant chose; until then the most recent counts

    @property
    def warning(self) -> str:
        if self.counted == "web":
            which = "the web answers, submitted later"
        else:
            which = "the imported answers, which are more recent"
        return (
            f"Respondent {self.respondent_id} answered both through the web questionnaire and "
            f"in an imported file; {which}, are counted once until the consultant confirms "
            "which to keep."
        )


def is_web_source(name: str) -> bool:
    return name.startswith(WEB_SOURCE)


def database_problem(folder: Path, shown: str, exc: Exception) -> InputError:
    """The stop every command makes when the web answers' database cannot be read."""
    reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0][:200]
    pointer = display_path(folder / ".readiness" / "web.json")
    return InputError(
        Problem(
            pointer,
            f"the web answers' database {shown} cannot be read ({reason}); start the database "
            "server, or set READINESS_DATABASE_PASSWORD for a PostgreSQL password, and run the "
            "command again",
        )
    )


def web_engine(folder: Path) -> tuple[Engine, str, str] | None:
    """(engine, engagement id, database as shown) for an engagement that has a pointer."""
    from assessment.web.database import open_engine, shown_url
    from assessment.web.workspace import pointer_url, read_pointer

    pointer = read_pointer(folder)
    if pointer is None:
        return None
    url = pointer_url(folder, pointer)
    return open_engine(url), pointer["engagement_id"], shown_url(url)


def read_web_answers(folder: Path) -> WebAnswers | None:
    """The engagement's submitted web answers, or None when it has no web database."""
    from sqlalchemy import select
    from sqlalchemy.exc import SQLAlchemyError
    from sqlalchemy.orm import Session

    from assessment.web.tables import ConflictChoice, Submission

    opened = web_engine(folder)
    if opened is None:
        return None
    engine, engagement_id, shown = opened
    try:
        with Session(engine) as session:
            rows = session.scalars(
                select(Submission)
                .where(Submission.engagement_id == engagement_id)
                .order_by(Submission.respondent_id)
            ).all()
            submissions = [
                WebSubmission(
                    respondent_id=r.respondent_id,
                    unit=r.unit,
                    role=r.role,
                    answers=json.loads(r.answers),
                    comments=json.loads(r.comments),
                    submitted_at=_aware(r.submitted_at),
                )
                for r in rows
            ]
            choices = {
                c.respondent_id: c.keep
                for c in session.scalars(
                    select(ConflictChoice).where(ConflictChoice.engagement_id == engagement_id)
                )
            }
    except SQLAlchemyError as exc:
        raise database_problem(folder, shown, exc) from exc
    finally:
        engine.dispose()
    return WebAnswers(engagement_id, shown, submissions, choices)


def _aware(moment: dt.datetime) -> dt.datetime:
    """SQLite gives times back without their zone; they were written in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def web_part(submission: WebSubmission) -> FilePart:
    """One submission as the part a long-layout response file would give: one row per
    question answered or commented, checked and normalised by the same loader."""
    questions = sorted(set(submission.answers) | set(submission.comments))
    count = len(questions)

    def column(values: list[str]) -> Encoded:
        return Encoded.of(np.array(values, dtype=object))

    return FilePart(
        file=submission.source,
        rows=np.arange(1, count + 1, dtype=np.int32),
        columns={
            "respondent": column([submission.respondent_id] * count),
            "unit": column([submission.unit] * count),
            "role": column([submission.role] * count),
            "question": column(questions),
            "answer": column([submission.answers.get(q, "") for q in questions]),
            "comment": column([submission.comments.get(q, "") for q in questions]),
        },
    )


def settle_conflicts(
    table: pd.DataFrame, web: WebAnswers, file_times: dict[str, dt.datetime]
) -> tuple[pd.DataFrame, list[Conflict]]:
    """Keep one source for every respondent found both in files and on the web: the
    consultant's choice, else the more recent (a file's time is its modification time)."""
    web_ids = {s.respondent_id: s for s in web.submissions}
    if not web_ids or table.empty:
        return table, []
    respondent = table["respondent"].astype(object).map(lambda v: str(v).strip())
    from_web = table["file"].astype(object).map(lambda v: is_web_source(str(v))).astype(bool)
    candidates = respondent.isin(list(web_ids)) & ~from_web
    if not candidates.any():
        return table, []
    drop = np.zeros(len(table), dtype=bool)
    conflicts: list[Conflict] = []
    files_of = (
        pd.DataFrame({"r": respondent[candidates], "f": table["file"][candidates].astype(str)})
        .drop_duplicates()
        .groupby("r")["f"]
        .apply(sorted)
    )
    for person, files in files_of.items():
        submission = web_ids[str(person)]
        file_time = max(file_times[f] for f in files)
        chosen = web.choices.get(str(person))
        counted = chosen or ("web" if submission.submitted_at >= file_time else "file")
        mine = (respondent == person).to_numpy()
        drop |= mine & (from_web.to_numpy() if counted == "file" else ~from_web.to_numpy())
        conflicts.append(
            Conflict(
                respondent_id=str(person),
                files=list(files),
                file_time=file_time,
                web_time=submission.submitted_at,
                counted=counted,
                resolved=chosen is not None,
            )
        )
    return table[~drop].reset_index(drop=True), conflicts


def file_time(path: Path) -> dt.datetime:
    return dt.datetime.fromtimestamp(path.stat().st_mtime, dt.UTC)
