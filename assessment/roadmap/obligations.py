"""Each legal obligation's status for this organisation on the assessment date, and then what
the plan does about it. Statuses are judged here, once; renderers only show them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from assessment.common.formatting import long_date, month_date, month_text
from assessment.model.engagement import Profile
from assessment.model.obligations import (
    ADDRESSEE_TEXT,
    ROLES_HELD,
    EvidenceCheck,
    Obligation,
    ObligationSet,
    ObligationState,
    ObligationStatus,
)
from assessment.model.results import QuestionResult
from assessment.roadmap.tailoring import in_region

ROLE_TEXT = {
    "deployer": "a deployer (it uses AI systems that others build)",
    "provider": "a provider of AI systems",
    "gpai_model_provider": "a provider of general-purpose AI models",
}


@dataclass(frozen=True)
class ProviderUse:
    """A permitted use case that makes the organisation the provider of its system, and the
    providers' duties that system brings: the Art. 50 paragraphs binding providers that its
    archetype carries, and high_risk when it runs in the high-risk tier."""

    name: str
    duties: frozenset[str]


@dataclass(frozen=True)
class Assessed:
    """An obligation judged on the answers, before planning."""

    obligation: Obligation
    status: ObligationState
    date: dt.date  # as the text in force on the assessment date sets it
    evidence: list[EvidenceCheck]
    # The use cases (names) that make it binding: the declared role alone would not.
    through_use_cases: tuple[str, ...] = ()

    @property
    def conditional(self) -> bool:
        return self.obligation.applies_if is not None

    @property
    def overdue_for_certain(self) -> bool:
        """In force, not met, and binding whatever systems the organisation runs."""
        return self.status == "overdue" and not self.conditional

    @property
    def already_met(self) -> bool:
        """Applies later, and every evidence question already shows it met."""
        return (
            self.status == "applies_from"
            and bool(self.evidence)
            and all(c.met for c in self.evidence)
        )

    @property
    def shown_unmet(self) -> bool:
        """The answers show it not met: in force (overdue), or applying later with an evidence
        question below its level. Unanswered evidence proves nothing either way."""
        return self.status == "overdue" or (
            self.status == "applies_from" and any(c.met is False for c in self.evidence)
        )


def months_until(start: dt.date, when: dt.date) -> int:
    """The last plan month whose end (month_date) is on or before `when`."""
    months = (when.year - start.year) * 12 + when.month - start.month + 1
    while months > 0 and month_date(start, months) > when:
        months -= 1
    return months


def assess(
    obligations: ObligationSet,
    profile: Profile,
    questions: dict[str, QuestionResult],
    providers: tuple[ProviderUse, ...] = (),
) -> list[Assessed]:
    """Obligations of the organisation's region, each with one status on the assessment date.
    A duty the text in force does not yet contain is left out. `providers`: the use cases that
    make the organisation the provider of their system. The role is per system, so such a use
    case binds it to the providers' duties its own system brings (an obligation's brought_by),
    whatever role the profile declares, and to no other."""
    org = profile.organisation
    declared = ROLES_HELD[org.ai_act_role]
    amended = obligations.amended_on(profile.assessment_date)
    found = []
    for ob in obligations.obligations:
        if not in_region(ob.regions, org.region):
            continue
        date = ob.date_for(amended)
        if date is None:
            continue
        evidence = [
            _check(qid, needed, questions.get(qid), profile.report.min_group_size)
            for qid, needed in ob.evidence.items()
        ]
        through = _bringing(ob, declared, providers)
        held = declared | {"provider"} if through else declared
        status = _status(ob, held, date, profile.assessment_date, evidence)
        found.append(Assessed(ob, status, date, evidence, through))
    return sorted(found, key=lambda a: (a.date, a.obligation.id))


def _check(qid: str, needed: float, question: QuestionResult | None, minimum: int) -> EvidenceCheck:
    """Answers from fewer people than the minimum group size prove nothing either way."""
    enough = question is not None and question.answered >= minimum
    score = question.score if question is not None and enough else None
    return EvidenceCheck(
        question_id=qid, needed=needed, score=score, met=None if score is None else score >= needed
    )


def _bringing(
    ob: Obligation, declared: frozenset[str], providers: tuple[ProviderUse, ...]
) -> tuple[str, ...]:
    """The use cases that bind the organisation to `ob` although its declared role does not."""
    if declared & set(ob.binds) or "provider" not in ob.binds or ob.brought_by is None:
        return ()
    return tuple(p.name for p in providers if ob.brought_by in p.duties)


def _status(
    ob: Obligation,
    held: frozenset[str],
    date: dt.date,
    today: dt.date,
    evidence: list[EvidenceCheck],
) -> ObligationState:
    if not held & set(ob.binds):
        return "not_applicable"
    if date > today:
        return "applies_from"
    if any(c.met is False for c in evidence):
        return "overdue"
    if not evidence or any(c.met is None for c in evidence):
        return "not_evidenced"
    return "met"


def statuses(
    assessed: list[Assessed],
    profile: Profile,
    planned_months: dict[str, tuple[int, int]],
    deferred: dict[str, str],
    late_reasons: dict[str, str],
    held_back: set[str] | None = None,
    titles: dict[str, str] | None = None,
) -> list[ObligationStatus]:
    """What the plan does about each obligation. `planned_months`: action -> (start, end)
    month; `deferred`: action -> why it is not in the plan; `late_reasons`: action -> why it
    cannot end sooner; `held_back`: actions the limit on work at once made start later;
    `titles`: action -> title, so that what the plan does reads without ids."""
    start = profile.assessment_date
    held_back = held_back or set()
    shown = []
    for a in assessed:
        ob = a.obligation
        planned = [x for x in ob.actions if x in planned_months]
        last = max((planned_months[x][1] for x in planned), default=None)
        done_by = month_date(start, last) if last is not None else None
        # A duty applying later whose evidence is already met needs nothing by its date.
        ready = a.already_met
        late = (
            [x for x in planned if month_date(start, planned_months[x][1]) > a.date]
            if a.status == "applies_from" and not ready
            else []
        )
        missing = [x for x in ob.actions if x in deferred]
        on_time = (
            (ready or (not late and not missing and bool(planned)))
            if a.status == "applies_from"
            else None
        )
        waits = {
            x: "as soon as the limit on work at once allows"
            if x in held_back
            else "once its prerequisites are done"
            for x in planned
        }
        plan = PlanFacts(
            planned, planned_months, late, late_reasons, missing, deferred, waits, titles or {}
        )
        shown.append(
            ObligationStatus(
                id=ob.id,
                title=ob.title,
                duty=ob.duty,
                reference=ob.reference,
                binds=ob.binds,
                date=a.date,
                status=a.status,
                status_label=status_label(a),
                applies_if=ob.applies_if,
                evidence=a.evidence,
                actions=planned,
                done_by=done_by,
                late=late,
                deferred=missing,
                on_time=on_time,
                summary=summary(a, profile),
                plan_text=plan_text(a, plan, start, profile.report.date_style),
            )
        )
    return shown


@dataclass(frozen=True)
class PlanFacts:
    """What the schedule did with an obligation's actions."""

    planned: list[str]
    months: dict[str, tuple[int, int]]
    late: list[str]
    late_reasons: dict[str, str]
    missing: list[str]
    deferred: dict[str, str]
    waits: dict[str, str]  # action -> why it does not start in month 0
    titles: dict[str, str]  # action -> title: the client reads work by its name, not its id


