"""What makes a questionnaire folder valid, written from the format's rules, not the loader's code.

The fuzz test uses it as an oracle: whatever the loader accepts must pass these checks, so a
loader that lets garbage through fails the test. Checks read the raw YAML, so a value the loader
would quietly coerce (a boolean for a level, NaN for a weight, a blank name) counts as garbage.
"""

from __future__ import annotations

import itertools
import math
import re
from pathlib import Path
from typing import Any

import yaml

_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]*$")
_OPTION_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
_ACTION_ID = re.compile(r"^[A-Z][A-Z0-9]*-\d{2,}$")
_VERSION = re.compile(r"^\d+\.\d+\.\d+$")
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_.-]*")
KEYWORDS = {"and", "or", "not", "in", "has", "answered"}
ROLES = {"executive", "business", "finance", "data_it", "security_risk", "hr_people"}
TYPES = {"single_choice", "yes_no", "checklist", "numeric", "agreement", "free_text"}
OPTION_TYPES = {"single_choice", "yes_no"}
RESERVED = {"na", "dk", "none"}


# Kinds of garbage the loader is known to let through (see test_loader_gaps.py). The fuzz test
# tolerates them so that it fails only on new gaps; the strict default is for everything else.
BLANK = "blank text"
NON_FINITE = "infinite or NaN number"
BOOL_AS_NUMBER = "true/false as a number"
LOOSE_FLAG = "number or word as true/false"
KNOWN_LOADER_GAPS: frozenset[str] = frozenset()  # the loader refuses every kind now
_tolerated: frozenset[str] = frozenset()
_WORDS_AS_FLAGS = {"0", "off", "f", "false", "n", "no", "1", "on", "t", "true", "y", "yes"}


def _text(v: Any) -> bool:
    return isinstance(v, str) and (v.strip() != "" or BLANK in _tolerated)


def _number(v: Any) -> bool:
    if isinstance(v, bool):
        return BOOL_AS_NUMBER in _tolerated
    return isinstance(v, int | float) and (math.isfinite(v) or NON_FINITE in _tolerated)


def _whole(v: Any, low: int, high: float = math.inf) -> bool:
    return _number(v) and math.isfinite(v) and v == int(v) and low <= v <= high


def _positive(v: Any) -> bool:
    return _number(v) and v > 0


def _flagless_int(v: Any) -> bool:
    return isinstance(v, int) and (not isinstance(v, bool) or BOOL_AS_NUMBER in _tolerated)


def _list(v: Any) -> list[Any]:
    return v if isinstance(v, list) else []


def _strings(v: Any) -> set[str] | None:
    """The list's members as a set, or None when it is not a list of strings."""
    if isinstance(v, list) and all(isinstance(x, str) for x in v):
        return set(v)
    return None


def _flag(v: Any) -> bool:
    if isinstance(v, bool):
        return True
    if LOOSE_FLAG not in _tolerated:
        return False
    return (isinstance(v, int | float) and v in (0, 1)) or (
        isinstance(v, str) and v.lower() in _WORDS_AS_FLAGS
    )


def violations(folder: Path, tolerate: frozenset[str] = frozenset()) -> list[str]:
    """Every rule the folder breaks, except the kinds in `tolerate`; empty when it is valid."""
    global _tolerated
    _tolerated = tolerate
    try:
        return _violations(folder)
    finally:
        _tolerated = frozenset()


