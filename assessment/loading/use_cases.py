"""Read an engagement's use-cases.yaml (optional; absent means no use cases), checked against
the profile's business units, the library's archetypes and the rate card."""

from __future__ import annotations

from pathlib import Path

from assessment.common.paths import display_path
from assessment.loading.profile_files import check_inside
from assessment.loading.yaml_files import read_model
from assessment.model.engagement import Profile
from assessment.model.errors import InputError, Problem
from assessment.model.rate_card import RateCard
from assessment.model.use_cases import ArchetypeLibrary, UseCase, UseCasesFile

USE_CASES_FILE = "use-cases.yaml"


def load_use_cases(
    folder: Path,
    profile: Profile,
    archetypes: ArchetypeLibrary | None,
    rate_card: RateCard,
) -> list[UseCase]:
    """The engagement's use cases; every problem is raised at once with its file and field."""
    path = folder / USE_CASES_FILE
    if not path.exists() and not path.is_symlink():
        return []
    check_inside(path, folder)  # a link out of the engagement is refused before it is read
    name = display_path(path)
    parsed = read_model(path, name, UseCasesFile)
    problems = use_case_problems(parsed.use_cases, profile, archetypes, rate_card, name)
    if problems:
        raise InputError(problems)
    return parsed.use_cases


def use_case_problems(
    use_cases: list[UseCase],
    profile: Profile,
    archetypes: ArchetypeLibrary | None,
    rate_card: RateCard,
    name: str,
) -> list[Problem]:
    units = [u.id for u in profile.business_units]
    known = {a.id for a in archetypes.archetypes} if archetypes else set()
    problems: list[Problem] = []
    seen: set[str] = set()
    for i, case in enumerate(use_cases):
        where = f"use_cases.{i}"
        if case.id in seen:
            problems.append(
                Problem(name, f"duplicate use case id '{case.id}'", field=f"{where}.id")
            )
        seen.add(case.id)
        if case.owning_unit not in units:
            problems.append(
                Problem(
                    name,
                    f"unknown business unit '{case.owning_unit}' (assessment.yaml lists: "
                    f"{', '.join(units)})",
                    field=f"{where}.owning_unit",
                )
            )
        if case.archetype not in known:
            problems.append(
                Problem(
                    name,
                    f"unknown archetype '{case.archetype}' (known: "
                    f"{', '.join(sorted(known)) or 'none: the questionnaire ships no archetypes'})",
                    field=f"{where}.archetype",
                )
            )
        if case.value.hours_per_year is not None and rate_card.hourly_rate is None:
            problems.append(
                Problem(
                    name,
                    "hours saved need an hourly_rate in the rate card (rate-card.yaml); "
                    "or give money_per_year",
                    field=f"{where}.value.hours_per_year",
                )
            )
    return problems
