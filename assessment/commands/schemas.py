"""JSON Schemas of the files people write and the results the tool writes."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel

from assessment.model.action_files import ActionLibraryFile
from assessment.model.engagement import Profile
from assessment.model.questionnaire import Dimension, QuestionnaireFile
from assessment.model.rate_card import RateCard
from assessment.model.results import Results
from assessment.model.roadmap import ActionDefinition
from assessment.model.use_cases import ArchetypeLibrary, UseCasesFile

SCHEMAS: dict[str, tuple[type[BaseModel], str]] = {
    "questionnaire": (QuestionnaireFile, "questionnaire.yaml of a questionnaire folder"),
    "dimension": (Dimension, "a dimension file of a questionnaire (dimensions/*.yaml)"),
    "actions": (ActionLibraryFile, "the action library file of a questionnaire (actions.yaml)"),
    "action": (ActionDefinition, "one action file of an action library's folder (actions/*.yaml)"),
    "engagement": (Profile, "assessment.yaml of an engagement folder"),
    "rate-card": (RateCard, "rate-card.yaml of an engagement or questionnaire folder"),
    "use-cases": (UseCasesFile, "use-cases.yaml of an engagement folder (optional)"),
    "archetypes": (ArchetypeLibrary, "archetypes.yaml of a questionnaire folder (optional)"),
    "results": (Results, "results.json written by `readiness report --json`"),
}


def schema_json(kind: str) -> str:
    model, description = SCHEMAS[kind]
    schema: dict[str, Any] = model.model_json_schema()
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "description": description,
        **schema,
    }
    return json.dumps(schema, indent=2) + "\n"