def _violations(folder: Path) -> list[str]:
    main = yaml.safe_load((folder / "questionnaire.yaml").read_text())
    if not isinstance(main, dict):
        return ["questionnaire.yaml is not a mapping"]
    found = _main(main)
    files = main.get("dimensions")
    if not isinstance(files, list) or not files or not all(isinstance(f, str) for f in files):
        return [*found, "dimensions must list dimension files"]
    dims = [
        yaml.safe_load((folder / f).read_text()) if (folder / f).is_file() else None for f in files
    ]
    if not all(isinstance(d, dict) for d in dims):
        return [*found, "every dimension file must exist and hold a mapping"]
    questions: dict[str, dict[str, Any]] = {}
    dim_ids: list[Any] = []
    for d in dims:
        dim_ids.append(d.get("id"))
        found += _dimension(d, questions)
    if len(set(map(str, dim_ids))) != len(dim_ids):
        found.append("dimension ids must be unique")
    known_dims = {i for i in dim_ids if isinstance(i, str)}
    found += _cross(main, known_dims, questions)
    actions_file = main.get("actions", "actions.yaml")
    if not isinstance(actions_file, str) or not (folder / actions_file).is_file():
        return [*found, "actions must name an existing file"]
    library = yaml.safe_load((folder / actions_file).read_text())
    if isinstance(library, dict) and isinstance(library.get("actions_folder"), str):
        # One file per action, named after its id: read them into the library's list.
        action_dir = folder / library["actions_folder"]
        files = sorted(action_dir.glob("*.yaml")) if action_dir.is_dir() else []
        actions = [yaml.safe_load(f.read_text()) for f in files]
        found += [
            f"{f.name}: the file name is not the id"
            for f, a in zip(files, actions, strict=True)
            if not isinstance(a, dict) or a.get("id") != f.stem
        ]
        library = {**library, "actions": actions}
    found += _actions(library, known_dims)
    return found


def _main(m: dict[str, Any]) -> list[str]:
    found = []
    if not (isinstance(m.get("id"), str) and _ID.match(m["id"])):
        found.append("questionnaire id")
    if not (isinstance(m.get("version"), str) and _VERSION.match(m["version"])):
        found.append("version")
    if not _text(m.get("title")):
        found.append("title")
    if not isinstance(m.get("description", ""), str):
        found.append("description")
    levels = m.get("levels")
    if not (
        isinstance(levels, list)
        and all(isinstance(lv, dict) for lv in levels)
        and [lv.get("level") for lv in levels] == [1, 2, 3, 4, 5]
        and all(_flagless_int(lv.get("level")) for lv in levels)
        and all(_text(lv.get("name")) and _text(lv.get("description")) for lv in levels)
    ):
        found.append("levels must be 1 to 5, each named and described")
    presets = m.get("ambition_presets")
    if not (isinstance(presets, dict) and presets):
        found.append("ambition_presets")
    else:
        for preset in presets.values():
            if not (
                isinstance(preset, dict)
                and _whole(preset.get("default"), 1, 5)
                and isinstance(preset.get("description", ""), str)
                and isinstance(preset.get("overrides", {}), dict)
                and all(_whole(v, 1, 5) for v in preset.get("overrides", {}).values())
            ):
                found.append("ambition preset")
    return found


def _dimension(d: dict[str, Any], questions: dict[str, dict[str, Any]]) -> list[str]:
    found = []
    if not (isinstance(d.get("id"), str) and _ID.match(d["id"])):
        found.append("dimension id")
    if not (_text(d.get("name")) and _text(d.get("summary"))):
        found.append(f"{d.get('id')}: name and summary")
    if not _positive(d.get("weight", 1.0)):
        found.append(f"{d.get('id')}: weight must be a positive number")
    descriptors = d.get("level_descriptors")
    if not (
        isinstance(descriptors, dict)
        and sorted(descriptors, key=str) == [1, 2, 3, 4, 5]
        and all(_text(v) for v in descriptors.values())
    ):
        found.append(f"{d.get('id')}: a descriptor for each level")
    qs = d.get("questions")
    if not (isinstance(qs, list) and qs and all(isinstance(q, dict) for q in qs)):
        return [*found, f"{d.get('id')}: questions"]
    if not any(q.get("type", "single_choice") != "free_text" for q in qs):
        found.append(f"{d.get('id')}: no scored question")
    for q in qs:
        found += [f"{q.get('id')}: {p}" for p in _question(q, questions)]
        if isinstance(q.get("id"), str):
            if q["id"] in questions:
                found.append(f"question id {q['id']} is used twice")
            questions.setdefault(q["id"], q)
    return found


