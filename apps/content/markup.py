"""Markdown rendering with the site's extensions, and the directives content may use.

Content never repeats a safety fact: it places it by name, and this module writes it in.

- ``[[emergency-number]]`` (and any other inline snippet) anywhere in a line;
- ``[[warning-signs: emergency]]`` alone on a line: the list of warning signs of that
  urgency, from the one home of the warning signs (``content/self-check.yaml``);
- ``[[warning-signs: urgent, in detail]]``: each sign with what to do about it;
- ``[[self-care]]`` alone on a line: the self-care list.

On a translated page, English is marked ``lang="en"``: a warning sign or lead-in shown in
English (its block gets the attribute), an inline snippet whose translation is stale (a
``<span lang="en">`` around it), and every English name the translation keeps, listed in
its ``language.yaml`` (``english_names``: A&E, GP, NHS 111...), wherever it appears.

Raw HTML in the source never passes through, and what Markdown makes of the source then
goes through an allow-list sanitiser (nh3, the Python binding of Ammonia): only the
elements and attributes the site's Markdown writes survive, and a link or image keeps its
address only when it is a site path, an anchor, https or mailto. The content check
refuses unsafe links at load time, with their file and line; the sanitiser is the second
line.
"""

from __future__ import annotations

import functools
import html
import re
import threading
import xml.etree.ElementTree as etree
from collections.abc import Callable, Iterable, Mapping
from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import Any

import markdown
import nh3
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import gettext
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor

from apps.content.vocabulary import Urgency

_INLINE = re.compile(r"\[\[([a-z][a-z-]*)\]\]")
_ANY_DIRECTIVE = re.compile(r"\[\[([^\]]*)\]\]")
WRITTEN_NUMBER = re.compile(r"(?<![\d.])999(?!\d|\.\d)")
"""The default emergency number written out: content places [[emergency-number]] instead."""
ALLOWED_TAGS = frozenset(
    {"p", "a", "strong", "em", "code", "pre", "blockquote", "hr", "br", "img", "ul", "ol", "li"}
    | {"h2", "h3", "h4", "table", "thead", "tbody", "tr", "th", "td", "span"}
)
"""What the site's Markdown writes: every other element is dropped, its text kept."""
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "span": {"lang"},
    "img": {"src", "alt", "title"},
    "li": {"lang"},
    "p": {"lang"},
    **{heading: {"id", "lang"} for heading in ("h2", "h3", "h4")},
}
ALLOWED_CLASSES = {"a": {"term"}}
"""Glossary links carry class="term"; no other class can come from content."""
URL_SCHEMES = frozenset({"https", "mailto"})
IN_DETAIL = "in detail"
IN_ENGLISH = "\ue000"
"""Starts a block (a sign, a lead-in) that a translated page shows in English: the
rendered element gets lang="en". A private-use character: content never holds one."""
ENGLISH_START, ENGLISH_END = "\ue001", "\ue002"
"""Around words inside a block that a translated page shows in English (a stale inline
snippet): rendered as <span lang="en">. Private-use characters too."""
_SITE_LINK = re.compile(r'href="(/(?!/)[^"]*)"')
_MARKED_BLOCK = re.compile(r"<(li|p|h[2-4])((?: [^>]*)?)>" + IN_ENGLISH)
BLOCKS = ("self-care", "warning-signs")


@dataclass(frozen=True, slots=True)
class WarningSign:
    """A sign that means getting help soon, said once and placed wherever it is needed."""

    urgency: Urgency
    label: str
    """The sign, as a list item: "Chest pain as well"."""
    short: str
    """A few words, for headings and one-line summaries: "chest pain as well"."""
    advice: str
    """What to do about it, and why."""
    lang: str = ""
    """"en" when a translated page shows this sign in English (its translation is stale)."""
    critical: bool = False
    """One of the few signs named in the one-line emergency summary of every page."""


