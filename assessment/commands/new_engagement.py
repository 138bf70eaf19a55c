"""`readiness init`: a new engagement folder with an assessment.yaml to edit, and the
skeletons of the consultant's layer (deliverable.yaml, commentary/)."""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

import yaml
from pydantic import ValidationError

from assessment.common.engagement_lock import PRIVATE_DIR
from assessment.loading.deliverable import (
    COMMENTARY_DIR,
    DELIVERABLE_FILE,
    KEY_MESSAGES_FILE,
    KEY_MESSAGES_SKELETON,
)
from assessment.loading.engagement import PROFILE_FILE, RESPONSES_DIR
from assessment.loading.use_cases import USE_CASES_FILE
from assessment.model.engagement import MAX_NAME_LENGTH, Profile
from assessment.model.errors import InputError, Problem
from assessment.model.questionnaire import Questionnaire

_TEMPLATE = """\
# Engagement profile for the GenAI readiness assessment.
# Edit the values below, put response files (CSV) into responses/, then run:
#   readiness report {folder} -o report.pdf
organisation:
  name: {name}
  industry: insurance          # e.g. banking, insurance, retail, public sector, manufacturing
  employees: 5000              # staff headcount; costs scale with it
  region: EU                   # EU organisations get EU AI Act obligations with their dates
  country: ""
  ai_act_role: deployer        # deployer (uses AI others build), provider (builds AI systems or
                               # puts its name on them) or gpai_model_provider
assessment_date: {today}
currency: EUR
questionnaire:
  id: {qid}
  version: {qversion}
ambition: balanced             # one of: {presets}
targets: {{}}                  # per-dimension target levels, e.g. {{data: 4}}; dimensions: {dims}
business_units:                # ids appear in the business_unit column of response files
  - id: unit-a
    name: Business unit A
  - id: unit-b
    name: Business unit B
report:
  paper: A4                    # or Letter
  accent_colour: "#1F4E79"
  confidentiality: {confidentiality}
  prepared_by: ""
planning:
  max_parallel_actions: 6
"""


USE_CASES_SKELETON = """\
# The use cases the organisation is weighing: each gets a verdict (go, go with conditions,
# not yet, never) from the readiness it needs and the plan. Optional: an empty list is fine.
# Fields: `readiness schema use-cases`; archetypes: the questionnaire's archetypes.yaml.
use_cases: []
#  - id: knowledge-assistant            # lower case, unique
#    name: Policy and procedure assistant
#    owning_unit: claims                # a business unit id of assessment.yaml
#    description: Staff ask about internal procedures and get answers with their sources.
#    value: {hours_per_year: {low: 5000, high: 9000}}   # or money_per_year: {low: .., high: ..}
#    archetype: knowledge_assistant
#    overrides:                         # optional: what differs from the archetype, and why
#      risk_tier: limited
#      rationale: Customers will see its answers too.
"""

_DELIVERABLE = """\
# The consultant's layer of the deliverable: document control, the firm's theme and, rarely,
# score overrides. Commentary goes into commentary/ as Markdown (see key-messages.md there).
# `readiness report` lists what is still missing each time it runs.
document:
  firm: ""                     # your firm's name, on the cover and the document-control page
  title: ""                    # empty: the edition's own title
  version: "0.1"
  status: draft                # draft prints a Draft mark on every page; final needs every
                               # sign_off below to have its signed_on date
  authors: []                  # e.g. - {{name: A. Consultant, role: Engagement lead, email: ...}}
  distribution: []             # who receives it: same fields as authors
  sign_off: []                 # e.g. - {{name: ..., role: ..., signed_on: 2026-12-01}}
                               # (leave signed_on out until it is signed)
  contact: null                # e.g. {{name: ..., role: ..., email: ..., phone: ...}}
theme:
  logo: null                   # your firm's logo in this folder: PNG, JPEG or SVG
  client_logo: null            # the client's logo (default: report.logo in {profile})
  cover_image: null            # PNG or JPEG for the cover band
  colours:                     # primary defaults to report.accent_colour in {profile}
    secondary: "#5B7F95"
    accent: "#C0504D"
    text: "#1A1A1A"
  fonts:
    heading: Inter             # Inter (bundled) or a .ttf/.otf file in this folder
    body: Inter
  disclaimer: ""               # printed on the document-control page
overrides: []                  # a consultant's adjusted score, each with its reason:
                               # - {{dimension: data, score: 2.5, rationale: ..., author: ...,
                               #    date: 2026-12-01}}   (add unit: <id> for one unit only)
"""


def profile_text(folder: Path, questionnaire: Questionnaire, name: str) -> str:
    """The new assessment.yaml, refused (exit 2) unless it loads back: called before anything
    is created, so a bad name leaves no folder behind."""
    check_name(name)
    text = _TEMPLATE.format(
        folder=folder,
        name=_yaml_string(name),
        confidentiality=_yaml_string(f"Confidential: prepared for {name} only."),
        today=dt.date.today().isoformat(),
        qid=questionnaire.id,
        qversion=questionnaire.version,
        presets=", ".join(questionnaire.ambition_presets),
        dims=", ".join(d.id for d in questionnaire.dimensions),
    )
    _check_loads_back(text, folder)
    return text


def create_engagement(folder: Path, questionnaire: Questionnaire, name: str) -> list[Path]:
    """Create the folder with assessment.yaml and an empty responses/; refuse a non-empty one."""
    if folder.exists() and (
        not folder.is_dir() or any(p.name != PRIVATE_DIR for p in folder.iterdir())
    ):
        raise InputError(
            Problem(str(folder), "already exists and is not empty; choose a new folder")
        )
    text = profile_text(folder, questionnaire, name)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / RESPONSES_DIR).mkdir()
    profile = folder / PROFILE_FILE
    profile.write_text(text, encoding="utf-8")
    deliverable = folder / DELIVERABLE_FILE
    deliverable.write_text(_DELIVERABLE.format(profile=PROFILE_FILE), encoding="utf-8")
    commentary = folder / COMMENTARY_DIR
    commentary.mkdir()
    key_messages = commentary / KEY_MESSAGES_FILE
    key_messages.write_text(KEY_MESSAGES_SKELETON, encoding="utf-8")
    use_cases = folder / USE_CASES_FILE
    use_cases.write_text(USE_CASES_SKELETON, encoding="utf-8")
    return [profile, folder / RESPONSES_DIR, deliverable, key_messages, use_cases]


def check_name(name: str) -> None:
    """The organisation's name as assessment.yaml can hold it and the report can show it."""
    problem = None
    if not name.strip():
        problem = "must not be empty"
    elif len(name) > MAX_NAME_LENGTH:
        problem = f"is {len(name)} characters long; at most {MAX_NAME_LENGTH} are allowed"
    elif any(unicodedata.category(c) in {"Cc", "Zl", "Zp"} for c in name):
        problem = "must not contain control characters or line breaks"
    if problem is not None:
        raise InputError(
            Problem("command line", f"the organisation name {problem}", field="--name")
        )


def _check_loads_back(text: str, folder: Path) -> None:
    """init writes only what every other command can load: a folder name, say, that would break
    the file's comments is refused here rather than at the next command."""
    try:
        Profile.model_validate(yaml.safe_load(text))
    except (yaml.YAMLError, ValidationError, ValueError):
        raise InputError(
            Problem(
                str(folder),
                "cannot be named in assessment.yaml (a line break or control character in "
                "the folder's name?); choose another folder name",
            )
        ) from None


def _yaml_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'
