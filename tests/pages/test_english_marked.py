"""Every English word on a translated page is marked lang="en".

A reader of a Polish page, and the screen reader that speaks it, must know which words are
English: a warning sign whose translation is stale, a service name (A&E, GP, NHS 111), a
reference's title. A crawl of every page of a translation, reached by following its own
links from its home (plus the search, a missing page and self-check results with many
answers), reads each text node outside <script> and <style> whose nearest lang ancestor
is not English, and looks for English words that are not words of that language.
"""

import functools
import re
from html import unescape
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from apps.content import library
from apps.content.library import get_library
from apps.content.vocabulary import Urgency

SOURCE = settings.LANGUAGE_CODE
TRANSLATIONS = [code for code, _ in settings.LANGUAGES if code != SOURCE]
MAX_PAGES = 400

_COMMON_WORDS = """
    the and or of for with without from into about after before than then when where which
    what who how why you your yours this that these those there they their them it its is
    are were be been being has have had can could will would should may might must not if
    any some also only just very more our us he she his her get see call help now pain
    back leg legs hurts sign signs doctor worse better new week weeks
    day days month months page guide read ask tell check urgent emergency surgery inform
"""
ENGLISH = frozenset(_COMMON_WORDS.split())
"""Common English words that are not Polish ones (so not "go", "was", "most", "hurt",
which are): a text outside lang="en" that holds one holds English. The translation's
stop words are taken out as well, for the next language."""

SERVICES = re.compile(r"(?<!\w)(A&E|GP|NHS 111)(?!\w)")
"""The UK's service names, English words the translation keeps and marks: too short
(or too much a number) to be caught as words."""

PROPER_NAMES = re.compile(r"\b(NICE|NHS|MHRA|RCOG|BOAST|STarT Back)\b")
"""Names of organisations and tools, said the same in every language ("wytyczne NICE",
"fizjoterapeuta NHS"): names, not English words, like a person's name. "NHS inform" is
a service name, so its "inform" is still caught as English."""

SKIPPED = {"script", "style", "template", "title", "option", "textarea"}
"""Not text (a script), or text that can hold no element, so no <span lang="en"> (a
page's <title>, a menu's option): a name there cannot be marked."""
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
VOID |= {"track", "wbr"}


