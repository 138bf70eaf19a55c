"""`readiness invite`: personal links for mail merge, or the open link of a unit and role.

The engagement is registered in its web database exactly as `readiness serve` registers it,
so the links work on the server's first start. Links are shown once: only hashes of their
tokens are kept.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from email_validator import EmailNotValidError, validate_email
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from assessment.collect.pseudonyms import engagement_key
from assessment.common.paths import display_path
from assessment.exports.cells import neutralise
from assessment.loading.setup import Setup, load_setup
from assessment.loading.web_answers import database_problem
from assessment.model.errors import InputError, Problem
from assessment.web.database import shown_url
from assessment.web.invitations import IssuedLink, invite, set_open_link
from assessment.web.server import ServeSettings, build_workspace, database_url
from assessment.web.workspace import OWN_DATABASE, read_pointer

CSV_HEADER = ("unit", "role", "email", "link")
MAX_COUNT = 10_000


@dataclass(frozen=True)
class Invited:
    links: list[IssuedLink]
    relative: bool  # no base URL was given: links are paths on the server
    replaced: bool = False  # an open link replaced an earlier one


def unit_and_role(setup: Setup, unit: str, role: str) -> tuple[str, str]:
    """The unit's id (by id or name) and the role's id (by id or label), or exit 2."""
    profile, questionnaire = setup.profile, setup.questionnaire.questionnaire
    problems = []
    found = next((u.id for u in profile.business_units if unit in (u.id, u.name)), None)
    if found is None:
        known = ", ".join(u.id for u in profile.business_units)
        problems.append(
            Problem("command line", f"no business unit '{unit}' (known: {known})", field="--unit")
        )
    role_id = questionnaire.role_id(role)
    if role_id is None:
        known = ", ".join(questionnaire.role_labels)
        problems.append(
            Problem("command line", f"no role '{role}' (known: {known})", field="--role")
        )
    if problems:
        raise InputError(problems)
    assert found is not None and role_id is not None
    return found, role_id


def read_emails(path: Path) -> list[str]:
    """One address per line (blank lines and a header line 'email' are skipped); every bad
    or repeated address is named with its line."""
    name = display_path(path)
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(Problem(name, f"cannot be read as UTF-8 text: {exc}")) from exc
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    emails: list[str] = []
    for number, line in enumerate(lines, start=1):
        text = line.strip()
        if not text or (number == 1 and text.lower() in {"email", "e-mail"}):
            continue
        try:
            address = validate_email(text, check_deliverability=False).normalized
        except EmailNotValidError as exc:
            problems.append(Problem(name, f"'{text}' is not an e-mail address: {exc}", row=number))
            continue
        if address.lower() in seen:
            problems.append(
                Problem(
                    name,
                    f"{address} is listed twice (also row {seen[address.lower()]})",
                    row=number,
                )
            )
            continue
        seen[address.lower()] = number
        emails.append(address)
    if problems:
        raise InputError(problems)
    if not emails:
        raise InputError(Problem(name, "holds no e-mail address (one per line)"))
    return emails


def links_csv(links: list[IssuedLink], base_url: str) -> bytes:
    """The mail-merge file; every cell neutralised, as it is opened in a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for link in links:
        writer.writerow(
            [neutralise(v) for v in (link.unit, link.role, link.email, base_url + link.path)]
        )
    return out.getvalue().encode("utf-8")


def check_base_url(base_url: str | None) -> str:
    if base_url is None:
        return ""
    if not base_url.startswith(("https://", "http://")) or any(c in base_url for c in " \"'<>"):
        raise InputError(
            Problem("command line", "expected https://host (or http://host)", field="--base-url")
        )
    return base_url.rstrip("/")


def invite_links(
    folder: Path,
    unit: str,
    role: str,
    *,
    count: int | None,
    emails_file: Path | None,
    anonymous: bool,
    open_link: bool,
) -> Invited:
    """Register the engagement, then make the links (and keep only their hashes)."""
    setup = load_setup(folder)
    unit_id, role_id = unit_and_role(setup, unit, role)
    emails = read_emails(emails_file) if emails_file is not None else [""] * (count or 0)
    if not open_link and not 1 <= len(emails) <= MAX_COUNT:
        raise InputError(Problem("command line", f"expected 1 to {MAX_COUNT}", field="--count"))
    pointer = read_pointer(folder)
    database = (
        None if pointer is None or pointer["database"] == OWN_DATABASE else pointer["database"]
    )
    settings = ServeSettings(folder=str(folder), workspace=None, database=database)
    try:
        workspace = build_workspace(settings)
    except SQLAlchemyError as exc:
        raise database_problem(folder, shown_url(database_url(settings)), exc) from exc
    (served,) = workspace.engagements.values()
    try:
        with Session(workspace.engine) as session, session.begin():
            if open_link:
                issued, replaced = set_open_link(session, served.id, served.slug, unit_id, role_id)
                return Invited([issued], relative=True, replaced=replaced)
            key = engagement_key(folder)
            links = invite(
                session, served.id, served.slug, unit_id, role_id, emails, anonymous, key
            )
            return Invited(links, relative=True)
    except SQLAlchemyError as exc:
        raise database_problem(folder, shown_url(database_url(settings)), exc) from exc
    finally:
        workspace.engine.dispose()