@dataclass(frozen=True, slots=True)
class Snippets:
    """Everything content may place by name instead of writing it out again."""

    inline: Mapping[str, str]
    signs: tuple[WarningSign, ...]
    self_care: tuple[str, ...]
    lead_ins: Mapping[Urgency, str] = field(default_factory=dict)
    """The sentence that introduces each level's list of signs."""
    english: frozenset[str] = frozenset()
    """The inline snippets a translated page shows in English (their translation is
    stale): placed in a page's Markdown, each is marked as English."""

    def signs_of(self, urgency: Urgency) -> tuple[WarningSign, ...]:
        return tuple(sign for sign in self.signs if sign.urgency == urgency)

    def expand(self, source: str) -> str:
        """The source with every directive written out, as Markdown."""
        if "[[" not in source:
            return source
        lines: list[str] = []
        for line in source.splitlines():
            if "[[" not in line:
                lines.append(line)
                continue
            block = _ANY_DIRECTIVE.fullmatch(line.strip())
            expanded = self.block(block.group(1)) if block else None
            filled = [self.fill(line, marked=True)]
            lines += ["", *expanded, ""] if expanded is not None else filled
        return "\n".join(lines)

    def fill(self, text: str, *, marked: bool = False) -> str:
        """Replace every inline placeholder; unknown ones are left for the check to name.

        ``marked`` for Markdown: a snippet shown in English is marked as English.
        """

        def placed(match: re.Match[str]) -> str:
            name = match.group(1)
            if name not in self.inline:
                return match.group(0)
            if marked and name in self.english:
                return ENGLISH_START + self.inline[name] + ENGLISH_END
            return self.inline[name]

        return _INLINE.sub(placed, text)

    def problems_in(self, line: str, *, inline_only: bool = False) -> Iterable[str]:
        """What is wrong with the directives on one line of content (empty when fine).

        ``inline_only`` for text that is not Markdown (the self-check file), where a block
        directive would be shown as it is written.
        """
        for match in _ANY_DIRECTIVE.finditer(line):
            whole = match.group(0)
            if match.group(1) in self.inline:
                continue
            name, colon, argument = match.group(1).partition(":")
            name, argument = name.strip(), argument.strip()
            if inline_only and name in BLOCKS:
                yield f"{whole} can only be placed in a Markdown page"
            elif name not in BLOCKS or bool(colon) != (name == "warning-signs"):
                yield f"unknown directive {whole} (known: {self._known()})"
            elif line.strip() != whole:
                yield f"{whole} must stand alone on its line"
            elif name == "warning-signs":
                urgency, _, detail = argument.partition(",")
                levels = [level.value for level in Urgency if level != Urgency.UNCHECKED]
                if urgency.strip() not in levels or detail.strip() not in ("", IN_DETAIL):
                    yield (
                        f"{whole} must name an urgency ({', '.join(levels)}), "
                        f"optionally followed by ', {IN_DETAIL}'"
                    )

    def _known(self) -> str:
        names = [f"[[{name}]]" for name in sorted(self.inline)]
        return ", ".join([*names, "[[self-care]]", "[[warning-signs: <urgency>]]"])

    def block(self, directive: str) -> list[str] | None:
        """The Markdown lines a block directive stands for (None if it is not one)."""
        name, _, argument = directive.partition(":")
        if name.strip() == "self-care" and not argument:
            return [f"- {tip}" for tip in self.self_care]
        if name.strip() != "warning-signs":
            return None
        urgency_id, _, detail = argument.partition(",")
        urgency = Urgency(urgency_id.strip())
        signs = self.signs_of(urgency)
        if detail.strip() != IN_DETAIL:
            lead_in = [self.lead_ins[urgency], ""] if urgency in self.lead_ins else []
            return [*lead_in, *(f"- {_mark(sign)}{sign.label}" for sign in signs)]
        lines: list[str] = []
        for sign in signs:
            mark = _mark(sign)
            # A sign shown in English is English throughout, its labels too.
            with translation.override(None) if sign.lang else nullcontext():
                the_sign, what_to_do = gettext("The sign:"), gettext("What to do:")
            lines += [
                f"### {mark}{sign.short[:1].upper()}{sign.short[1:]}",
                "",
                f"{mark}**{the_sign}** {sign.label}",
                "",
                f"{mark}**{what_to_do}** {sign.advice}",
                "",
            ]
        return lines


