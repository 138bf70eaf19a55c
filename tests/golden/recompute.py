"""Recompute an engagement's headline results from its CSV answers, independently of the engine.

Written from docs/methodology.md, docs/questionnaire-format.md and docs/response-files.md only:
it imports nothing from `assessment`, so a bug in the engine cannot hide here as well. It reads
every question, weight, audience and condition from the questionnaire YAML, so questions can be
added or removed without touching it.

    python tests/golden/recompute.py ENGAGEMENT [RESULTS_JSON]

prints the recomputed headline figures, or, given a results.json, every figure that disagrees
with it (exit 1 if any).
"""

from __future__ import annotations

import json
import re
import statistics
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

REPO = Path(__file__).resolve().parents[2]
SCORED = ("single_choice", "yes_no", "checklist", "numeric", "agreement")
AGREEMENT = (
    "strongly disagree",
    "disagree",
    "neither agree nor disagree",
    "agree",
    "strongly agree",
)
NOT_APPLICABLE = {"na", "n/a", "not applicable"}
DONT_KNOW = {"dk", "don't know", "dont know"}
# methodology §3 and §4: lower bounds of levels 2-5 and of the bands after the first
LEVEL_FLOORS = (1.8, 2.6, 3.4, 4.2)
BANDS = (
    (85, "Leading"),
    (70, "Ready to scale"),
    (50, "Ready for targeted pilots"),
    (30, "Building foundations"),
    (0, "Not yet ready"),
)


def half_up(value: float, decimals: int) -> float:
    """methodology §3: every number shown is rounded half up, float noise absorbed first."""
    quantum = Decimal(1).scaleb(-decimals)
    return float(Decimal(repr(round(value, 12))).quantize(quantum, rounding=ROUND_HALF_UP))


def level_of(score: float) -> int:
    """methodology §3: the level of the score as shown, to one decimal."""
    shown = half_up(score, 1)
    return 1 + sum(shown >= floor for floor in LEVEL_FLOORS)


def band_of(index: float) -> str:
    """methodology §4: the band of the index as shown, a whole number."""
    shown = half_up(index, 0)
    return next(name for floor, name in BANDS if shown >= floor)


# ---------------------------------------------------------------- questionnaire


def load_questionnaire(engagement: Path, profile: dict[str, Any]) -> tuple[list[dict], list[dict]]:
    """(dimensions, questions in the order respondents meet them)."""
    ref = profile["questionnaire"]
    folder = engagement / ref["path"] if ref.get("path") else REPO / "questionnaires" / ref["id"]
    top = yaml.safe_load((folder / "questionnaire.yaml").read_text(encoding="utf-8"))
    dimensions = [
        yaml.safe_load((folder / name).read_text(encoding="utf-8")) for name in top["dimensions"]
    ]
    questions = []
    for dim in dimensions:
        for q in dim["questions"]:
            questions.append({**q, "type": q.get("type", "single_choice"), "dimension": dim["id"]})
    return dimensions, questions


# ---------------------------------------------------------------- answers


def read_answers(engagement: Path) -> pd.DataFrame:
    """All response files as one long table: respondent, unit, role, question, raw answer."""
    frames = []
    for path in sorted((engagement / "responses").glob("*.csv")):
        table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        if "question_id" not in table.columns:
            fixed = ["respondent_id", "business_unit", "role"]
            extra = [c for c in table.columns if c not in fixed and c != "comment"]
            table = table.melt(
                id_vars=fixed, value_vars=extra, var_name="question_id", value_name="answer"
            )
        frames.append(table[["respondent_id", "business_unit", "role", "question_id", "answer"]])
    answers = pd.concat(frames, ignore_index=True)
    for column in answers.columns:
        answers[column] = answers[column].str.strip()
    return answers


def unit_ids(profile: dict[str, Any], answers: pd.DataFrame) -> pd.Series:
    by_name = {str(u["name"]).lower(): u["id"] for u in profile["business_units"]}
    by_id = {str(u["id"]).lower(): u["id"] for u in profile["business_units"]}
    return answers["business_unit"].map(
        lambda raw: by_id.get(raw.lower()) or by_name.get(raw.lower()) or raw
    )


def role_id(raw: str) -> str:
    """A role id from its id or its label: "Data and IT" -> data_it, "HR and people" -> hr_people"""
    return "_".join(word for word in raw.lower().split() if word != "and")


