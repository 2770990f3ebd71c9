"""Translated content: words laid over the English files, with where they came from.

English is the source. A translation lives in ``content/translations/<code>/`` with the
same file names as the English it translates, and holds only words: a page's title,
summary, other names and body; an exercise's instructions; the self-check's questions,
options, signs, advice and sentences, keyed by their ids. Everything else (ids, regions,
rules, references, dates, poses) is read from the English file, so the logic is said once.

Every translated file records ``translation: {source_sha256, method, translated,
checked_by}``: the hash of the English file it was made from, how it was made, when, and
who checked it clinically. When the English file has changed since, the translation is
*stale*: its page says so and links to the English. In the self-check file each entry
(a red flag, a rule, an urgency level, a question, a snippet, a sentence) is judged on
its own, by the hashes in its ``sources`` block, so one changed English red flag makes
only that sign fall back to English while the rest stay translated.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils.translation import gettext_lazy as _

TRANSLATIONS_FOLDER = "translations"
"""content/translations/<language code>/ mirrors content/ for each translation."""
PROVENANCE_KEY = "translation"
SOURCES_KEY = "sources"
"""In a translated YAML library: entry key to the hash of the English entry it renders."""
PROVENANCE_FIELDS = ("source_sha256", "method", "translated", "checked_by")

WORD_FIELDS = frozenset(
    {"title", "summary", "also_called"}  # every page
    | {"region_notes", "self_check", "sentence_forms"}  # an article (self_check: its words)
    | {"repetitions", "how_often", "feel", "start", "end", "not_for"}  # an exercise
)
"""The front-matter fields a translated Markdown file may hold: its words only. Only the
fields its English has are laid over it (see ``overlay``)."""

NON_WORDS = frozenset(
    {
        "id",
        "urgency",
        "when",
        "reference",
        "kind",
        "minimum",
        "maximum",
        "span",
        "multiple",
        "counts_toward_causes",
        "context",
        "unlisted_counts",
        "same_step_as",
        "ask_when",
        "weighs",
        "only",
        "unless",
        "nothing_fits",
        "speaks_first",
        "critical",
        "safety",
        "led_by",
        "unless_led_by",
        "causes",
        "explains",
        "general_guides",
        "narrowing_answers",
        "pose",
    }
)
"""Keys whose values are logic, ids or numbers, never words (read from the English)."""


@dataclass(frozen=True, slots=True)
class Translation:
    """One language's translation of one content folder."""

    language: str
    content_dir: Path
    """The English content folder; the translation is in its translations/<language>/."""

    @property
    def folder(self) -> Path:
        return self.content_dir / TRANSLATIONS_FOLDER / self.language

    def file_for(self, english: Path) -> Path:
        """Where the translation of an English content file lives."""
        return self.folder / Path(english).relative_to(self.content_dir)


LANGUAGE_FILE = "language.yaml"
"""Each translation's folder says how its language is sorted, searched and written."""


@dataclass(frozen=True, slots=True)
class Language:
    """How a language is read: its A to Z, its word stems and its common words.

    English (the source) keeps the defaults: the porter stemmer of SQLite's full-text
    search and the stop words of apps.content.search.
    """

    code: str = ""
    alphabet: str = ""
    stemmer: str = ""
    """A Snowball stemmer name (snowballstemmer.algorithms()), e.g. "polish"."""
    stop_words: frozenset[str] = frozenset()
    english_names: tuple[str, ...] = ()
    """Names the translation keeps in English (A&E, GP, NHS 111): marked lang="en"."""

    def order(self, text: str) -> tuple[int, ...]:
        """A sort key that follows the language's alphabet (ł after l, ż after ź)."""
        folded = text.casefold()
        if not self.alphabet:
            return tuple(map(ord, folded))
        place = {letter: index for index, letter in enumerate(self.alphabet)}
        return tuple(place.get(c, len(self.alphabet) + ord(c)) for c in folded)


METHOD_LABELS = {
    "machine, edited": _("machine translation, edited by a person"),
    "machine": _("machine translation, not edited"),
    "professional": _("a professional translator"),
}
"""How a translation may say it was made, in the reader's words."""


ADDED_WORDS = frozenset({"forms", "sentence_forms"})
"""Word fields a translation may add that its English lacks: a glossary term's forms, and
the forms of a condition's name that the language's sentences need."""


OWN_WORDS = frozenset({"sentence_forms"})
"""Word fields a translation never takes from the English: how a language declines a
condition's name belongs to that language alone."""


class State(enum.StrEnum):
    """How a translation stands against its English source."""

    CURRENT = "current"
    STALE = "stale"
    """The English changed after the translation was made."""
    MISSING = "missing"
    """No translation: the English is shown, marked as English."""


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a translated page's words came from, shown on the page in its own language."""

    language: str
    state: State
    source: Path
    """The English file."""
    file: Path | None = None
    """The translation file; None when there is none."""
    method: str = ""
    translated: dt.date | None = None
    checked_by: str = ""
    stale_entries: tuple[str, ...] = field(default=())
    """In a YAML library: the entries shown in English because they are stale or missing."""

    @property
    def checked(self) -> bool:
        return bool(self.checked_by)

    @property
    def method_label(self) -> str:
        """How it was made, in words for the reader (the file's own words if unknown)."""
        return str(METHOD_LABELS.get(self.method, self.method))

    @property
    def is_current(self) -> bool:
        return self.state is State.CURRENT

    @property
    def is_stale(self) -> bool:
        return self.state is State.STALE

    @property
    def is_missing(self) -> bool:
        return self.state is State.MISSING


