"""Split an action library written in one file into one file per action.

    python scripts/split_action_library.py questionnaires/genai-readiness/actions.yaml

Each entry of the library's `actions:` list moves, text and comments unchanged but dedented,
into ACTIONS_FOLDER/<id>.yaml (ACTIONS_FOLDER is `actions` beside the library file); the
comments that head a group of actions go with the first action of the group. The library file
keeps its settings and names the folder in `actions_folder`. Files already in the folder are
replaced, so the split can be run again after the one-file library has been edited.

Nothing is written unless every new file parses to exactly the values of the entry it came
from and every comment line of the old file appears in the new files.
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

FOLDER = "actions"
ENTRY = re.compile(r"^  - id: (?P<id>\S+)\s*$")
FOLDER_NOTE = (
    "# One file per action, named after its id: actions/ACT-01.yaml holds `id: ACT-01`.\n"
    f"actions_folder: {FOLDER}\n"
)


def split(text: str) -> tuple[str, dict[str, str]]:
    """The new library file and {action id: action file text}."""
    lines = text.splitlines(keepends=True)
    start = lines.index("actions:\n")
    if any(not (ln.startswith((" ", "#")) or ln.strip() == "") for ln in lines[start + 1 :]):
        raise SystemExit("the actions: list must be the last key of the library file")
    files: dict[str, list[str]] = {}
    pending: list[str] = []  # group comments and blank lines waiting for the next entry
    current: list[str] | None = None
    for line in lines[start + 1 :]:
        if match := ENTRY.match(line):
            current = files.setdefault(match["id"], [])
            if current:
                raise SystemExit(f"action id {match['id']} is used more than once")
            current += [ln for ln in pending if ln.strip()] + [line[4:]]
            pending = []
        elif line.startswith("  #") or not line.strip():
            pending.append(line[2:] if line.strip() else "\n")
        elif line.startswith("    ") and current is not None:
            current.extend([*pending, line[4:]])
            pending = []
        else:
            raise SystemExit(f"cannot place this line in an action: {line!r}")
    library = "".join(lines[:start]).rstrip("\n") + "\n\n" + FOLDER_NOTE
    return library, {aid: "".join(body).rstrip("\n") + "\n" for aid, body in files.items()}


def check(old_text: str, library: str, actions: dict[str, str]) -> None:
    """Stop unless the split holds exactly the values and comments of the old file."""
    old: dict[str, Any] = yaml.safe_load(old_text)
    new_library = yaml.safe_load(library)
    expected = {k: v for k, v in old.items() if k != "actions"} | {"actions_folder": FOLDER}
    if new_library != expected:
        raise SystemExit("the library settings changed in the split")
    if [a["id"] for a in old["actions"]] != list(actions):
        raise SystemExit("the actions found by text differ from the parsed ones")
    for entry in old["actions"]:
        if yaml.safe_load(actions[entry["id"]]) != entry:
            raise SystemExit(f"{entry['id']}: its values changed in the split")

    def comments(text: str) -> Counter[str]:
        return Counter(ln.strip() for ln in text.splitlines() if ln.strip().startswith("#"))

    kept = comments(library) + sum((comments(t) for t in actions.values()), Counter())
    lost = comments(old_text) - kept
    if lost:
        raise SystemExit(f"comments lost in the split: {sorted(lost)}")


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    path = Path(argv[0])
    text = path.read_text(encoding="utf-8")
    if "actions" not in (yaml.safe_load(text) or {}):
        print(f"{path} holds no actions: list (already split?)", file=sys.stderr)
        return 1
    library, actions = split(text)
    check(text, library, actions)
    folder = path.parent / FOLDER
    folder.mkdir(exist_ok=True)
    for old in folder.glob("*.yaml"):
        old.unlink()
    for aid, body in actions.items():
        (folder / f"{aid}.yaml").write_text(body, encoding="utf-8")
    path.write_text(library, encoding="utf-8")
    print(f"wrote {len(actions)} action files to {folder} and rewrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
