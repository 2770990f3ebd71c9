"""Template helpers for the result page, which is rendered on every request.

Measured: the result page spent most of its time in template nodes. What does not depend
on the answers (each cause's heading and summary) is rendered once per process; lists of
sentences are written in one step instead of one node per item.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

from django import template
from django.template import Context
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from apps.content.conditions import Condition
from apps.content.exercises import Exercise
from apps.content.library import Library
from apps.content.questionnaire import Questionnaire, SelfCareItem
from apps.content.vocabulary import Fit
from apps.rendering import address
from apps.selfcheck.engine import CauseFit
from apps.selfcheck.plan import Guide

register = template.Library()


SHOWN_REASONS = 3
"""A cause that fits well shows its key feature and two more reasons (the contract allows
three); the rest are one tap away, as a phone screen holds little."""


@dataclass(frozen=True, slots=True)
class _Words:
    """The words around each cause, escaped, in the library's language (kept by it)."""

    why: str
    more: str
    points_to: str
    points_away: str
    nothing: str
    how_often: str


def _words() -> _Words:
    nothing = gettext("You have not given answers that point towards or away from this.")
    points_to = gettext("What points to it")  # (outside f-strings, where xgettext finds them)
    points_away = gettext("What points away from it")
    return _Words(
        why=escape(gettext("Why this fit?")),
        more=escape(gettext("More reasons")),
        points_to=f"<p><strong>{escape(points_to)}</strong></p>",
        points_away=f"<p><strong>{escape(points_away)}</strong></p>",
        nothing=f"<p>{escape(nothing)}</p>",
        how_often=escape(gettext("How often:")),
    )


@register.simple_tag(takes_context=True)
def cause_item(context: Context, cause: CauseFit) -> SafeString:
    """One cause of the result as a list item: its heading, then why it fits or not.

    A cause that fits well shows its key feature and a few more reasons, the rest one
    tap away; a possible cause is a short entry with its reasons folded. Written here
    rather than in the template: template nodes were most of the page's cost. Its
    headings and words are kept by the page's library (``library`` in the context).
    """
    library: Library = context["library"]
    words = library.keep("result-words", _words)
    fit = cause.fit
    parts = [_heading(library, cause.condition, fit, summary=False)]
    reasons_for, reasons_against = cause.reasons_for, cause.reasons_against
    if fit == Fit.STRONG:
        shown, rest = reasons_for[:SHOWN_REASONS], reasons_for[SHOWN_REASONS:]
        parts.append(bullets(shown))
        if rest or reasons_against:
            parts.append(f"<details><summary>{words.more}</summary>")
            if rest:
                parts.append(bullets(rest))
            if reasons_against:
                parts.append(words.points_away + bullets(reasons_against))
            parts.append("</details>")
    else:
        return _short_entry(library, cause, words)
    return mark_safe("<li>" + "".join(parts) + "</li>")


def _short_entry(library: Library, cause: CauseFit, words: _Words) -> SafeString:
    """A possible cause: its linked title on one line, why it is possible one tap away."""
    condition = cause.condition
    parts = [
        format_html(
            '<li class="cause-short"><a href="{}">{}</a> ',
            address("condition", library=library, slug=condition.slug),
            condition.title,
        )
    ]
    reasons_for, reasons_against = cause.reasons_for, cause.reasons_against
    parts.append(f"<details><summary>{words.why}</summary>")
    if reasons_for:
        parts.append(words.points_to + bullets(reasons_for))
    if reasons_against:
        parts.append(words.points_away + bullets(reasons_against))
    if not reasons_for and not reasons_against:
        parts.append(words.nothing)
    parts.append("</details></li>")
    return mark_safe("".join(parts))


def _heading(library: Library, condition: Condition, fit: Fit, *, summary: bool) -> SafeString:
    """The cause's linked title, its fit in words and (for a cause that fits well) its
    summary, kept by the library of the page's language (it depends on the content and
    the language alone)."""

    def make() -> SafeString:
        heading = format_html(
            '<h4><a href="{}">{}</a> <span class="fit-label">({})</span></h4>',
            address("condition", slug=condition.slug),
            condition.title,
            fit.label.lower(),
        )
        if summary:
            heading += format_html('<p class="cause-summary">{}</p>', condition.summary)
        return heading

    return library.keep(("cause-heading", condition.slug, fit.value, summary), make)


@register.simple_tag(takes_context=True)
def cause_link(context: Context, cause: CauseFit) -> SafeString:
    """A less likely cause: its title, linked to its article (one line of links)."""
    condition = cause.condition
    return format_html(
        '<li><a href="{}">{}</a></li>',
        address("condition", library=context["library"], slug=condition.slug),
        condition.title,
    )


@register.simple_tag(takes_context=True)
def self_care_list(context: Context, items: Iterable[SelfCareItem]) -> SafeString:
    """The self-care advice, each item's caution folded beneath it."""
    check = escape(context["library"].keep("self-care-check", lambda: gettext("Check first")))
    parts = []
    for item in items:
        caution = (
            f"<details><summary>{check}</summary><p>{escape(item.caution)}</p></details>"
            if item.caution
            else ""
        )
        parts.append(f"<li>{escape(item.text)}{caution}</li>")
    return mark_safe("<ul>" + "".join(parts) + "</ul>")


@register.filter
def in_english(value: str) -> SafeString:
    """A source's title, which is in English on every page: marked so (lang="en")."""
    return format_html('<span lang="en">{}</span>', value)


@register.filter
def bullets(items: Iterable[str]) -> SafeString:
    """``<ul>`` of the items, each escaped (the standard library's escape: measured
    several times faster than format_html, and it escapes the same characters)."""
    return mark_safe("<ul>" + "".join(f"<li>{escape(item)}</li>" for item in items) + "</ul>")


@register.simple_tag
def plan_link(guide: Guide) -> SafeString:
    """A guide of the plan: its title, linked, and what it covers."""
    document = guide.document
    return format_html(
        '<li><a href="{}">{}</a>: {}</li>', guide.url, document.title, document.summary
    )


@register.simple_tag(takes_context=True)
def plan_exercise(context: Context, exercise: Exercise) -> SafeString:
    """An exercise of the plan, linked to its place on the exercises page, with how much."""
    library: Library = context["library"]
    return format_html(
        '<li><a href="{}#{}">{}</a>: {} {} {}.</li>',
        address("exercises", library=library),
        exercise.slug,
        exercise.title,
        exercise.repetitions,
        mark_safe(library.keep("result-words", _words).how_often),
        exercise.how_often,
    )


@register.simple_tag
def snippet(questionnaire: Questionnaire, name: str) -> str:
    """A fact said once in the content (``[[name]]`` in pages)."""
    return questionnaire.snippets.inline[name]
