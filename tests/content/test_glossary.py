"""The glossary: the real terms, the links to them from every page, and the load-time
checks on small literal trees.

People land on an article knowing none of its medical words; the first use of each word
links to a plain definition. These tests pin that every such link lands on a term, that
each term is linked once per page (not every time it is said), that headings and links
are never rewritten, and that a broken glossary or phrase list is refused with its line.
"""

import contextlib
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.urls import NoReverseMatch, reverse

from apps.content.files import ContentError
from apps.content.library import get_library, load_library
from apps.content.markup import Renderer, Snippets, TermLinks
from apps.content.readability import reading_grade
from tests.conftest import write_tiny_content
from tests.site import public_urls

LIBRARY = get_library()
TERMS = LIBRARY.glossary.terms
IDS = {term.id for term in TERMS}
GLOSSARY_LINK = re.compile(r'<a\b[^>]*\bhref="/glossary/#([^"]*)"')
MAX_GRADE = 6


# The real glossary ----------------------------------------------------------------------------


def test_the_glossary_has_at_least_30_terms():
    assert len(TERMS) >= 30


def test_ids_are_unique_and_well_formed():
    """An id is the anchor people and search results link to: /glossary/#sciatic-nerve."""
    counts = Counter(term.id for term in TERMS)
    assert [i for i, n in counts.items() if n > 1] == []
    for term in TERMS:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", term.id), term.id


def test_every_name_belongs_to_one_term_only():
    """A word that named two terms could link to either; each name must mean one thing."""
    owners: dict[str, set[str]] = {}
    for term in TERMS:
        for name in term.names:
            owners.setdefault(name.casefold(), set()).add(term.id)
    assert {name: ids for name, ids in owners.items() if len(ids) > 1} == {}


def test_terms_are_sorted_a_to_z():
    names = [term.term.casefold() for term in TERMS]
    assert names == sorted(names)


@pytest.mark.parametrize("term", TERMS, ids=[t.id for t in TERMS])
def test_every_definition_is_plain_english(term):
    """A definition is read by someone who did not know the word: grade 6 or below."""
    grade = reading_grade(term.definition)
    assert grade <= MAX_GRADE, f"{term.id}: grade {grade:.1f}: {term.definition}"


# Links to the glossary from every page --------------------------------------------------------


DOCUMENTS = {f"{type(d).__name__.lower()}:{d.slug}": d for d in LIBRARY.documents}


@pytest.mark.parametrize("name", list(DOCUMENTS))
def test_every_glossary_link_in_a_document_is_to_a_term_and_each_term_is_linked_once(name):
    links = GLOSSARY_LINK.findall(DOCUMENTS[name].html)
    assert set(links) <= IDS
    assert [i for i, n in Counter(links).items() if n > 1] == []


@pytest.mark.parametrize("document", [*LIBRARY.conditions, *LIBRARY.pages.values()])
def test_every_article_and_guide_links_its_medical_words(document):
    assert GLOSSARY_LINK.findall(document.html), f"{document.slug} links no glossary term"


def served_pages() -> list[str]:
    """Every public page, the glossary, and the exercises page once its route exists."""
    urls = [*public_urls(LIBRARY), "/glossary/"]
    with contextlib.suppress(NoReverseMatch):
        urls.append(reverse("exercises"))
    return list(dict.fromkeys(urls))


