"""The one short emergency line of every page (context_processors.site): the few critical
signs, said once in the content, and a number a phone can call."""

import re
from html import unescape

import pytest
from django.conf import settings

from apps.content.library import get_library
from apps.content.vocabulary import Urgency


def _emergency_line(body: str) -> str:
    found = re.search(r'<p class="emergency-line".*?</p>', body, re.S)
    assert found, "every page has the emergency line"
    return found.group(0)


@pytest.mark.parametrize(("language", "prefix"), [("en", ""), ("pl", "/pl")])
@pytest.mark.parametrize("path", ["/", "/conditions/sciatica/", "/body-map/"])
def test_the_footer_emergency_line_is_forty_words_or_fewer(client, language, prefix, path):
    line = _emergency_line(client.get(prefix + path).content.decode())
    words = unescape(re.sub(r"<[^>]+>", " ", line)).split()
    assert len(words) <= 40, (len(words), " ".join(words))
    signs = get_library(language).snippets.signs_of(Urgency.EMERGENCY)
    critical = [sign for sign in signs if sign.critical]
    assert 3 <= len(critical) <= 4, "three or four signs are named, the rest one tap away"
    text = unescape(line)
    for sign in critical:
        assert sign.short in text
    assert f'href="tel:{settings.EMERGENCY_NUMBER}"' in line
    assert 'href="' + prefix + '/urgent-help/"' in line


def test_a_sign_that_is_not_critical_is_left_to_urgent_help(client):
    line = unescape(_emergency_line(client.get("/").content.decode()))
    others = [s for s in get_library("en").snippets.signs_of(Urgency.EMERGENCY) if not s.critical]
    assert others and not any(sign.short in line for sign in others)


@pytest.mark.parametrize("path", ["/", "/conditions/sciatica/", "/self-check/"])
def test_a_translated_page_says_near_the_top_whose_health_service_it_names(client, path):
    polish = client.get("/pl" + path).content.decode()
    main = polish.index('<main id="main"')
    note = polish.index('class="nhs-note"')
    assert main < note < main + 400, "the first thing in the page's main part"
    text = unescape(re.sub(r"<[^>]+>", "", polish[note : polish.index("</p>", note)]))
    assert "NHS" in text and "112" in text
    assert 'class="nhs-note"' not in client.get(path).content.decode()
