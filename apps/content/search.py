"""Site search: an in-memory SQLite FTS5 index of every page, built with the library.

Plain Python, no server to run. Pages are found by their title, the other names they are
known by (``also_called``, everyday phrases, glossary names) and their text, with word
stems and bm25 ranking that weighs titles and names above body text. Each language has
its own index and its own word stems: English uses SQLite's built-in porter stemmer; a
translation names a Snowball stemmer in its language.yaml (Polish: ``polish``), and its
words are stemmed in Python before SQLite sees them, the query's the same way. A word
typed without its accents ("bol krzyza") is given them back from the index's own words. What a
person types never reaches SQLite as syntax: it is cut into words, and each word is
quoted. A misspelt query gets a suggestion from the site's own vocabulary (titles, other
names, glossary terms), and a confident suggestion is searched instead.
"""

from __future__ import annotations

import difflib
import re
import sqlite3
import threading
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import snowballstemmer
from django.db.models.enums import TextChoices
from django.utils.translation import gettext_lazy as _

from apps.content.conditions import Condition
from apps.content.documents import Document
from apps.content.exercises import Exercise
from apps.content.glossary import Phrase, Term
from apps.content.translation import Language

MAX_QUERY_LENGTH = 200
MAX_WORDS = 12
RESULTS = 10
"""Results shown: the first screen or two on a phone, best first."""
WEIGHTS = (10.0, 6.0, 6.0, 1.0)
"""bm25 weights of the title, the other names, the everyday phrases and the text (names and
phrases are apart so that a page with many phrases does not dilute its own names)."""
_WORD = re.compile(r"\w+", re.UNICODE)
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_DIRECTIVE = re.compile(r"\[\[[^\]]*\]\]")
_LINE_MARK = re.compile(r"^[ \t]*(?:>[ \t]?|[-*+][ \t]+|\d+[.)][ \t]+)", re.MULTILINE)
_TABLE_RULE = re.compile(r"^[ \t|:-]*-[ \t|:-]*$", re.MULTILINE)
_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]+(.+?)[ \t]*$", re.MULTILINE)
_INLINE_MARK = re.compile(r"\*\*|__|[*`|]")
STOP_WORDS = frozenset(
    (
        "a",
        "an",
        "and",
        "are",
        "at",
        "be",
        "can",
        "do",
        "does",
        "for",
        "from",
        "how",
        "i",
        "in",
        "is",
        "it",
        "me",
        "my",
        "of",
        "on",
        "or",
        "so",
        "that",
        "the",
        "to",
        "what",
        "when",
        "where",
        "which",
        "who",
        "why",
        "will",
        "with",
        "you",
        "your",
        "should",
    )
)
"""Words that say little about which page is meant (kept if they are all there is)."""
NAMED = "SELECT rowid FROM pages WHERE pages MATCH ?"
GLOSSARY_WEIGHT = 0.5
SUGGEST_BELOW = 3
"""Fewer results than this, and the query's unknown words get a suggestion."""
CONFIDENT = 0.84
"""A suggestion this close to every word it replaces is searched instead."""


class Kind(TextChoices):
    CONDITION = "condition", _("Condition")
    PAGE = "page", _("Guide")
    GLOSSARY = "glossary", _("Medical word")


@dataclass(frozen=True, slots=True)
class Entry:
    """One thing search can find, with what the view needs to link to it."""

    kind: Kind
    route: str
    """The name of the route that serves it (with ``slug``, when the route takes one)."""
    slug: str
    title: str
    names: tuple[str, ...]
    text: str
    anchor: str = ""
    phrases: tuple[str, ...] = ()
    """Everyday words people use for it (content/phrases.yaml)."""

    @property
    def weight(self) -> float:
        """A definition is short, which bm25 rewards; a page that explains is what most
        people are after, so a glossary entry counts for a little less."""
        return GLOSSARY_WEIGHT if self.kind == Kind.GLOSSARY else 1.0

    """The part of its page (a glossary term, an exercise)."""


@dataclass(frozen=True, slots=True)
class Hit:
    entry: Entry
    snippet: tuple[tuple[str, bool], ...]
    """The text around the match, in pieces: (text, whether it matched the query)."""

    @property
    def snippet_text(self) -> str:
        return "".join(text for text, _ in self.snippet)


@dataclass(frozen=True, slots=True)
class Results:
    query: str
    hits: tuple[Hit, ...]
    suggestion: str | None = None
    """The likely intended words when the query looks misspelt."""
    corrected: bool = False
    """Whether ``hits`` are for the suggestion (the query itself found nothing)."""


class QueryTooLong(ValueError):
    """A query over MAX_QUERY_LENGTH characters (a 400 at the view edge)."""


def words_of(text: str) -> list[str]:
    return [word.casefold() for word in _WORD.findall(text)]


