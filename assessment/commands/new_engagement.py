"""`readiness init`: a new engagement folder with an assessment.yaml to edit."""

from __future__ import annotations

import datetime as dt
import unicodedata
from pathlib import Path

import yaml
from pydantic import ValidationError

from assessment.loading.engagement import PROFILE_FILE, RESPONSES_DIR
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


def create_engagement(folder: Path, questionnaire: Questionnaire, name: str) -> list[Path]:
    """Create the folder with assessment.yaml and an empty responses/; refuse a non-empty one."""
    check_name(name)
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise InputError(
            Problem(str(folder), "already exists and is not empty; choose a new folder")
        )
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
    folder.mkdir(parents=True, exist_ok=True)
    (folder / RESPONSES_DIR).mkdir()
    profile = folder / PROFILE_FILE
    profile.write_text(text, encoding="utf-8")
    return [profile, folder / RESPONSES_DIR]


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
