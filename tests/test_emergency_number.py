"""The emergency number is one setting: change it and every page, result and JSON follows.

A site run in another country (or a test deployment) sets ``EMERGENCY_NUMBER``; if any
page still said 999, someone in danger could be told to call the wrong number. So with
the number set to 000, "999" must appear nowhere, and "000" wherever the number is said.
"""

import os
import re
import runpy
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.urls import reverse
from django.utils import translation

from apps.content import library
from apps.content.library import get_library
from apps.content.vocabulary import Urgency
from tests.site import public_urls

NUMBER = "000"
DEFAULT = "999"
BASE_DIR = Path(django_settings.BASE_DIR)
EMERGENCY_LINE = re.compile(r'<p class="emergency-line">(.*?)</p>', re.DOTALL)


@pytest.fixture
def other_number(settings) -> Iterator[str]:
    """EMERGENCY_NUMBER set to 000, with the library (which fills it in) loaded afresh."""
    settings.EMERGENCY_NUMBER = NUMBER
    library.clear_cache()
    yield NUMBER
    library.clear_cache()


def fresh_client() -> Client:
    """A new handler, so the page cache (kept per middleware instance) starts empty."""
    return Client(headers={"X-Forwarded-Proto": "https"})


def _emergency_flags() -> list[tuple[str, str]]:
    return [
        ("red_flag", flag.id)
        for flag in get_library().questionnaire.red_flags
        if flag.urgency == Urgency.EMERGENCY
    ]


def _says_the_number_in_the_footer(body: str) -> bool:
    line = EMERGENCY_LINE.search(body)
    return line is not None and re.search(rf"(?<!\d){NUMBER}(?!\d)", line.group(1)) is not None


def test_the_default_is_999_and_the_test_sets_000(other_number: str) -> None:
    """The premise: the setting really changed, and the library fills in the new number."""
    assert django_settings.EMERGENCY_NUMBER == NUMBER
    heading = get_library().questionnaire.urgencies[Urgency.EMERGENCY].heading
    assert NUMBER in heading
    assert DEFAULT not in heading


@pytest.mark.parametrize("code", [code for code, _ in django_settings.LANGUAGES])
def test_no_public_page_says_999(other_number: str, code: str) -> None:
    """Every page's footer gives the configured number, and no page says 999, in every
    language."""
    client = fresh_client()
    problems = []
    with translation.override(code):
        urls = public_urls(get_library(code))
    for url in urls:
        response = client.get(url)
        body = response.content.decode()
        if response.status_code != 200:
            problems.append(f"{url}: status {response.status_code}")
        if DEFAULT in body:
            problems.append(f"{url}: says {DEFAULT}")
        if not _says_the_number_in_the_footer(body):
            problems.append(f"{url}: the emergency line does not say call {NUMBER}")
    assert len(urls) > 10
    assert problems == []


def test_the_urgent_help_page_places_the_number_in_its_text(other_number: str) -> None:
    """The page written in Markdown with [[emergency-number]] gets the setting, not 999."""
    body = fresh_client().get(reverse("page", kwargs={"slug": "urgent-help"})).content.decode()
    footer = EMERGENCY_LINE.sub("", body)
    assert NUMBER in footer
    assert DEFAULT not in body


@pytest.mark.parametrize(
    "url",
    [
        reverse("self-check"),
        reverse("self-check") + "?" + urlencode([("red_flag", "none"), ("step", "region")]),
        reverse("self-check-results") + "?" + urlencode([("red_flag", "none")]),
    ],
    ids=["start", "a-step", "a-self-care-result"],
)
def test_self_check_pages_say_the_configured_number(other_number: str, url: str) -> None:
    """The questionnaire and an ordinary result carry the emergency line too."""
    response = fresh_client().get(url)
    body = response.content.decode()
    assert response.status_code == 200
    assert _says_the_number_in_the_footer(body)
    assert DEFAULT not in body


def test_an_emergency_result_says_call_the_configured_number(other_number: str) -> None:
    """The emergency advice itself, shown first, names the number from the setting."""
    url = reverse("self-check-results") + "?" + urlencode([("red_flag", "saddle-numbness")])
    response = fresh_client().get(url)
    body = response.content.decode()
    assert response.status_code == 200
    heading = re.search(r'<h2 id="urgency-title">(.*?)</h2>', body, re.DOTALL)
    assert heading is not None
    assert f"call {NUMBER}" in heading.group(1).lower()
    assert _says_the_number_in_the_footer(body)
    assert DEFAULT not in body


