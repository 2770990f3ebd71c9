"""The order of the questionnaire: which step follows which, and what each step asks.

Plain Python: given the answers so far and the step asked for, say what to show. Red
flags always come first; a later step asked for without them shows the red flags again.
"""

from dataclasses import dataclass

from apps.content.questionnaire import RED_FLAG_PARAM, Question, Questionnaire
from apps.content.vocabulary import Urgency
from apps.selfcheck.engine import Answers, Assessment

RED_FLAG_STEP = "red-flags"
STEP_PARAM = "step"


@dataclass(frozen=True, slots=True)
class Step:
    id: str
    number: int
    total: int
    title: str
    question: Question | None
    """None for the red-flag step, which has its own list."""
    previous: str | None
    next: str | None
    """None when the next thing is the results page."""


def step_ids(questionnaire: Questionnaire) -> tuple[str, ...]:
    return (RED_FLAG_STEP, *(q.id for q in questionnaire.questions))


def get_step(questionnaire: Questionnaire, step_id: str) -> Step:
    ids = step_ids(questionnaire)
    index = ids.index(step_id)
    question = None if step_id == RED_FLAG_STEP else questionnaire.question(step_id)
    return Step(
        id=step_id,
        number=index + 1,
        total=len(ids),
        title=question.step if question else "Warning signs",
        question=question,
        previous=ids[index - 1] if index > 0 else None,
        next=ids[index + 1] if index + 1 < len(ids) else None,
    )


@dataclass(frozen=True, slots=True)
class Screen:
    """What /self-check/ shows: the introduction, a step, or the emergency stop."""

    kind: str  # "intro", "step" or "emergency"
    step: Step | None
    message: str = ""


def screen_for(
    *, questionnaire: Questionnaire, answers: Answers, assessment: Assessment, step_id: str | None
) -> Screen:
    if assessment.urgency == Urgency.EMERGENCY and step_id != RED_FLAG_STEP:
        # Wherever the address points, an emergency answer stops the questionnaire.
        return Screen("emergency", None)
    if step_id is None:
        return Screen("intro", None)
    if step_id != RED_FLAG_STEP and not answers.red_flags_answered:
        return Screen(
            "step",
            get_step(questionnaire, RED_FLAG_STEP),
            "Please answer this first: tick any of these signs you have, or “None of these”.",
        )
    return Screen("step", get_step(questionnaire, step_id))


def answered_steps(questionnaire: Questionnaire, answers: Answers) -> list[tuple[Step, list[str]]]:
    """The answers so far, as (step, labels) in question order, for 'change' links."""
    rows: list[tuple[Step, list[str]]] = []
    if answers.red_flags_answered:
        labels = [questionnaire.red_flag(f).label for f in answers.red_flags] or ["None of these"]
        rows.append((get_step(questionnaire, RED_FLAG_STEP), labels))
    for question in questionnaire.questions:
        given = answers.get(question.id)
        if given:
            labels = [question.option(v).label for v in given]
            rows.append((get_step(questionnaire, question.id), labels))
    return rows


__all__ = ["RED_FLAG_PARAM", "RED_FLAG_STEP", "STEP_PARAM", "Screen", "Step", "answered_steps"]
