"""SearchIndex on small literal entries, a relevance table over the real library, fuzzing.

The unit tests pin the rules people rely on without knowing them (stems, names before
text, a half-typed last word, a suggestion for a misspelling); the relevance table pins
that everyday words, other names and misspellings land on the right page in the first
three results, so a content or ranking change that loses one is caught by name.
"""

import re
import time
from pathlib import Path

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from apps.content.library import get_library, load_library
from apps.content.search import (
    MAX_QUERY_LENGTH,
    RESULTS,
    Entry,
    Hit,
    Kind,
    QueryTooLong,
    Results,
    SearchIndex,
    plain,
    words_of,
)
from apps.search.views import hit_url
from tests.perf.synthetic import write_library


def condition(slug: str, title: str, text: str, names: tuple[str, ...] = ()) -> Entry:
    return Entry(Kind.CONDITION, "condition", slug, title, names, text)


def slugs(results: Results) -> list[str]:
    return [hit.entry.slug for hit in results.hits]


# Unit tests on literal entries --------------------------------------------------------------


def test_word_stems_find_other_forms_of_a_word():
    """People type "strains" or "strained"; the page says "strain" (porter stems)."""
    index = SearchIndex(
        [
            condition("pulled", "Pulled muscle", "A strain of the thigh muscle."),
            condition("other", "Other", "Nothing about muscles here."),
        ]
    )
    for query in ("strains", "strained", "straining", "strain"):
        assert slugs(index.search(query)) == ["pulled"], query


def test_a_title_match_ranks_above_a_text_match():
    """The page named after the words is what the person is looking for, even if another
    page mentions them in passing (and comes first in the library)."""
    index = SearchIndex(
        [
            condition("mentions", "Back care", "Knee pain can come with it, and so can hip pain."),
            condition("named", "Knee pain", "What it is and what helps with it."),
        ]
    )
    assert slugs(index.search("knee")) == ["named", "mentions"]


def test_another_name_ranks_above_a_text_match():
    """ "Slipped disc" is another name of the herniated disc page: that page comes first,
    above a page whose text only says the words."""
    index = SearchIndex(
        [
            condition("mentions", "Back care", "A slipped disc is one cause among many."),
            condition("herniated", "Herniated disc", "The soft centre bulges.", ("slipped disc",)),
        ]
    )
    assert slugs(index.search("slipped disc")) == ["herniated", "mentions"]


def test_the_last_word_is_a_prefix_so_results_come_while_typing():
    """Live results update as people type: a half-typed last word already finds the page."""
    index = SearchIndex(
        [
            condition("sciatica", "Sciatica", "Pain down the leg."),
            condition("disc", "Slipped disc", "A disc bulges."),
        ]
    )
    assert slugs(index.search("sciat")) == ["sciatica"]
    assert slugs(index.search("slipped di")) == ["disc"]


def test_every_word_must_match_first_then_any_word():
    """A page with all the words is better than one with some; only when no page has
    them all do pages with any of them come back."""
    index = SearchIndex(
        [
            condition("both", "Back and leg", "Back pain with leg pain."),
            condition("back", "Back only", "Back ache."),
            condition("leg", "Leg only", "Leg ache."),
        ]
    )
    assert slugs(index.search("back leg")) == ["both"]
    either = slugs(index.search("back elbow"))
    assert set(either) == {"both", "back"}


def test_stop_words_are_dropped_unless_they_are_all_there_is():
    """ "What is sciatica" means "sciatica": the question words must not demand a page
    that says "what" and "is", nor pull in every page that does."""
    index = SearchIndex(
        [
            condition("sciatica", "Sciatica", "Pain down the leg."),
            condition("wordy", "Wordy", "What is this? It is what it is."),
        ]
    )
    assert slugs(index.search("what is sciatica")) == ["sciatica"]
    assert slugs(index.search("what is")) == ["wordy"]


