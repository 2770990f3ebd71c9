"""Reading content files: YAML and front matter, with the line of every field.

Every problem found is collected (not just the first) as a ``ContentProblem`` naming the
file, line and field, so ``manage.py check`` can list them all at once. A file that cannot
be read at all (not valid YAML, no front matter, bad bytes) is the exception: that one
problem is reported first and alone, since what its readers would say next (a missing
field, an unknown answer in another file) only follows from it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from dataclasses import field as dataclass_field
from pathlib import Path
from typing import Any

import frontmatter
import yaml

from apps.content.translation import (
    PROVENANCE_FIELDS,
    PROVENANCE_KEY,
    WORD_FIELDS,
    Provenance,
    State,
    Translation,
    entries,
    file_hash,
    overlay,
    overlay_entries,
)


@dataclass(frozen=True, slots=True)
class ContentProblem:
    """One thing wrong with one content file."""

    path: Path
    line: int
    field: str
    message: str
    unreadable: bool = dataclass_field(default=False, compare=False)
    """The file could not be read at all: nothing else about it (or what depends on it)
    is worth reporting until this is fixed."""

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: field '{self.field}': {self.message}"


class ContentError(Exception):
    """The content library has problems; ``problems`` lists each one.

    When some file could not be read at all, only those files are listed: a typo in
    self-check.yaml would otherwise bury its one line under hundreds of problems in the
    articles that name its answers.
    """

    def __init__(self, problems: Iterable[ContentProblem]) -> None:
        problems = tuple(problems)
        self.problems = tuple(p for p in problems if p.unreadable) or problems
        super().__init__("\n".join(str(problem) for problem in self.problems))


_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available


class _StrictLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """YAML without implicit dates, so a bad date is our error with a line, not a crash."""


_StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def parse_yaml(text: str) -> tuple[yaml.Node | None, Any]:
    """Parse once, keeping the node tree (for line numbers) and the data built from it."""
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return node, data


def field_lines(node: yaml.Node | None, *, prefix: str = "", first_line: int = 1) -> dict[str, int]:
    """Map each field's path (``a.b``, ``items[2].c``) to its line in the file."""
    lines: dict[str, int] = {}

    def walk(node: yaml.Node | None, path: str) -> None:
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                name = f"{path}.{key.value}" if path else str(key.value)
                lines[name] = key.start_mark.line + first_line
                walk(value, name)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                name = f"{path}[{index}]"
                lines[name] = item.start_mark.line + first_line
                walk(item, name)

    walk(node, prefix)
    return lines