def file_hash(path: Path) -> str:
    """The SHA-256 of a file's bytes: what a translation records as its source."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def entry_hash(words: Any) -> str:
    """A short, stable hash of an entry's English words (its ``sources`` stamp)."""
    text = json.dumps(words, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def words_of(value: Any) -> Any:
    """The words of a piece of content, without its logic: nested mappings keep only
    keys that hold words, lists of entries with ids become mappings by id."""
    if isinstance(value, str):
        return value
    if isinstance(value, Mapping):
        kept = {
            key: words
            for key, item in value.items()
            if key not in NON_WORDS and (words := words_of(item)) not in (None, {}, [])
        }
        return kept or None
    if isinstance(value, list):
        if value and all(isinstance(item, Mapping) and "id" in item for item in value):
            return {str(item["id"]): words_of(item) for item in value}
        return [words_of(item) for item in value]
    return None


def overlay(english: Any, words: Any) -> Any:
    """``english`` with the translated ``words`` laid over it, logic kept as it is.

    A text item of a list may stand for a mapping's ``text`` (self-care items).
    """
    if words is None:
        return english
    if isinstance(english, str):
        return words if isinstance(words, str) else english
    if isinstance(english, Mapping):
        if isinstance(words, str) and "text" in english:
            return {**english, "text": words}
        if not isinstance(words, Mapping):
            return english
        merged = {
            key: overlay(item, words[key]) if key in words and key not in NON_WORDS else item
            for key, item in english.items()
        }
        # Words the English has no need of (a glossary term's inflected forms); any other
        # key is still refused by the file's own field checks.
        merged.update((key, value) for key, value in words.items() if key in ADDED_WORDS)
        for key in OWN_WORDS & english.keys() - words.keys():
            del merged[key]  # the English grammar of a name is no use in another language
        return merged
    if isinstance(english, list):
        if isinstance(words, list) and words and all(_has_id(item) for item in words):
            words = {str(item["id"]): item for item in words}  # entries in their own order
        if all(isinstance(item, str) for item in english) and isinstance(words, list):
            return list(words)  # a list of names (also_called): the translation's own
        if isinstance(words, Mapping):
            return [
                overlay(item, words.get(str(item.get("id")))) if isinstance(item, Mapping) else item
                for item in english
            ]
        if isinstance(words, list):
            return [
                overlay(item, words[i]) if i < len(words) else item
                for i, item in enumerate(english)
            ]
    return english


def _has_id(item: Any) -> bool:
    return isinstance(item, Mapping) and "id" in item


def entries(data: Mapping[str, Any]) -> Iterable[tuple[str, Any]]:
    """Each separately judged entry of a YAML library, as (key, its English words):
    ``red_flags.saddle-numbness``, ``snippets.not-better``, ``intro``..."""
    for section, value in data.items():
        if section in NON_WORDS or section in (PROVENANCE_KEY, SOURCES_KEY):
            continue
        words = words_of(value)
        if isinstance(words, Mapping) and isinstance(value, list | Mapping):
            for key, item in words.items():
                yield f"{section}.{key}", item
        elif isinstance(words, list):
            for index, item in enumerate(words):
                yield f"{section}.{index}", item
        elif words is not None:
            yield section, words


def _section_words(data: Mapping[str, Any], key: str) -> Any:
    section, _, entry = key.partition(".")
    value = data.get(section)
    if not entry:
        return value
    if isinstance(value, Mapping):
        return value.get(entry)
    if isinstance(value, list) and entry.isdigit():
        index = int(entry)
        return value[index] if index < len(value) else None
    return None


def overlay_entries(
    english: Mapping[str, Any], translated: Mapping[str, Any]
) -> tuple[dict[str, Any], tuple[str, ...]]:
    """The English library with each current translated entry laid over it, and the keys
    of the entries left in English (stale: their English changed; or never translated)."""
    stamps = translated.get(SOURCES_KEY) or {}
    merged: dict[str, Any] = dict(english)
    english_only = []
    for key, words in entries(english):
        given = _section_words(translated, key)
        # A stamp of digits alone reads as a number in YAML: compare as text.
        if given is None or str(stamps.get(key)) != entry_hash(words):
            english_only.append(key)
            continue
        section, _, entry = key.partition(".")
        if not entry:
            merged[section] = overlay(english[section], given)
        elif isinstance(english[section], list) and entry.isdigit():
            items = list(merged[section])
            items[int(entry)] = overlay(items[int(entry)], given)
            merged[section] = items
        elif isinstance(english[section], list):
            merged[section] = overlay(merged[section], {entry: given})
        else:
            merged[section] = {**merged[section], entry: overlay(english[section][entry], given)}
    return merged, tuple(english_only)


def stamps_for(english: Mapping[str, Any], translated: Mapping[str, Any]) -> dict[str, str]:
    """The ``sources`` block that records the translated entries as made from the English
    as it is now (for ``manage.py translations --stamp``)."""
    return {
        key: entry_hash(words)
        for key, words in entries(english)
        if _section_words(translated, key) is not None
    }
