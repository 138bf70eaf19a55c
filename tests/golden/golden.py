"""Golden results: regenerate results.json for the kept engagements and show how it changed."""

from __future__ import annotations

import contextlib
import io
import json
from pathlib import Path
from typing import Any

from assessment.cli import main

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
# golden file name -> engagement folder
ENGAGEMENTS = {
    "northwind.json": REPO / "examples" / "northwind",
    "mini-engagement.json": REPO / "tests" / "data" / "mini-engagement",
}
# Fields that change without the results changing: the version of the tool that wrote them.
VOLATILE = ("tool_version", "generated_at", "generated")
# Keys that name an element of a list, so a path reads dimensions[data] rather than [2].
ID_KEYS = ("dimension_id", "unit_id", "question_id", "action_id", "id", "number", "path")
MAX_LINES = 60


def regenerate(folder: Path) -> dict[str, Any]:
    """results.json for `folder` exactly as `readiness score --json` prints it, normalised."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["score", "--json", str(folder)])
    if code != 0:
        raise RuntimeError(f"readiness score --json {folder} exited with {code}")
    return normalise(json.loads(out.getvalue()))


def normalise(results: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in results.items() if key not in VOLATILE}


def dumps(results: dict[str, Any]) -> str:
    return json.dumps(results, indent=2, ensure_ascii=False) + "\n"


def load(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((HERE / name).read_text(encoding="utf-8"))
    return loaded


def _id_key(items: list[Any]) -> str | None:
    """The key that tells the list's elements apart, if every element is a dict with it."""
    if not items or not all(isinstance(item, dict) for item in items):
        return None
    for key in ID_KEYS:
        values = [item.get(key) for item in items]
        if None not in values and len(set(map(str, values))) == len(values):
            return key
    return None


def _keyed(items: list[Any], key: str | None) -> dict[str, Any]:
    if key is None:
        return {str(i): item for i, item in enumerate(items)}
    return {str(item[key]): item for item in items}


def diff(old: Any, new: Any, path: str = "") -> list[str]:
    """One line per changed leaf: `path: old -> new`, `path: added new`, `path: removed old`.
    List elements are named by their id where they have one: dimensions[data].score."""
    if isinstance(old, dict) and isinstance(new, dict):
        return _diff_pairs(old, new, path, in_list=False)
    if isinstance(old, list) and isinstance(new, list):
        if old == new:
            return []
        key = _id_key(old) if _id_key(old) == _id_key(new) else None
        scalars = not any(isinstance(item, dict | list) for item in [*old, *new])
        if key is None and scalars and len(old) != len(new):
            return [f"{path}: {_short(old)} -> {_short(new)}"]
        return _diff_pairs(_keyed(old, key), _keyed(new, key), path, in_list=True)
    if old != new or type(old) is not type(new):
        return [f"{path}: {_short(old)} -> {_short(new)}"]
    return []


def _diff_pairs(old: dict[str, Any], new: dict[str, Any], path: str, in_list: bool) -> list[str]:
    lines = []
    for key in [*old, *(k for k in new if k not in old)]:
        here = f"{path}[{key}]" if in_list else f"{path}.{key}" if path else str(key)
        if key not in new:
            lines.append(f"{here}: removed {_short(old[key])}")
        elif key not in old:
            lines.append(f"{here}: added {_short(new[key])}")
        else:
            lines.extend(diff(old[key], new[key], here))
    return lines


def _short(value: Any) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 100 else text[:97] + "..."


def readable(lines: list[str]) -> str:
    shown = lines[:MAX_LINES]
    if len(lines) > MAX_LINES:
        shown.append(f"... and {len(lines) - MAX_LINES} more changes")
    return "\n".join(shown)
