"""Accept a change to the golden results: regenerate them, check them, show the diff, write.

    python tests/golden/update.py           # rewrite the golden files
    python tests/golden/update.py --check   # only show what would change (exit 1 if anything)

A golden file is written only when the independent recomputation (recompute.py) agrees with the
new results on every headline figure; otherwise nothing is written and the disagreements are
listed, because then either the engine or the recomputation is wrong and a person must decide.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.golden.golden import ENGAGEMENTS, HERE, diff, dumps, load, readable, regenerate
from tests.golden.recompute import disagreements, recompute
from tests.golden.report_snapshot import SNAPSHOT, mini_report_html, snapshot_diff


def main(argv: list[str]) -> int:
    check_only = argv == ["--check"]
    if argv and not check_only:
        print(__doc__, file=sys.stderr)
        return 2
    fresh, changed, refused = {}, 0, 0
    for name, folder in ENGAGEMENTS.items():
        new = regenerate(folder)
        old = load(name) if (HERE / name).exists() else {}
        lines = diff(old, new)
        print(f"{name}: {len(lines)} change(s)" + (f"\n{readable(lines)}" if lines else ""))
        problems = disagreements(recompute(folder), new)
        if problems:
            refused += 1
            print(f"{name}: the recomputation disagrees; not written:\n" + "\n".join(problems))
        changed += bool(lines)
        fresh[name] = new
    html = mini_report_html()
    kept = SNAPSHOT.read_text(encoding="utf-8") if SNAPSHOT.exists() else ""
    if html != kept:
        changed += 1
        print(f"{SNAPSHOT.name}: changed\n{snapshot_diff(kept, html)}")
    else:
        print(f"{SNAPSHOT.name}: 0 change(s)")
    if check_only or refused:
        return 1 if changed or refused else 0
    for name, new in fresh.items():
        (HERE / name).write_text(dumps(new), encoding="utf-8")
    SNAPSHOT.write_text(html, encoding="utf-8")
    print("golden files written; review `git diff tests/golden` and commit them")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