def parse(question: dict, raw: str) -> tuple[float, Any] | None:
    """(score, value for conditions) of a real answer; None for blank, n/a or don't know."""
    text = raw.strip()
    low = text.lower()
    if not text or low in NOT_APPLICABLE or low in DONT_KNOW:
        return None
    kind = question["type"]
    if kind in ("single_choice", "yes_no"):
        for option in question["options"]:
            if low in (str(option["id"]).lower(), str(option["label"]).lower()):
                return float(option["level"]), str(option["id"])
        raise ValueError(f"{question['id']}: unknown option {raw!r}")
    if kind == "agreement":
        value = AGREEMENT.index(low) + 1 if low in AGREEMENT else int(text)
        score = 6 - value if question.get("reverse") else value
        return float(score), value
    if kind == "numeric":
        number = float(text.rstrip("%").strip())
        level = max(b["level"] for b in question["bands"] if number >= b["min"])
        return float(level), number
    if kind == "checklist":
        items = question["items"]
        ticked: set[str] = set()
        if low != "none":
            for part in (p.strip().lower() for p in text.split(";") if p.strip()):
                match = [i for i in items if part in (str(i["id"]).lower(), i["label"].lower())]
                if not match:
                    raise ValueError(f"{question['id']}: unknown item {part!r}")
                ticked.add(str(match[0]["id"]))
        total = sum(float(i.get("weight", 1)) for i in items)
        share = sum(float(i.get("weight", 1)) for i in items if str(i["id"]) in ticked) / total
        return 1 + 4 * share, ticked
    raise ValueError(f"{question['id']}: type {kind} is not scored")


# ---------------------------------------------------------------- conditions (visible_if)

_TOKEN = re.compile(r"\s*(>=|<=|==|!=|>|<|\(|\)|\[|\]|,|'[^']*'|\"[^\"]*\"|[A-Za-z0-9_.%-]+)")


def visible(condition: str | None, known: dict[str, Any]) -> bool:
    """Evaluate a visible_if condition over one respondent's real answers (`known`: id -> value
    as returned by `parse`). A comparison with a question that has no real answer is false."""
    if not condition:
        return True
    tokens = _TOKEN.findall(condition)
    position = 0

    def take() -> str:
        nonlocal position
        position += 1
        return tokens[position - 1]

    def peek() -> str | None:
        return tokens[position] if position < len(tokens) else None

    def literal(token: str) -> Any:
        if token[0] in "'\"":
            return token[1:-1]
        return float(token)

    def atom() -> bool:
        token = take()
        if token == "not":
            return not atom()
        if token == "(":
            result = either()
            take()
            return result
        if token == "answered":
            take()
            name = take()
            take()
            return name in known
        operator = take()
        if operator == "in":
            take()
            choices = []
            while (item := take()) != "]":
                if item != ",":
                    choices.append(literal(item))
            return token in known and known[token] in choices
        other = literal(take())
        if token not in known:
            return False
        value = known[token]
        if operator == "has":
            return isinstance(value, set) and other in value
        if operator in ("==", "!="):
            same = str(value) == str(other)
            return same if operator == "==" else not same
        number = float(value) if not isinstance(value, set) else 0.0
        return {
            ">=": number >= other,
            "<=": number <= other,
            ">": number > other,
            "<": number < other,
        }[operator]

    def both() -> bool:
        result = atom()
        while peek() == "and":
            take()
            right = atom()
            result = result and right
        return result

    def either() -> bool:
        result = both()
        while peek() == "or":
            take()
            right = both()
            result = result or right
        return result

    return either()


# ---------------------------------------------------------------- roll-ups


def combine(values: list[float], rule: str, across_units: bool) -> float:
    if rule == "median":
        return float(statistics.median(values))
    if rule == "weakest_link" and across_units:
        return min(values)
    return statistics.fmean(values)


def weighted(pairs: list[tuple[float, float]]) -> float:
    return sum(s * w for s, w in pairs) / sum(w for _, w in pairs)


