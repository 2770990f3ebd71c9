"""Integrity of the real content folder: what every article must have, and must never say."""

import datetime as dt
import html
import re

import pytest
from django.conf import settings

from apps.content.library import get_library
from apps.content.readability import reading_grade
from apps.content.regions import REGIONS
from apps.content.vocabulary import Urgency
from tests.site import CLINICAL_SLUGS, CONTRACT_RED_FLAGS

SLUGS = [c.slug for c in get_library().conditions]
SECTIONS = (
    "What it is",
    "Symptoms",
    "Causes",
    "Who gets it",
    "What you can do now",
    "When to get help",
)


INLINE_TAGS = re.compile(r"</?(?:a|strong|em|span|mark|code|abbr|time)\b[^>]*>")


def _text(fragment: str) -> str:
    """What a person reads: a linked or bold word reads as the word; each block (paragraph,
    list item, heading) is a line of its own; spaces folded."""
    text = re.sub(r"<[^>]+>", "\n", INLINE_TAGS.sub("", fragment))
    lines = (" ".join(line.split()) for line in html.unescape(text).splitlines())
    return "\n".join(line for line in lines if line)


def _section(condition, title: str) -> str:
    """The HTML of one ## section of an article."""
    parts = re.split(r"(<h2 id=\"[^\"]+\">.*?</h2>)", condition.html)
    for index, part in enumerate(parts):
        if re.fullmatch(rf"<h2 id=\"[^\"]+\">{re.escape(title)}</h2>", part):
            return parts[index + 1]
    raise AssertionError(f"{condition.slug} has no section {title!r}")


@pytest.fixture(scope="module")
def library():
    return get_library()


def test_every_condition_of_the_clinical_notes_has_an_article(library):
    assert {c.slug for c in library.conditions} >= set(CLINICAL_SLUGS)
    assert {"overview", "urgent-help"} <= set(library.pages)


@pytest.mark.parametrize("slug", SLUGS)
def test_article_has_the_six_sections_in_order(library, slug):
    titles = [h.title for h in library.condition(slug).toc]
    positions = [titles.index(section) for section in SECTIONS]
    assert positions == sorted(positions), titles


@pytest.mark.parametrize("slug", SLUGS)
def test_when_to_get_help_links_to_urgent_help_and_names_the_emergency_number(library, slug):
    section = _section(library.condition(slug), "When to get help")
    assert 'href="/urgent-help/"' in section
    assert settings.EMERGENCY_NUMBER in _text(section)


@pytest.mark.parametrize("slug", SLUGS)
def test_references_and_review_dates(library, slug):
    condition = library.condition(slug)
    assert condition.references
    assert any(r.title.startswith(("NHS", "NICE")) for r in condition.references)
    today = dt.date(2026, 11, 24)
    assert condition.last_reviewed <= today + dt.timedelta(days=365)
    assert (
        condition.last_reviewed
        < condition.next_review
        <= condition.last_reviewed.replace(year=condition.last_reviewed.year + 2)
    )


@pytest.mark.parametrize("slug", SLUGS)
def test_plain_english_short_sentences(library, slug):
    """Average sentence length under 20 words (plain-English guides aim for 15 to 20)."""
    text = _text(library.condition(slug).html)
    sentences = [s for s in re.split(r"[.!?:]\s+|\n+", text) if len(s.split()) > 2]
    average = sum(len(s.split()) for s in sentences) / len(sentences)
    assert average < 20, f"{slug}: {average:.1f} words a sentence"


def test_every_region_is_affected_by_some_condition(library):
    for region in REGIONS:
        assert library.affecting(region.id), f"no condition affects {region.id}"


@pytest.mark.parametrize("slug", SLUGS)
def test_self_check_profile_is_specific(library, slug):
    """Each condition has a few hallmarks, and not so many that it matches everything."""
    profile = library.condition(slug).profile
    typical = [v for d in profile.dimensions.values() for v in d.typical]
    assert 3 <= len(typical) <= 9, typical


# Section 2 of the clinical notes: claims the source got wrong. None may appear.
WRONG_CLAIMS = [
    (r"ligaments?[^.]*\bwear", "arthritis is not ligaments wearing out"),
    (r"nerve damage", "arthritis presses on or irritates nerves; it does not 'damage' them"),
    (r"hamstring[^.\n]*groin|groin[^.\n]*hamstring", "no hamstring-groin-back chain"),
    (r"poor posture causes|posture is the cause", "posture can aggravate, not cause"),
    (r"running (?:is )?bad for|avoid running", "never imply running is bad for backs"),
    (r"sciatica (?:can|may) (?:be|hurt) anywhere", "sciatica follows the nerve, usually one side"),
]


@pytest.mark.parametrize(("pattern", "why"), WRONG_CLAIMS)
def test_no_corrected_claim_appears_anywhere(library, pattern, why):
    documents = [*library.conditions, *library.pages.values()]
    for document in documents:
        text = _text(document.html).lower()
        assert not re.search(pattern, text), f"{document.slug}: {why}"


def test_arthritis_says_cartilage_and_inflammatory_types(library):
    text = _text(library.condition("arthritis").html).lower()
    assert "cartilage" in text
    assert "spondyloarthritis" in text


def test_sciatica_names_cauda_equina_and_both_legs_as_an_emergency(library):
    text = _text(library.condition("sciatica").html).lower()
    assert "cauda equina" in text
    assert "both legs" in text
    assert "one side" in text or "one leg" in text


def test_posture_article_says_aggravate_not_cause(library):
    text = _text(library.condition("poor-posture").html).lower()
    assert re.search(r"aggravat|trigger|make .* worse", text)