def test_the_snippet_marks_the_matched_words_and_keeps_the_rest_plain():
    """The view puts <mark> around the marked pieces only; the pieces join back into the
    text as written (stems marked too)."""
    text = "Pain travels from the back down the leg. Legs may feel heavy."
    index = SearchIndex([condition("leg", "Leg pain", text)])
    (hit,) = index.search("leg").hits
    assert isinstance(hit, Hit)
    assert [piece for piece, marked in hit.snippet if marked] == ["leg", "Legs"]
    assert hit.snippet_text == text
    assert all(isinstance(piece, str) and piece for piece, _ in hit.snippet)
    assert not any("\x02" in piece or "\x03" in piece for piece, _ in hit.snippet)


def test_plain_text_keeps_the_words_of_links_and_drops_the_markup():
    """Snippets are cut from this text, so it must read as the page reads: "such as
    sciatica." and not "such as  sciatica ." or a stray list dash."""
    source = (
        "## What it is\n\nSuch as [sciatica](/conditions/sciatica/).\n\n"
        "- **numbness** in the leg\n1. rest\n"
    )
    text = plain(source)
    assert "Such as sciatica." in text
    assert not re.search(r"[#*\[\]()\n]|\s{2,}|\s[.,:;]|(^|\s)(-|1\.)\s", text), repr(text)
    assert words_of(text) == [
        "what",
        "it",
        "is",
        "such",
        "as",
        "sciatica",
        "numbness",
        "in",
        "the",
        "leg",
        "rest",
    ]


def test_a_misspelling_gets_a_suggestion_from_the_vocabulary():
    """Not close enough to search on its own, but worth a "Did you mean"."""
    index = SearchIndex([condition("sciatica", "Sciatica", "Pain down the leg.")])
    results = index.search("sciatx")
    assert results.hits == ()
    assert results.suggestion == "sciatica"
    assert results.corrected is False


def test_a_confident_suggestion_with_no_hits_is_searched_instead():
    """ "sciatca" finds nothing as typed; the site shows the results for "sciatica" and
    says so."""
    index = SearchIndex(
        [
            condition("sciatica", "Sciatica", "Pain down the leg."),
            condition("other", "Other", "Nothing to see."),
        ]
    )
    results = index.search("sciatca")
    assert results.query == "sciatca"
    assert results.suggestion == "sciatica"
    assert results.corrected is True
    assert slugs(results) == ["sciatica"]


def test_suggestions_come_from_titles_and_names_not_body_text():
    """A word only in the text is not a name anything is known by, so it is never
    suggested (and known words are left as they are)."""
    index = SearchIndex([condition("disc", "Herniated disc", "Rare zygapophyseal pain.")])
    assert "zygapophyseal" not in index.vocabulary
    assert {"herniated", "disc"} <= set(index.vocabulary)
    assert index.search("zygapophysial").suggestion is None
    assert index.search("herniated").suggestion is None


def test_a_query_over_the_limit_is_refused():
    index = SearchIndex([condition("sciatica", "Sciatica", "Pain down the leg.")])
    assert isinstance(index.search("a" * MAX_QUERY_LENGTH), Results)
    with pytest.raises(QueryTooLong):
        index.search("a" * (MAX_QUERY_LENGTH + 1))


@pytest.mark.parametrize("query", ["", "   ", "!?!", '"', "*"])
def test_an_empty_query_finds_nothing_and_suggests_nothing(query):
    index = SearchIndex([condition("sciatica", "Sciatica", "Pain down the leg.")])
    assert index.search(query) == Results(query, ())


def test_a_glossary_definition_counts_for_less_than_a_page_that_explains():
    """A short definition would win bm25 on length alone; people mostly want the page."""
    index = SearchIndex(
        [
            Entry(Kind.GLOSSARY, "glossary", "", "Sciatica", (), "Pain down one leg.", "sciatica"),
            condition("sciatica", "Sciatica", "Pain down the leg. " * 20),
        ]
    )
    assert [hit.entry.kind for hit in index.search("sciatica").hits] == [
        Kind.CONDITION,
        Kind.GLOSSARY,
    ]


