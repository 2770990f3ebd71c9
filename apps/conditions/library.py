"""The content library: Markdown files with YAML front matter, loaded into frozen dataclasses.

Plain Python with no HTTP in it. Every problem found in a file is collected (not just the
first) as a ``ContentProblem`` naming the file, line and field, so ``manage.py check`` can
list them all; a library with any problem is never served.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import frontmatter
import markdown
import yaml

from apps.bodymap.regions import AREA_LABELS, AREAS, REGIONS_BY_ID, Region
from apps.selfcheck import questionnaire as qn


class ContentError(Exception):
    """The content library has problems; ``problems`` lists each one."""

    def __init__(self, problems: Iterable[ContentProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


class NotFound(LookupError):
    """No condition or page with that slug."""


@dataclass(frozen=True, slots=True)
class ContentProblem:
    """One thing wrong with one content file."""

    path: Path
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: field '{self.field}': {self.message}"


@dataclass(frozen=True, slots=True)
class Reference:
    title: str
    url: str | None


@dataclass(frozen=True, slots=True)
class Heading:
    """A section of an article, for its table of contents."""

    id: str
    title: str


@dataclass(frozen=True, slots=True)
class Document:
    """What every content file has: a page at its own URL with sources and review dates."""

    slug: str
    title: str
    summary: str
    references: tuple[Reference, ...]
    last_reviewed: dt.date
    next_review: dt.date
    body: Body
    source: Path

    @property
    def html(self) -> str:
        return self.body.rendered()[0]

    @property
    def toc(self) -> tuple[Heading, ...]:
        return self.body.rendered()[1]


@dataclass(frozen=True, slots=True)
class Condition(Document):
    """A condition article: a document plus where it hurts and how it presents."""

    regions: tuple[str, ...] = ()
    region_notes: Mapping[str, str] = field(default_factory=dict)
    related: tuple[str, ...] = ()
    profile: qn.Profile = field(default_factory=qn.Profile)

    @property
    def url(self) -> str:
        return f"/conditions/{self.slug}/"

    def note_for(self, region_id: str) -> str:
        """The sentence on why this condition can hurt in that region."""
        return self.region_notes[REGIONS_BY_ID[region_id].area]


@dataclass(frozen=True, slots=True)
class Library:
    """Everything in the content folder, checked and ready to serve."""

    conditions: tuple[Condition, ...]
    pages: Mapping[str, Document]
    questionnaire: qn.Questionnaire
    version: str

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


@dataclass(frozen=True, slots=True)
class AffectedArea:
    """One area a condition affects, with both sides' regions and the reason it hurts."""

    label: str
    regions: tuple[Region, ...]
    note: str


def areas_of(condition: Condition) -> tuple[AffectedArea, ...]:
    """Group a condition's regions by area (left and right share one sentence)."""
    areas: dict[str, list[Region]] = {}
    for region_id in condition.regions:
        region = REGIONS_BY_ID[region_id]
        areas.setdefault(region.area, []).append(region)
    return tuple(
        AffectedArea(AREA_LABELS[area], tuple(regions), condition.region_notes[area])
        for area, regions in areas.items()
    )


DOCUMENT_FIELDS = ("title", "slug", "summary", "references", "last_reviewed", "next_review")
CONDITION_FIELDS = (*DOCUMENT_FIELDS, "regions", "region_notes", "related", "self_check")
REQUIRED_PAGES = ("overview", "urgent-help")
QUESTIONNAIRE_FILE = "self-check.yaml"

_SAFE_HREF = re.compile(r"^(/|#|https://|mailto:)", re.IGNORECASE)
# Markdown links and images "[text](url)", reference definitions "[id]: url", autolinks.
_MARKDOWN_LINK = re.compile(
    r"\]\(\s*<?([^)\s>]*)"  # [text](url) and ![alt](url)
    r"|^\s{0,3}\[[^\]]+\]:\s*<?(?=\S)([^\s>]*)"  # [id]: url
    r"|<([a-z][a-z0-9+.-]*:[^>\s]*)>",  # <scheme:...>
    re.IGNORECASE,
)
# Any tag-like "<x", "</x", "<!" or "<?" in the source is raw HTML.
_RAW_HTML = re.compile(r"<(?:[a-z][a-z0-9-]*(?=[\s/>])|/[a-z]|!|\?)[^>\n]{0,40}>?", re.IGNORECASE)
_UNSAFE_HREF = re.compile(r'\b(href|src)="(?!/|#|https://|mailto:)[^"]*"', re.IGNORECASE)
_CONDITION_LINK = re.compile(r"^/conditions/([^/#?]+)/")


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


