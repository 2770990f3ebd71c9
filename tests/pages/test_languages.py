"""Every page in every language: the address says the language, nothing else does.

The site contract's "Languages": English with no prefix, each translation under its code,
the same slugs and parameters; no cookie and no redirect; a switcher of plain links; lang,
dir, Content-Language, hreflang alternates, og:locale and JSON-LD inLanguage; and a
translation that never shows a stale safety fact.
"""

import json
import re
from html import unescape
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse, translate_url
from django.utils import translation

from apps.content import library
from apps.content.library import get_library
from apps.pages.context_processors import bcp47
from tests.site import public_urls

SOURCE = settings.LANGUAGE_CODE
TRANSLATIONS = [code for code, _ in settings.LANGUAGES if code != SOURCE]
ALL = [code for code, _ in settings.LANGUAGES]


def fresh_client() -> Client:
    return Client(headers={"X-Forwarded-Proto": "https"})


def urls_in(code: str) -> list[str]:
    with translation.override(code):
        return public_urls(get_library(code))


def alternates(body: str) -> dict[str, str]:
    return {
        lang: unescape(href)
        for lang, href in re.findall(
            r'<link rel="alternate" hreflang="([^"]+)" href="https?://[^/"]+([^"]*)">', body
        )
    }


def test_english_has_no_prefix_and_each_translation_its_code():
    english, twins = urls_in(SOURCE), {code: urls_in(code) for code in TRANSLATIONS}
    assert english and all(not url.startswith(f"/{code}/") for url in english for code in twins)
    for code, urls in twins.items():
        assert all(url.startswith(f"/{code}/") for url in urls)
        assert sorted(url.removeprefix(f"/{code}") for url in urls) == sorted(english)


@pytest.mark.parametrize("code", TRANSLATIONS)
def test_every_english_page_has_its_twin_and_each_links_to_the_other(client, code):
    problems = []
    for english in urls_in(SOURCE):
        with translation.override(SOURCE):
            twin = translate_url(english, code)
        assert twin == f"/{code}{english}"
        pages = {SOURCE: client.get(english), code: client.get(twin)}
        for language, response in pages.items():
            body = response.content.decode()
            other = twin if language == SOURCE else english
            if response.status_code != 200:
                problems.append(f"{response.wsgi_request.path}: {response.status_code}")
            if f'href="{other}"' not in body:
                problems.append(f"{response.wsgi_request.path}: no switcher link to {other}")
            found = alternates(body)
            expected = {bcp47(SOURCE): english, bcp47(code): twin, "x-default": english}
            if any(found.get(lang) != url for lang, url in expected.items()):
                problems.append(f"{response.wsgi_request.path}: alternates {found}")
    assert problems == []


@pytest.mark.parametrize("code", ALL)
def test_every_page_says_its_language(client, code):
    with translation.override(code):
        url = reverse("condition", args=["sciatica"])
    response = client.get(url)
    body = response.content.decode()
    assert response["Content-Language"] == code
    assert f'<html lang="{bcp47(code)}" dir="ltr">' in body
    locale = re.search(r'<meta property="og:locale" content="([^"]+)">', body).group(1)
    assert locale.split("_")[0] == code.split("-")[0]
    others = re.findall(r'<meta property="og:locale:alternate" content="([^"]+)">', body)
    assert len(others) == len(ALL) - 1 and locale not in others
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', body).group(1)
    )
    assert data["inLanguage"] == bcp47(code)


def test_the_language_comes_from_the_address_alone(client):
    """No cookie is read or set, Accept-Language never redirects, and set_language does
    not exist."""
    for headers in ({}, {"Accept-Language": "pl,en;q=0.5"}):
        response = client.get("/", headers=headers)
        assert response.status_code == 200
        assert response["Content-Language"] == SOURCE
        assert not response.cookies
    for code in TRANSLATIONS:
        response = client.get(f"/{code}/", headers={"Cookie": "django_language=en-gb"})
        assert response.status_code == 200 and response["Content-Language"] == code
        assert not response.cookies
    assert client.get("/i18n/setlang/").status_code == 404
    assert client.post("/i18n/setlang/", {"language": "pl"}).status_code in (404, 405)


