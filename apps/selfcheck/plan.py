"""What a person can do now, after a self-care or GP result: guides and exercises that suit
the causes that fit best, taken from the content.

The guides are the pages each strong cause's article links to (its "What helps" section),
so the plan says the same as the articles; the exercises are those whose front matter says
they suit one of those causes. Nothing here is written in Python.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from django.conf import settings
from django.urls import Resolver404, resolve
from django.utils import translation

from apps.content.checks import EXERCISES_ROUTE, PAGE_ROUTE
from apps.content.conditions import Condition
from apps.content.documents import Document
from apps.content.exercises import Exercise
from apps.content.library import REQUIRED_PAGES, Library
from apps.content.vocabulary import Fit
from apps.rendering import address
from apps.selfcheck.engine import Answers, Assessment


@dataclass(frozen=True, slots=True)
class Guide:
    document: Document
    url: str
    """The address the article links to it by."""


@dataclass(frozen=True, slots=True)
class Plan:
    guides: tuple[Guide, ...]
    exercises: tuple[Exercise, ...]

    def __bool__(self) -> bool:
        return bool(self.guides or self.exercises)


def plan_for(library: Library, assessment: Assessment, *, answers: Answers) -> Plan:
    """What to do now for a routine result (clinical notes sections 7 and 8.3).

    The causes that fit well give the guides their articles point to and the exercises
    that suit them. When none fits well the plan is general (the content's general
    guides), never tied to a condition; when the cause that fits best waits for a
    professional (a clot, a fracture), no exercises are suggested at all; and an
    exercise whose file says it is not for this person (pregnancy, weak bones, a
    possible clot, pain on the outside of the hip) is left out.
    """
    if assessment.leading is None:
        general = (library.page(slug) for slug in library.questionnaire.general_guides)
        return Plan(tuple(Guide(page, address("page", slug=page.slug)) for page in general), ())
    causes = tuple(c.condition for c in assessment.by_fit(Fit.STRONG))
    fits = {c.condition.slug: c.fit for c in assessment.causes}
    exercises = assessment.leading.condition.profile.suggest_exercises
    return _plan(library, causes, exercises=exercises, answers=answers, fits=fits)


def _plan(
    library: Library,
    causes: tuple[Condition, ...],
    *,
    exercises: bool,
    answers: Answers,
    fits: Mapping[str, Fit],
) -> Plan:
    """The guides the causes' articles point to, in the order first linked, and (unless
    ``exercises`` is false) the exercises that suit any of the causes and this person."""
    guides: dict[str, Guide] = {}
    for condition in causes:
        for guide in _guides_of(library, condition):
            guides.setdefault(guide.document.slug, guide)
    suited: dict[str, Exercise] = {}
    for condition in causes if exercises else ():
        for exercise in library.exercises_for(condition.slug):
            if exercise.suits_person(answers, fits):
                suited.setdefault(exercise.slug, exercise)
    return Plan(tuple(guides.values()), tuple(suited.values()))


def _guides_of(library: Library, condition: Condition) -> tuple[Guide, ...]:
    """The guides one article links to, at their addresses in the library's language,
    kept by the library (they depend on the content alone: measured, resolving every
    link on each result took a millisecond)."""

    def make() -> tuple[Guide, ...]:
        found = []
        for link in condition.links:
            guide = _guide_at(library, link.href.split("#", 1)[0])
            if guide is not None:
                document, route, kwargs = guide
                found.append(Guide(document, address(route, library=library, **kwargs)))
        return tuple(found)

    return library.keep(("guides", condition.slug), make)


def _guide_at(library: Library, href: str) -> tuple[Document, str, dict[str, str]] | None:
    """The guide a link leads to, with its route: a page (not the overview or urgent
    help) or the exercises page; None for anything else. Content links are written as
    the source language's addresses, so they are read as such in every language."""
    try:
        with translation.override(settings.LANGUAGE_CODE):
            match = resolve(href)
    except Resolver404:
        return None
    if match.url_name == EXERCISES_ROUTE:
        return library.exercise_page, EXERCISES_ROUTE, {}
    slug = match.kwargs.get("slug")
    if match.url_name == PAGE_ROUTE and slug in library.pages and slug not in REQUIRED_PAGES:
        return library.page(slug), PAGE_ROUTE, {"slug": slug}
    return None