STATUS_LABELS: dict[ObligationState, str] = {
    "not_applicable": "Does not apply",
    "applies_from": "Applies later",
    "met": "In force: met",
    "not_evidenced": "In force: not evidenced",
    "overdue": "In force: overdue",
}


def status_label(a: Assessed) -> str:
    if a.status == "overdue" and a.conditional:
        return "Overdue if it applies"
    return STATUS_LABELS[a.status]


def summary(a: Assessed, profile: Profile) -> str:
    """The obligation's status in one sentence."""
    if a.status == "not_applicable":
        binds = " and ".join(ADDRESSEE_TEXT[b] for b in a.obligation.binds)
        return (
            f"Does not apply: it binds {binds}, and {profile.organisation.name} is "
            f"{ROLE_TEXT[profile.organisation.ai_act_role]}."
        )
    text = _status_sentence(a, profile)
    if a.through_use_cases:
        names = _and([f"“{n}”" for n in a.through_use_cases])
        one = "use case" if len(a.through_use_cases) == 1 else "use cases"
        text += (
            f" It binds providers, and the {one} {names} would make "
            f"{profile.organisation.name} the provider of "
            f"{'that system' if len(a.through_use_cases) == 1 else 'those systems'}."
        )
    return text


def _status_sentence(a: Assessed, profile: Profile) -> str:
    style = profile.report.date_style
    ob = a.obligation
    when = long_date(a.date, style)
    condition = f"if {ob.applies_if}" if ob.applies_if else ""
    if a.status == "applies_from":
        return f"Applies from {when}" + (f" {condition}" if condition else "") + "."
    since = f"In force since {when}" + (f", {condition}" if condition else "")
    if a.status == "met":
        return f"{since}; the answers show it met."
    if a.status == "not_evidenced" and not a.evidence:
        return f"{since}; the questionnaire does not cover it, so review it by hand."
    if a.status == "not_evidenced":
        return f"{since}; too few people answered the questions that would show it met."
    if a.conditional:
        return f"{since}; the answers do not show it met, so it is overdue if it applies."
    return f"{since}, and the answers show it not met: overdue."