def test_overuse_article_says_exercise_helps(library):
    text = _text(library.condition("overuse").html).lower()
    assert "exercise" in text and re.search(r"main treatment|helps? most|best treatment", text)


def test_urgent_help_covers_every_red_flag(library):
    """Every red flag of the library (the contract's among them) is on urgent help, in
    its own words, and the emergencies come first."""
    text = _text(library.page("urgent-help").html)
    flags = library.questionnaire.red_flags
    assert set(CONTRACT_RED_FLAGS) <= {flag.id for flag in flags}
    for flag in flags:
        assert _text(flag.label) in text, f"urgent help does not mention {flag.id}"
    assert settings.EMERGENCY_NUMBER in text and "112" in text and "911" in text
    first_urgent = min(text.index(_text(f.label)) for f in flags if f.urgency == "urgent")
    last_emergency = max(text.index(_text(f.label)) for f in flags if f.urgency == "emergency")
    assert last_emergency < first_urgent


# Every safety fact said once: the warning signs come from their one home.

EVERY_DOCUMENT = [
    *(("condition", c.slug) for c in get_library().conditions),
    *(("page", slug) for slug in ("overview", "urgent-help")),
]


def _document(library, kind: str, slug: str):
    return library.condition(slug) if kind == "condition" else library.page(slug)


@pytest.mark.parametrize(("kind", "slug"), EVERY_DOCUMENT)
def test_shows_the_complete_list_of_emergency_signs_from_the_one_source(library, kind, slug):
    """Compared with the warning signs themselves, not with a copied string."""
    text = _text(_document(library, kind, slug).html)
    signs = library.snippets.signs_of(Urgency.EMERGENCY)
    assert signs, "the content defines no emergency signs"
    for sign in signs:
        assert _text(sign.label) in text, f"{slug} leaves out: {sign.label}"


def test_urgent_help_places_every_sign_of_every_urgency_with_what_to_do(library):
    text = _text(library.page("urgent-help").html)
    for sign in library.snippets.signs:
        assert _text(sign.label) in text
        assert _text(sign.advice) in text


@pytest.mark.parametrize("document", get_library().documents, ids=lambda d: d.slug)
def test_no_page_writes_a_warning_sign_out_by_hand(document):
    """A sign's wording lives in content/self-check.yaml; pages place it with a directive."""
    for sign in get_library().snippets.signs:
        assert sign.label not in document.body.source, (document.slug, sign.label)


HEAT = re.compile(r"\b(heat|hot water bottle|warm bath|ice)\b", re.IGNORECASE)
ANTI_INFLAMMATORY = re.compile(r"\b(ibuprofen|anti-inflammator\w*|NSAIDs?)\b", re.IGNORECASE)


def _paragraphs(html: str) -> list[str]:
    return [_text(p) for p in re.findall(r"<(?:p|li)>(.*?)</(?:p|li)>", html, re.DOTALL)]


@pytest.mark.parametrize("document", get_library().documents, ids=lambda d: d.slug)
def test_heat_is_never_suggested_without_the_numb_skin_warning(document):
    caution = _text(get_library().questionnaire.snippets.inline["heat-caution"])
    for paragraph in _paragraphs(document.html):
        if HEAT.search(paragraph) and re.search(r"\b(use|try|put|apply|help|ease)", paragraph):
            assert caution in paragraph or "numb" in paragraph, (document.slug, paragraph)


@pytest.mark.parametrize("document", get_library().documents, ids=lambda d: d.slug)
def test_anti_inflammatories_never_come_without_their_cautions(document):
    inline = get_library().questionnaire.snippets.inline
    caution = _text(inline["anti-inflammatory-cautions"])
    in_pregnancy = _text(inline["pregnancy-painkillers"])  # "do not take" is its own caution
    for paragraph in _paragraphs(document.html):
        if ANTI_INFLAMMATORY.search(paragraph):
            assert caution in paragraph or in_pregnancy in paragraph, (document.slug, paragraph)


def test_the_self_care_list_carries_both_cautions(library):
    tips = " ".join(library.snippets.self_care)
    assert library.snippets.inline["heat-caution"] in tips
    assert library.snippets.inline["anti-inflammatory-cautions"] in tips
    assert library.snippets.inline["not-better"] in tips


# Every page, old and new: references, review dates and plain English.


@pytest.mark.parametrize("document", get_library().documents, ids=lambda d: d.slug)
def test_every_page_has_references_and_review_dates(document):
    assert document.references, f"{document.slug} names no source"
    assert document.last_reviewed < document.next_review


@pytest.mark.parametrize("document", get_library().documents, ids=lambda d: d.slug)
def test_every_page_reads_at_grade_6_or_below(document):
    """Flesch-Kincaid grade of what a person reads on the page (textstat, CMU dictionary)."""
    grade = reading_grade(document.html)
    assert grade <= 6, f"{document.slug}: reading grade {grade:.1f}"


def test_the_pain_relief_guide_gives_every_caution_of_the_clinical_notes(library):
    text = _text(library.page("pain-relief").html)
    snippets = library.snippets.inline
    assert _text(snippets["anti-inflammatory-cautions"]) in text
    assert _text(snippets["paracetamol-for-back-pain"]) in text
    lowered = text.lower()
    for words in (
        "lowest dose",  # anti-inflammatories: the lowest dose for the shortest time
        "3 days",  # codeine bought without a prescription: 3 days at most
        "addictive",
        "gabapentin",  # what NICE advises against for sciatica
        "pregabalin",
        "steroid tablets",
        "benzodiazepines",
        "pharmacist",
    ):
        assert words in lowered, f"pain relief does not say {words!r}"
    assert re.search(r"no opioids|not .{0,40}opioids|opioids .{0,60}not", lowered)
