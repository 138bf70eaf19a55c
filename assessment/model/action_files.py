"""The files an action library is written in: the library file, and one file per action."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from assessment.model.base import Authored
from assessment.model.roadmap import ActionDefinition, Phase


class ActionLibraryFile(Authored):
    """actions.yaml: the library's settings, and its actions either inline or in a folder."""

    currency: str = Field(default="EUR", pattern=r"^[A-Z]{3}$")
    phases: list[Phase] = Field(min_length=1)
    obligations: str | None = Field(
        default=None, description="the obligations file, in the same folder as this file"
    )
    actions: Annotated[list[ActionDefinition], Field(min_length=1)] | None = Field(
        default=None, description="the actions, inline; give this or actions_folder"
    )
    actions_folder: str | None = Field(
        default=None,
        description="a folder beside this file with one file per action, named after its id "
        "(ACT-07.yaml holds id ACT-07); give this or actions",
    )