def test_an_emergency_stop_in_the_questionnaire_says_the_configured_number(
    other_number: str,
) -> None:
    """An emergency sign ends the questionnaire with the emergency advice and the number."""
    url = reverse("self-check") + "?" + urlencode([("red_flag", "saddle-numbness")])
    body = fresh_client().get(url).content.decode()
    assert "urgency-emergency" in body
    assert f"call {NUMBER}" in EMERGENCY_LINE.sub("", body).lower()
    assert DEFAULT not in body


def test_the_json_result_says_the_configured_number(other_number: str) -> None:
    """The JSON reasons are the content's sentences with the setting placed in them."""
    flags = _emergency_flags()
    assert ("red_flag", "saddle-numbness") in flags
    response = fresh_client().get(reverse("self-check-json") + "?" + urlencode(flags))
    assert response.status_code == 200
    body = response.content.decode()
    assert response.json()["urgency"] == "emergency"
    assert any(NUMBER in reason for reason in response.json()["urgency_reasons"])
    assert DEFAULT not in body


def test_the_json_for_one_emergency_sign_never_says_999(other_number: str) -> None:
    """The emergency result the contract names, as JSON: nothing in it says 999."""
    url = reverse("self-check-json") + "?" + urlencode([("red_flag", "saddle-numbness")])
    response = fresh_client().get(url)
    assert response.status_code == 200
    assert response.json()["urgency"] == "emergency"
    assert DEFAULT not in response.content.decode()


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/no-such-page-here/", 404),
        ("/conditions/no-such-condition/", 404),
        ("/body-map/left-elbow/", 404),
        (reverse("self-check-results") + "?age=nonsense", 400),
        (reverse("self-check") + "?colour=blue", 400),
        (reverse("body-map") + "?region=left-elbow", 400),
    ],
)
def test_error_pages_say_the_configured_number(other_number: str, url: str, status: int) -> None:
    """Someone who lands on an error page may still be in danger: the number is right there."""
    response = fresh_client().get(url)
    body = response.content.decode()
    assert response.status_code == status
    assert _says_the_number_in_the_footer(body)
    assert DEFAULT not in body


def test_the_400_json_never_says_999(other_number: str) -> None:
    """A bad JSON request answers in JSON, and says nothing about 999 either."""
    response = fresh_client().get(reverse("self-check-json") + "?age=nonsense")
    assert response.status_code == 400
    assert response.json()["error"]["parameter"] == "age"
    assert DEFAULT not in response.content.decode()


def _environment(**changes: str) -> dict[str, str]:
    env = {**os.environ, "CONTENT_DIR": str(django_settings.CONTENT_DIR), **changes}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    return env


def test_manage_py_check_passes_with_another_number() -> None:
    """A deployment with its own number starts cleanly: the content places, never writes, it."""
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=BASE_DIR,
        env=_environment(EMERGENCY_NUMBER=NUMBER, DJANGO_DEBUG="1"),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("value", ["abc", "99 9", "1234567"])
def test_a_number_that_is_not_a_short_number_stops_the_settings(
    monkeypatch: pytest.MonkeyPatch, value: str
) -> None:
    """A typo in the number must stop the site starting, not reach a person in danger."""
    monkeypatch.setenv("EMERGENCY_NUMBER", value)
    with pytest.raises(ImproperlyConfigured) as caught:
        runpy.run_path(str(BASE_DIR / "apps" / "settings.py"))
    message = str(caught.value)
    assert "EMERGENCY_NUMBER" in message
    assert repr(value) in message


@pytest.mark.parametrize(
    "code", [code for code, _ in django_settings.LANGUAGES if code != django_settings.LANGUAGE_CODE]
)
def test_a_translated_emergency_result_says_the_configured_number(other_number, code):
    """The translated self-check fills in the same setting: no 999 in any language."""
    with translation.override(code):
        urls = [
            reverse("self-check-results") + "?" + urlencode([("red_flag", "saddle-numbness")]),
            reverse("self-check") + "?" + urlencode([("red_flag", "saddle-numbness")]),
            reverse("page", kwargs={"slug": "urgent-help"}),
        ]
    for url in urls:
        body = fresh_client().get(url).content.decode()
        assert NUMBER in EMERGENCY_LINE.sub("", body), url
        assert DEFAULT not in body, url
