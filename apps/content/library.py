"""The content library: every file of the content folder, checked and kept per process.

Plain Python with no HTTP in it. Every problem found in any file is collected as a
``ContentProblem`` naming the file, line and field; a library with any problem is never
served (``load_library`` raises ``ContentError`` listing them all).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from apps.content.conditions import Condition, read_condition
from apps.content.documents import Document, read_page
from apps.content.files import ContentError, ContentProblem
from apps.content.markup import Renderer, Snippets
from apps.content.questionnaire import Questionnaire, load_questionnaire

REQUIRED_PAGES = ("overview", "urgent-help")
"""Pages the site contract names; every other page file is found, not listed."""
QUESTIONNAIRE_FILE = "self-check.yaml"
CONDITIONS_FOLDER = "conditions"
PAGES_FOLDER = "pages"


class NotFound(LookupError):
    """No condition or page with that slug."""


@dataclass(frozen=True, slots=True)
class Library:
    """Everything in the content folder, checked and ready to serve."""

    conditions: tuple[Condition, ...]
    pages: Mapping[str, Document]
    questionnaire: Questionnaire
    version: str
    """The newest review date in the library, printed on results."""

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

    @property
    def documents(self) -> tuple[Document, ...]:
        """Every page and article, for checks and listings that cover them all."""
        return (*self.pages.values(), *self.conditions)


def load_library(content_dir: Path, *, emergency_number: str) -> Library:
    """Read and check every file under ``content_dir``; raise ContentError listing problems."""
    problems: list[ContentProblem] = []
    content_dir = Path(content_dir)
    if not content_dir.is_dir():
        raise ContentError(
            [ContentProblem(content_dir, 0, "CONTENT_DIR", "is not a folder that exists")]
        )

    questionnaire = load_questionnaire(
        content_dir / QUESTIONNAIRE_FILE, problems, emergency_number=emergency_number
    )
    renderer = Renderer(questionnaire.snippets)

    conditions: dict[str, Condition] = {}
    readers = {}
    paths = sorted((content_dir / CONDITIONS_FOLDER).glob("*.md"))
    if not paths:
        problems.append(
            ContentProblem(content_dir / CONDITIONS_FOLDER, 0, "conditions", "holds no .md files")
        )
    for path in paths:
        read = read_condition(path, problems, questionnaire=questionnaire, renderer=renderer)
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
        page = read_page(path, problems, renderer)
        if page is not None:
            pages[page.slug] = page
    for slug in REQUIRED_PAGES:
        if slug not in pages:
            path = content_dir / PAGES_FOLDER / f"{slug}.md"
            problems.append(ContentProblem(path, 0, "file", "this required page is missing"))

    documents = (*conditions.values(), *pages.values())
    if problems:
        raise ContentError(problems)
    ordered = tuple(sorted(conditions.values(), key=lambda c: c.title.casefold()))
    return Library(
        conditions=ordered,
        pages=dict(sorted(pages.items())),
        questionnaire=questionnaire,
        version=max(d.last_reviewed for d in documents).isoformat(),
    )


@functools.cache
def _cached(content_dir: Path, emergency_number: str) -> Library:
    return load_library(content_dir, emergency_number=emergency_number)


def get_library() -> Library:
    """The library for this process, loaded once from settings.CONTENT_DIR."""
    return _cached(Path(settings.CONTENT_DIR), settings.EMERGENCY_NUMBER)


def clear_cache() -> None:
    """Forget the loaded library (tests that point CONTENT_DIR elsewhere call this)."""
    _cached.cache_clear()