class _FileReader:
    """Reads one file, remembering where each front-matter field sits for error messages."""

    def __init__(self, path: Path, problems: list[ContentProblem]) -> None:
        self.path = path
        self.problems = problems
        self.lines: dict[str, int] = {}
        self.body_line = 1
        self.body_text = ""

    def problem(self, field_name: str, message: str, *, line: int | None = None) -> None:
        if line is None:
            line = self.lines.get(field_name) or self.lines.get(field_name.split(".")[0], 1)
        self.problems.append(ContentProblem(self.path, line, field_name, message))

    def read(self) -> tuple[dict[str, Any], str] | None:
        """Split front matter from body; None (with a problem noted) if it cannot be read."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            self.problem("file", f"cannot be read: {error}")
            return None
        handler = frontmatter.YAMLHandler()
        if not handler.detect(text):
            self.problem("front matter", "the file must start with a '---' front-matter block")
            return None
        try:
            header, body = handler.split(text)
        except ValueError:
            self.problem("front matter", "the front-matter block is never closed with '---'")
            return None
        try:
            node, data = parse_yaml(header)
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line = mark.line + 1 if mark else 1
            self.problem("front matter", f"is not valid YAML ({error})", line=line)
            return None
        if not isinstance(data, dict):
            self.problem("front matter", "must be a mapping of field: value")
            return None
        self._record_lines(node, prefix="")
        self.body_line = header.count("\n") + 2
        return data, body

    def _record_lines(self, node: yaml.Node | None, *, prefix: str) -> None:
        """Map each (dotted) field name to its line; the header starts on file line 2."""
        if not isinstance(node, yaml.MappingNode):
            return
        for key, value in node.value:
            name = f"{prefix}{key.value}"
            self.lines[name] = key.start_mark.line + 1
            self._record_lines(value, prefix=f"{name}.")

    # Field readers: each notes a problem and returns a safe empty value when wrong.

    def text(self, data: Mapping[str, Any], name: str) -> str:
        value = data.get(name)
        if not isinstance(value, str) or not value.strip():
            self.problem(name, "must be a non-empty piece of text")
            return ""
        return value.strip()

    def slug_list(self, data: Mapping[str, Any], name: str) -> tuple[str, ...]:
        value = data.get(name)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(name, "must be a list of ids")
            return ()
        return tuple(value)

    def date(self, data: Mapping[str, Any], name: str) -> dt.date:
        value = data.get(name)
        try:
            return dt.date.fromisoformat(str(value))
        except ValueError:
            self.problem(name, f"must be a date written YYYY-MM-DD, not {value!r}")
            return dt.date.min

    def references(self, data: Mapping[str, Any]) -> tuple[Reference, ...]:
        value = data.get("references")
        if not isinstance(value, list) or not value:
            self.problem("references", "must list at least one reference")
            return ()
        references = []
        for index, item in enumerate(value, start=1):
            if not isinstance(item, dict) or not isinstance(item.get("title"), str):
                self.problem("references", f"reference {index} needs a 'title'")
                continue
            url = item.get("url")
            if url is not None and not (isinstance(url, str) and url.startswith("https://")):
                self.problem("references", f"reference {index} has a url that is not https://")
                url = None
            unknown = set(item) - {"title", "url"}
            if unknown:
                self.problem("references", f"reference {index} has unknown keys {sorted(unknown)}")
            references.append(Reference(title=item["title"].strip(), url=url))
        return tuple(references)

    def body(self, body: str) -> set[str]:
        """Check the Markdown source; return the condition slugs it links to.

        Raw HTML and unsafe links are refused here, at load time, with their line. The
        HTML itself is rendered later, on first use (see ``Body``), and inertly: the
        converter escapes any raw HTML and neutralises unsafe links whatever the source.
        """
        self.body_text = body
        for offset, line in enumerate(body.splitlines()):
            if match := _RAW_HTML.search(line):
                self.problem(
                    "body",
                    f"raw HTML is not allowed in content (found {match.group(0)!r}); use Markdown",
                    line=self.body_line + offset,
                )
        linked_conditions: set[str] = set()
        for offset, line in enumerate(body.splitlines()):
            for groups in _MARKDOWN_LINK.findall(line):
                href = "".join(groups)
                if not _SAFE_HREF.match(href):
                    self.problem(
                        "body",
                        f"link {href!r} is not allowed: use a site path (/...) or https://",
                        line=self.body_line + offset,
                    )
                elif match := _CONDITION_LINK.match(href):
                    linked_conditions.add(match.group(1))
        return linked_conditions

    def body_line_of(self, snippet: str) -> int:
        """The file line where ``snippet`` first appears in the body."""
        for offset, line in enumerate(self.body_text.splitlines()):
            if snippet and snippet in line:
                return self.body_line + offset
        return self.body_line

    def unknown_fields(self, data: Mapping[str, Any], allowed: Iterable[str]) -> None:
        allowed = set(allowed)
        for name in data:
            if name not in allowed:
                self.problem(
                    str(name), f"is not a known field (known: {', '.join(sorted(allowed))})"
                )
        for name in allowed:
            if name not in data:
                self.problem(name, "is missing", line=1)


@functools.cache
def _markdown_instance() -> markdown.Markdown:
    md = markdown.Markdown(extensions=["toc", "tables", "sane_lists"])
    # Raw HTML is never passed through: it comes out as visible, escaped text.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md


_RENDER_LOCK = threading.Lock()


class Body:
    """An article's Markdown, rendered to HTML on first use and kept for the process.

    Rendering costs a few milliseconds an article; a library of a thousand would take
    seconds to load if every body were rendered up front, and most are never read in
    the life of one process. The source was already checked when the library loaded.
    """

    __slots__ = ("_rendered", "source")

    def __init__(self, source: str) -> None:
        self.source = source
        self._rendered: tuple[str, tuple[Heading, ...]] | None = None

    def __repr__(self) -> str:
        return f"Body({len(self.source)} characters)"

    def rendered(self) -> tuple[str, tuple[Heading, ...]]:
        if self._rendered is None:
            with _RENDER_LOCK:  # one converter per process, and runserver has threads
                md = _markdown_instance().reset()
                html = _UNSAFE_HREF.sub(r'\1="#"', md.convert(self.source))
                toc = tuple(
                    Heading(id=token["id"], title=token["name"])
                    for token in _flatten_toc(md.toc_tokens)
                    if token["level"] == 2
                )
                self._rendered = (html, toc)
        return self._rendered


def _flatten_toc(tokens: list[dict[str, Any]]) -> Iterable[dict[str, Any]]:
    for token in tokens:
        yield token
        yield from _flatten_toc(token.get("children", []))


def _read_document(reader: _FileReader, data: Mapping[str, Any], body: str) -> dict[str, Any]:
    slug = reader.text(data, "slug")
    if slug and slug != reader.path.stem:
        reader.problem("slug", f"'{slug}' must match the file name '{reader.path.stem}'")
    last_reviewed = reader.date(data, "last_reviewed")
    next_review = reader.date(data, "next_review")
    if dt.date.min not in (last_reviewed, next_review) and next_review <= last_reviewed:
        reader.problem("next_review", "must come after last_reviewed")
    linked = reader.body(body)
    return {
        "slug": slug,
        "title": reader.text(data, "title"),
        "summary": reader.text(data, "summary"),
        "references": reader.references(data),
        "last_reviewed": last_reviewed,
        "next_review": next_review,
        "body": Body(body),
        "source": reader.path,
        "_linked": linked,
    }


def _open(
    path: Path, problems: list[ContentProblem], allowed: Iterable[str]
) -> tuple[_FileReader, dict[str, Any], dict[str, Any], set[str]] | None:
    """Read a file's document fields: (reader, raw data, Document fields, linked slugs)."""
    reader = _FileReader(path, problems)
    parsed = reader.read()
    if parsed is None:
        return None
    data, body = parsed
    reader.unknown_fields(data, allowed)
    fields = _read_document(reader, data, body)
    linked = fields.pop("_linked")
    return reader, data, fields, linked