def _question(q: dict[str, Any], earlier: dict[str, dict[str, Any]]) -> list[str]:
    found = []
    kind = q.get("type", "single_choice")
    if not (isinstance(q.get("id"), str) and _ID.match(q["id"])):
        found.append("id")
    if not (isinstance(kind, str) and kind in TYPES):
        return [*found, "type"]
    if not _text(q.get("text")):
        found.append("text")
    if not _positive(q.get("weight", 1.0)):
        found.append("weight must be a positive number")
    for flag in ("critical", "reverse", "allow_not_applicable", "allow_dont_know"):
        if flag in q and not _flag(q[flag]):
            found.append(f"{flag} must be true or false")
    if q.get("critical") is True and kind == "free_text":
        found.append("free text cannot be critical")
    if q.get("reverse") is True and kind != "agreement":
        found.append("only agreement can be reversed")
    audience = q.get("audience", sorted(ROLES))
    roles = _strings(audience)
    if not (roles and roles <= ROLES):
        found.append("audience")
    for key in ("capability", "help", "evidence", "unit"):
        if not isinstance(q.get(key, ""), str):
            found.append(key)
    references = q.get("references", [])
    if not (isinstance(references, list) and all(_text(r) for r in references)):
        found.append("references")
    options = q.get("options", [])
    if kind in OPTION_TYPES:
        listed = [o if isinstance(o, dict) else {} for o in _list(options)]
        levels, ids = [o.get("level") for o in listed], [o.get("id") for o in listed]
        wanted = 2 if kind == "yes_no" else None
        if not (
            isinstance(options, list)
            and len(options) >= 2
            and (wanted is None or len(options) == wanted)
            and all(_flagless_int(lv) and 1 <= lv <= 5 for lv in levels)
            and {1, 5} <= set(levels)
            and all(isinstance(i, str) and _OPTION_ID.match(i) for i in ids)
            and len(set(map(str, ids))) == len(ids)
            and not {str(i).lower() for i in ids} & RESERVED
            and all(_text(o.get("label")) for o in options)
        ):
            found.append("options")
    elif options:
        found.append("takes no options")
    found += _items(q, kind) + _numeric(q, kind)
    condition = q.get("visible_if")
    if condition is not None:
        refs = [w for w in _WORD.findall(_QUOTED.sub("", str(condition))) if w not in KEYWORDS]
        if not (isinstance(condition, str) and refs and all(r in earlier for r in refs)):
            found.append(f"visible_if {condition!r} must name earlier questions only")
        elif any(earlier[r].get("type", "single_choice") == "free_text" for r in refs):
            found.append("visible_if names a free-text question")
    return found


def _items(q: dict[str, Any], kind: str) -> list[str]:
    items = q.get("items", [])
    if kind != "checklist":
        return ["takes no items"] if items else []
    if not (
        isinstance(items, list)
        and len(items) >= 2
        and all(isinstance(i, dict) for i in items)
        and all(isinstance(i.get("id"), str) and _OPTION_ID.match(i["id"]) for i in items)
        and len({i.get("id") for i in items}) == len(items)
        and not {str(i.get("id")).lower() for i in items} & RESERVED
        and all(_text(i.get("label")) and _positive(i.get("weight", 1.0)) for i in items)
    ):
        return ["items"]
    return []


def _numeric(q: dict[str, Any], kind: str) -> list[str]:
    bands, low, high = q.get("bands", []), q.get("minimum"), q.get("maximum")
    if kind != "numeric":
        return ["takes no bands"] if bands or low is not None or high is not None else []
    if not (
        isinstance(bands, list)
        and bands
        and all(isinstance(b, dict) and _number(b.get("min")) for b in bands)
        and all(_flagless_int(b.get("level")) and 1 <= b["level"] <= 5 for b in bands)
    ):
        return ["bands"]
    mins, levels = [b["min"] for b in bands], [b["level"] for b in bands]
    found = []
    if any(a >= b for a, b in itertools.pairwise(mins)):
        found.append("band mins must increase")
    if levels != sorted(levels) or levels[-1] != 5:
        found.append("band levels must rise to 5")
    for bound in (low, high):
        if bound is not None and not _number(bound):
            found.append("minimum and maximum must be numbers")
            return found
    if low is not None and high is not None and low >= high:
        found.append("minimum below maximum")
    if low is not None and mins[0] > low:
        found.append("first band starts above the minimum")
    return found