def _mark(sign: WarningSign) -> str:
    return IN_ENGLISH if sign.lang else ""


class _Directives(Preprocessor):
    def __init__(self, md: markdown.Markdown, snippets: Snippets) -> None:
        super().__init__(md)
        self.snippets = snippets

    def run(self, lines: list[str]) -> list[str]:
        return self.snippets.expand("\n".join(lines)).split("\n")


@dataclass(frozen=True, slots=True)
class TermLinks:
    """Glossary terms to link on first use: each name (lower case) to its term's address."""

    urls: Mapping[str, str]

    def pattern(self) -> re.Pattern[str] | None:
        if not self.urls:
            return None
        names = sorted(self.urls, key=len, reverse=True)  # "slipped disc" before "disc"
        alternatives = "|".join(re.escape(name) for name in names)
        return re.compile(rf"(?<![\w-])({alternatives})(?![\w-])", re.IGNORECASE)


_NO_LINKS_INSIDE = {"a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6"}


class _LinkTerms(Treeprocessor):
    """Link the first use of each glossary term to its definition: a plain link, so it works
    and reads the same with or without JavaScript, by keyboard and screen reader."""

    def __init__(self, md: markdown.Markdown, links: TermLinks) -> None:
        super().__init__(md)
        self.links = links
        self.pattern = links.pattern()

    def run(self, root: etree.Element) -> None:
        if self.pattern is not None:
            self._walk(root, set())

    def _walk(self, element: etree.Element, linked: set[str]) -> None:
        if element.tag in _NO_LINKS_INSIDE:
            return
        element.text, made = self._split(element.text, linked)
        for offset, link in enumerate(made):
            element.insert(offset, link)
        for child in [c for c in element if not any(c is m for m in made)]:
            self._walk(child, linked)
            child.tail, after = self._split(child.tail, linked)
            index = next(i for i, c in enumerate(element) if c is child)
            for offset, link in enumerate(after, start=1):
                element.insert(index + offset, link)

    def _split(self, text: str | None, linked: set[str]) -> tuple[str | None, list[etree.Element]]:
        """Cut ``text`` at each first use of a term not linked yet: the text before the
        first, and the new links, each with the text up to the next as its tail."""
        if not text:
            return text, []
        for match in self.pattern.finditer(text):
            url = self.links.urls[match.group(1).casefold()]
            if url in linked:
                continue
            linked.add(url)
            link = etree.Element("a", {"href": url, "class": "term"})
            link.text = match.group(1)
            link.tail, more = self._split(text[match.end() :], linked)
            return text[: match.start()], [link, *more]
        return text, []


class _MarkEnglishNames(Treeprocessor):
    """Wrap each English name a translation keeps in <span lang="en">: before glossary
    terms are linked, so a name holding a term ("GP surgery") is marked whole."""

    def __init__(self, md: markdown.Markdown, pattern: re.Pattern[str]) -> None:
        super().__init__(md)
        self.pattern = pattern

    def run(self, root: etree.Element) -> None:
        self._walk(root)

    def _walk(self, element: etree.Element) -> None:
        if element.tag in ("code", "pre") or (element.text or "").startswith(IN_ENGLISH):
            return  # a block shown in English is marked whole
        children = list(element)
        element.text, made = self._split(element.text)
        for offset, span in enumerate(made):
            element.insert(offset, span)
        for child in children:
            self._walk(child)
            child.tail, after = self._split(child.tail)
            index = next(i for i, c in enumerate(element) if c is child)
            for offset, span in enumerate(after, start=1):
                element.insert(index + offset, span)

    def _split(self, text: str | None) -> tuple[str | None, list[etree.Element]]:
        if not text:
            return text, []
        pieces = self.pattern.split(text)  # text, name, text, name, ..., text
        spans = []
        for index in range(1, len(pieces), 2):
            span = etree.Element("span", {"lang": "en"})
            span.text, span.tail = pieces[index], pieces[index + 1]
            spans.append(span)
        return pieces[0], spans