def recompute(engagement: Path) -> dict[str, Any]:
    """Headline figures, in the shape of results.json (unrounded)."""
    profile = yaml.safe_load((engagement / "assessment.yaml").read_text(encoding="utf-8"))
    rule = (profile.get("scoring") or {}).get("consensus", "mean")
    dimensions, questions = load_questionnaire(engagement, profile)
    answers = read_answers(engagement)
    answers["unit"] = unit_ids(profile, answers)
    answers["role"] = answers["role"].map(role_id)

    # scores[respondent][question] = score, counting only questions put to the respondent
    scores: dict[str, dict[str, float]] = {}
    people = answers.groupby("respondent_id", sort=False)
    unit_of = people["unit"].first().to_dict()
    for person, rows in people:
        role = rows["role"].iloc[0]
        raw = dict(zip(rows["question_id"], rows["answer"], strict=True))
        known: dict[str, Any] = {}
        mine: dict[str, float] = {}
        for q in questions:
            if q["type"] not in SCORED or q["id"] not in raw:
                continue
            audience = q.get("audience")  # none: every role
            if (audience and role not in audience) or not visible(q.get("visible_if"), known):
                continue
            parsed = parse(q, raw[q["id"]])
            if parsed is not None:
                mine[q["id"]], known[q["id"]] = parsed
        scores[str(person)] = mine
    units = [u["id"] for u in profile["business_units"]]
    units += sorted(set(unit_of.values()) - set(units))
    members = {u: [p for p, pu in unit_of.items() if pu == u] for u in units}

    def question_score(qid: str, unit: str | None) -> float | None:
        per_unit = {}
        for u in [unit] if unit else units:
            got = [scores[p][qid] for p in members[u] if qid in scores[p]]
            if got:
                per_unit[u] = combine(got, rule, across_units=False)
        if not per_unit:
            return None
        return combine(list(per_unit.values()), rule, across_units=unit is None)

    def respondent_dimension(person: str, dim: dict) -> float | None:
        pairs = [
            (scores[person][q["id"]], float(q.get("weight", 1)))
            for q in questions
            if q["dimension"] == dim["id"] and q["id"] in scores[person]
        ]
        return weighted(pairs) if pairs else None

    def dimension_figures(dim: dict, unit: str | None) -> dict[str, Any] | None:
        per_unit: dict[str, float] = {}
        counted = 0
        for u in [unit] if unit else units:
            own = [s for p in members[u] if (s := respondent_dimension(p, dim)) is not None]
            counted += len(own)
            if own:
                per_unit[u] = combine(own, rule, across_units=False)
        if not per_unit:
            return None
        score = combine(list(per_unit.values()), rule, across_units=unit is None)
        level = level_of(score)
        gates = [
            level_of(s)
            for q in dim["questions"]
            if q.get("critical") and (s := question_score(q["id"], unit)) is not None
        ]
        return {"score": score, "level": min([level, *gates]), "respondents": counted}

    def index_of(figures: dict[str, dict[str, Any] | None]) -> tuple[float, float] | None:
        pairs = [
            (f["score"], float(d.get("weight", 1)))
            for d in dimensions
            if (f := figures[d["id"]]) is not None
        ]
        if not pairs:
            return None
        score = weighted(pairs)
        return score, (score - 1) / 4 * 100

    org = {d["id"]: dimension_figures(d, None) for d in dimensions}
    headline = index_of(org)
    if headline is None:
        raise ValueError(f"{engagement}: no scored answer at all")
    score, index = headline
    result: dict[str, Any] = {
        "participation": {
            "respondents": len(unit_of),
            "by_unit": {u: len(members[u]) for u in units},
        },
        "overall": {
            "index": index,
            "band": band_of(index),
            "score": score,
            "level": level_of(score),
        },
        "dimensions": {d: f for d, f in org.items() if f is not None},
        "units": {},
    }
    for u in units:
        own = {d["id"]: dimension_figures(d, u) for d in dimensions}
        unit_index = index_of(own)
        result["units"][u] = {
            "respondents": len(members[u]),
            "index": unit_index[1] if unit_index else None,
            "dimensions": {
                d: {"score": f["score"], "level": f["level"]} for d, f in own.items() if f
            },
        }
    return result


# ---------------------------------------------------------------- comparison with results.json


def _close(mine: float, shown: float, decimals: int) -> bool:
    # results.json rounds for display; agree when rounding could explain the difference
    return abs(mine - shown) <= 0.5 * 10**-decimals + 1e-9


