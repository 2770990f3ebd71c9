"""Adding a language is adding files: a fixture language written right to left.

Arabic here stands for any right-to-left language. The test adds what the README says a
new language needs (its entry in LANGUAGES, its catalog, its translations folder with one
page) to a copy of the content, and touches no Python. Everything not yet translated is
shown in English, marked so, and listed by the check.
"""

import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core import checks
from django.test import Client
from playwright.sync_api import Page

from apps.content import library
from apps.content.translation import file_hash
from tests.conftest import axe_violations

CODE = "ar"
CATALOG = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"

msgid "Body map"
msgstr "خريطة الجسم"

msgctxt "button"
msgid "Search"
msgstr "بحث"

msgid "Skip to main content"
msgstr "انتقل إلى المحتوى الرئيسي"

msgid "This page is a translation"
msgstr "هذه الصفحة مترجمة"
"""
PAGE = """\
---
translation:
  source_sha256: "{source}"
  method: "machine, edited"
  translated: 2026-12-05
  checked_by: ""
title: ألم الساق وأسفل الظهر معًا
summary: "لماذا يؤلمك ظهرك وساقك معًا، وما الذي يمكنك فعله، ومتى تطلب المساعدة."
---

## احصل على المساعدة الآن

[[warning-signs: emergency]]

اتصل بالرقم [[emergency-number]] إذا كانت لديك أي من هذه العلامات.
"""


@pytest.fixture
def arabic(content_tree: Path, settings, tmp_path: Path) -> Iterator[Path]:
    """The fixture language: a settings entry, a compiled catalog, and one page."""
    folder = content_tree / "translations" / CODE
    (folder / "pages").mkdir(parents=True)
    (folder / "language.yaml").write_text("stemmer: arabic\n", encoding="utf-8")
    overview = content_tree / "pages" / "overview.md"
    (folder / "pages" / "overview.md").write_text(
        PAGE.format(source=file_hash(overview)), encoding="utf-8"
    )
    messages = tmp_path / "locale" / CODE / "LC_MESSAGES"
    messages.mkdir(parents=True)
    (messages / "django.po").write_text(CATALOG, encoding="utf-8")
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "GNU gettext's msgfmt is needed (make test installs it)"
    subprocess.run([msgfmt, "-o", messages / "django.mo", messages / "django.po"], check=True)
    settings.LANGUAGES = [*django_settings.LANGUAGES, (CODE, "العربية")]
    settings.LOCALE_PATHS = [tmp_path / "locale", *django_settings.LOCALE_PATHS]
    library.clear_cache()
    yield folder
    library.clear_cache()


def test_a_new_language_serves_its_page_right_to_left(arabic):
    client = Client(headers={"X-Forwarded-Proto": "https"})
    response = client.get(f"/{CODE}/overview/")
    body = response.content.decode()
    assert response.status_code == 200
    assert response["Content-Language"] == CODE
    assert f'<html lang="{CODE}" dir="rtl">' in body
    assert "<h1>ألم الساق وأسفل الظهر معًا</h1>" in body
    assert "هذه الصفحة مترجمة" in body  # the page says it is a translation, in its words
    assert "انتقل إلى المحتوى الرئيسي" in body  # and the catalog's strings are used
    # The warning signs it places are shown in English, marked so: none is translated.
    signs = re.findall(r'<li lang="en">', body)
    assert len(signs) == len(library.get_library(CODE).snippets.signs_of("emergency"))
    assert f'hreflang="{CODE}"' in client.get("/overview/").content.decode()


def test_what_is_not_translated_yet_is_english_and_listed(arabic):
    client = Client(headers={"X-Forwarded-Proto": "https"})
    body = client.get(f"/{CODE}/conditions/sciatica/").content.decode()
    assert '<div class="prose" lang="en">' in body
    assert f'<html lang="{CODE}" dir="rtl">' in body
    notes = [m.msg for m in checks.run_checks(tags=["content"]) if m.id == "content.W001"]
    assert any(f"conditions/sciatica.md: no {CODE} translation yet" in n for n in notes)
    assert not any("pages/overview.md: no" in n and CODE in n for n in notes)


def test_left_and_right_stay_the_persons_own(arabic):
    """The drawing is of the person's back: mirroring the page must not swap their sides."""
    client = Client(headers={"X-Forwarded-Proto": "https"})

    def drawing(url: str) -> str:
        body = client.get(url).content.decode()
        return re.search(r'<svg class="body-figure.*?</svg>', body, re.DOTALL).group(0)

    english, mirrored = drawing("/body-map/"), drawing(f"/{CODE}/body-map/")
    shapes = re.compile(r'id="map-(left-hip|right-hip)".*?<path[^>]* d="([^"]+)"', re.DOTALL)
    assert shapes.findall(english) == shapes.findall(mirrored)
    assert len(shapes.findall(english)) == 2


@pytest.mark.browser
def test_the_layout_mirrors_and_passes_axe(arabic, live_server, page: Page):
    page.goto(live_server.url + f"/{CODE}/overview/")
    assert page.evaluate("document.documentElement.dir") == "rtl"
    note = page.locator(".translation-note")
    widths = note.evaluate(
        "el => [getComputedStyle(el).borderRightWidth, getComputedStyle(el).borderLeftWidth]"
    )
    assert widths == ["6px", "0px"], "the note's rule should be on the right, where text starts"
    assert axe_violations(page) == []