@pytest.mark.parametrize("url", served_pages())
def test_every_glossary_link_on_a_served_page_resolves_to_a_term(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert set(GLOSSARY_LINK.findall(response.content.decode())) <= IDS


@pytest.mark.parametrize("url", served_pages())
def test_a_served_page_links_each_term_at_most_once(client, url):
    """A page made of several documents (the exercises page) is still one page: a word
    linked in every section would be noise for screen-reader and keyboard users."""
    links = GLOSSARY_LINK.findall(client.get(url).content.decode())
    assert {i: n for i, n in Counter(links).items() if n > 1} == {}


def names_pattern(term_id: str) -> re.Pattern[str]:
    term = next(t for t in TERMS if t.id == term_id)
    names = sorted((re.escape(n) for n in term.names), key=len, reverse=True)
    return re.compile(rf"(?<![\w-])(?:{'|'.join(names)})(?![\w-])", re.IGNORECASE)


def visible_text(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


@pytest.mark.parametrize("term_id", ["sciatic-nerve", "nerve-root", "physiotherapist"])
def test_the_first_use_of_a_term_in_an_article_is_linked_exactly_once(client, term_id):
    """The sciatica article says these words several times: one link each, at the first
    use in the article's text (later uses, and the region notes, stay plain words)."""
    pattern = names_pattern(term_id)
    body = client.get("/conditions/sciatica/").content.decode()
    assert len(pattern.findall(visible_text(body))) > 1
    anchor = f'href="/glossary/#{term_id}"'
    assert body.count(anchor) == 1
    prose = LIBRARY.condition("sciatica").html
    before = prose[: prose.index(anchor)]
    unlinked = re.sub(r"<h([1-6])\b.*?</h\1>|<a\b.*?</a>", "", before, flags=re.DOTALL)
    assert not pattern.search(visible_text(unlinked))


class Nesting(HTMLParser):
    """Finds links inside links and links inside headings or code."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "a":
            inside = [t for t in self.stack if t in ("a", "h1", "h2", "h3", "h4", "h5", "h6")]
            inside += [t for t in self.stack if t in ("code", "pre")]
            if inside:
                self.problems.append(f"<a {dict(attrs).get('href')}> inside <{inside[-1]}>")
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass


@pytest.mark.parametrize("document", LIBRARY.documents, ids=[d.slug for d in LIBRARY.documents])
def test_headings_and_existing_links_are_never_wrapped(document):
    nesting = Nesting()
    nesting.feed(document.html)
    assert nesting.problems == []


# Linking on small literal sources -------------------------------------------------------------


@pytest.fixture
def renderer() -> Renderer:
    snippets = Snippets(inline={}, signs=(), self_care=())
    terms = TermLinks(
        {
            "disc": "/glossary/#disc",
            "discs": "/glossary/#disc",
            "slipped disc": "/glossary/#herniated-disc",
            "sciatic nerve": "/glossary/#sciatic-nerve",
            "a&e": "/glossary/#a-and-e",
        }
    )
    return Renderer(snippets, terms=terms)


def links(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<a\b[^>]*href="(/glossary/#[^"]+)"[^>]*>([^<]*)</a>', html)


def test_only_the_first_use_is_linked(renderer):
    html = renderer.render("The disc bulges.\n\nA disc can heal. Discs heal.\n")[0]
    assert links(html) == [("/glossary/#disc", "disc")]


def test_the_longest_name_wins_and_case_is_kept(renderer):
    html = renderer.render("A Slipped Disc is not a disc that slips.\n")[0]
    assert links(html) == [
        ("/glossary/#herniated-disc", "Slipped Disc"),
        ("/glossary/#disc", "disc"),
    ]


def test_only_whole_words_are_linked(renderer):
    html = renderer.render("A disco, a discussion and a sub-disc region.\n")[0]
    assert links(html) == []


def test_headings_links_and_code_are_left_alone(renderer):
    source = (
        "## The sciatic nerve\n\n"
        "See [the sciatic nerve](/conditions/sciatica/) and `disc`.\n\n"
        "The sciatic nerve and the disc.\n"
    )
    html = renderer.render(source)[0]
    assert re.search(r"<h2[^>]*>The sciatic nerve</h2>", html)
    assert '<a href="/conditions/sciatica/">the sciatic nerve</a>' in html
    assert "<code>disc</code>" in html
    assert links(html) == [
        ("/glossary/#sciatic-nerve", "sciatic nerve"),
        ("/glossary/#disc", "disc"),
    ]
    assert html.count("<a ") == 3


def test_a_term_with_an_ampersand_is_linked_and_escaped(renderer):
    html = renderer.render("Go to A&E now.\n")[0]
    assert links(html) == [("/glossary/#a-and-e", "A&amp;E")]


def test_emphasis_and_list_items_are_linked_inside(renderer):
    html = renderer.render("- **The disc** bulges\n- a slipped disc\n")[0]
    assert links(html) == [
        ("/glossary/#disc", "disc"),
        ("/glossary/#herniated-disc", "slipped disc"),
    ]
    assert re.search(r"<strong>The <a [^>]*>disc</a></strong>", html)


# Load-time checks on literal trees ------------------------------------------------------------

GLOSSARY_HEAD = """\
title: Tiny glossary
summary: What the tiny words mean.
also_called: [tiny words]
references:
  - title: "Tiny: glossary"
last_reviewed: 2026-03-01
next_review: 2027-03-01
terms:
"""


def tree_with(tmp_path: Path, *, glossary: str | None = None, phrases: str | None = None) -> Path:
    tree = write_tiny_content(tmp_path)
    if glossary is not None:
        (tree / "glossary.yaml").write_text(GLOSSARY_HEAD + glossary, encoding="utf-8")
    if phrases is not None:
        (tree / "phrases.yaml").write_text(phrases, encoding="utf-8")
    return tree


def problems_of(tree: Path) -> list:
    with pytest.raises(ContentError) as error:
        load_library(tree, emergency_number="999", glossary_url="/glossary/")
    return list(error.value.problems)


def line_of(path: Path, text: str, nth: int = 1) -> int:
    """The line number (from 1) of the nth line of ``path`` that holds ``text``."""
    found = [n for n, line in enumerate(path.read_text().splitlines(), start=1) if text in line]
    return found[nth - 1]


def test_the_tiny_tree_with_a_good_glossary_and_phrases_loads(tmp_path):
    """The control for the tests below: the same files, without the fault, load."""
    tree = tree_with(
        tmp_path,
        glossary=(
            "  - id: knot\n    term: Knot\n    definition: A tight spot.\n"
            "  - id: nerve\n    term: Nerve\n    definition: A cord.\n"
            "    also_called: [nerves]\n"
        ),
        phrases="- phrase: tight bum\n  means: [muscle-knot]\n",
    )
    library = load_library(tree, emergency_number="999", glossary_url="/glossary/")
    assert [t.id for t in library.glossary.terms] == ["knot", "nerve"]
    assert library.search.search("tight bum").hits[0].entry.slug == "muscle-knot"
    assert links(library.condition("nerve-ache").html) == [("/glossary/#nerve", "nerve")]


def test_a_duplicate_id_is_a_problem_with_its_file_and_line(tmp_path):
    tree = tree_with(
        tmp_path,
        glossary=(
            "  - id: knot\n    term: Knot\n    definition: A tight spot.\n"
            "  - id: knot\n    term: Nerve\n    definition: A cord.\n"
        ),
    )
    (problem,) = problems_of(tree)
    assert problem.path == tree / "glossary.yaml"
    assert problem.line == line_of(problem.path, "- id: knot", 2)
    assert problem.field == "terms[1].id"
    assert "'knot' is used twice" in problem.message


def test_a_name_owned_by_two_terms_is_a_problem_with_its_file_and_line(tmp_path):
    tree = tree_with(
        tmp_path,
        glossary=(
            "  - id: knot\n    term: Knot\n    definition: A tight spot.\n"
            "    also_called: [trigger point]\n"
            "  - id: nerve\n    term: Nerve\n    definition: A cord.\n"
            "    also_called: [nerves, Trigger Point]\n"
        ),
    )
    (problem,) = problems_of(tree)
    assert problem.path == tree / "glossary.yaml"
    assert problem.line == line_of(problem.path, "also_called: [nerves, Trigger Point]")
    assert "'Trigger Point' already names 'knot'" in problem.message


def test_a_phrase_that_means_an_unknown_slug_is_a_problem_with_its_line(tmp_path):
    tree = tree_with(
        tmp_path,
        phrases=(
            "- phrase: tight bum\n  means: [muscle-knot]\n"
            "- phrase: sore bum\n  means: [muscle-knot, bum-ache]\n"
        ),
    )
    (problem,) = problems_of(tree)
    assert problem.path == tree / "phrases.yaml"
    assert problem.line == line_of(problem.path, "means: [muscle-knot, bum-ache]")
    assert problem.field == "[1].means"
    assert "'bum-ache' is not a page or article" in problem.message
