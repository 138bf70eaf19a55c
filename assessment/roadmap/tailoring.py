"""How the organisation's profile shapes the plan: industry, region, size."""

from __future__ import annotations

from assessment.model.engagement import Profile
from assessment.model.roadmap import ActionDefinition
from assessment.model.tailoring import Tailoring


def is_regulated(industry: str, tailoring: Tailoring | None) -> bool:
    """Whether the questionnaire's tailoring.yaml lists the industry (none given: no)."""
    return tailoring is not None and tailoring.is_regulated(industry)


def in_region(regions: list[str], region: str) -> bool:
    """Whether `region` is one of `regions`, whatever the case and spacing."""
    return region.strip().upper() in {r.strip().upper() for r in regions}


def applies_to(action: ActionDefinition, region: str) -> bool:
    """Region-specific actions (EU law, say) apply only to organisations in that region."""
    return not action.regions or in_region(action.regions, region)


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
    if regulated and moved_earlier:
        moved = _actions(moved_earlier, "compliance ")
        notes.append(
            f"{org.industry.capitalize()} is a regulated industry: {moved} "
            f"{'starts' if moved_earlier == 1 else 'start'} a phase earlier than the library's "
            "default."
        )
    if region_actions:
        notes.append(
            f"{_actions(region_actions)} {'applies' if region_actions == 1 else 'apply'} "
            f"because the organisation is in {org.region}."
        )
    notes.append(f"Costs are scaled for {org.employees:,} staff.")
    return notes


def _actions(n: int, kind: str = "") -> str:
    return f"{n} {kind}action{'' if n == 1 else 's'}"
