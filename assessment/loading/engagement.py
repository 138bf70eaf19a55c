"""Load an engagement folder: its set-up (assessment.yaml, questionnaire, rate card) and its
responses."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from assessment.common.engagement_lock import commit_lock
from assessment.loading.profile_files import PROFILE_FILE as PROFILE_FILE
from assessment.loading.questionnaire import LoadedQuestionnaire
from assessment.loading.rate_card import RATE_CARD_FILE
from assessment.loading.responses import Responses, load_responses
from assessment.loading.setup import Previous, Setup, load_setup
from assessment.loading.setup import load_profile as load_profile  # re-exported for callers
from assessment.loading.setup import questionnaire_folder as questionnaire_folder
from assessment.loading.web_answers import read_web_answers
from assessment.model.engagement import Profile
from assessment.model.rate_card import RateCard

RESPONSES_DIR = "responses"


@dataclass(frozen=True)
class Engagement:
    folder: Path
    profile: Profile
    questionnaire: LoadedQuestionnaire
    responses: Responses
    rate_card: RateCard
    previous: Previous | None = None  # the earlier results progress is measured against

    @property
    def notices(self) -> list[str]:
        return [
            *(
                f"Business unit '{u.name}' is not in assessment.yaml; its answers are included "
                f"as unit '{u.id}'."
                for u in self.responses.new_units
            ),
            *(c.warning for c in self.responses.conflicts if not c.resolved),
        ]

    @property
    def input_files(self) -> list[Path]:
        extra = [self.folder / RATE_CARD_FILE] if (self.folder / RATE_CARD_FILE).exists() else []
        earlier = [self.previous.path] if self.previous else []
        return [self.folder / PROFILE_FILE, *extra, *self.responses.files, *earlier]


def load_engagement(folder: Path) -> Engagement:
    """Everything the scoring needs, validated; problems are raised as one InputError."""
    return engagement_of(load_setup(folder))


def engagement_of(setup: Setup) -> Engagement:
    """The set-up with its responses read and checked against it."""
    profile = setup.profile
    with commit_lock(setup.folder, shared=True):  # no import's or submission's commit half seen
        responses = load_responses(
            setup.folder / RESPONSES_DIR,
            setup.questionnaire.questionnaire,
            profile,
            read_web_answers(setup.folder),  # submitted web answers count as a file's do
        )
    if responses.new_units:
        profile = profile.model_copy(
            update={"business_units": [*profile.business_units, *responses.new_units]}
        )
    return Engagement(
        folder=setup.folder,
        profile=profile,
        questionnaire=setup.questionnaire,
        responses=responses,
        rate_card=setup.rate_card,
        previous=setup.previous,
    )