def _read_condition(
    path: Path, problems: list[ContentProblem], vocabulary: qn.Vocabulary
) -> tuple[Condition, set[str], _FileReader] | None:
    opened = _open(path, problems, CONDITION_FIELDS)
    if opened is None:
        return None
    reader, data, fields, linked = opened

    regions = reader.slug_list(data, "regions")
    if not regions and "regions" in data:
        reader.problem("regions", "must name at least one region")
    for region_id in regions:
        if region_id not in REGIONS_BY_ID:
            reader.problem(
                "regions",
                f"unknown region id '{region_id}' (known: {', '.join(REGIONS_BY_ID)})",
            )
    notes = data.get("region_notes")
    if not isinstance(notes, dict) or not all(
        isinstance(v, str) and v.strip() for v in notes.values()
    ):
        reader.problem("region_notes", "must map each area to one sentence")
        notes = {}
    for area in notes:
        if area not in AREAS:
            reader.problem(
                f"region_notes.{area}",
                f"unknown area '{area}' (known: {', '.join(sorted(AREAS))})",
            )
    needed = {REGIONS_BY_ID[r].area for r in regions if r in REGIONS_BY_ID}
    for area in sorted(needed - set(notes)):
        reader.problem("region_notes", f"needs a sentence for the area '{area}'")

    profile = qn.parse_profile(
        data.get("self_check"),
        vocabulary=vocabulary,
        problem=lambda name, message: reader.problem(f"self_check{name}", message),
    )
    condition = Condition(
        **fields,
        regions=tuple(r for r in regions if r in REGIONS_BY_ID),
        region_notes={k: v.strip() for k, v in notes.items()},
        related=reader.slug_list(data, "related"),
        profile=profile,
    )
    return condition, linked, reader


