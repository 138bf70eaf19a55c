"""WCAG 2.2 contrast for the colours an engagement's theme chooses. Text in a theme colour must
reach 4.5:1 on white (success criterion 1.4.3, level AA); a colour that does not is darkened,
keeping its hue, until it does, and the consultant is told which colour is used instead."""

from __future__ import annotations

from dataclasses import dataclass

from coloraide import Color

TEXT_CONTRAST = 4.5  # WCAG 2.2 AA, normal-sized text
_BACKGROUND = "#ffffff"
_STEP = 0.005  # of HSL lightness; fine enough to stop within a shade of the threshold


@dataclass(frozen=True)
class TextColour:
    """The colour to use for text on white, and what the consultant should know about it."""

    colour: str
    notice: str | None = None


def contrast_ratio(colour: str, background: str = _BACKGROUND) -> float:
    """The WCAG contrast ratio of two CSS colours, from 1 (none) to 21 (black on white)."""
    return float(Color(colour).contrast(background, method="wcag21"))


def readable_on_white(colour: str, what: str = "accent") -> TextColour:
    """`colour` when it passes 4.5:1 on white; else the same hue at the highest lightness that
    passes (black always does), with a notice naming both colours and their ratios."""
    before = contrast_ratio(colour)
    if before >= TEXT_CONTRAST:
        return TextColour(colour)
    hsl = Color(colour).convert("hsl")
    lightness = float(hsl["lightness"])
    while True:
        lightness = max(0.0, lightness - _STEP)
        candidate = hsl.clone().set("lightness", lightness).convert("srgb")
        # The hex form is what the page uses, so it is the one that must pass.
        used = candidate.fit().to_string(hex=True).upper()
        after = contrast_ratio(used)
        if after >= TEXT_CONTRAST:
            break
    notice = (
        f"The theme's {what} {colour} is too light for text ({_ratio(before)}); "
        f"the form uses {used} ({_ratio(after)})."
    )
    return TextColour(used, notice)


def _ratio(value: float) -> str:
    # Rounded down, so a colour shown as "4.5:1" never falls short of 4.5.
    return f"{int(value * 10) / 10:.1f}:1"
