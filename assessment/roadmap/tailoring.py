"""How the organisation's profile shapes the plan: industry, region, size."""

from __future__ import annotations

from assessment.model.engagement import Profile
from assessment.model.roadmap import ActionDefinition
from assessment.model.tailoring import Tailoring


def is_regulated(industry: str, tailoring: Tailoring | None) -> bool:
    """Whether the questionnaire's tailoring.yaml lists the industry (none given: no)."""
    return tailoring is not None and tailoring.is_regulated(industry)


def applies_to(action: ActionDefinition, region: str) -> bool:
    """Region-specific actions (EU law, say) apply only to organisations in that region."""
    return not action.regions or region.strip().upper() in {r.upper() for r in action.regions}


def earliest_phase(action: ActionDefinition, regulated: bool) -> int:
    """Regulated industries bring compliance work one phase earlier."""
    if regulated and action.compliance:
        return max(1, action.earliest_phase - 1)
    return action.earliest_phase


def tailoring_notes(
    profile: Profile, regulated: bool, region_actions: int, moved_earlier: int
) -> list[str]:
    org = profile.organisation
    notes = []
    if regulated:
        notes.append(
            f"{org.industry.capitalize()} is a regulated industry: {moved_earlier} compliance "
            "action(s) start a phase earlier than the library's default."
        )
    if region_actions:
        notes.append(
            f"{region_actions} action(s) apply because the organisation is in {org.region}."
        )
    notes.append(f"Costs are scaled for {org.employees:,} staff.")
    return notes