def _cross(m: dict[str, Any], dim_ids: set[str], questions: dict[str, dict[str, Any]]) -> list[str]:
    found = []
    presets = m.get("ambition_presets")
    for preset in presets.values() if isinstance(presets, dict) else []:
        overrides = preset.get("overrides", {}) if isinstance(preset, dict) else {}
        if isinstance(overrides, dict) and not set(map(str, overrides)) <= dim_ids:
            found.append("a preset overrides an unknown dimension")
    lineage = m.get("lineage", {})
    if not isinstance(lineage, dict):
        return [*found, "lineage"]
    for old, new in lineage.items():
        if old in questions or not isinstance(new, str) or new not in questions:
            found.append(f"lineage {old} -> {new}")
    return found


def _actions(lib: Any, dim_ids: set[str]) -> list[str]:
    if not isinstance(lib, dict):
        return ["actions.yaml is not a mapping"]
    found = []
    phases = lib.get("phases")
    month = 0
    if not (isinstance(phases, list) and phases and all(isinstance(p, dict) for p in phases)):
        return ["phases"]
    for number, phase in enumerate(phases, start=1):
        start, end = phase.get("start_month"), phase.get("end_month")
        if not (
            _flagless_int(phase.get("number"))
            and phase["number"] == number
            and _text(phase.get("name"))
            and _flagless_int(start)
            and start == month
            and _flagless_int(end)
            and end > month
        ):
            found.append(f"phase {number}")
            break
        month = end
    actions = lib.get("actions")
    if not (isinstance(actions, list) and actions and all(isinstance(a, dict) for a in actions)):
        return [*found, "actions"]
    ids = [str(a.get("id")) for a in actions]
    if len(set(ids)) != len(ids):
        found.append("action ids must be unique")
    for a in actions:
        found += [f"{a.get('id')}: {p}" for p in _action(a, dim_ids, set(ids), len(phases))]
    graph = {str(a.get("id")): a.get("depends_on", []) for a in actions}
    if _cyclic(graph):
        found.append("dependency cycle")
    return found


def _action(a: dict[str, Any], dim_ids: set[str], ids: set[str], phases: int) -> list[str]:
    found = []
    if not (isinstance(a.get("id"), str) and _ACTION_ID.match(a["id"])):
        found.append("id")
    for key in ("title", "deliverable"):
        if not _text(a.get(key)):
            found.append(key)
    dims = a.get("dimensions")
    named = _strings(dims)
    if not (named and named <= dim_ids):
        found.append("dimensions")
        dims = []
    trigger = a.get("trigger")
    if not (
        isinstance(trigger, dict)
        and trigger.get("dimension") in dims
        and _whole(trigger.get("below_level"), 2, 5)
    ):
        found.append("trigger")
    if not _whole(a.get("helps_reach_level"), 2, 5):
        found.append("helps_reach_level")
    owners = a.get("owners")
    if not (isinstance(owners, list) and owners and all(_text(o) for o in owners)):
        found.append("owners")
    kpis = a.get("kpis")
    if not (
        isinstance(kpis, list)
        and kpis
        and all(isinstance(k, dict) for k in kpis)
        and all(_text(k.get(f)) for k in kpis for f in ("name", "target", "measure"))
    ):
        found.append("kpis")
    if not _whole(a.get("earliest_phase", 1), 1, phases):
        found.append("earliest_phase")
    if not _whole(a.get("duration_months"), 1, 24):
        found.append("duration_months")
    if a.get("effort", "medium") not in ["low", "medium", "high"]:
        found.append("effort")
    deps = a.get("depends_on", [])
    members = _strings(deps)
    if members is None or members - (ids - {str(a.get("id"))}):
        found.append("depends_on")
    cost = a.get("cost")
    if not (
        isinstance(cost, dict)
        and all(_range(cost.get(k)) for k in ("capex", "opex_per_year"))
        and _text(cost.get("covers"))
    ):
        found.append("cost")
    return found


def _range(r: Any) -> bool:
    return (
        isinstance(r, dict)
        and _number(r.get("low"))
        and _number(r.get("high"))
        and 0 <= r["low"] <= r["high"]
    )


def _cyclic(graph: dict[Any, Any]) -> bool:
    state: dict[Any, int] = {}

    def visit(node: Any) -> bool:
        state[node] = 1
        for nxt in _strings(graph.get(node)) or set():
            if state.get(nxt) == 1 or (nxt not in state and nxt in graph and visit(nxt)):
                return True
        state[node] = 2
        return False

    return any(node not in state and visit(node) for node in list(graph))
