"""What the exercises page shows, built from the library: each exercise with the
conditions it suits and its two drawings, the page's sources, and glossary words linked
once on the whole page."""

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from apps.content.conditions import Condition
from apps.content.documents import Document, Reference
from apps.content.exercises import Exercise
from apps.content.library import Library
from apps.exercises.drawing import Figure, draw_pair

_TERM_LINK = re.compile(
    r'<a\b(?=[^>]*\bclass="term")[^>]*\bhref="([^"]*)"[^>]*>(.*?)</a>', re.DOTALL
)
"""A link from a word to its definition in the glossary (apps.content.markup)."""


@dataclass(frozen=True, slots=True)
class Illustrated:
    """An exercise with the conditions it suits, its drawings and its text for the page."""

    exercise: Exercise
    suits: tuple[Condition, ...]
    drawings: tuple[Figure, Figure]
    """The start and end positions, framed alike."""
    steps_html: str
    after_steps_html: str
    not_for_lang: str = ""
    """"en" when a translated page shows who the exercise is not for in English (the
    translation does not say it yet): the list is then marked as English, whole."""

    @property
    def start(self) -> Figure:
        return self.drawings[0]

    @property
    def end(self) -> Figure:
        return self.drawings[1]


@dataclass(frozen=True, slots=True)
class Sources:
    """The references and review dates of the whole page: the introduction's and every
    exercise's, each reference once; reviewed as recently as its newest part, due for
    review as soon as its earliest."""

    references: tuple[Reference, ...]
    last_reviewed: dt.date
    next_review: dt.date


@dataclass(frozen=True, slots=True)
class ExercisePage:
    introduction: Document
    introduction_html: str
    exercises: tuple[Illustrated, ...]
    sources: Sources


def linked_once(fragments: Iterable[str]) -> list[str]:
    """The HTML fragments of one page, in page order, with each glossary word linked at
    its first use on the page only: later links to the same definition become plain
    words (each document links its own first uses, and this page is made of many)."""
    seen: set[str] = set()

    def first_only(match: re.Match[str]) -> str:
        if match.group(1) in seen:
            return match.group(2)
        seen.add(match.group(1))
        return match.group(0)

    return [_TERM_LINK.sub(first_only, fragment) for fragment in fragments]


def _english_if_same(exercise: Exercise, english: Exercise | None) -> str:
    if english is None or not exercise.not_for:
        return ""
    said = [(caution.who, caution.why) for caution in exercise.not_for]
    return "en" if said == [(caution.who, caution.why) for caution in english.not_for] else ""


def sources_of(page: Document, exercises: Iterable[Exercise]) -> Sources:
    documents = (page, *exercises)
    references = {reference: None for d in documents for reference in d.references}
    return Sources(
        references=tuple(references),
        last_reviewed=max(d.last_reviewed for d in documents),
        next_review=min(d.next_review for d in documents),
    )


def exercise_page(library: Library, english: Library | None = None) -> ExercisePage:
    """``english``, for a translated library: the source library, to tell which words
    are still the English ones."""
    drawn = [(e, e.start, e.end) for e in library.exercises if e.start and e.end]
    source = {e.slug: e for e in english.exercises} if english is not None else {}
    fragments = [library.exercise_page.html]
    for exercise, _, _ in drawn:
        fragments += [exercise.steps_html, exercise.after_steps_html]
    introduction_html, *texts = linked_once(fragments)
    items = tuple(
        Illustrated(
            exercise,
            suits=tuple(c for c in library.conditions if c.slug in exercise.suits),
            drawings=draw_pair(start.pose, end.pose),
            steps_html=texts[2 * index],
            after_steps_html=texts[2 * index + 1],
            not_for_lang=_english_if_same(exercise, source.get(exercise.slug)),
        )
        for index, (exercise, start, end) in enumerate(drawn)
    )
    return ExercisePage(
        introduction=library.exercise_page,
        introduction_html=introduction_html,
        exercises=items,
        sources=sources_of(library.exercise_page, library.exercises),
    )
