"""The summary for a clinician in headless Chromium: one printed A4 page for the longest
path in every language, reached from a result in another language in one click, a QR
code that reads back as its address, and nothing for axe to find."""

import io
import re
from collections.abc import Iterator
from urllib.parse import urlencode

import pytest
import zxingcpp
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from PIL import Image
from playwright.sync_api import Browser, BrowserContext, Page, expect

from apps.content.library import get_library
from apps.selfcheck.engine import parse_answers
from apps.selfcheck.flow import shown_step_ids, step_counts
from tests.conftest import axe_violations

pytestmark = pytest.mark.browser

SOURCE = settings.LANGUAGE_CODE
LANGUAGES = [code for code, _ in settings.LANGUAGES]
TRANSLATIONS = [code for code in LANGUAGES if code != SOURCE]

LONGEST = [
    ("red_flag", "none"),
    ("age", "52"),
    ("region", "lower-back"),
    ("region", "right-buttock"),
    ("region", "right-thigh"),
    ("region", "right-calf"),
    ("elsewhere", "groin"),
    ("feeling", "shooting"),
    ("feeling", "tingling"),
    ("feeling", "numbness"),
    ("nerve_legs", "one"),
    ("walking", "no"),
    ("onset", "gradual"),
    ("pattern", "below-knee"),
    ("pattern", "worse-sitting"),
    ("pattern", "getting-worse"),
    ("duration", "over-3-months"),
    ("began_before_45", "no"),
    ("about", "desk"),
    ("about", "previous-episodes"),
]
"""Every step of the longest path answered (follow-ups included), several boxes ticked
where a question takes more than one: the most a summary has to hold on one page."""


def _url(route: str, code: str, pairs: list[tuple[str, str]]) -> str:
    with translation.override(code):
        return reverse(route) + "?" + urlencode(pairs)


def _pages_in(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


def test_the_longest_path_is_the_longest():
    questionnaire = get_library(SOURCE).questionnaire
    answers, _ = parse_answers(LONGEST, questionnaire)
    assert answers.pairs() == LONGEST  # nothing ignored
    assert len(shown_step_ids(questionnaire, answers)) == step_counts(questionnaire)[1]


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_summary_prints_on_one_a4_page_for_the_longest_path(live_server, page: Page, code):
    page.goto(live_server.url + _url("self-check-summary", code, LONGEST))
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator("svg.qr-code")).to_be_visible()
    expect(page.locator("svg.body-figure")).to_be_visible()
    pdf = page.pdf(format="A4")
    pages = _pages_in(pdf)
    assert pages == 1, f"the summary in {code} prints on {pages} A4 pages"


def test_from_a_polish_result_one_click_prints_an_english_summary_with_every_answer(
    live_server, page: Page
):
    """A person who answered in Polish hands an English GP the summary in English."""
    for code in TRANSLATIONS:
        page.goto(live_server.url + _url("self-check-results", code, LONGEST))
        share = page.locator(".share-clinician")
        share.get_by_role("link", name=dict(settings.LANGUAGES)[SOURCE], exact=True).click()
        expect(page).to_have_url(live_server.url + _url("self-check-summary", SOURCE, LONGEST))
        expect(page.locator("html")).to_have_attribute("lang", "en-GB")
        questionnaire = get_library(SOURCE).questionnaire
        answers, _ = parse_answers(LONGEST, questionnaire)
        rows = page.locator(".summary-table tbody tr")
        table = dict(
            zip(
                rows.locator("th").all_inner_texts(),
                rows.locator("td").all_inner_texts(),
                strict=True,
            )
        )
        for question in questionnaire.questions:
            for value in answers.get(question.id):
                assert question.label_of(value) in table[question.question]
        signs = page.locator(".summary-signs dt").all_inner_texts()
        assert signs == [flag.label for flag in questionnaire.red_flags]
        expect(page.locator(".summary-signs dd").filter(has_text="No")).to_have_count(len(signs))


@pytest.fixture
def sharp(browser: Browser, browser_context_args: dict) -> Iterator[Page]:
    """A page drawn at twice the pixels, as a phone's camera sees a screen."""
    context = browser.new_context(**{**browser_context_args, "device_scale_factor": 2})
    yield context.new_page()
    context.close()


def _read_qr(page: Page) -> str:
    code = page.locator(".qr-code")
    expect(code).to_have_count(1)
    expect(code).to_be_visible()
    page.wait_for_function(
        "() => { const c = document.querySelector('.qr-code');"
        " return c.tagName !== 'IMG' || (c.complete && c.naturalWidth > 0); }"
    )
    picture = Image.open(io.BytesIO(code.screenshot()))
    found = zxingcpp.read_barcodes(picture, formats=zxingcpp.BarcodeFormat.QRCode)
    assert len(found) == 1, "the QR code could not be read"
    return found[0].text


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_qr_code_reads_as_the_summarys_address(live_server, sharp: Page, code):
    """On the summary and on the result: the site's own origin, never the test server's."""
    summary = _url("self-check-summary", code, LONGEST)
    sharp.goto(live_server.url + summary)
    assert _read_qr(sharp) == settings.SITE_ORIGIN + summary
    sharp.goto(live_server.url + _url("self-check-results", code, LONGEST))
    sharp.locator(".share-clinician summary").click()  # on the result, one tap away
    assert _read_qr(sharp) == settings.SITE_ORIGIN + summary
    with translation.override(code):
        name = gettext("QR code that opens the summary")
    expect(sharp.get_by_role("img", name=name)).to_be_visible()


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_summary_has_no_accessibility_violations(live_server, page: Page, console_errors, code):
    page.goto(live_server.url + _url("self-check-summary", code, LONGEST))
    assert axe_violations(page) == []
    expect(page.locator("[data-print]")).to_be_visible()
    assert console_errors == []


def test_the_result_with_its_share_part_has_no_accessibility_violations(
    live_server, page: Page, console_errors
):
    for code in LANGUAGES:
        page.goto(live_server.url + _url("self-check-results", code, LONGEST))
        page.locator(".share-clinician summary").click()
        expect(page.locator(".share-clinician img.qr-code")).to_be_visible()
        assert axe_violations(page) == []
    assert console_errors == []


@pytest.fixture
def no_js(browser: Browser, browser_context_args: dict) -> Iterator[BrowserContext]:
    context = browser.new_context(**{**browser_context_args, "java_script_enabled": False})
    yield context
    context.close()


def test_without_javascript_the_links_work_and_the_print_button_stays_hidden(
    live_server, no_js: BrowserContext
):
    page = no_js.new_page()
    page.goto(live_server.url + _url("self-check-results", SOURCE, LONGEST))
    with page.expect_navigation():
        page.get_by_role("link", name="Print a summary for your GP or physiotherapist").click()
    expect(page).to_have_url(live_server.url + _url("self-check-summary", SOURCE, LONGEST))
    expect(page.locator("[data-print]")).to_be_hidden()
    for code in TRANSLATIONS:
        with page.expect_navigation():
            page.locator(".summary-languages").get_by_role(
                "link", name=dict(settings.LANGUAGES)[code]
            ).click()
        expect(page).to_have_url(live_server.url + _url("self-check-summary", code, LONGEST))
