"""The schema every content page shares: title, summary, references, review dates, body.

Pages (``content/pages/*.md``) are plain documents; condition articles add their own
fields (``apps.content.conditions``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from apps.content.files import FileReader
from apps.content.markup import WRITTEN_NUMBER, Body, Heading, Renderer
from apps.content.translation import Provenance, Translation

DOCUMENT_FIELDS = ("title", "slug", "summary", "references", "last_reviewed", "next_review")
OPTIONAL_FIELDS = ("also_called",)
"""Other names people know the page by: search finds it by them, the A to Z lists them."""

_SAFE_HREF = re.compile(r"^(/(?!/)|#|https://|mailto:)", re.IGNORECASE)
# Markdown links and images "[text](url)", reference definitions "[id]: url", autolinks.
_MARKDOWN_LINK = re.compile(
    r"\]\(\s*<?([^)\s>]*)"  # [text](url) and ![alt](url)
    r"|^\s{0,3}\[[^\]]+\]:\s*<?(?=\S)([^\s>]*)"  # [id]: url
    r"|<([a-z][a-z0-9+.-]*:[^>\s]*)>",  # <scheme:...>
    re.IGNORECASE,
)
# Any tag-like "<x", "</x", "<!" or "<?" in the source is raw HTML.
_RAW_HTML = re.compile(r"<(?:[a-z][a-z0-9-]*(?=[\s/>])|/[a-z]|!|\?)[^>\n]{0,40}>?", re.IGNORECASE)
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


@dataclass(frozen=True, slots=True)
class Reference:
    title: str
    url: str | None


@dataclass(frozen=True, slots=True)
class Link:
    """An internal link in a page's source, with its line, checked once the library is whole."""

    href: str
    line: int


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
    also_called: tuple[str, ...] = ()
    links: tuple[Link, ...] = field(default=(), repr=False, compare=False)
    slug_line: int = field(default=1, repr=False, compare=False)
    """Where the slug is written, for problems found once the library is whole."""
    provenance: Provenance | None = field(default=None, repr=False, compare=False)
    """In a translated library: where this page's words came from; None in English."""

    @property
    def html(self) -> str:
        return self.body.rendered()[0]

    @property
    def toc(self) -> tuple[Heading, ...]:
        return self.body.rendered()[1]


def read_references(reader: FileReader, data: Mapping[str, Any]) -> tuple[Reference, ...]:
    value = data.get("references")
    if not isinstance(value, list) or not value:
        reader.problem("references", "must list at least one reference")
        return ()
    references = []
    for index, item in enumerate(value):
        where = f"references[{index}]"
        if not isinstance(item, dict) or not isinstance(item.get("title"), str):
            reader.problem(where, f"reference {index + 1} needs a 'title'")
            continue
        url = item.get("url")
        if url is not None and not (isinstance(url, str) and url.startswith("https://")):
            reader.problem(where, f"reference {index + 1} has a url that is not https://")
            url = None
        unknown = set(item) - {"title", "url"}
        if unknown:
            reader.problem(where, f"reference {index + 1} has unknown keys {sorted(unknown)}")
        references.append(Reference(title=item["title"].strip(), url=url))
    return tuple(references)


