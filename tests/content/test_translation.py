"""Translated content: words over the English, where they came from, and never a stale
safety fact (apps.content.translation, and the library read through a translation)."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from apps.content import library
from apps.content.checks import translation_notes
from apps.content.files import ContentError
from apps.content.library import load_library
from apps.content.translation import (
    Language,
    State,
    entries,
    entry_hash,
    overlay,
    overlay_entries,
    stamps_for,
    words_of,
)

TRANSLATIONS = [code for code, _ in settings.LANGUAGES if code != settings.LANGUAGE_CODE]

# Small literal inputs -------------------------------------------------------------------


def test_words_leave_the_logic_behind():
    entry = {
        "id": "weak-bones",
        "urgency": "urgent",
        "when": {"about": ["steroids"]},
        "reason": "You take steroid tablets.",
        "sign": {"label": "Sudden back pain", "short": "sudden pain"},
        "options": [{"id": "a", "label": "A", "weighs": False}, {"id": "b", "label": "B"}],
    }
    assert words_of(entry) == {
        "reason": "You take steroid tablets.",
        "sign": {"label": "Sudden back pain", "short": "sudden pain"},
        "options": {"a": {"label": "A"}, "b": {"label": "B"}},
    }


def test_a_translation_replaces_words_and_keeps_ids_logic_and_order():
    english = {
        "title": "Sciatica",
        "regions": ["lower-back", "left-calf"],
        "also_called": ["trapped nerve", "pinched nerve"],
        "region_notes": {"calf": "Down to the calf.", "thigh": "Down the thigh."},
        "options": [{"id": "one", "label": "One leg"}, {"id": "both", "label": "Both legs"}],
    }
    words = {
        "title": "Rwa kulszowa",
        "also_called": ["korzonki"],
        "region_notes": {"calf": "Aż do łydki."},
        "options": [{"id": "both", "label": "Obie nogi"}, {"id": "one", "label": "Jedna noga"}],
        "regions": ["nowhere"],  # not words: the English keeps its own
    }
    merged = overlay(english, words)
    assert merged["title"] == "Rwa kulszowa"
    assert merged["also_called"] == ["korzonki"]
    assert merged["region_notes"] == {"calf": "Aż do łydki.", "thigh": "Down the thigh."}
    assert [o["label"] for o in merged["options"]] == ["Jedna noga", "Obie nogi"]
    assert [o["id"] for o in merged["options"]] == ["one", "both"]


ENGLISH_LIBRARY = {
    "intro": "Hello.",
    "snippets": {"not-better": "See a GP.", "heat": "Mind the heat."},
    "red_flags": [
        {"id": "fever", "urgency": "urgent", "label": "A fever", "reference": "NHS"},
        {"id": "fall", "urgency": "emergency", "label": "A bad fall", "reference": "NHS"},
    ],
    "self_care": ["Keep moving.", {"text": "Ask a pharmacist.", "unless": {"about": ["x"]}}],
}
POLISH_LIBRARY = {
    "intro": "Cześć.",
    "snippets": {"not-better": "Idź do lekarza.", "heat": "Uważaj na ciepło."},
    "red_flags": {"fever": {"label": "Gorączka"}, "fall": {"label": "Groźny upadek"}},
    "self_care": ["Ruszaj się.", "Zapytaj farmaceutę."],
}


def test_each_entry_is_judged_on_its_own():
    polish = {**POLISH_LIBRARY, "sources": stamps_for(ENGLISH_LIBRARY, POLISH_LIBRARY)}
    merged, english_only = overlay_entries(ENGLISH_LIBRARY, polish)
    assert english_only == ()
    assert [f["label"] for f in merged["red_flags"]] == ["Gorączka", "Groźny upadek"]
    assert merged["self_care"][1] == {"text": "Zapytaj farmaceutę.", "unless": {"about": ["x"]}}

    changed = {
        **ENGLISH_LIBRARY,
        "red_flags": [
            ENGLISH_LIBRARY["red_flags"][0],
            {**ENGLISH_LIBRARY["red_flags"][1], "label": "A fall from a height"},
        ],
    }
    merged, english_only = overlay_entries(changed, polish)
    assert english_only == ("red_flags.fall",)
    assert [f["label"] for f in merged["red_flags"]] == ["Gorączka", "A fall from a height"]
    assert merged["intro"] == "Cześć."


def test_an_untranslated_entry_stays_in_english():
    polish = {key: value for key, value in POLISH_LIBRARY.items() if key != "intro"}
    merged, english_only = overlay_entries(
        ENGLISH_LIBRARY, {**polish, "sources": stamps_for(ENGLISH_LIBRARY, polish)}
    )
    assert english_only == ("intro",)
    assert merged["intro"] == "Hello."


def test_a_stamp_of_digits_alone_still_matches():
    """YAML reads a stamp like 3770852835355929 as a number."""
    words = dict(entries(ENGLISH_LIBRARY))["intro"]
    polish = {"intro": "Cześć.", "sources": {"intro": int(entry_hash(words), 16)}}
    assert overlay_entries({"intro": "Hello."}, polish)[1] == ("intro",)
    digits = {"intro": "Cześć.", "sources": {"intro": 1234}}
    assert overlay_entries({"intro": "Hello."}, digits)[1] == ("intro",)


def test_a_language_sorts_by_its_own_alphabet():
    polish = Language(code="pl", alphabet="aąbcćdeęfghijklłmnńoópqrsśtuvwxyzźż")
    words = ["łydka", "lędźwie", "żyła", "zapalenie", "miednica", "Ścięgno", "siniak"]
    assert sorted(words, key=polish.order) == [
        "lędźwie",
        "łydka",
        "miednica",
        "siniak",
        "Ścięgno",
        "zapalenie",
        "żyła",
    ]


# The real content -----------------------------------------------------------------------


@pytest.mark.parametrize("code", TRANSLATIONS)
def test_every_translation_is_whole_and_current(code):
    """Each translated page records its source and is up to date with the English."""
    translated = library.get_library(code)
    assert translation_notes(translated) == []
    for document in translated.documents:
        provenance = document.provenance
        assert provenance is not None and provenance.state is State.CURRENT, document.source
        assert provenance.method and provenance.translated, document.source
        assert provenance.file is not None and code in provenance.file.parts
    assert translated.glossary.provenance.state is State.CURRENT
    assert translated.questionnaire.provenance.state is State.CURRENT
    assert not any(flag.lang for flag in translated.questionnaire.red_flags)


@pytest.mark.parametrize("code", TRANSLATIONS)
def test_a_translation_keeps_the_english_logic(code):
    english, translated = library.get_library(settings.LANGUAGE_CODE), library.get_library(code)
    assert sorted(c.slug for c in english.conditions) == sorted(
        c.slug for c in translated.conditions
    )
    for condition in english.conditions:
        other = translated.condition(condition.slug)
        assert other.regions == condition.regions
        assert other.profile.key.any == condition.profile.key.any
        assert other.references == condition.references
        assert other.title != condition.title or condition.slug == "spondylolisthesis"
    assert [f.id for f in translated.questionnaire.red_flags] == [
        f.id for f in english.questionnaire.red_flags
    ]
    assert translated.questionnaire.rules == english.questionnaire.rules or [
        (r.id, r.urgency, r.when) for r in translated.questionnaire.rules
    ] == [(r.id, r.urgency, r.when) for r in english.questionnaire.rules]


def _polish_tree(content_tree: Path) -> Path:
    return content_tree / "translations" / "pl"


def _load(content_tree: Path, code: str = "pl"):
    return load_library(content_tree, emergency_number="999", language=code)


def test_a_changed_english_red_flag_falls_back_for_that_sign_only(content_tree):
    questionnaire = content_tree / "self-check.yaml"
    text = questionnaire.read_text(encoding="utf-8")
    old = (
        "    label: Numbness or tingling around your genitals, bottom (anus), buttocks or"
        " inner thighs"
    )
    assert old in text
    new = old.replace("Numbness or tingling", "New numbness or tingling")
    questionnaire.write_text(text.replace(old, new), encoding="utf-8")

    polish = _load(content_tree)
    flags = {flag.id: flag for flag in polish.questionnaire.red_flags}
    assert flags["saddle-numbness"].lang == "en"
    assert flags["saddle-numbness"].label == new.split("label: ")[1]
    others = [flag for flag in flags.values() if flag.id != "saddle-numbness"]
    assert others and not any(flag.lang for flag in others)
    signs = {sign.label: sign for sign in polish.snippets.signs}
    assert signs[flags["saddle-numbness"].label].lang == "en"
    assert [n for n in translation_notes(polish) if "saddle-numbness" in n]
    # Wherever a page places the signs, that one is marked as English, and only it.
    label = flags["saddle-numbness"].label
    assert re.findall(r'<li lang="en">([^<]*)', polish.condition("sciatica").html) == [label]
    urgent_help = polish.page("urgent-help").html
    assert re.findall(r'<p lang="en"><strong>The sign:</strong> ([^<]*)', urgent_help) == [label]
    assert len(re.findall(r'<h3 [^>]*lang="en"', urgent_help)) == 1


def test_a_changed_english_page_makes_its_translation_stale(content_tree):
    article = content_tree / "conditions" / "overuse.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nOne more line.\n", "utf-8")
    polish = _load(content_tree)
    assert polish.condition("overuse").provenance.state is State.STALE
    assert polish.condition("overuse").title != "Overuse"  # still the translated words
    assert polish.condition("sciatica").provenance.state is State.CURRENT
    assert any("overuse.md: stale" in note for note in translation_notes(polish))


def test_a_missing_translation_shows_the_english_and_says_so(content_tree):
    (_polish_tree(content_tree) / "conditions" / "overuse.md").unlink()
    polish = _load(content_tree)
    english = _load(content_tree, settings.LANGUAGE_CODE)
    assert polish.condition("overuse").provenance.state is State.MISSING
    assert polish.condition("overuse").title == english.condition("overuse").title
    assert any("conditions/overuse.md: no pl translation" in n for n in translation_notes(polish))


def test_a_translation_holds_only_words(content_tree):
    page = _polish_tree(content_tree) / "conditions" / "sciatica.md"
    page.write_text(
        page.read_text(encoding="utf-8").replace("\ntitle:", "\nregions: [left-elbow]\ntitle:", 1),
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as raised:
        _load(content_tree)
    problems = [str(p) for p in raised.value.problems]
    assert any(
        "translations/pl/conditions/sciatica.md" in p and "only words" in p for p in problems
    )


def test_a_translation_must_say_where_it_came_from(content_tree):
    page = _polish_tree(content_tree) / "pages" / "overview.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(re.sub(r"(?m)^  method: .*\n", "", text, count=1), encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        _load(content_tree)
    assert any(
        "translations/pl/pages/overview.md" in str(p) and "method" in str(p)
        for p in raised.value.problems
    )


@pytest.mark.parametrize(
    ("query", "slug"),
    [
        ("rwa kulszowa", "sciatica"),
        ("korzonki", "sciatica"),
        ("rwy kulszowej", "sciatica"),
        ("bol krzyza", None),
        ("zakrzepica", "deep-vein-thrombosis"),
        ("zwężenie kanału kręgowego", "spinal-stenosis"),
        ("ból biodra w nocy", "trochanteric-hip-pain"),
        ("rwa kulszwa", "sciatica"),
    ],
)
def test_polish_search_finds_polish_pages(query, slug):
    results = library.get_library("pl").search.search(query)
    assert results.hits, query
    if slug is not None:
        assert slug in [hit.entry.slug for hit in results.hits[:3]], query


def test_the_translations_command_lists_what_is_stale_and_records_a_new_source(content_tree):
    """``manage.py translations`` names the entry; ``--stamp`` records that the file now
    translates the English as it is (after the translator brought it up to date)."""
    import io

    from django.core.management import call_command

    questionnaire = content_tree / "self-check.yaml"
    text = questionnaire.read_text(encoding="utf-8")
    questionnaire.write_text(
        text.replace("  not-better: See a GP", "  not-better: Please see a GP"), "utf-8"
    )
    out = io.StringIO()
    call_command("translations", stdout=out)
    assert "'snippets.not-better' is shown in English" in out.getvalue()

    polish = _polish_tree(content_tree) / "self-check.yaml"
    call_command("translations", "--stamp", "pl", str(polish), stdout=io.StringIO())
    out = io.StringIO()
    call_command("translations", stdout=out)
    assert "pl: up to date" in out.getvalue()
    assert not _load(content_tree).questionnaire.provenance.stale_entries