# The relevance table over the real library --------------------------------------------------

RELEVANCE = [
    # The names of pages
    ("sciatica", "condition:sciatica"),
    ("osteoarthritis", "condition:arthritis"),
    ("DVT", "glossary:deep-vein-thrombosis"),
    ("sciatic nerve", "glossary:sciatic-nerve"),
    # Other names
    ("slipped disc", "condition:herniated-disc"),
    ("prolapsed disc", "condition:herniated-disc"),
    ("trapped nerve", "condition:sciatica"),
    ("pinched nerve", "condition:sciatica"),
    ("lumbago", "page:overview"),
    ("wear and tear", "condition:arthritis"),
    ("slouching", "condition:poor-posture"),
    ("broken hip", "condition:injury-and-fractures"),
    ("cauda equina", "page:urgent-help"),
    ("sick note", "glossary:fit-note"),
    ("co-codamol", "glossary:codeine"),
    # Symptoms in everyday words
    ("pins and needles", "condition:sciatica"),
    ("pain down my leg", "condition:sciatica"),
    ("numb foot", "condition:sciatica"),
    ("can't pee", "page:urgent-help"),
    ("numb bum", "page:urgent-help"),
    ("bum pain", "condition:sciatica"),
    ("stiff in the morning", "condition:arthritis"),
    ("pulled hamstring", "condition:muscle-strains-and-tears"),
    ("tight hamstrings", "condition:muscle-tightness"),
    ("shin splints", "condition:overuse"),
    ("limping", "condition:gait-problems"),
    ("swollen calf", "page:urgent-help"),
    ("pain when I cough or sneeze", "condition:herniated-disc"),
    ("hurt my back lifting", "condition:muscle-strains-and-tears"),
    # Misspellings
    ("sciatca", "condition:sciatica"),
    ("siatica", "condition:sciatica"),
    ("hamstrng", "condition:muscle-strains-and-tears"),
    ("arthritus", "condition:arthritis"),
    ("herniated disk", "condition:herniated-disc"),
    ("slipped disk", "condition:herniated-disc"),
    # Questions
    ("when should I worry about back pain", "page:urgent-help"),
    ("do I need a scan", "page:tests-and-scans"),
    ("what painkillers can I take", "page:pain-relief"),
    ("should I rest in bed", "page:self-help"),
    ("can I go to work with back pain", "page:self-help"),
    # Guides
    ("fit note", "page:self-help"),
    ("ibuprofen", "page:pain-relief"),
    ("heat or ice", "page:self-help"),
    ("physio", "page:seeing-a-gp-or-physio"),
    ("MRI", "page:tests-and-scans"),
    ("lower back pain", "page:overview"),
]


def key(hit: Hit) -> str:
    """A result as the table names it: kind, then slug (or glossary anchor)."""
    entry = hit.entry
    return f"{entry.kind.value}:{entry.anchor or entry.slug}"


def test_the_relevance_table_names_real_pages():
    """A typo in the table would make its row fail for the wrong reason."""
    library = get_library()
    known = {
        *(f"condition:{c.slug}" for c in library.conditions),
        *(f"page:{slug}" for slug in library.pages),
        *(f"glossary:{t.id}" for t in library.glossary.terms),
    }
    assert len(RELEVANCE) >= 30
    assert {expected for _, expected in RELEVANCE} <= known


@pytest.mark.parametrize(("query", "expected"), RELEVANCE, ids=[q for q, _ in RELEVANCE])
def test_everyday_queries_find_the_right_page_in_the_first_three(query, expected):
    results = get_library().search.search(query)
    top = [key(hit) for hit in results.hits[:3]]
    assert expected in top, f"{query!r}: expected {expected} in the top 3, got {top}"


