"""The legal duties a use case brings, by its risk tier and the organisation's role for the
system. Only what the regulatory fact sheet supports, with whom each duty binds."""

from __future__ import annotations

from assessment.model.use_cases import Archetype, RiskTier, SystemRole

_HIGH_RISK_PROVIDER = (
    "EU AI Act Arts 9-15 (as provider of a high-risk system): risk management, data "
    "governance, technical documentation, record-keeping, information for deployers, human "
    "oversight, accuracy, robustness and cybersecurity."
)
_HIGH_RISK_DEPLOYER = (
    "EU AI Act Art. 26 (as deployer of a high-risk system): use it as instructed, with "
    "competent human oversight, relevant input data, monitoring, logs kept at least six "
    "months, and workers and affected people informed."
)
_FRIA = (
    "EU AI Act Art. 27: a fundamental rights impact assessment before first use "
    "(deployers of Annex III 5(b) and 5(c) systems)."
)
_TRANSPARENCY: dict[str, tuple[SystemRole, str]] = {
    "50(1)": ("provider", "design the system so that people are told they are interacting with AI"),
    "50(2)": ("provider", "mark the content it generates as AI-generated, machine-readably"),
    "50(3)": (
        "deployer",
        "inform the people exposed to emotion recognition or biometric categorisation",
    ),
    "50(4)": (
        "deployer",
        "disclose deep fakes, and AI-generated text published to inform the public unless a "
        "person reviews it under editorial responsibility",
    ),
}
_DPIA = "GDPR Art. 35: a data protection impact assessment before the processing starts."


def duties_of(archetype: Archetype, tier: RiskTier, role: SystemRole, dpia: bool) -> list[str]:
    """A provider that uses its own system is its deployer too, so deployer duties always
    apply and provider duties only to a provider."""
    if tier == "prohibited":
        return []
    duties: list[str] = []
    if tier == "high":
        if role == "provider":
            duties.append(_HIGH_RISK_PROVIDER)
        duties.append(_HIGH_RISK_DEPLOYER)
        if archetype.annex_iii in ("5(b)", "5(c)"):
            duties.append(_FRIA)
    for paragraph in archetype.transparency:
        binds, duty = _TRANSPARENCY[paragraph]
        if binds == "deployer" or role == "provider":
            duties.append(f"EU AI Act Art. {paragraph}: {duty}.")
        else:
            duties.append(
                f"EU AI Act Art. {paragraph} binds the system's provider (to {duty}), not the "
                "organisation as deployer: check the vendor meets it."
            )
    if dpia:
        duties.append(_DPIA)
    return duties