def disagreements(mine: dict[str, Any], results: dict[str, Any]) -> list[str]:
    """Every headline figure where results.json differs from the recomputation."""
    problems: list[str] = []

    def check(path: str, expected: Any, shown: Any, decimals: int | None = None) -> None:
        if decimals is None or expected is None:
            ok = expected == shown
        else:
            ok = shown is not None and _close(expected, shown, decimals)
        if not ok:
            problems.append(f"{path}: recomputed {expected!r}, results.json {shown!r}")

    participation = results["participation"]
    check(
        "participation.respondents",
        mine["participation"]["respondents"],
        participation["respondents"],
    )
    check("participation.by_unit", mine["participation"]["by_unit"], participation["by_unit"])
    overall = results["overall"]
    for key, decimals in (("index", 1), ("band", None), ("score", 2), ("level", None)):
        check(f"overall.{key}", mine["overall"][key], overall[key], decimals)

    shown_dims = {d["dimension_id"]: d for d in results["dimensions"] if d["score"] is not None}
    check("dimensions (ids)", sorted(mine["dimensions"]), sorted(shown_dims))
    for dim_id, figures in mine["dimensions"].items():
        shown = shown_dims.get(dim_id, {})
        check(f"dimensions[{dim_id}].score", figures["score"], shown.get("score"), 2)
        check(f"dimensions[{dim_id}].level", figures["level"], shown.get("level"))
        check(f"dimensions[{dim_id}].respondents", figures["respondents"], shown.get("respondents"))

    shown_units = {u["unit_id"]: u for u in results["units"]}
    check("units (ids)", sorted(mine["units"]), sorted(shown_units))
    for unit_id, unit in mine["units"].items():
        shown = shown_units.get(unit_id, {})
        check(f"units[{unit_id}].respondents", unit["respondents"], shown.get("respondents"))
        check(f"units[{unit_id}].index", unit["index"], shown.get("index"), 1)
        # a dimension nobody in the unit answered is listed without a score
        shown_unit_dims = {
            d["dimension_id"]: d for d in shown.get("dimensions", []) if d["score"] is not None
        }
        check(
            f"units[{unit_id}].dimensions (ids)",
            sorted(unit["dimensions"]),
            sorted(shown_unit_dims),
        )
        for dim_id, figures in unit["dimensions"].items():
            got = shown_unit_dims.get(dim_id, {})
            check(
                f"units[{unit_id}].dimensions[{dim_id}].score",
                figures["score"],
                got.get("score"),
                2,
            )
            check(
                f"units[{unit_id}].dimensions[{dim_id}].level", figures["level"], got.get("level")
            )
    problems += use_case_gain_problems(results)
    return problems


def use_case_gain_problems(results: dict[str, Any]) -> list[str]:
    """methodology §9, "Use cases raise priority": each planned action unblocks exactly the use
    cases, neither go nor never, that list it among their closing actions; its value is theirs
    summed, and its gain min(cap, gain per million x the low ends summed / 1,000,000)."""
    portfolio = results.get("use_case_portfolio") or {}
    policy = portfolio.get("policy")
    if policy is None:
        return []
    waiting = [v for v in results["use_cases"] if v["verdict"] not in ("go", "never")]
    problems = []
    for action in results["roadmap"]["actions"]:
        aid = action["id"]
        cases = [v for v in waiting if aid in v["closing_actions"]]
        low = sum(v["value_per_year"]["low"] for v in cases)
        high = sum(v["value_per_year"]["high"] for v in cases)
        gain = half_up(
            min(policy["priority_gain_cap"], policy["priority_gain_per_million"] * low / 1e6), 3
        )
        expected = {
            "unblocks": [v["id"] for v in cases],
            "unblocks_value": {"low": low, "high": high} if cases else None,
            "use_case_gain": gain if cases else 0.0,
        }
        for key, value in expected.items():
            if action.get(key) != value:
                problems.append(
                    f"roadmap.actions[{aid}].{key}: recomputed {value!r}, "
                    f"results.json {action.get(key)!r}"
                )
    return problems


def checked_fields(mine: dict[str, Any], results: dict[str, Any]) -> int:
    """How many figures `disagreements` compares, for the report of a run."""
    unit_fields = sum(2 + 2 * len(u["dimensions"]) for u in mine["units"].values())
    portfolio = results.get("use_case_portfolio") or {}
    gains = 3 * len(results["roadmap"]["actions"]) if portfolio.get("policy") else 0
    return 2 + 4 + 3 * len(mine["dimensions"]) + unit_fields + gains


def main(argv: list[str]) -> int:
    if len(argv) not in (1, 2):
        print(__doc__, file=sys.stderr)
        return 2
    mine = recompute(Path(argv[0]))
    if len(argv) == 1:
        print(json.dumps(mine, indent=2))
        return 0
    results = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
    problems = disagreements(mine, results)
    for line in problems:
        print(line)
    print(f"{checked_fields(mine, results)} figures compared, {len(problems)} disagree")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