def plan_text(a: Assessed, plan: PlanFacts, start: dt.date, style: str) -> str:
    """What the plan does about the obligation, in one sentence."""
    if a.status == "not_applicable":
        return "Nothing to plan."
    if a.status == "met":
        return "Keep the evidence current."
    if a.already_met:
        return "The answers already show what it asks; keep the evidence current."

    def ends(x: str) -> str:
        return month_text(month_date(start, plan.months[x][1]), style)

    def begins(x: str) -> str:
        return month_text(month_date(start, plan.months[x][0]), style)

    def name(x: str) -> str:
        return f"“{plan.titles[x]}”" if x in plan.titles else x

    def names(items: list[str]) -> str:
        return _and([name(x) for x in items])

    parts = []
    on_time = [x for x in plan.planned if x not in plan.late]
    if on_time and a.overdue_for_certain:
        now = [x for x in on_time if plan.months[x][0] == 0]
        later = [x for x in on_time if plan.months[x][0] > 0]
        if now:
            parts.append(f"{names(now)} {'starts' if len(now) == 1 else 'start'} at once")
        parts += [f"{name(x)} starts in {begins(x)}, {plan.waits[x]}" for x in later]
        parts.append(f"done by {ends(max(on_time, key=lambda x: plan.months[x][1]))}")
    elif on_time:
        last = ends(max(on_time, key=lambda x: plan.months[x][1]))
        verb = "finishes" if len(on_time) == 1 else "finish"
        when = ", before the date" if a.status == "applies_from" else ""
        parts.append(f"{names(on_time)} {verb} by {last}{when}")
    for x in plan.late:
        why = plan.late_reasons.get(x, "")
        parts.append(
            f"{name(x)} ends {ends(x)}, after the date" + (f", because {why}" if why else "")
        )
    for x in plan.missing:
        parts.append(f"{name(x)} is not in the plan: {_lower_first(plan.deferred[x])}")
    if not parts:
        if a.status == "not_evidenced" and not a.evidence:
            return "Nothing in the action library covers it: assign an owner to review it."
        if a.status == "not_evidenced":
            return "Collect the evidence that it is met."
        return "Nothing in the action library is triggered for it: review it by hand."
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] + "."


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _lower_first(text: str) -> str:
    text = text.rstrip(".")
    return text[:1].lower() + text[1:]