def plain(markdown_source: str) -> str:
    """Markdown source as the words it shows, on one line: a link as its text; emphasis,
    list and heading marks and table rules dropped; each heading ended as a sentence.

    Whole-text passes, not a loop over lines: measured, the loop was half the time of
    loading a 1,000-condition library.
    """
    text = _LINK.sub(r"\1", _DIRECTIVE.sub(" ", markdown_source))
    text = _TABLE_RULE.sub("", text)
    text = _HEADING.sub(lambda m: m.group(1) + ("" if m.group(1)[-1] in ".?!:" else "."), text)
    text = _INLINE_MARK.sub("", _LINE_MARK.sub("", text))
    return " ".join(text.split())


def _fold(word: str) -> str:
    """A word without its accents: what people type on a keyboard without them."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


class SearchIndex:
    """The index of one library in one language; built once per process, read by every
    search."""

    def __init__(self, entries: Sequence[Entry], *, language: Language | None = None) -> None:
        self.entries = tuple(entries)
        language = language or Language()
        self._stemmer = snowballstemmer.stemmer(language.stemmer) if language.stemmer else None
        self._stop_words = language.stop_words or STOP_WORDS
        self._lock = threading.Lock()  # one connection, and runserver has threads
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        tokenizer = "unicode61 remove_diacritics 2"
        if self._stemmer is None:
            tokenizer = "porter " + tokenizer
        self._db.execute(
            f"CREATE VIRTUAL TABLE pages USING fts5(title, names, phrases, text,"
            f" tokenize = '{tokenizer}')"
        )
        self._db.executemany(
            "INSERT INTO pages (rowid, title, names, phrases, text) VALUES (?, ?, ?, ?, ?)",
            (
                (
                    index,
                    self._stems(e.title),
                    self._stems(" ; ".join(e.names)),
                    self._stems(" ; ".join(e.phrases)),
                    self._stems(e.text),
                )
                for index, e in enumerate(self.entries)
            ),
        )
        # Accents given back: each word of the index by its form without them.
        self._accented: dict[str, str] = {}
        if self._stemmer:
            for entry in self.entries:
                for text in (entry.title, *entry.names, *entry.phrases, entry.text):
                    for word in words_of(text):
                        self._accented.setdefault(_fold(word), word)
        self.vocabulary = sorted(
            {
                word
                for entry in self.entries
                for name in (entry.title, *entry.names, *entry.phrases)
                for word in words_of(name)
                if len(word) > 2 and not word.isdigit()
            }
        )
        self._known = frozenset(self.vocabulary)
        self._by_length: dict[int, list[str]] = {}
        for word in self.vocabulary:
            for size in range(len(word) - 2, len(word) + 3):
                self._by_length.setdefault(size, []).append(word)

    def search(self, query: str, *, limit: int = RESULTS) -> Results:
        """Best matches first; an empty query finds nothing."""
        if len(query) > MAX_QUERY_LENGTH:
            raise QueryTooLong(query[:20])
        words = [self._accented.get(word, word) for word in words_of(query)]
        words = _meaningful(words, self._stop_words)[:MAX_WORDS]
        hits = self._find(words, limit)
        if len(hits) >= SUGGEST_BELOW or not words:
            return Results(query, hits)
        suggested, confident = self._suggest(words)
        if suggested is None:
            return Results(query, hits)
        if not hits and confident:
            return Results(query, self._find(words_of(suggested), limit), suggested, True)
        return Results(query, hits, suggested)

    def _stems(self, text: str) -> str:
        """Text as SQLite indexes it: as written for English (its tokenizer stems), or
        each word's Snowball stem."""
        if self._stemmer is None:
            return text
        return " ".join(self._stemmer.stemWords(words_of(text)))

    def _find(self, words: list[str], limit: int) -> tuple[Hit, ...]:
        if not words:
            return ()
        terms = self._stemmer.stemWords(words) if self._stemmer else words
        quoted = [f'"{term}"' for term in terms]
        # Pages whose title or names hold the words close together come first ("numb
        # bum" is a phrase of urgent help, though sciatica has both words far apart).
        named = "{title names phrases} : NEAR(" + " ".join(quoted) + ", 2)"
        quoted[-1] += "*"  # the last word may be half typed
        for joiner in (" ", " OR "):  # every word first; then any of them
            rows = self._run(joiner.join(quoted), named, limit)
            if rows:
                marks = _marker(words, stems=terms if self._stemmer else None)
                return tuple(
                    Hit(self.entries[row], _snippet(self.entries[row].text, marks)) for row in rows
                )
        return ()

    def _run(self, expression: str, named: str, limit: int) -> list[int]:
        """The rows that match, best first.

        Measured on the 1,000-condition library: reading a column per row to weigh it in
        SQL took 6.4 ms a query, ranking by bm25 alone 1.5 ms. So SQLite ranks a few more
        than needed by bm25, and the weighing (a glossary entry counts for less; names
        that hold the words close together come first) is done here on those few.
        Snippets are cut in Python too: FTS5's snippet() tokenises every page it shows.
        """
        ranked = (
            "SELECT rowid, bm25(pages, ?, ?, ?, ?) FROM pages WHERE pages MATCH ? "
            "ORDER BY bm25(pages, ?, ?, ?, ?) LIMIT ?"
        )
        with self._lock:
            rows = self._db.execute(ranked, (*WEIGHTS, expression, *WEIGHTS, limit * 3)).fetchall()
            close = {row for (row,) in self._db.execute(NAMED, (named,)).fetchall()}
        order = sorted(
            rows, key=lambda row: (row[0] not in close, row[1] * self.entries[row[0]].weight)
        )
        return [row for row, _ in order[:limit]]

    def _suggest(self, words: list[str]) -> tuple[str | None, bool]:
        """The query with unknown words replaced by the closest known ones, and whether
        every replacement is close enough to search for it instead."""
        replaced, changed, confident = [], False, True
        for word in words:
            if len(word) < 3 or {word, f"{word}s", word.removesuffix("s")} & self._known:
                replaced.append(word)
                continue
            # Only words of about the same length can be within the cutoff: comparing
            # with those alone keeps a suggestion fast however large the vocabulary.
            near = [v for v in self._by_length.get(len(word), ())]
            close = difflib.get_close_matches(word, near, n=1, cutoff=0.7)
            if not close:
                replaced.append(word)
                continue
            replaced.append(close[0])
            changed = True
            ratio = difflib.SequenceMatcher(None, word, close[0]).ratio()
            confident = confident and ratio >= CONFIDENT
        return (" ".join(replaced), confident) if changed else (None, False)


