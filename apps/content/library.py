"""The content library: every file of the content folder, checked and kept per process.

Plain Python with no HTTP in it. Every problem found in any file is collected as a
``ContentProblem`` naming the file, line and field; a library with any problem is never
served (``load_library`` raises ``ContentError`` listing them all).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import snowballstemmer
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from apps.content.conditions import Condition, read_condition
from apps.content.documents import Document, read_page
from apps.content.exercises import Exercise, load_exercises
from apps.content.files import ContentError, ContentProblem, FileReader
from apps.content.glossary import (
    GLOSSARY_FILE,
    PHRASES_FILE,
    Glossary,
    Phrase,
    load_glossary,
    load_phrases,
)
from apps.content.markup import (
    ENGLISH_END,
    ENGLISH_START,
    IN_ENGLISH,
    Renderer,
    Snippets,
    TermLinks,
)
from apps.content.questionnaire import Questionnaire, load_questionnaire
from apps.content.search import SearchIndex, entries_for
from apps.content.translation import LANGUAGE_FILE, Language, Translation

REQUIRED_PAGES = ("overview", "urgent-help")
"""Pages the site contract names; every other page file is found, not listed."""
QUESTIONNAIRE_FILE = "self-check.yaml"
CONDITIONS_FOLDER = "conditions"
PAGES_FOLDER = "pages"
EXERCISES_FOLDER = "exercises"
EXTRA_SLUGS = ("exercises",)
"""Pages with their own folder (a phrase may mean them too)."""


class NotFound(LookupError):
    """No condition or page with that slug."""


@dataclass(frozen=True, slots=True)
class Library:
    """Everything in the content folder in one language, checked and ready to serve.

    It is also the one owner of what a process keeps that derives from the content
    (rendered layouts, addresses, result headings, plans): see ``keep``. There is one
    library per content folder, emergency number and language, so nothing kept for one
    language can ever be served in another.
    """

    conditions: tuple[Condition, ...]
    pages: Mapping[str, Document]
    questionnaire: Questionnaire
    version: str
    """The newest review date in the library, printed on results."""
    exercise_page: Document
    """The page that introduces the exercises (content/exercises/index.md)."""
    exercises: tuple[Exercise, ...]
    """Every exercise, lying down first and standing last."""
    glossary: Glossary = field(default_factory=Glossary)
    phrases: tuple[Phrase, ...] = ()
    search: SearchIndex = field(default_factory=lambda: SearchIndex(()), repr=False)
    language: Language = field(default_factory=Language)
    """The language this library is in; the source language has an empty code."""
    kept: dict[Hashable, Any] = field(default_factory=dict, repr=False, compare=False)
    """What ``keep`` made: derived from this library alone, so it lives and dies with it."""

    def keep[T](self, key: Hashable, make: Callable[[], T]) -> T:
        """The value kept under ``key``, made by ``make()`` on first use.

        Two threads may both make a value on a first use; both are equal, one is kept.
        """
        try:
            return self.kept[key]
        except KeyError:
            value = self.kept[key] = make()
            return value

    @property
    def reviewed(self) -> dt.date:
        """The newest review date: pages made from the whole library are as new as this."""
        return dt.date.fromisoformat(self.version)

    @property
    def snippets(self) -> Snippets:
        """The warning signs, the emergency number and the other facts said once."""
        return self.questionnaire.snippets

    def condition(self, slug: str) -> Condition:
        for condition in self.conditions:
            if condition.slug == slug:
                return condition
        raise NotFound(slug)

    def page(self, slug: str) -> Document:
        try:
            return self.pages[slug]
        except KeyError:
            raise NotFound(slug) from None

    def affecting(self, region_id: str) -> tuple[Condition, ...]:
        """The conditions that can cause pain in this region, A to Z."""
        return tuple(c for c in self.conditions if region_id in c.regions)

    def exercises_for(self, condition_slug: str) -> tuple[Exercise, ...]:
        """The exercises whose front matter says they suit this condition."""
        return tuple(e for e in self.exercises if condition_slug in e.suits)

    @property
    def documents(self) -> tuple[Document, ...]:
        """Every page, article and exercise, for checks and listings that cover them all."""
        return (*self.pages.values(), *self.conditions, self.exercise_page, *self.exercises)


def load_library(
    content_dir: Path,
    *,
    emergency_number: str,
    glossary_url: str | None = None,
    language: str = "",
) -> Library:
    """Read and check every file under ``content_dir``; raise ContentError listing problems.

    With ``glossary_url`` (the glossary page's address), the first use of each glossary
    term in a page links to its definition there.
    """
    problems: list[ContentProblem] = []
    content_dir = Path(content_dir)
    if not content_dir.is_dir():
        raise ContentError(
            [ContentProblem(content_dir, 0, "CONTENT_DIR", "is not a folder that exists")]
        )

    translation = None
    language_info = Language(code=language)
    if language and language != settings.LANGUAGE_CODE:
        translation = Translation(language, content_dir)
        language_info = read_language(translation, problems)
    questionnaire = load_questionnaire(
        content_dir / QUESTIONNAIRE_FILE,
        problems,
        emergency_number=emergency_number,
        translation=translation,
    )
    glossary = load_glossary(
        content_dir / GLOSSARY_FILE, problems, translation=translation, order=language_info.order
    )
    links = None
    if glossary_url is not None:
        links = TermLinks(
            {
                name.casefold(): f"{glossary_url}#{term.id}"
                for term in glossary.terms
                for name in term.names
            }
        )
    renderer = Renderer(
        _marking_english(
            questionnaire,
            lambda: load_questionnaire(
                content_dir / QUESTIONNAIRE_FILE, [], emergency_number=emergency_number
            ),
        )
        if translation is not None
        else questionnaire.snippets,
        terms=links,
        language=language,
        translated=translation is not None,
        english_names=language_info.english_names,
    )

    conditions: dict[str, Condition] = {}
    readers = {}
    paths = sorted((content_dir / CONDITIONS_FOLDER).glob("*.md"))
    if not paths:
        problems.append(
            ContentProblem(content_dir / CONDITIONS_FOLDER, 0, "conditions", "holds no .md files")
        )
    for path in paths:
        read = read_condition(
            path, problems, questionnaire=questionnaire, renderer=renderer, translation=translation
        )
        if read is None:
            continue
        condition, reader = read
        if condition.slug in conditions:
            other = conditions[condition.slug].source
            reader.problem("slug", f"duplicate slug '{condition.slug}' (also used by {other})")
            continue
        conditions[condition.slug] = condition
        readers[condition.slug] = reader

    for slug, condition in conditions.items():
        reader = readers[slug]
        for related in condition.related:
            if related not in conditions:
                reader.problem("related", f"related condition '{related}' does not exist")
            elif related == slug:
                reader.problem("related", "a condition cannot be related to itself")

    pages: dict[str, Document] = {}
    for path in sorted((content_dir / PAGES_FOLDER).glob("*.md")):
        page = read_page(path, problems, renderer, translation=translation)
        if page is not None:
            pages[page.slug] = page
    for slug in REQUIRED_PAGES:
        if slug not in pages:
            path = content_dir / PAGES_FOLDER / f"{slug}.md"
            problems.append(ContentProblem(path, 0, "file", "this required page is missing"))

    for slug in questionnaire.general_guides:
        if slug not in pages:
            problems.append(
                ContentProblem(
                    content_dir / QUESTIONNAIRE_FILE,
                    1,
                    "general_guides",
                    f"'{slug}' is not a page of {PAGES_FOLDER}/",
                )
            )
    phrases = load_phrases(
        content_dir / PHRASES_FILE,
        problems,
        known={*conditions, *pages, *EXTRA_SLUGS},
        translation=translation,
    )
    exercise_page, exercises = load_exercises(
        content_dir / EXERCISES_FOLDER,
        problems,
        conditions=conditions,
        renderer=renderer,
        questionnaire=questionnaire,
        translation=translation,
    )
    documents = (*conditions.values(), *pages.values(), *exercises)
    if problems:
        raise ContentError(problems)
    # A to Z in the language's own alphabet (Polish: ł after l, ż after ź).
    ordered = tuple(sorted(conditions.values(), key=lambda c: language_info.order(c.title)))
    return Library(
        language=language_info,
        conditions=ordered,
        pages=dict(sorted(pages.items())),
        questionnaire=questionnaire,
        version=max(d.last_reviewed for d in documents).isoformat(),
        exercise_page=exercise_page,
        exercises=exercises,
        glossary=glossary,
        phrases=phrases,
        search=SearchIndex(
            entries_for(
                conditions=ordered,
                pages=pages.values(),
                exercise_page=exercise_page,
                exercises=exercises,
                glossary=glossary.terms,
                phrases=phrases,
                expand=questionnaire.snippets.expand,
            ),
            language=language_info,
        ),
    )


@functools.cache
def _cached(content_dir: Path, emergency_number: str, language: str) -> Library:
    # Loaded with its language active: words the code adds while loading (the region
    # options, a 400's accepted values) are said in it, and its addresses have its prefix.
    with translation.override(language):
        return load_library(
            content_dir,
            emergency_number=emergency_number,
            glossary_url=reverse("glossary"),
            language=language,
        )


def get_library(language: str | None = None) -> Library:
    """The library for this process in ``language`` (by default the active one), loaded
    once per content folder, emergency number and language."""
    code = language or translation.get_language() or settings.LANGUAGE_CODE
    if not any(code == known for known, _ in settings.LANGUAGES):
        code = settings.LANGUAGE_CODE
    return _cached(Path(settings.CONTENT_DIR), settings.EMERGENCY_NUMBER, code)


def read_language(translation: Translation, problems: list[ContentProblem]) -> Language:
    """The translation's language.yaml: its alphabet, stemmer and stop words. (Which way
    it is written is Django's to know: django.conf.locale.LANG_INFO.)"""
    path = translation.folder / LANGUAGE_FILE
    if not path.is_file():
        problems.append(ContentProblem(path, 0, "file", "every translation needs this file"))
        return Language(code=translation.language)
    reader = FileReader(path, problems)
    data = reader.read_yaml() or {}
    fields = ("alphabet", "stemmer", "stop_words", "english_names")
    reader.known_keys(data, fields, where="", required=("stemmer",))
    stemmer = reader.text(data, "stemmer")
    if stemmer and stemmer not in snowballstemmer.algorithms():
        reader.problem(
            "stemmer",
            f"'{stemmer}' is not a Snowball stemmer ({', '.join(snowballstemmer.algorithms())})",
        )
    return Language(
        code=translation.language,
        alphabet=reader.optional_text(data, "alphabet"),
        stemmer=stemmer,
        stop_words=frozenset(w.casefold() for w in reader.text_list(data, "stop_words")),
        english_names=tuple(reader.text_list(data, "english_names")),
    )


def _marking_english(
    questionnaire: Questionnaire, english_file: Callable[[], Questionnaire]
) -> Snippets:
    """The snippets for a translated library's pages, with those shown in English (their
    translation is stale) said wholly in English, as ``english_file`` says them (a
    snippet they place included), and marked: an inline snippet as a sentence, a
    self-care tip as a whole item."""
    snippets = questionnaire.snippets
    stale = questionnaire.provenance.stale_entries if questionnaire.provenance else ()
    names = {e.removeprefix("snippets.") for e in stale if e.startswith("snippets.")}
    names &= set(snippets.inline)
    tips = {
        int(index)
        for entry in stale
        if (index := entry.removeprefix("self_care.")) != entry and index.isdigit()
    }
    if not names and not tips:
        return snippets
    english = english_file()
    inline = {
        name: english.snippets.inline.get(name, text) if name in names else text
        for name, text in snippets.inline.items()
    }
    pairs = zip(questionnaire.self_care_items, english.self_care_items, strict=False)
    in_english = {
        item.in_full: IN_ENGLISH + source.in_full
        for index, (item, source) in enumerate(pairs)
        if index in tips
    }
    # The signs, lead-ins and tips were filled in as they were read: mark each stale
    # snippet they place, said wholly in English.
    placed = {snippets.inline[n]: ENGLISH_START + inline[n] + ENGLISH_END for n in names}

    def marked(text: str) -> str:
        for filled, english_text in placed.items():
            text = text.replace(filled, english_text)
        return text

    return replace(
        snippets,
        inline=inline,
        english=frozenset(names),
        self_care=tuple(in_english.get(tip) or marked(tip) for tip in snippets.self_care),
        signs=tuple(
            sign if sign.lang else replace(sign, advice=marked(sign.advice))
            for sign in snippets.signs
        ),
        lead_ins={level: marked(text) for level, text in snippets.lead_ins.items()},
    )


def clear_cache() -> None:
    """Forget the loaded library (tests that point CONTENT_DIR elsewhere call this)."""
    _cached.cache_clear()
