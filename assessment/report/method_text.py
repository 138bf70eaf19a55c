"""How the results were reached, in plain words for the client: the report's own method section.
docs/methodology.md stays the practitioners' exact reference and is never printed as is; every
figure here comes from the results' stated rules, so the two cannot drift apart in substance."""

from __future__ import annotations

from dataclasses import dataclass

from assessment.common.formatting import money, percent_text, score_text
from assessment.model.results import Results

CONSENSUS_WORDS = {
    "mean": "the average of its people's scores, and the organisation's the average of its units",
    "median": "the middle of its people's scores, and the organisation's the middle of its units",
    "weakest_link": (
        "the average of its people's scores, and the organisation's that of its lowest unit, so "
        "that no unit's weakness is averaged away"
    ),
}


@dataclass(frozen=True)
class MethodSection:
    heading: str
    paragraphs: list[str]


def method_sections(
    results: Results, ambition_description: str, max_parallel_actions: int
) -> list[MethodSection]:
    return [
        *_general(results, ambition_description, max_parallel_actions),
        *_use_cases(results),
    ]


def _general(
    results: Results, ambition_description: str, max_parallel_actions: int
) -> list[MethodSection]:
    t = results.thresholds
    starts = ", ".join(
        f"level {n} from {score_text(s)}" for n, s in enumerate(t.level_starts, 1) if n > 1
    )
    consensus = CONSENSUS_WORDS.get(results.consensus, "combined from its people's scores")
    bands = "; ".join(f"{name} from {low:.0f}" for low, name in t.bands)
    return [
        MethodSection(
            "From answers to scores",
            [
                "Every answer option is tied to one of the five maturity levels, so each answer "
                "counts as a score from 1 to 5. People were asked only the questions that fit "
                "their role. “Don't know” and “not applicable” do not move a score, but a "
                "question left unanswered lowers its dimension's coverage.",
                "A person's score in a dimension is the weighted average of their answers. A "
                f"business unit's score is {consensus}.",
            ],
        ),
        MethodSection(
            "Levels, targets and gaps",
            [
                "Scores are read to one decimal, rounded half up, and the level follows the score "
                f"as printed: {starts}. A critical question caps its dimension: the dimension "
                "cannot be rated above that question's level.",
                "Targets follow the ambition chosen for this assessment "
                f"({ambition_description}), with any target set for a dimension or unit. Each "
                "target is shown as the score where the target level starts, and the gap is the "
                "points still needed to reach it; when a critical question holds the level "
                "down, the gap is measured from that question's score.",
                "The readiness index turns the organisation's overall score into 0 to 100. Its "
                f"bands: {bands}.",
            ],
        ),
        MethodSection(
            "How sure the scores are",
            [
                "Each score has a 95% interval: the range it would most likely fall in if the "
                "survey were repeated with other people from the same units, found by redrawing "
                f"the respondents {t.interval_resamples:,} times. A score resting on fewer than "
                f"{t.min_group_size} people has no interval and is not shown for a unit.",
                f"A dimension is flagged when less than {percent_text(t.coverage_warning)} of its "
                "questions were answered, or when people's scores spread widely (a standard "
                f"deviation of {t.disagreement_sd:.1f} or more). Executives and other roles are "
                "compared on the same questions only; a difference of "
                f"{t.perception_gap_points:.1f} points or more is called out.",
            ],
        ),
        MethodSection(
            "From gaps to the plan",
            [
                "Each action in the library is proposed when a dimension is short of its target "
                "and its answers show the weakness the action addresses. A legal duty already in "
                "force and not met comes first, whatever the gaps say. The rest are ranked by "
                "the size of the gap, the dimension's weight, how clearly the answers point to "
                "the action, and the effort it takes.",
                "Actions start only once the work they depend on is done, with at most "
                f"{max_parallel_actions} under way at once. Costs are ranges, scaled to the "
                "organisation's size, and each line states how its figure is made.",
                "Where the consultant adjusted a score, the adjusted score drives the level, the "
                "gap and the plan, and the report says who adjusted it, from what and why.",
            ],
        ),
    ]


def _use_cases(results: Results) -> list[MethodSection]:
    """How use cases are judged, plotted and weigh in the plan, from the policy results.json
    states; nothing without use cases."""
    portfolio = results.use_case_portfolio
    if not results.use_cases or portfolio is None or portfolio.policy is None:
        return []
    policy = portfolio.policy
    currency = results.roadmap.currency
    paragraphs = [
        "Each use case is checked against the readiness levels it needs in its risk tier under "
        "the EU AI Act. It can go when every one is met. It can go with conditions when no "
        f"shortfall is larger than {policy.conditions_max_gap:.1f} points and the work that "
        "closes every shortfall starts within the plan's first "
        f"{policy.conditions_start_within_months} months. Otherwise it is not yet possible: the "
        "plan gives the month its last piece of closing work ends, or says that the use case is "
        "not within the plan. A practice the Act prohibits is never possible.",
        "Feasibility shows how far the scores a use case depends on have come towards the "
        "levels it needs. For each, it is the share of the climb made from the bottom of the "
        "scale, 1, to the score where the needed level starts, a level already met counting "
        "in full; the use case's feasibility is the average of these shares. Its range repeats "
        "this at the low and the high end of each score's 95% interval, so a use case resting "
        "on uncertain scores shows a wide range. On the value-against-feasibility chart the "
        f"line between low and high feasibility is at {percent_text(portfolio.feasibility_split)}"
        f", and between low and high value at {currency} {money(portfolio.value_split)} a year, "
        "the middle of the use cases shown. A prohibited practice is not plotted.",
    ]
    if policy.priority_gain_per_million > 0 and policy.priority_gain_cap > 0:
        paragraphs.append(
            "Work that unblocks use cases comes earlier in the plan. An action that closes a "
            "shortfall of a use case not yet possible, or possible only with conditions, gains "
            f"{policy.priority_gain_per_million:g} priority points for every {currency} 1m a "
            "year those use cases are worth at the low end of their estimates, and at most "
            f"{policy.priority_gain_cap:g} in all, so that value reorders work of similar need "
            "without outweighing the largest gaps. The months each use case becomes possible "
            "follow from the plan so ordered."
        )
    return [MethodSection("Use-case verdicts, feasibility and priority", paragraphs)]
