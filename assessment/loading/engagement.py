"""Load an engagement folder: assessment.yaml, its questionnaire and its responses."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assessment.common.bundled import bundled_dir
from assessment.common.paths import display_path
from assessment.loading.questionnaire import (
    QUESTIONNAIRE_FILE,
    LoadedQuestionnaire,
    load_questionnaire,
)
from assessment.loading.rate_card import RATE_CARD_FILE, load_rate_card
from assessment.loading.responses import Responses, load_responses
from assessment.loading.yaml_files import read_model
from assessment.model.engagement import Profile
from assessment.model.errors import InputError, Problem
from assessment.model.rate_card import RateCard

PROFILE_FILE = "assessment.yaml"
RESPONSES_DIR = "responses"


@dataclass(frozen=True)
class Engagement:
    folder: Path
    profile: Profile
    questionnaire: LoadedQuestionnaire
    responses: Responses
    rate_card: RateCard

    @property
    def notices(self) -> list[str]:
        return [
            f"Business unit '{u.name}' is not in assessment.yaml; its answers are included "
            f"as unit '{u.id}'."
            for u in self.responses.new_units
        ]

    @property
    def input_files(self) -> list[Path]:
        extra = [self.folder / RATE_CARD_FILE] if (self.folder / RATE_CARD_FILE).exists() else []
        return [self.folder / PROFILE_FILE, *extra, *self.responses.files]


def load_profile(folder: Path) -> Profile:
    if not folder.is_dir():
        raise InputError(Problem(display_path(folder), "engagement folder not found"))
    path = folder / PROFILE_FILE
    name = display_path(path)
    if not path.is_file():
        raise InputError(
            Problem(
                name,
                "file not found; every engagement folder needs one "
                "(`readiness init DIR` writes a starting point)",
            )
        )
    return read_model(path, name, Profile)


def questionnaire_folder(folder: Path, profile: Profile) -> Path:
    ref = profile.questionnaire
    name = display_path(folder / PROFILE_FILE)
    if ref.path:
        candidate = (folder / ref.path).resolve()
        if not candidate.is_relative_to(folder.resolve()):
            raise InputError(
                Problem(name, "must point inside the engagement folder", field="questionnaire.path")
            )
    else:
        candidate = bundled_dir("questionnaires") / ref.id
    if not (candidate / QUESTIONNAIRE_FILE).is_file():
        raise InputError(
            Problem(
                name, f"questionnaire '{ref.id}' not found at {candidate}", field="questionnaire"
            )
        )
    return candidate


def load_engagement(folder: Path) -> Engagement:
    """Everything the scoring needs, validated; problems are raised as one InputError."""
    profile = load_profile(folder)
    loaded = load_questionnaire(questionnaire_folder(folder, profile))
    _check_profile_against(profile, loaded, display_path(folder / PROFILE_FILE))
    rate_card = load_rate_card(folder, loaded.actions, loaded.folder)
    responses = load_responses(folder / RESPONSES_DIR, loaded.questionnaire, profile)
    if responses.new_units:
        profile = profile.model_copy(
            update={"business_units": [*profile.business_units, *responses.new_units]}
        )
    return Engagement(
        folder=folder,
        profile=profile,
        questionnaire=loaded,
        responses=responses,
        rate_card=rate_card,
    )


def _check_profile_against(profile: Profile, loaded: LoadedQuestionnaire, name: str) -> None:
    q = loaded.questionnaire
    problems = []
    if profile.questionnaire.id != q.id:
        problems.append(
            Problem(
                name,
                f"names questionnaire '{profile.questionnaire.id}' but the folder holds '{q.id}'",
                field="questionnaire.id",
            )
        )
    if profile.questionnaire.version and profile.questionnaire.version != q.version:
        problems.append(
            Problem(
                name,
                f"asks for version {profile.questionnaire.version} but "
                f"{q.id} is version {q.version}",
                field="questionnaire.version",
            )
        )
    if profile.ambition not in q.ambition_presets:
        problems.append(
            Problem(
                name,
                f"unknown ambition '{profile.ambition}' (choose one of "
                f"{', '.join(q.ambition_presets)})",
                field="ambition",
            )
        )
    dims = [d.id for d in q.dimensions]
    for dim in profile.targets:
        if dim not in dims:
            problems.append(
                Problem(
                    name,
                    f"unknown dimension '{dim}' (known: {', '.join(dims)})",
                    field=f"targets.{dim}",
                )
            )
    for unit, targets in profile.unit_targets.items():
        for dim in targets:
            if dim not in dims:
                problems.append(
                    Problem(name, f"unknown dimension '{dim}'", field=f"unit_targets.{unit}.{dim}")
                )
    if problems:
        raise InputError(problems)