class SiteExtension(Extension):
    """The site's own Markdown: directives in, raw HTML out, glossary terms linked."""

    def __init__(
        self,
        *,
        snippets: Snippets,
        terms: TermLinks | None = None,
        english_names: tuple[str, ...] = (),
    ) -> None:
        super().__init__()
        self.snippets = snippets
        self.terms = terms
        self.english_names = english_names

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.register(_Directives(md, self.snippets), "site_directives", 25)
        names = _names_pattern(self.english_names)
        if names is not None:
            # After inline processing (20), before terms are linked (15).
            md.treeprocessors.register(_MarkEnglishNames(md, names), "site_english", 16)
        if self.terms is not None:
            # After inline processing (20), so the text is final.
            md.treeprocessors.register(_LinkTerms(md, self.terms), "site_terms", 15)
        # Raw HTML is never passed through: it comes out as visible, escaped text.
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")


_TAG_OR_COMMENT = re.compile(
    r"<!--.*?-->|<(/?)([a-zA-Z][a-zA-Z0-9]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>", re.DOTALL
)
_LANG_ATTRIBUTE = re.compile(r"""\slang\s*=\s*["']?([^"'\s>]*)""")
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
    | {"track", "wbr"}
)
_NO_MARKUP_INSIDE = frozenset({"option", "script", "style", "textarea", "title", "template"})
"""Elements whose text can hold no element (or is not text): names there stay as they are."""


@functools.cache
def _names_pattern(names: tuple[str, ...]) -> re.Pattern[str] | None:
    if not names:
        return None
    # The longest first: "GP surgery" before "GP"; whole words only.
    alternatives = "|".join(re.escape(name) for name in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<![\w&])({alternatives})(?![\w&])")


def mark_english_names(fragment: str, names: tuple[str, ...]) -> str:
    """``fragment`` (HTML) with each of ``names`` in its text wrapped in <span lang="en">,
    unless it is already inside an element marked as English.

    A translation keeps some names in English (A&E, GP, NHS 111): a screen reader should
    say them as English words, and a reader should know they are not Polish ones.
    """
    pattern = _names_pattern(names)
    if pattern is None:
        return fragment
    out: list[str] = []
    open_elements: list[tuple[str, bool]] = []  # (tag, whether its text is left alone)
    position = 0
    for tag in _TAG_OR_COMMENT.finditer(fragment):
        left_alone = bool(open_elements) and open_elements[-1][1]
        out.append(_mark_text(fragment[position : tag.start()], pattern, left_alone))
        out.append(tag.group(0))
        position = tag.end()
        name = (tag.group(2) or "").lower()
        if not name or name in _VOID or tag.group(3).rstrip().endswith("/"):
            continue
        if tag.group(1):
            for index in range(len(open_elements) - 1, -1, -1):
                if open_elements[index][0] == name:
                    del open_elements[index:]
                    break
            continue
        lang = _LANG_ATTRIBUTE.search(tag.group(3))
        if lang is not None:
            alone = lang.group(1).lower().split("-")[0] == "en"
        else:
            alone = bool(open_elements) and open_elements[-1][1]
        open_elements.append((name, alone or name in _NO_MARKUP_INSIDE))
    left_alone = bool(open_elements) and open_elements[-1][1]
    out.append(_mark_text(fragment[position:], pattern, left_alone))
    return "".join(out)


def _mark_text(text: str, pattern: re.Pattern[str], left_alone: bool) -> str:
    if left_alone or not text.strip():
        return text
    plain = html.unescape(text)
    if pattern.search(plain) is None:
        return text
    pieces = pattern.split(plain)  # text, name, text, name, ..., text
    return "".join(
        f'<span lang="en">{html.escape(piece, quote=False)}</span>'
        if index % 2
        else html.escape(piece, quote=False)
        for index, piece in enumerate(pieces)
    )