class FileReader:
    """Reads one file and notes its problems, each with the line of the field at fault."""

    def __init__(
        self,
        path: Path,
        problems: list[ContentProblem],
        *,
        translation: Translation | None = None,
    ) -> None:
        self.path = path
        self.problems = problems
        self.lines: dict[str, int] = {}
        self.body_line = 1
        self.translation = translation
        self.provenance: Provenance | None = None
        """Set when reading through a translation: where the words came from."""
        self.english_only: tuple[str, ...] = ()
        """Entries of a YAML library read through a translation that stay in English."""

    def line_of(self, field_name: str) -> int:
        """The line of ``field_name``, or of the nearest field that contains it."""
        name = field_name
        while name:
            if name in self.lines:
                return self.lines[name]
            cut = max(name.rfind("."), name.rfind("["))
            name = name[:cut] if cut > 0 else ""
        return 1

    def problem(self, field_name: str, message: str, *, line: int | None = None) -> None:
        if self._is_unreadable():
            return  # its one problem is already noted: the rest would only follow from it
        line = self.line_of(field_name) if line is None else line
        self.problems.append(ContentProblem(self.path, line, field_name, message))

    def cannot_read(self, field_name: str, message: str, *, line: int) -> None:
        """The file cannot be read at all: this is the one problem reported for it."""
        if not self._is_unreadable():
            self.problems.append(
                ContentProblem(self.path, line, field_name, message, unreadable=True)
            )

    def _is_unreadable(self) -> bool:
        return any(p.unreadable and p.path == self.path for p in self.problems)

    def _text_of_file(self) -> str | None:
        try:
            return self.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            self.cannot_read("file", f"cannot be read: {error}", line=0)
            return None

    def _parse(self, text: str, *, field_name: str, first_line: int) -> dict[str, Any] | None:
        """The mapping ``text`` holds; None, with the problem noted, when it holds none."""
        try:
            node, data = parse_yaml(text)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line = mark.line + first_line if mark else first_line
            self.cannot_read(field_name, f"is not valid YAML ({error})", line=line)
            return None
        if not isinstance(data, dict):
            self.cannot_read(field_name, "must be a mapping of field: value", line=first_line)
            return None
        self.lines = field_lines(node, first_line=first_line)
        return data

    def read_yaml(self, *, by_entry: bool = False) -> dict[str, Any] | None:
        """A whole YAML file that must be a mapping; None (with a problem) if it is not.

        Through a translation, its words are laid over the English: the whole file's when
        it is current, or (``by_entry``) each entry's own when its ``sources`` stamp still
        matches its English; ``self.english_only`` then names the entries left in English.
        """
        text = self._text_of_file()
        if text is None:
            return None
        data = self._parse(text, field_name="file", first_line=1)
        if data is None or self.translation is None:
            return data
        english, target = self.path, self._translation_file()
        if target is None:
            self.english_only = tuple(key for key, _ in entries(data))
            return data
        words_reader = FileReader(target, self.problems)
        words = words_reader.read_yaml()
        if words is None:
            return data
        provenance = words_reader.provenance_of(
            words, english=english, language=self.translation.language
        )
        self.path, self.lines = target, words_reader.lines
        if by_entry:
            # Judged entry by entry: the file is current while every entry is.
            merged, self.english_only = overlay_entries(data, words)
            state = State.STALE if self.english_only else State.CURRENT
            self.provenance = replace(provenance, state=state, stale_entries=self.english_only)
            return merged
        self.provenance = provenance
        return overlay(data, words)

    def read_own_yaml(self) -> dict[str, Any] | None:
        """A translation's own file (not words over the English, e.g. its search phrases);
        None when this language has none. Unreadable, it is an empty mapping (the problem
        noted)."""
        english, target = self.path, self._translation_file()
        if target is None:
            return None
        own = FileReader(target, self.problems)
        data = own.read_yaml()
        self.path, self.lines = target, own.lines
        if data is None:
            return {}
        self.provenance = self.provenance_of(
            data, english=english, language=self.translation.language
        )
        return data

    def _translation_file(self) -> Path | None:
        """The translation of this file; None, noted as missing, when there is none."""
        assert self.translation is not None
        target = self.translation.file_for(self.path)
        if target.is_file():
            return target
        self.provenance = Provenance(self.translation.language, State.MISSING, self.path)
        return None

    def read_yaml_list(self) -> list[Any] | None:
        """A whole YAML file that must be a list; None (with a problem) if it is not."""
        text = self._text_of_file()
        if text is None:
            return None
        try:
            node, data = parse_yaml(text)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line = mark.line + 1 if mark else 1
            self.cannot_read("file", f"is not valid YAML ({error})", line=line)
            return None
        if not isinstance(data, list):
            self.cannot_read("file", "must be a list", line=1)
            return None
        self.lines = field_lines(node)
        return data

    def read_front_matter(self) -> tuple[dict[str, Any], str] | None:
        """Split front matter from body; None (with a problem noted) if it cannot be read.

        Through a translation, the translated words are laid over the English front
        matter, the body is the translation's, and problems name the translated file.
        """
        parsed = self._front_matter()
        if parsed is None or self.translation is None:
            return parsed
        return self._translated(*parsed)

    def _translated(self, data: dict[str, Any], body: str) -> tuple[dict[str, Any], str] | None:
        english, target = self.path, self._translation_file()
        if target is None:
            return data, body
        words_reader = FileReader(target, self.problems)
        parsed = words_reader._front_matter()
        if parsed is None:
            return None
        words, translated_body = parsed
        self.provenance = words_reader.provenance_of(
            words, english=english, language=self.translation.language
        )
        for key in words:
            if key != PROVENANCE_KEY and key not in WORD_FIELDS:
                words_reader.problem(
                    key, "a translation holds only words: this field comes from the English file"
                )
        self.path, self.lines = target, words_reader.lines
        self.body_line = words_reader.body_line
        return overlay(data, words), translated_body

    def provenance_of(self, data: Mapping[str, Any], *, english: Path, language: str) -> Provenance:
        """The ``translation`` block of this translated file, checked, and its state."""
        block = data.get(PROVENANCE_KEY)
        if not isinstance(block, dict):
            self.problem(
                PROVENANCE_KEY,
                f"must say where the words came from: {', '.join(PROVENANCE_FIELDS)}",
            )
            block = {}
        where = f"{PROVENANCE_KEY}."
        self.known_keys(block, PROVENANCE_FIELDS, where=where, required=PROVENANCE_FIELDS[:3])
        source = str(block.get("source_sha256", ""))
        if len(source) != 64 or any(c not in "0123456789abcdef" for c in source):
            self.problem(f"{where}source_sha256", "must be the SHA-256 of the English file")
        try:
            translated = dt.date.fromisoformat(str(block.get("translated")))
        except ValueError:
            self.problem(f"{where}translated", "must be a date written YYYY-MM-DD")
            translated = None
        checked_by = block.get("checked_by") or ""
        if not isinstance(checked_by, str):
            self.problem(f"{where}checked_by", "must be a name, or empty")
            checked_by = ""
        current = source == file_hash(english)
        return Provenance(
            language=language,
            state=State.CURRENT if current else State.STALE,
            source=english,
            file=self.path,
            method=self.optional_text(block, "method", where=where),
            translated=translated,
            checked_by=checked_by.strip(),
        )

    def _front_matter(self) -> tuple[dict[str, Any], str] | None:
        text = self._text_of_file()
        if text is None:
            return None
        handler = frontmatter.YAMLHandler()
        if not handler.detect(text):
            self.cannot_read(
                "front matter", "the file must start with a '---' front-matter block", line=1
            )
            return None
        try:
            header, body = handler.split(text)
        except ValueError:
            self.cannot_read(
                "front matter", "the front-matter block is never closed with '---'", line=1
            )
            return None
        # The header begins right after the opening '---', on the file's first line.
        data = self._parse(header, field_name="front matter", first_line=1)
        if data is None:
            return None
        self.body_line = header.count("\n") + 2
        return data, body

    # Field readers: each notes a problem and returns a safe empty value when wrong.

    def text(self, data: Mapping[str, Any], name: str, *, where: str = "") -> str:
        value = data.get(name)
        if isinstance(value, bool | int | float):
            # yes, no, on, off and numbers are not text to YAML unless quoted.
            self.problem(
                f"{where}{name}",
                f"must be text, but YAML reads it as {value!r}: put it in quotes",
            )
            return ""
        if not isinstance(value, str) or not value.strip():
            self.problem(f"{where}{name}", "must be a non-empty piece of text")
            return ""
        return value.strip()

    def optional_text(self, data: Mapping[str, Any], name: str, *, where: str = "") -> str:
        return "" if data.get(name) is None else self.text(data, name, where=where)

    def id_list(self, data: Mapping[str, Any], name: str, *, where: str = "") -> tuple[str, ...]:
        value = data.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(f"{where}{name}", "must be a list of ids")
            return ()
        return tuple(value)

    def text_list(self, data: Mapping[str, Any], name: str, *, where: str = "") -> tuple[str, ...]:
        value = data.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.problem(f"{where}{name}", "must be a list of pieces of text")
            return ()
        return tuple(v.strip() for v in value)

    def date(self, data: Mapping[str, Any], name: str) -> dt.date:
        value = data.get(name)
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.problem(name, f"must be a date written YYYY-MM-DD, not {value!r}")
            return dt.date.min

    def unique(self, items: list[tuple[str, Mapping[str, Any]]], key: str = "id") -> None:
        """Each ``(where, item)`` of a list names a different ``key``."""
        seen: dict[object, str] = {}
        for where, item in items:
            value = item.get(key)
            if isinstance(value, str) and value in seen:
                self.problem(f"{where}{key}", f"'{value}' is used twice (also at {seen[value]})")
            elif isinstance(value, str):
                seen[value] = f"line {self.line_of(where.rstrip('.'))}"

    def known_keys(
        self, item: Mapping[str, Any], known: Iterable[str], *, where: str, required: Iterable[str]
    ) -> None:
        """Unknown keys are usually typos, or YAML splitting text at a colon: say so."""
        known = tuple(known)
        for key in item:
            if key not in known:
                self.problem(
                    f"{where}{key}",
                    f"is not a known field (known: {', '.join(known)}); "
                    "quote text that holds a colon",
                )
        for key in required:
            if key not in item:
                self.problem(f"{where}{key}", "is missing", line=self.line_of(where.rstrip(".")))