PHRASES = get_library().phrases


def phrase_target(slug: str) -> str:
    """The address a phrase means: an article, or a page at /<slug>/ (the exercises too)."""
    if slug in {c.slug for c in get_library().conditions}:
        return reverse("condition", kwargs={"slug": slug})
    return f"/{slug}/"


@pytest.mark.parametrize("phrase", PHRASES, ids=[p.phrase for p in PHRASES])
def test_every_everyday_phrase_finds_the_pages_it_means(phrase):
    """content/phrases.yaml says which pages each phrase means: the first one it names
    comes in the top 3, and every one of them is among the results."""
    urls = [hit_url(hit) for hit in get_library().search.search(phrase.phrase).hits]
    first = phrase_target(phrase.means[0])
    assert first in urls[:3], f"{phrase.phrase!r}: expected {first} in the top 3, got {urls[:3]}"
    missing = [phrase_target(slug) for slug in phrase.means if phrase_target(slug) not in urls]
    assert missing == [], f"{phrase.phrase!r}: {missing} not found in {urls}"


# Fuzzing: whatever people type, search answers -------------------------------------------

FTS_SYNTAX = ['"', "AND", "OR", "NOT", "NEAR(", "NEAR", "*", "(", ")", "-", "^", ":", "{", "}"]
FTS_SYNTAX += ["+", "'", "title:", "names:", "pages", "rowid", ";", "--", "\x00", "\x02", "\x03"]
pieces = st.one_of(
    st.sampled_from(FTS_SYNTAX),
    st.sampled_from(["sciatica", "slipped", "disc", "leg", "pain", "a", "the", "é", "ß", "ǅ"]),
    st.text(max_size=12),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=12),
    st.text(alphabet=st.characters(categories=["Cc", "Cf", "Zs", "Mn", "So"]), max_size=6),
)
queries = st.one_of(
    st.text(max_size=MAX_QUERY_LENGTH),
    st.lists(pieces, max_size=30).map(" ".join),
    st.lists(pieces, max_size=30).map("".join),
).map(lambda text: text[:MAX_QUERY_LENGTH])


@hypothesis_settings(max_examples=400, deadline=2000)
@given(query=queries)
def test_any_query_up_to_the_limit_answers_with_results(query):
    """What a person types never reaches SQLite as syntax, so nothing they type fails."""
    results = get_library().search.search(query)
    assert isinstance(results, Results)
    assert results.query == query
    assert all(isinstance(hit, Hit) for hit in results.hits)
    assert len(results.hits) <= RESULTS
    assert results.suggestion is None or isinstance(results.suggestion, str)


@hypothesis_settings(max_examples=50, deadline=2000)
@given(query=st.text(min_size=MAX_QUERY_LENGTH + 1, max_size=2 * MAX_QUERY_LENGTH + 50))
def test_any_query_over_the_limit_is_refused(query):
    with pytest.raises(QueryTooLong):
        get_library().search.search(query)


# Scale ----------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def synthetic_library(tmp_path_factory):
    tree = write_library(Path(tmp_path_factory.mktemp("synthetic")) / "content", 200)
    return load_library(tree, emergency_number="999", glossary_url="/glossary/")


def test_a_library_of_200_conditions_still_answers_quickly(synthetic_library):
    """Every article's text is indexed: a word every page has still gives a bounded,
    ranked list, a title finds its own page first, and queries stay fast."""
    search = synthetic_library.search
    assert len(search.entries) >= 200
    assert slugs(search.search("Synthetic condition 0137"))[0] == "condition-0137"
    assert len(search.search("sciatica").hits) == RESULTS
    assert search.search("sciatca").corrected
    started = time.perf_counter()
    for number in range(50):
        search.search(f"synthetic condition {number:04d} leg pain")
        search.search("pins and needles")
    assert time.perf_counter() - started < 5, "100 searches over 200 conditions took over 5s"