def _meaningful(words: list[str], stop_words: frozenset[str] = STOP_WORDS) -> list[str]:
    kept = [word for word in words if word not in stop_words]
    return kept or words


SNIPPET_BEFORE, SNIPPET_LENGTH = 40, 160
"""Characters of text shown before the first match, and in all."""


_SUFFIXES = ("ing", "ers", "es", "ed", "er", "ly", "s")


def _marker(words: Sequence[str], *, stems: Sequence[str] | None = None) -> re.Pattern[str]:
    """Words that match the query: its words and their forms ("strains" marks strain,
    strains, strained), and anything the last, perhaps half-typed, word begins. With
    Snowball ``stems``, any word that begins with a stem."""
    if stems is not None:
        starts = "|".join(re.escape(stem) for stem in stems if stem)
        return re.compile(r"(?<!\w)(?:" + starts + r")\w*", re.IGNORECASE)
    forms = []
    for index, word in enumerate(words):
        stem = next(
            (
                word[: -len(end)]
                for end in _SUFFIXES
                if word.endswith(end) and len(word) > len(end) + 3
            ),
            word,
        )
        tail = r"\w*" if index == len(words) - 1 else r"(?:s|es|ed|ing|ers?|ly|e|d)?(?!\w)"
        forms.append(re.escape(stem) + tail)
    return re.compile(r"(?<!\w)(?:" + "|".join(forms) + ")", re.IGNORECASE)


def _snippet(text: str, marks: re.Pattern[str]) -> tuple[tuple[str, bool], ...]:
    """A short window of ``text`` around its first match, cut at word boundaries, in plain
    pieces: (text, whether it matched). The template escapes each piece."""
    found = marks.search(text)
    start = max(0, found.start() - SNIPPET_BEFORE) if found else 0
    end = min(len(text), start + SNIPPET_LENGTH)
    if start:
        start = text.find(" ", start) + 1 or start
    if end < len(text):
        end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > start else end
    shown = text[start:end]
    pieces: list[tuple[str, bool]] = [("…", False)] if start else []
    at = 0
    for match in marks.finditer(shown):
        if match.start() > at:
            pieces.append((shown[at : match.start()], False))
        pieces.append((match.group(0), True))
        at = match.end()
    pieces.append((shown[at:] + ("…" if end < len(text) else ""), False))
    return tuple(piece for piece in pieces if piece[0])


def entries_for(
    *,
    conditions: Iterable[Condition],
    pages: Iterable[Document],
    exercise_page: Document,
    exercises: Iterable[Exercise],
    glossary: Iterable[Term],
    phrases: Iterable[Phrase],
    expand: Callable[[str], str],
) -> list[Entry]:
    """Everything search finds, with phrases added to the names of the pages they mean."""
    extra: dict[str, list[str]] = {}
    for phrase in phrases:
        for slug in phrase.means:
            extra.setdefault(slug, []).append(phrase.phrase)

    def entry(kind: Kind, route: str, document: Document, *, slug: str, anchor: str = "") -> Entry:
        return Entry(
            kind,
            route,
            slug,
            document.title,
            document.also_called,
            f"{document.summary} {plain(expand(document.body.source))}",
            anchor=anchor,
            phrases=tuple(extra.get(document.slug, ())),
        )

    entries = [entry(Kind.CONDITION, "condition", c, slug=c.slug) for c in conditions]
    entries += [entry(Kind.PAGE, "page", p, slug=p.slug) for p in pages]
    # The exercises page has a route of its own, and each exercise a place on it.
    entries.append(entry(Kind.PAGE, "exercises", exercise_page, slug=""))
    entries += [entry(Kind.PAGE, "exercises", e, slug="", anchor=e.slug) for e in exercises]
    entries += [
        Entry(Kind.GLOSSARY, "glossary", "", t.term, t.also_called, t.definition, anchor=t.id)
        for t in glossary
    ]
    return entries
