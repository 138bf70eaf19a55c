"""`readiness init`: a new engagement folder with an assessment.yaml to edit."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from assessment.common.engagement_lock import PRIVATE_DIR
from assessment.loading.engagement import PROFILE_FILE, RESPONSES_DIR
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
    if folder.exists() and (
        not folder.is_dir() or any(p.name != PRIVATE_DIR for p in folder.iterdir())
    ):
        raise InputError(
            Problem(str(folder), "already exists and is not empty; choose a new folder")
        )
    folder.mkdir(parents=True, exist_ok=True)
    (folder / RESPONSES_DIR).mkdir()
    profile = folder / PROFILE_FILE
    profile.write_text(
        _TEMPLATE.format(
            folder=folder,
            name=_yaml_string(name),
            confidentiality=_yaml_string(f"Confidential: prepared for {name} only."),
            today=dt.date.today().isoformat(),
            qid=questionnaire.id,
            qversion=questionnaire.version,
            presets=", ".join(questionnaire.ambition_presets),
            dims=", ".join(d.id for d in questionnaire.dimensions),
        ),
        encoding="utf-8",
    )
    return [profile, folder / RESPONSES_DIR]


def _yaml_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'
