"""The engagements a server serves, and the pointer each keeps to the database that holds its
web answers, so that every command (score, report, status) finds them."""

from __future__ import annotations

import datetime as dt
import json
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from assessment.common.engagement_lock import private_dir
from assessment.common.paths import display_path
from assessment.loading.profile_files import PROFILE_FILE
from assessment.model.errors import InputError, Problem
from assessment.web.database import default_url, normalised_url, url_without_password
from assessment.web.tables import EngagementRow

POINTER_FILE = "web.json"
OWN_DATABASE = "engagement"  # the pointer's word for the SQLite file in the folder itself


@dataclass(frozen=True)
class ServedEngagement:
    id: str
    slug: str
    folder: Path


def engagement_folders(folder: Path | None, workspace: Path | None) -> list[Path]:
    """One engagement, or every engagement folder (one holding assessment.yaml) in a workspace."""
    if folder is not None:
        if not (folder / PROFILE_FILE).is_file():
            raise InputError(Problem(display_path(folder), f"has no {PROFILE_FILE}"))
        return [folder]
    assert workspace is not None
    if not workspace.is_dir():
        raise InputError(Problem(display_path(workspace), "workspace folder not found"))
    found = sorted(p for p in workspace.iterdir() if (p / PROFILE_FILE).is_file())
    if not found:
        raise InputError(
            Problem(
                display_path(workspace), f"holds no engagement folder (none has {PROFILE_FILE})"
            )
        )
    return found


def _slug(folder: Path, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", folder.absolute().name.lower()).strip("-") or "engagement"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def read_pointer(folder: Path) -> dict[str, str] | None:
    """The engagement's link to its web database, or None when it was never served."""
    path = private_dir(folder) / POINTER_FILE
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(Problem(display_path(path), f"cannot be read: {exc}")) from exc
    if not isinstance(data, dict) or not {"engagement_id", "database"} <= data.keys():
        raise InputError(
            Problem(display_path(path), "expected an object with engagement_id and database")
        )
    return {k: str(v) for k, v in data.items()}


def _pointed(folder: Path, url: str) -> str:
    """What the pointer records: the folder's own SQLite file by name, so the folder may move;
    any other database by its URL, without password."""
    return OWN_DATABASE if url == default_url(folder) else url_without_password(url)


def pointer_url(folder: Path, pointer: dict[str, str]) -> str:
    """The database URL a pointer names (a PostgreSQL password comes from the environment)."""
    database = pointer["database"]
    return normalised_url(default_url(folder) if database == OWN_DATABASE else database)


def _write_pointer(folder: Path, engagement_id: str, url: str) -> None:
    path = private_dir(folder) / POINTER_FILE
    path.parent.mkdir(exist_ok=True)
    text = json.dumps({"engagement_id": engagement_id, "database": _pointed(folder, url)}, indent=2)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(text + "\n", encoding="utf-8")
    tmp.chmod(0o600)
    tmp.replace(path)


def register(engine: Engine, url: str, folders: list[Path]) -> list[ServedEngagement]:
    """Every folder as a served engagement: its id kept in its pointer file, its row in the
    database (created on first serve, the survey open)."""
    served: list[ServedEngagement] = []
    with Session(engine) as session, session.begin():
        taken = set(session.scalars(select(EngagementRow.slug)))
        for folder in folders:
            pointer = read_pointer(folder)
            engagement_id = pointer["engagement_id"] if pointer else secrets.token_hex(16)
            row = session.get(EngagementRow, engagement_id)
            if row is None:
                row = EngagementRow(
                    id=engagement_id,
                    slug=_slug(folder, taken),
                    folder=str(folder.absolute()),
                    survey_open=True,
                    survey_changed_at=dt.datetime.now(dt.UTC),
                )
                session.add(row)
                taken.add(row.slug)
            else:
                row.folder = str(folder.absolute())
            if pointer is None or pointer["database"] != _pointed(folder, url):
                _write_pointer(folder, engagement_id, url)
            served.append(ServedEngagement(id=row.id, slug=row.slug, folder=folder.absolute()))
    return served