def _read_page(path: Path, problems: list[ContentProblem]) -> Document | None:
    opened = _open(path, problems, DOCUMENT_FIELDS)
    return None if opened is None else Document(**opened[2])


def load_library(content_dir: Path) -> Library:
    """Read and check every file under ``content_dir``; raise ContentError listing problems."""
    problems: list[ContentProblem] = []
    content_dir = Path(content_dir)
    if not content_dir.is_dir():
        raise ContentError(
            [ContentProblem(content_dir, 0, "CONTENT_DIR", "is not a folder that exists")]
        )

    questionnaire = qn.load_questionnaire(content_dir / QUESTIONNAIRE_FILE, problems)

    conditions: list[Condition] = []
    readers: dict[str, tuple[_FileReader, set[str]]] = {}
    paths = sorted((content_dir / "conditions").glob("*.md"))
    if not paths:
        problems.append(
            ContentProblem(content_dir / "conditions", 0, "conditions", "holds no .md files")
        )
    for path in paths:
        read = _read_condition(path, problems, questionnaire.vocabulary)
        if read is None:
            continue
        condition, linked, reader = read
        if condition.slug in readers:
            other = readers[condition.slug][0].path
            reader.problem("slug", f"duplicate slug '{condition.slug}' (also used by {other})")
            continue
        readers[condition.slug] = (reader, linked)
        conditions.append(condition)

    known = set(readers)
    for slug, (reader, linked) in readers.items():
        condition = next(c for c in conditions if c.slug == slug)
        for related in condition.related:
            if related not in known:
                reader.problem("related", f"related condition '{related}' does not exist")
            elif related == slug:
                reader.problem("related", "a condition cannot be related to itself")
        for target in sorted(linked - known):
            href = f"/conditions/{target}/"
            line = reader.body_line_of(href)
            reader.problem("body", f"links to {href}, which does not exist", line=line)

    pages: dict[str, Document] = {}
    for slug in REQUIRED_PAGES:
        path = content_dir / "pages" / f"{slug}.md"
        if not path.is_file():
            problems.append(ContentProblem(path, 0, "file", "this required page is missing"))
            continue
        page = _read_page(path, problems)
        if page is not None:
            pages[slug] = page

    if problems:
        raise ContentError(problems)
    conditions.sort(key=lambda c: c.title.casefold())
    return Library(
        conditions=tuple(conditions),
        pages=pages,
        questionnaire=questionnaire,
        version=_version(conditions, pages.values()),
    )


def _version(conditions: Iterable[Condition], pages: Iterable[Document]) -> str:
    """The content version printed on results: the newest review date in the library."""
    newest = max(d.last_reviewed for d in (*conditions, *pages))
    return newest.isoformat()


@functools.cache
def _cached(content_dir: Path) -> Library:
    return load_library(content_dir)


def get_library() -> Library:
    """The library for this process, loaded once from settings.CONTENT_DIR."""
    from django.conf import settings

    return _cached(Path(settings.CONTENT_DIR))


def clear_cache() -> None:
    """Forget the loaded library (tests that point CONTENT_DIR elsewhere call this)."""
    _cached.cache_clear()