def check_body(reader: FileReader, body: str, renderer: Renderer) -> tuple[Link, ...]:
    """Check the Markdown source line by line; return its internal links.

    Raw HTML, unsafe links, unknown directives and a written-out emergency number are
    refused here, at load time, with their line.
    """
    links: list[Link] = []
    for offset, line in enumerate(body.splitlines()):
        where = reader.body_line + offset
        # Cheap tests first: most lines hold no markup at all (a 1,000-article library
        # spent most of its checking time in the patterns below).
        if "<" in line and (match := _RAW_HTML.search(line)):
            reader.problem(
                "body",
                f"raw HTML is not allowed in content (found {match.group(0)!r}); use Markdown",
                line=where,
            )
        if "[[" in line:
            for message in renderer.snippets.problems_in(line):
                reader.problem("body", message, line=where)
        if "999" in line and WRITTEN_NUMBER.search(line):
            reader.problem(
                "body",
                "the emergency number is a setting: write [[emergency-number]] instead of 999",
                line=where,
            )
        if "](" not in line and "]:" not in line and "<" not in line:
            continue
        for groups in _MARKDOWN_LINK.findall(line):
            href = "".join(groups)
            if not _SAFE_HREF.match(href):
                reader.problem(
                    "body",
                    f"link {href!r} is not allowed: use a site path (/...) or https://",
                    line=where,
                )
            elif href.startswith("/"):
                links.append(Link(href, where))
    return tuple(links)


def read_document(
    reader: FileReader,
    data: Mapping[str, Any],
    body: str,
    renderer: Renderer,
    *,
    slug: str | None = None,
) -> dict[str, Any]:
    """The fields every document has, checked; problems are noted on ``reader``.

    The slug must match the file name, or ``slug`` when the file has a fixed name (such
    as ``exercises/index.md``, whose slug is ``exercises``).
    """
    expected = reader.path.stem if slug is None else slug
    slug = reader.text(data, "slug")
    if slug and not _SLUG.fullmatch(slug):
        reader.problem("slug", f"'{slug}' must be lower-case words and digits joined by hyphens")
    elif slug and slug != expected:
        what = "the file name" if expected == reader.path.stem else "the slug of this file"
        reader.problem("slug", f"'{slug}' must match {what} '{expected}'")
    last_reviewed = reader.date(data, "last_reviewed")
    next_review = reader.date(data, "next_review")
    if dt.date.min not in (last_reviewed, next_review) and next_review <= last_reviewed:
        reader.problem("next_review", "must come after last_reviewed")
    return {
        "slug": slug,
        "title": reader.text(data, "title"),
        "summary": reader.text(data, "summary"),
        "references": read_references(reader, data),
        "also_called": reader.text_list(data, "also_called"),
        "last_reviewed": last_reviewed,
        "next_review": next_review,
        "body": Body(body, renderer.render),
        "source": reader.path,
        "links": check_body(reader, body, renderer),
        "slug_line": reader.line_of("slug"),
        "provenance": reader.provenance,
    }


def unknown_fields(
    reader: FileReader,
    data: Mapping[str, Any],
    required: tuple[str, ...],
    optional: tuple[str, ...] = (),
) -> None:
    reader.known_keys(data, (*required, *OPTIONAL_FIELDS, *optional), where="", required=required)


@dataclass(frozen=True, slots=True)
class Opened:
    """A content file read: its reader (for problems), its front matter, its body, and
    the fields every document has, checked."""

    reader: FileReader
    data: Mapping[str, Any]
    body: str
    fields: dict[str, Any]


def open_document(
    path: Path,
    problems: list,
    *,
    required: tuple[str, ...],
    renderer: Renderer,
    slug: str | None = None,
    translation: Translation | None = None,
    optional: tuple[str, ...] = (),
) -> Opened | None:
    """Read one Markdown file with front matter; None when it cannot be read at all.
    ``slug`` for a file whose slug is fixed rather than its name (see read_document);
    ``translation`` to read it with its translated words laid over it."""
    reader = FileReader(path, problems, translation=translation)
    parsed = reader.read_front_matter()
    if parsed is None:
        return None
    data, body = parsed
    unknown_fields(reader, data, required, optional)
    fields = read_document(reader, data, body, renderer, slug=slug)
    return Opened(reader, data, body, fields)


def read_page(
    path: Path, problems: list, renderer: Renderer, *, translation: Translation | None = None
) -> Document | None:
    opened = open_document(
        path, problems, required=DOCUMENT_FIELDS, renderer=renderer, translation=translation
    )
    return None if opened is None else Document(**opened.fields)
