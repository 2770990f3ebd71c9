"""Where every content file stands: when it was reviewed, when it is due, how hard it reads.

For the people who write and check the content (``manage.py content_status``). Plain
Python with no HTTP in it, returning frozen dataclasses.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from dataclasses import dataclass
from pathlib import Path

from apps.content.library import GLOSSARY_FILE, PHRASES_FILE, QUESTIONNAIRE_FILE, Library
from apps.content.readability import reading_grade

DUE_SOON_DAYS = 30
"""A review due within this many days is listed as due soon."""
TERM_LINK = re.compile(r'<a\b[^>]*\bclass="term"[^>]*>')
"""A glossary term linked on first use (apps.content.markup writes these links)."""
_FRAGMENT = re.compile(r'\bhref="[^"#]*#([\w-]+)"')


class Review(enum.StrEnum):
    """Where a file's next review stands on a given day."""

    OVERDUE = "overdue"
    DUE_SOON = "due soon"
    CURRENT = "current"
    UNDATED = "not dated"


@dataclass(frozen=True, slots=True)
class FileStatus:
    """One content file: its review dates, where the next review stands, its reading grade."""

    path: Path
    last_reviewed: dt.date | None
    next_review: dt.date | None
    review: Review
    grade: float | None
    """Flesch-Kincaid grade of what a person reads; None for files that are not pages."""

    def days_left(self, today: dt.date) -> int | None:
        return None if self.next_review is None else (self.next_review - today).days


@dataclass(frozen=True, slots=True)
class ContentStatus:
    """Every content file, most urgent review first, and the glossary terms no page uses."""

    today: dt.date
    files: tuple[FileStatus, ...]
    unused_terms: tuple[str, ...]

    @property
    def overdue(self) -> tuple[FileStatus, ...]:
        return tuple(f for f in self.files if f.review is Review.OVERDUE)

    @property
    def due_soon(self) -> tuple[FileStatus, ...]:
        return tuple(f for f in self.files if f.review is Review.DUE_SOON)


def review_of(next_review: dt.date | None, *, today: dt.date) -> Review:
    if next_review is None:
        return Review.UNDATED
    if next_review < today:
        return Review.OVERDUE
    if (next_review - today).days <= DUE_SOON_DAYS:
        return Review.DUE_SOON
    return Review.CURRENT


def content_status(library: Library, content_dir: Path, *, today: dt.date) -> ContentStatus:
    """The status of every file of ``library``, which was loaded from ``content_dir``."""
    files = [
        FileStatus(
            path=document.source,
            last_reviewed=document.last_reviewed,
            next_review=document.next_review,
            review=review_of(document.next_review, today=today),
            grade=reading_grade(document.html),
        )
        for document in library.documents
    ]
    glossary = library.glossary
    files.append(
        FileStatus(
            path=content_dir / GLOSSARY_FILE,
            last_reviewed=glossary.last_reviewed,
            next_review=glossary.next_review,
            review=review_of(glossary.next_review, today=today),
            grade=reading_grade(" ".join(term.definition for term in glossary.terms)),
        )
    )
    for name in (QUESTIONNAIRE_FILE, PHRASES_FILE):
        files.append(FileStatus(content_dir / name, None, None, Review.UNDATED, None))
    order = list(Review)
    files.sort(key=lambda f: (order.index(f.review), f.next_review or dt.date.max, f.path))
    used = {
        fragment.group(1)
        for document in library.documents
        for link in TERM_LINK.finditer(document.html)
        if (fragment := _FRAGMENT.search(link.group()))
    }
    unused = tuple(term.term for term in glossary.terms if term.id not in used)
    return ContentStatus(today=today, files=tuple(files), unused_terms=unused)
