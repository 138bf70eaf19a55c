"""The one loader of an engagement's set-up: assessment.yaml, its questionnaire with the action
library, the rate card and the files the profile names, all checked against each other.

Every command starts here, so a broken set-up gives the same message whichever command runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assessment.common.bundled import bundled_dir
from assessment.common.commit_journal import settle
from assessment.common.paths import display_path
from assessment.loading.previous import load_previous_results
from assessment.loading.profile_files import (
    PROFILE_FILE,
    check_inside,
    check_logo,
    check_readable,
    previous_results_file,
)
from assessment.loading.questionnaire import (
    QUESTIONNAIRE_FILE,
    LoadedQuestionnaire,
    load_questionnaire,
)
from assessment.loading.rate_card import load_rate_card
from assessment.loading.yaml_files import read_model
from assessment.model.earlier import EarlierResults
from assessment.model.engagement import Profile
from assessment.model.errors import InputError, Problem
from assessment.model.rate_card import RateCard


@dataclass(frozen=True)
class Previous:
    """An earlier assessment's results, for progress since then."""

    path: Path
    results: EarlierResults


@dataclass(frozen=True)
class Setup:
    folder: Path
    profile: Profile
    questionnaire: LoadedQuestionnaire  # the questionnaire and its action library
    rate_card: RateCard
    previous: Previous | None  # the profile's previous_results, read and checked


def load_setup(folder: Path) -> Setup:
    """The engagement's set-up, validated; problems are raised as one InputError."""
    settle(folder)  # an import killed mid-commit is finished or undone before anything is read
    profile = load_profile(folder)
    loaded = load_questionnaire(questionnaire_folder(folder, profile))
    check_profile_against(profile, loaded, display_path(folder / PROFILE_FILE))
    rate_card = load_rate_card(folder, loaded.actions, loaded.folder)
    check_logo(folder, profile.report.logo)
    return Setup(
        folder=folder,
        profile=profile,
        questionnaire=loaded,
        rate_card=rate_card,
        previous=_previous(folder, profile, loaded.questionnaire.id),
    )


def load_previous(path: Path, questionnaire_id: str) -> Previous:
    """An earlier results.json (the profile's or the command line's), checked."""
    if path.is_file():
        check_readable(path)
    return Previous(path, load_previous_results(path, questionnaire_id))


def _previous(folder: Path, profile: Profile, questionnaire_id: str) -> Previous | None:
    path = previous_results_file(folder, profile.previous_results)
    return None if path is None else load_previous(path, questionnaire_id)


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
    check_inside(path, folder)
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


def check_profile_against(profile: Profile, loaded: LoadedQuestionnaire, name: str) -> None:
    """What the profile names must exist in the questionnaire: id, version, ambition preset,
    the dimensions of organisation and unit targets. Every mismatch is listed at once."""
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
