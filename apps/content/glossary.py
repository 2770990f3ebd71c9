"""The glossary and the everyday phrases people search with, read from the content folder.

Both feed search; the glossary is also a page of its own, and the first use of each of its
terms in an article or guide links to the definition (see ``apps.content.markup``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from apps.content.documents import Reference, read_references
from apps.content.files import ContentProblem, FileReader
from apps.content.translation import PROVENANCE_KEY, Provenance, Translation

GLOSSARY_FILE = "glossary.yaml"
PHRASES_FILE = "phrases.yaml"
_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True, slots=True)
class Term:
    id: str
    term: str
    definition: str
    also_called: tuple[str, ...]
    forms: tuple[str, ...] = ()
    """Other forms of the same word as running text writes them ("rwy kulszowej" for
    "rwa kulszowa"): they link to the term but are not listed as other names."""

    @property
    def names(self) -> tuple[str, ...]:
        """Every name the term is written by, itself first (its forms too, for linking)."""
        return (self.term, *self.also_called, *self.forms)

    @property
    def letter(self) -> str:
        return self.term[:1].upper()


@dataclass(frozen=True, slots=True)
class Glossary:
    """The glossary page: its terms A to Z, with sources and review dates like any page."""

    title: str = ""
    summary: str = ""
    also_called: tuple[str, ...] = ()
    references: tuple[Reference, ...] = ()
    last_reviewed: dt.date = dt.date.min
    next_review: dt.date = dt.date.min
    terms: tuple[Term, ...] = ()
    provenance: Provenance | None = field(default=None, repr=False, compare=False)
    """In a translated library: where the words came from; None in English."""

    @property
    def slug(self) -> str:
        return "glossary"


@dataclass(frozen=True, slots=True)
class Phrase:
    """Everyday words that are not the name of any page, and the pages they mean."""

    phrase: str
    means: tuple[str, ...]
    line: int


def load_glossary(
    path: Path,
    problems: list[ContentProblem],
    *,
    translation: Translation | None = None,
    order: Callable[[str], Any] = str.casefold,
) -> Glossary:
    """The glossary file, if the content has one (a content tree may do without).

    Translated, each term's words come from the translation (matched by id) and the
    terms are sorted A to Z by ``order``, the language's alphabet; the English file
    itself must be written A to Z.
    """
    if not path.exists():
        return Glossary()
    reader = FileReader(path, problems, translation=translation)
    data = reader.read_yaml()
    if data is None:
        return Glossary()
    fields = ("title", "summary", "also_called", "references", "last_reviewed", "next_review")
    reader.known_keys(data, (*fields, "terms"), where="", required=(*fields, "terms"))
    raw = data.get("terms")
    if not isinstance(raw, list) or not raw:
        reader.problem("terms", "must list the terms")
        raw = []
    items = [(f"terms[{i}].", item) for i, item in enumerate(raw) if isinstance(item, dict)]
    reader.unique(items)
    terms: list[Term] = []
    owner: dict[str, str] = {}
    for where, item in items:
        reader.known_keys(
            item,
            ("id", "term", "definition", "also_called", "forms"),
            where=where,
            required=("id", "term", "definition"),
        )
        term = Term(
            id=reader.text(item, "id", where=where),
            term=reader.text(item, "term", where=where),
            definition=reader.text(item, "definition", where=where),
            also_called=reader.text_list(item, "also_called", where=where),
            forms=reader.text_list(item, "forms", where=where),
        )
        if term.id and not _ID.fullmatch(term.id):
            reader.problem(f"{where}id", f"'{term.id}' must be lower-case words joined by hyphens")
        for name in term.names:
            key = name.casefold()
            if key in owner and owner[key] != term.id:
                reader.problem(f"{where}also_called", f"'{name}' already names '{owner[key]}'")
            owner.setdefault(key, term.id)
        terms.append(term)
    if translation is not None:
        terms.sort(key=lambda t: order(t.term))
    elif [t.term.casefold() for t in terms] != sorted(t.term.casefold() for t in terms):
        reader.problem("terms", "must be sorted A to Z by term")
    return Glossary(
        title=reader.text(data, "title"),
        summary=reader.text(data, "summary"),
        also_called=reader.text_list(data, "also_called"),
        references=read_references(reader, data),
        last_reviewed=reader.date(data, "last_reviewed"),
        next_review=reader.date(data, "next_review"),
        terms=tuple(terms),
        provenance=reader.provenance,
    )


PHRASES_KEY = "phrases"
"""A translation's phrases file is a mapping: its provenance, and its own phrases here."""


def load_phrases(
    path: Path,
    problems: list[ContentProblem],
    *,
    known: set[str],
    translation: Translation | None = None,
) -> tuple[Phrase, ...]:
    """Read the phrases, if the content has them; every slug a phrase means must be a page
    or article of ``known``. A translation has its own phrases, the everyday words of
    its language, rather than the English ones translated."""
    if not path.exists():
        return ()
    reader = FileReader(path, problems, translation=translation)
    own = reader.read_own_yaml() if translation is not None else None
    if own is not None:
        reader.known_keys(own, (PROVENANCE_KEY, PHRASES_KEY), where="", required=(PHRASES_KEY,))
        data = own.get(PHRASES_KEY)
        if not isinstance(data, list):
            reader.problem(PHRASES_KEY, "must list the phrases")
            data = []
    else:
        data = reader.read_yaml_list()
    phrases: list[Phrase] = []
    seen: set[str] = set()
    for index, item in enumerate(data or []):
        where = f"[{index}]."
        if not isinstance(item, dict):
            reader.problem(where.rstrip("."), "must be a mapping with phrase and means")
            continue
        reader.known_keys(item, ("phrase", "means"), where=where, required=("phrase", "means"))
        phrase = reader.text(item, "phrase", where=where)
        means = reader.id_list(item, "means", where=where)
        if phrase.casefold() in seen:
            reader.problem(f"{where}phrase", f"'{phrase}' is listed twice")
        seen.add(phrase.casefold())
        if not means:
            reader.problem(f"{where}means", "must name at least one page")
        for slug in means:
            if slug not in known:
                reader.problem(f"{where}means", f"'{slug}' is not a page or article")
        phrases.append(Phrase(phrase, means, reader.line_of(where.rstrip("."))))
    return tuple(phrases)