@pytest.mark.parametrize("code", TRANSLATIONS)
def test_no_page_of_a_translation_sets_a_cookie(client, code):
    with translation.override(code):
        urls = [
            *public_urls(get_library(code)),
            reverse("self-check") + "?red_flag=none&step=region",
            reverse("self-check-results") + "?red_flag=none&region=lower-back",
            reverse("search") + "?q=plecy",
        ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert not response.cookies, url


def test_an_unknown_language_prefix_is_a_helpful_404(client):
    response = client.get("/xx/conditions/sciatica/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "Page not found" in body
    assert f'href="{reverse("conditions")}"' in body or 'href="/search/' in body


@pytest.mark.parametrize("code", TRANSLATIONS)
def test_a_bad_value_is_a_400_in_the_language_of_the_page_naming_the_parameter(client, code):
    with translation.override(code):
        url = reverse("self-check-results") + "?" + urlencode({"duration": "forever"})
        english_problem = None
    response = client.get(url)
    assert response.status_code == 400
    body = response.content.decode()
    assert "duration" in body and "forever" in body
    english = client.get(url.removeprefix(f"/{code}")).content.decode()
    english_problem = re.search(r"<h1[^>]*>(.*?)</h1>", english, re.DOTALL).group(1)
    problem = re.search(r"<h1[^>]*>(.*?)</h1>", body, re.DOTALL).group(1)
    assert problem != english_problem, "the 400 page is not translated"
    with translation.override(code):
        json_url = reverse("self-check-json") + "?" + urlencode({"duration": "forever"})
    error = client.get(json_url).json()["error"]
    assert error["parameter"] == "duration"


@pytest.mark.parametrize("code", TRANSLATIONS)
def test_parameters_and_ids_are_the_same_in_every_language(client, code):
    answers = "red_flag=none&age=30&region=right-thigh&feeling=shooting&pattern=below-knee"
    results = {}
    for language in (SOURCE, code):
        with translation.override(language):
            url = reverse("self-check-json") + "?" + answers
        results[language] = client.get(url).json()
    english, translated = results[SOURCE], results[code]
    assert translated["urgency"] == english["urgency"]
    fits = {
        language: {c["slug"]: c["fit"] for c in result["causes"]}
        for language, result in results.items()
    }
    assert fits[code] == fits[SOURCE]
    titles = {
        language: {c["slug"]: c["title"] for c in result["causes"]}
        for language, result in results.items()
    }
    assert titles[code]["sciatica"] != titles[SOURCE]["sciatica"]


@pytest.mark.parametrize("code", TRANSLATIONS)
def test_search_in_a_translation_finds_and_links_its_own_pages(client, code):
    with translation.override(code):
        title = get_library(code).condition("sciatica").title
        url = reverse("search") + "?" + urlencode({"q": title})
        article = reverse("condition", args=["sciatica"])
        json_url = reverse("search-json") + "?" + urlencode({"q": title})
    body = client.get(url).content.decode()
    assert f'href="{article}"' in body
    results = client.get(json_url).json()["results"]
    assert results[0]["url"].endswith(article)


def test_the_page_cache_keeps_each_language_apart():
    client = fresh_client()
    english = client.get("/conditions/sciatica/")
    for code in TRANSLATIONS:
        twin = client.get(f"/{code}/conditions/sciatica/")
        assert twin.content != english.content
        assert twin["ETag"] != english["ETag"]
        assert client.get(f"/{code}/conditions/sciatica/").content == twin.content
    assert client.get("/conditions/sciatica/").content == english.content


def test_the_sitemap_lists_every_page_in_every_language_with_alternates(client):
    body = client.get("/sitemap.xml").content.decode()
    for code in TRANSLATIONS:
        assert f"/{code}/conditions/sciatica/</loc>" in body
        assert f'hreflang="{code}"' in body
    assert 'hreflang="x-default"' in body


# A translation that is out of date ------------------------------------------------------


def test_a_translated_page_says_what_it_is_and_links_to_the_english(client):
    for code in TRANSLATIONS:
        body = client.get(f"/{code}/conditions/sciatica/").content.decode()
        note = re.search(r'<aside class="translation-note".*?</aside>', body, re.DOTALL)
        assert note is not None
        assert 'href="/conditions/sciatica/"' in note.group(0)
        assert "is-stale" not in note.group(0)
    assert "translation-note" not in client.get("/conditions/sciatica/").content.decode()


@pytest.mark.parametrize("code", TRANSLATIONS)
def test_a_stale_english_change_shows_the_notice_and_the_fallback(content_tree, code):
    """The English red flag and article change; the translated page says the English is
    newer, and the changed sign is shown in English, marked so, while the others stay."""
    questionnaire = content_tree / "self-check.yaml"
    text = questionnaire.read_text(encoding="utf-8")
    flag = get_library(SOURCE).questionnaire.red_flag("saddle-numbness")
    changed = "Newly noticed " + flag.label[:1].lower() + flag.label[1:]
    questionnaire.write_text(text.replace(f"label: {flag.label}", f"label: {changed}"), "utf-8")
    article = content_tree / "conditions" / "sciatica.md"
    article.write_text(article.read_text(encoding="utf-8") + "\nA new line.\n", "utf-8")
    library.clear_cache()
    client = fresh_client()

    body = client.get(f"/{code}/conditions/sciatica/").content.decode()
    note = re.search(r'<aside class="translation-note is-stale".*?</aside>', body, re.DOTALL)
    assert note is not None and 'href="/conditions/sciatica/"' in note.group(0)
    assert f'<li lang="en">{changed}</li>' in body

    step = client.get(f"/{code}/self-check/?step=red-flags").content.decode()
    assert f'lang="en">{changed}</label>' in step
    translated = get_library(code).questionnaire
    others = [f for f in translated.red_flags if f.id != "saddle-numbness"]
    assert all(f'<label for="answer-{f.id}">{f.label}</label>' in step for f in others)
    assert not any(f.lang for f in others)

    emergency = client.get(f"/{code}/self-check/results/?red_flag=saddle-numbness").content.decode()
    assert changed in emergency


def test_a_missing_translation_shows_the_english_marked_as_english(content_tree):
    code = TRANSLATIONS[0]
    (content_tree / "translations" / code / "conditions" / "overuse.md").unlink()
    library.clear_cache()
    body = fresh_client().get(f"/{code}/conditions/overuse/").content.decode()
    english = get_library(SOURCE).condition("overuse")
    assert f"<h1>{english.title}</h1>" in body
    assert '<div class="prose" lang="en">' in body
    assert "translation-note is-stale" in body


@pytest.mark.parametrize("route", ["self-check-results", "self-check"])
def test_the_switcher_on_a_kept_layout_carries_each_persons_own_answers(route):
    """The self-check's layout is kept for every request: its switcher must link to this
    person's answers in the other language, never to those of whoever came first."""
    client = fresh_client()
    for answers in ("red_flag=none&region=left-calf", "red_flag=none&region=right-hip"):
        body = client.get(reverse(route) + "?" + answers).content.decode()
        for code in TRANSLATIONS:
            with translation.override(code):
                twin = reverse(route)
            assert f'href="{twin}?{answers.replace("&", "&amp;")}"' in body
        assert "\x00" not in body


@pytest.mark.parametrize("code", TRANSLATIONS)
def test_a_translated_result_is_written_in_its_language(client, code):
    """The reasons, their sentences and the words around them come from the translation:
    none of the English sentence frames or labels of the English result is left."""
    answers = (
        "red_flag=none&age=30&region=right-thigh&region=right-calf&feeling=shooting"
        "&pattern=below-knee&duration=weeks&about=desk"
    )
    english = client.get(f"/self-check/results/?{answers}").content.decode()
    translated = client.get(f"/{code}/self-check/results/?{answers}").content.decode()
    frames = {
        part.strip()
        for sentence in get_library(SOURCE).questionnaire.sentences.values()
        for part in re.split(r"\{[^}]*\}", sentence)
        if len(part.strip()) > 6
    }
    used = [frame for frame in frames if frame in unescape(english)]
    assert used, "the English result uses none of the sentences"
    left = [frame for frame in used if frame in unescape(translated)]
    assert left == []
    labels = re.findall(r"<p><strong>([^<]+)</strong></p>", english)
    assert labels and not any(f"<p><strong>{label}</strong></p>" in translated for label in labels)


@pytest.mark.parametrize("code", TRANSLATIONS)
def test_a_translated_plan_and_condition_page_keep_no_english_labels(client, code):
    """Labels written by Python (an exercise's "How often:", an area's name) come from
    the catalog too."""
    answers = (
        "red_flag=none&age=30&region=right-thigh&region=right-calf&feeling=shooting"
        "&pattern=below-knee&duration=weeks"
    )
    english = client.get(f"/self-check/results/?{answers}").content.decode()
    translated = client.get(f"/{code}/self-check/results/?{answers}").content.decode()
    assert "How often:" in english and "How often:" not in translated
    article = client.get(f"/{code}/conditions/pelvic-girdle-pain/").content.decode()
    assert "Back of the thigh" in client.get("/conditions/pelvic-girdle-pain/").content.decode()
    assert "Back of the thigh" not in article