class _Texts(HTMLParser):
    """Each text node with the nearest lang ancestor's value."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.texts: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in VOID:
            self.stack.append((tag, dict(attrs).get("lang")))

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                return

    def handle_data(self, data: str) -> None:
        if not data.strip() or any(tag in SKIPPED for tag, _ in self.stack):
            return
        lang = next((lang for _, lang in reversed(self.stack) if lang is not None), "")
        self.texts.append((lang, " ".join(data.split())))


def unmarked_english(page: str, own_words: frozenset[str]) -> list[str]:
    """Each text of ``page`` that holds English but is not marked as English, with the
    English words found in it."""
    parser = _Texts()
    parser.feed(page)
    parser.close()
    found = []
    english = ENGLISH - own_words
    for lang, text in parser.texts:
        if lang.lower().split("-")[0] == "en":
            continue
        words = set(SERVICES.findall(text))
        plain = PROPER_NAMES.sub(" ", SERVICES.sub(" ", text))
        words |= {word for word in re.findall(r"\w+", plain.lower()) if word in english}
        if words:
            found.append(f"{text[:160]!r} ({', '.join(sorted(words))})")
    return found


def own_words(code: str) -> frozenset[str]:
    return get_library(code).language.stop_words


def extra_urls(code: str) -> list[str]:
    """Pages no link leads to: the search, a missing page, and results with many answers."""
    vocabulary = get_library(SOURCE).questionnaire.vocabulary
    single = get_library(SOURCE).questionnaire.single_valued

    def answers(red_flags: list[str], pick: int) -> str:
        pairs = [("red_flag", flag) for flag in red_flags]
        for name, values in vocabulary.items():
            if name == "red_flag":
                continue
            ordered = sorted(set(values) - {"none"})
            chosen = [ordered[pick % len(ordered)]] if name in single else ordered
            pairs += [(name, value) for value in chosen]
        return "&".join(f"{name}={value}" for name, value in pairs)

    flags = sorted(vocabulary["red_flag"] - {"none"})
    with translation.override(code):
        results = reverse("self-check-results")
        return [
            reverse("search") + "?q=plecy",
            reverse("search") + "?q=zzzz",
            f"/{code}/no-such-page/",
            *(f"{results}?{answers(['none'], pick)}" for pick in range(3)),
            f"{results}?{answers(flags, 0)}",
            *(f"{results}?red_flag={flag}" for flag in flags),
        ]


def test_the_detector_finds_english_outside_lang_en_only():
    polish = frozenset({"to", "a", "i"})
    page = (
        '<html lang="pl"><head><title>Ból pleców</title><style>p{color:red}</style></head>'
        '<body><p>Zadzwoń pod <span lang="en">NHS 111</span> albo idź na <span>A&amp;E</span>'
        '.</p><ul lang="en"><li>Pain in the back</li></ul><p>Wytyczne NICE i NHS to nie'
        " wszystko</p><p>Call 999 if it gets worse</p>"
        '<script>if (this) { call(the) }</script><p title="the and">Ok</p></body></html>'
    )
    found = unmarked_english(page, polish)
    assert len(found) == 2
    assert found[0] == "'A&E' (A&E)"
    assert found[1] == "'Call 999 if it gets worse' (call, if, it, worse)"


@functools.cache
def crawl(code: str) -> dict[str, tuple[str, ...]]:
    """Every page of one translation, reached from its home over the links that stay in
    the language (and the pages no link leads to), with the unmarked English of each."""
    client = Client(headers={"X-Forwarded-Proto": "https"})
    with translation.override(code):
        home = reverse("home")
    words = own_words(code)
    queue = [home, *extra_urls(code)]
    seen = set(queue)
    found: dict[str, tuple[str, ...]] = {}
    while queue and len(found) < MAX_PAGES:
        url = queue.pop(0)
        response = client.get(url)
        if response.status_code not in (200, 404):
            found[url] = (f"status {response.status_code}",)
            continue
        if not response["Content-Type"].startswith("text/html"):
            continue
        page = response.content.decode()
        found[url] = tuple(unmarked_english(page, words))
        for href in re.findall(r'<a [^>]*href="([^"#]+)', page):
            link = urlsplit(urljoin(url, href.replace("&amp;", "&")))
            target = link.path + (f"?{link.query}" if link.query else "")
            if not link.netloc and link.path.startswith(home) and target not in seen:
                seen.add(target)
                queue.append(target)
    return found


def report(found: dict[str, tuple[str, ...]]) -> list[str]:
    """Each English text once, with how many pages show it and one of them."""
    where: dict[str, list[str]] = {}
    for url, problems in found.items():
        for problem in problems:
            where.setdefault(problem, []).append(url)
    return [f"{text} on {len(urls)} pages, e.g. {urls[0]}" for text, urls in where.items()]


def in_self_check(code: str, url: str) -> bool:
    with translation.override(code):
        return urlsplit(url).path.startswith(reverse("self-check"))


@pytest.mark.parametrize("code", TRANSLATIONS)
def test_no_english_outside_lang_en_on_any_page_of_a_translation(code):
    found = crawl(code)
    pages = {url: problems for url, problems in found.items() if not in_self_check(code, url)}
    assert len(pages) >= 30
    problems = report(pages)
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("code", TRANSLATIONS)
def test_no_english_outside_lang_en_in_the_self_check_of_a_translation(code):
    found = crawl(code)
    pages = {url: problems for url, problems in found.items() if in_self_check(code, url)}
    assert len(pages) >= 10
    problems = report(pages)
    assert problems == [], "\n".join(problems)


# A warning sign whose translation is stale ---------------------------------------------


def _emergency_line(body: str) -> str:
    return re.search(r'<p class="emergency-line".*?</p>', body, re.DOTALL).group(0)


@pytest.mark.parametrize("code", TRANSLATIONS)
def test_a_stale_sign_makes_the_sentences_that_sum_up_the_signs_english_whole(content_tree, code):
    """The footer and the body map sum up the emergency signs in one sentence: with one
    sign in English, the sentence is said whole in English and marked, never a
    translated sentence with English words spliced in."""
    sign = next(s for s in get_library(SOURCE).snippets.signs_of(Urgency.EMERGENCY) if s.critical)
    questionnaire = content_tree / "self-check.yaml"
    text = questionnaire.read_text(encoding="utf-8")
    changed = "new " + sign.short
    assert text.count(f"short: {sign.short}\n") == 1
    questionnaire.write_text(text.replace(f"short: {sign.short}", f"short: {changed}"), "utf-8")
    library.clear_cache()
    client = Client(headers={"X-Forwarded-Proto": "https"})
    english = get_library(SOURCE).snippets.signs_of(Urgency.EMERGENCY)
    assert get_library(code).snippets.signs_of(Urgency.EMERGENCY)[0].lang == "en"
    # (the line names the few critical signs; the rest are on urgent help)
    english_line = _emergency_line(client.get("/").content.decode())
    with translation.override(code):
        home, region = reverse("home"), reverse("body-map-region", args=["lower-back"])
        urgent_help = reverse("page", args=["urgent-help"])

    line = _emergency_line(client.get(home).content.decode())
    assert line.startswith('<p class="emergency-line" lang="en')
    assert changed in line and all(sign.short in line for sign in english if sign.critical)
    assert f'href="{urgent_help}"' in line
    assert re.sub(r"<[^>]+>", "", line) == re.sub(r"<[^>]+>", "", english_line)
    assert unmarked_english(line, own_words(code)) == []

    callout = re.search(
        r'<p class="callout callout-emergency">.*?</p>', client.get(region).content.decode()
    ).group(0)
    assert changed in callout
    assert unmarked_english(callout, own_words(code)) == []


@pytest.mark.parametrize("code", TRANSLATIONS)
def test_a_stale_snippet_or_self_care_tip_is_shown_whole_in_english_marked(content_tree, code):
    """A snippet placed in a translated paragraph, and a tip of the self-care list, whose
    English changed: each is shown wholly in English (what it places too), marked."""
    questionnaire = content_tree / "self-check.yaml"
    text = questionnaire.read_text(encoding="utf-8")
    english = get_library(SOURCE).questionnaire
    snippet = english.snippets.inline["not-better"]
    tip = english.self_care_items[0].text
    for old in (snippet, tip.split(".")[0]):  # a tip's text may place snippets
        assert text.count(old) == 1
        text = text.replace(old, f"Newly {old}")
    questionnaire.write_text(text, "utf-8")
    library.clear_cache()
    client = Client(headers={"X-Forwarded-Proto": "https"})
    pages = [p for p in get_library(code).pages.values() if "[[not-better]]" in p.body.source]
    with translation.override(code):
        urgent_help = client.get(reverse("page", args=["urgent-help"])).content.decode()
        with_snippet = client.get(reverse("page", args=[pages[0].slug])).content.decode()
    item = re.search(r'<li lang="en">Newly .*?</li>', urgent_help).group(0)
    assert unescape(re.sub(r"<[^>]+>", "", item)) == f"Newly {tip}"
    assert '<span lang="en">Newly ' in with_snippet
    words = own_words(code)
    assert not [p for p in unmarked_english(urgent_help, words) if "Newly" in p]
    assert not [p for p in unmarked_english(with_snippet, words) if "Newly" in p]


@pytest.mark.parametrize("code", TRANSLATIONS)
def test_with_every_sign_translated_the_footer_stays_in_the_language(client, code):
    with translation.override(code):
        line = _emergency_line(client.get(reverse("home")).content.decode())
    assert line.startswith('<p class="emergency-line">')
    signs = get_library(code).snippets.signs_of(Urgency.EMERGENCY)
    assert all(sign.short in unescape(line) for sign in signs if sign.critical)


@pytest.mark.parametrize("code", TRANSLATIONS)
def test_a_translated_reference_list_says_its_sources_are_in_english(client, code):
    with translation.override(code):
        body = client.get(reverse("condition", args=["sciatica"])).content.decode()
    sources = re.search(r'<section class="sources".*?</section>', body, re.DOTALL).group(0)
    titles = [r.title for r in get_library(SOURCE).condition("sciatica").references]
    listed = re.search(r"<ul([^>]*)>(.*?)</ul>", sources, re.DOTALL)
    assert listed.group(1) == ' lang="en-GB"'
    assert all(title in unescape(listed.group(2)) for title in titles)
    note = re.search(r'<p class="sources-language">(.*?)</p>', sources).group(1)
    assert note != "These sources are in English."
    english = client.get("/conditions/sciatica/").content.decode()
    assert "sources-language" not in english and "<ul lang=" not in english