def _site_paths_only(element: str, attribute: str, value: str) -> str | None:
    """Ammonia passes relative addresses through, "//host/" among them: an address
    that leaves the site must say https."""
    if attribute in ("href", "src") and value.startswith("//"):
        return None
    return value


def sanitise(fragment: str) -> str:
    """Keep only the elements, attributes, classes and link kinds the site writes."""
    return nh3.clean(
        fragment,
        tags=set(ALLOWED_TAGS),
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        attribute_filter=_site_paths_only,
        url_schemes=set(URL_SCHEMES),
        link_rel=None,
        strip_comments=True,
    )


@dataclass(frozen=True, slots=True)
class Heading:
    """A section of a page, for its table of contents."""

    id: str
    title: str


class Renderer:
    """One Markdown converter per library (it knows that library's snippets)."""

    def __init__(
        self,
        snippets: Snippets,
        *,
        terms: TermLinks | None = None,
        language: str = "",
        translated: bool = False,
        english_names: tuple[str, ...] = (),
    ) -> None:
        self.snippets = snippets
        self.language = language
        """The language the pages are in: their own words (``The sign:``) are said in it,
        whichever language is active when a page is first rendered."""
        self.translated = translated
        """A translation's pages link to the site's pages as the English does; rendered,
        each link leads to the page in the translation's language."""
        site = SiteExtension(snippets=snippets, terms=terms, english_names=english_names)
        self._md = markdown.Markdown(extensions=["toc", "tables", "sane_lists", site])
        self._lock = threading.Lock()  # one converter, and runserver has threads

    def render(self, source: str) -> tuple[str, tuple[Heading, ...]]:
        with self._lock, translation.override(self.language or None):
            md = self._md.reset()
            converted = _MARKED_BLOCK.sub(r'<\1\2 lang="en">', md.convert(source))
            if self.translated:
                converted = _SITE_LINK.sub(self._localised, converted)
            converted = converted.replace(IN_ENGLISH, "")
            converted = converted.replace(ENGLISH_START, '<span lang="en">')
            converted = converted.replace(ENGLISH_END, "</span>")
            rendered = sanitise(converted)
            toc = tuple(
                Heading(id=token["id"], title=_plain(html.unescape(token["name"])))
                for token in _flatten_toc(md.toc_tokens)
                if token["level"] == 2
            )
        return rendered, toc

    def _localised(self, match: re.Match[str]) -> str:
        # The link is written as the English has it: resolved in the source language.
        with translation.override(None):
            url = translate_url(html.unescape(match.group(1)), self.language)
        return f'href="{html.escape(url)}"'


class Body:
    """A page's Markdown, rendered to HTML on first use and kept for the process.

    Rendering costs a few milliseconds a page; a library of a thousand would take seconds
    to load if every body were rendered up front, and most are never read in the life of
    one process. The source was already checked when the library loaded.
    """

    __slots__ = ("_render", "_rendered", "source")

    def __init__(self, source: str, render: Callable[[str], tuple[str, tuple[Heading, ...]]]):
        self.source = source
        self._render = render
        self._rendered: tuple[str, tuple[Heading, ...]] | None = None

    def __repr__(self) -> str:
        return f"Body({len(self.source)} characters)"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Body) and other.source == self.source

    def __hash__(self) -> int:
        return hash(self.source)

    def rendered(self) -> tuple[str, tuple[Heading, ...]]:
        if self._rendered is None:
            self._rendered = self._render(self.source)
        return self._rendered


def _plain(text: str) -> str:
    """Text without the marks of English, for a table of contents."""
    for mark in (IN_ENGLISH, ENGLISH_START, ENGLISH_END):
        text = text.replace(mark, "")
    return text.strip()


def _flatten_toc(tokens: list[dict[str, Any]]) -> Iterable[dict[str, Any]]:
    for token in tokens:
        yield token
        yield from _flatten_toc(token.get("children", []))
