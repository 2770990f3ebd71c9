"""The order of the questionnaire: which step follows which, and what each step asks.

Plain Python: given the answers so far and the step asked for, say what to show. Red
flags always come first; a later step asked for without them shows the red flags again.
A follow-up question (``ask_when`` in the content) is a step only while the answers that
bring it up are given, so steps are numbered as the person sees them. A question with
``same_step_as`` is asked on that question's step, below it, and is never a step itself.
"""

from dataclasses import dataclass, replace

from apps.content.questionnaire import Answers, Question, Questionnaire
from apps.content.vocabulary import Urgency
from apps.selfcheck.engine import Assessment

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
    questions: tuple[Question, ...]
    """The step's question and those asked on the same step, in order."""
    previous: str | None
    next: str | None
    """The next step in the questionnaire's order (a follow-up that may not be asked:
    the answers given at this step decide); None when the results page comes next."""


def step_ids(questionnaire: Questionnaire) -> tuple[str, ...]:
    """Every step that can be asked for, follow-ups included."""
    return (RED_FLAG_STEP, *(q.id for q in questionnaire.questions if not q.same_step_as))


def shown_step_ids(questionnaire: Questionnaire, answers: Answers) -> tuple[str, ...]:
    """The steps this person sees, given their answers so far: a follow-up whose safety
    answer still counts stays, so that it can be changed."""
    return (
        RED_FLAG_STEP,
        *(
            q.id
            for q in questionnaire.questions
            if not q.same_step_as and (q.is_asked(answers) or answers.get(q.id))
        ),
    )


def step_counts(questionnaire: Questionnaire) -> tuple[int, int]:
    """The fewest and the most steps anyone sees (follow-ups make the difference)."""
    every = step_ids(questionnaire)
    follow_ups = [q for q in questionnaire.questions if q.id in every and q.ask_when]
    return len(every) - len(follow_ups), len(every)


def resolve(questionnaire: Questionnaire, answers: Answers, step_id: str) -> str | None:
    """The step to show for ``step_id``: itself, or the next one shown if it is not asked.

    None when no step is left (the person skipped past the last one).
    """
    every, shown = step_ids(questionnaire), shown_step_ids(questionnaire, answers)
    for candidate in every[every.index(step_id) :]:
        if candidate in shown:
            return candidate
    return None


def get_step(
    questionnaire: Questionnaire,
    answers: Answers,
    step_id: str,
    *,
    lists: tuple[tuple[str, ...], tuple[str, ...]] | None = None,
) -> Step:
    """A step as the person sees it (``step_id`` must be one of the shown steps).
    ``lists``: every step and the shown ones, when the caller has worked them out."""
    every, shown = lists or (step_ids(questionnaire), shown_step_ids(questionnaire, answers))
    index = shown.index(step_id)
    following = every[every.index(step_id) + 1 :]
    question = None if step_id == RED_FLAG_STEP else questionnaire.question(step_id)
    return Step(
        id=step_id,
        number=index + 1,
        total=len(shown),
        title=question.step if question else questionnaire.warning_sign_question.step,
        question=question,
        questions=(question, *questionnaire.companions(step_id)) if question else (),
        previous=shown[index - 1] if index > 0 else None,
        next=following[0] if following else None,
    )


@dataclass(frozen=True, slots=True)
class Screen:
    """What /self-check/ shows: the introduction, a step, the emergency stop, or nothing
    left to ask ("done": the view sends the person on to the results)."""

    kind: str  # "intro", "step", "emergency" or "done"
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
            get_step(questionnaire, answers, RED_FLAG_STEP),
            questionnaire.warning_sign_question.first,
        )
    shown = resolve(questionnaire, answers, step_id)
    if shown is None:
        return Screen("done", None)
    return Screen("step", get_step(questionnaire, answers, shown))


def answered_steps(questionnaire: Questionnaire, answers: Answers) -> list[tuple[Step, list[str]]]:
    """The answers so far, as (step, labels) in question order, for 'change' links."""
    rows: list[tuple[Step, list[str]]] = []
    lists = (step_ids(questionnaire), shown_step_ids(questionnaire, answers))  # once for all
    if answers.red_flags_answered:
        labels = [questionnaire.red_flag(f).label for f in answers.red_flags] or [
            questionnaire.warning_sign_question.none
        ]
        rows.append((get_step(questionnaire, answers, RED_FLAG_STEP, lists=lists), labels))
    for question in questionnaire.questions:
        given = answers.get(question.id)
        if given:
            labels = [question.label_of(v) for v in given]
            step_id = question.same_step_as or question.id
            step = get_step(questionnaire, answers, step_id, lists=lists)
            rows.append((replace(step, title=question.step), labels))
    return rows
