"""A plain-text outline of a questionnaire for `readiness questionnaire show`."""

from __future__ import annotations

from collections import Counter

from assessment.loading.questionnaire import LoadedQuestionnaire


def outline(loaded: LoadedQuestionnaire) -> str:
    q = loaded.questionnaire
    scored = [x for _, x in q.questions() if x.scored]
    lines = [
        f"{q.title}",
        f"id {q.id}, version {q.version}: {len(q.dimensions)} dimensions, "
        f"{len(scored)} scored questions, {len(loaded.actions.actions)} actions",
        "",
        "Levels:",
        *(f"  {lv.level} {lv.name}: {lv.description}" for lv in q.levels),
        "",
        "Ambition presets:",
        *(
            f"  {name}: default target {p.default}"
            + (f", {', '.join(f'{k} {v}' for k, v in p.overrides.items())}" if p.overrides else "")
            for name, p in q.ambition_presets.items()
        ),
        "",
    ]
    for d in q.dimensions:
        types = Counter(x.type for x in d.questions)
        lines.append(
            f"{d.name} [{d.id}], weight {d.weight:g}: {len(d.questions)} questions "
            f"({', '.join(f'{n} {t}' for t, n in sorted(types.items()))})"
        )
        capabilities: dict[str, list[str]] = {}
        for x in d.questions:
            capabilities.setdefault(x.capability or "(no capability)", []).append(
                x.id + ("*" if x.critical else "") + ("?" if x.visible_if else "")
            )
        for capability, ids in capabilities.items():
            lines.append(f"  {capability}: {', '.join(ids)}")
    lines += ["", "* critical (gate)   ? shown only under a condition"]
    return "\n".join(lines)
