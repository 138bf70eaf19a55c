"""Read an action library's folder: one YAML file per action, named after the action's id."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from assessment.common.paths import display_path
from assessment.loading.yaml_files import read_yaml, require_mapping, validation_problems
from assessment.model.errors import InputError, Problem
from assessment.model.roadmap import ActionDefinition

SUFFIX = ".yaml"
ONE_ACTION = "an action file holds one action, and is named after its id"


@dataclass(frozen=True)
class NamedAction:
    name: str  # as shown in messages
    action: ActionDefinition


def read_action_folder(folder: Path) -> tuple[list[NamedAction], list[Problem]]:
    """The folder's actions sorted by id, and every problem found in its files.

    Names starting with a dot (.DS_Store, editor swap files) are skipped; anything else that is
    not `<id>.yaml` is a problem, so a misnamed or misplaced file never drops out silently.
    """
    shown = display_path(folder)
    if not folder.is_dir():
        return [], [Problem(shown, "folder not found")]
    found: list[NamedAction] = []
    problems: list[Problem] = []
    for entry in sorted(folder.iterdir()):
        if entry.name.startswith("."):
            continue
        name = display_path(entry)
        if not entry.is_file() or entry.suffix != SUFFIX:
            problems.append(
                Problem(name, f"is not an action file: the folder holds only <id>{SUFFIX} files")
            )
            continue
        try:
            action = _read_action(entry, name)
        except InputError as exc:
            problems.extend(exc.problems)
            continue
        if action.id != entry.stem:
            problems.append(
                Problem(
                    name,
                    f"holds action '{action.id}', but {ONE_ACTION}: rename the file to "
                    f"{action.id}{SUFFIX} or correct the id",
                    field="id",
                )
            )
        found.append(NamedAction(name, action))
    problems.extend(_duplicates(found))
    if not found and not problems:
        problems.append(Problem(shown, f"holds no action files (<id>{SUFFIX})"))
    return sorted(found, key=lambda f: id_order(f.action.id)), problems


def id_order(action_id: str) -> tuple[str, int, str]:
    """Sort key: ACT-9 before ACT-10, whether or not the numbers are zero-padded."""
    prefix, _, number = action_id.rpartition("-")
    return prefix, int(number) if number.isdigit() else -1, action_id


def _read_action(path: Path, name: str) -> ActionDefinition:
    try:
        data = read_yaml(path, name)
    except InputError as exc:
        # Several YAML documents (---) in one file: say which rule that breaks.
        if any("found another document" in p.message for p in exc.problems):
            raise InputError(Problem(name, f"holds several YAML documents; {ONE_ACTION}")) from None
        raise
    if isinstance(data, list) or (isinstance(data, dict) and "actions" in data):
        raise InputError(Problem(name, f"holds a list of actions; {ONE_ACTION}"))
    try:
        return ActionDefinition.model_validate(require_mapping(data, name))
    except ValidationError as exc:
        raise InputError(validation_problems(name, exc)) from None


def _duplicates(found: list[NamedAction]) -> list[Problem]:
    first: dict[str, str] = {}
    problems = []
    for f in found:
        if f.action.id in first:
            problems.append(
                Problem(
                    f.name,
                    f"action id '{f.action.id}' is also used in {first[f.action.id]}",
                    field="id",
                )
            )
        first.setdefault(f.action.id, f.name)
    return problems
