"""Search in headless Chromium: the header box, live results, the keyboard alone, no
JavaScript, axe, and a glossary link from an article to its term."""

import re
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.conftest import axe_violations

pytestmark = pytest.mark.browser

FIRST_RESULT = "#search-results .result-list li:first-child h3 a"


@pytest.fixture
def no_js(browser: Browser, browser_context_args: dict) -> Iterator[BrowserContext]:
    context = browser.new_context(**{**browser_context_args, "java_script_enabled": False})
    yield context
    context.close()


def mark_document(page: Page) -> None:
    """Tag the current document, so a later check can tell an in-place swap from a load."""
    page.evaluate("window.__sameDocument = true")


def same_document(page: Page) -> bool:
    return page.evaluate("window.__sameDocument === true")


def query_of(url: str) -> list[str]:
    return parse_qs(urlsplit(url).query).get("q", [])


def focused_matches(page: Page, selector: str) -> bool:
    return page.evaluate(
        "(selector) => document.activeElement === document.querySelector(selector)", selector
    )


def tab_to(page: Page, selector: str, *, limit: int = 40) -> None:
    """Press Tab until the element ``selector`` finds first has focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused_matches(page, selector):
            return
    pytest.fail(f"Tab never reached {selector}")


def expect_results_for_slipped_disc(page: Page) -> None:
    results = page.locator("#search-results")
    expect(results.get_by_role("link", name="Herniated (slipped) disc")).to_be_visible()
    expect(results.locator("mark").first).to_be_visible()


def test_the_header_box_on_the_home_page_searches_on_enter(live_server, page: Page, console_errors):
    page.goto(live_server.url + "/")
    box = page.get_by_role("searchbox", name="Search this site")
    box.fill("slipped disc")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q=slipped\+disc$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Search")
    expect_results_for_slipped_disc(page)
    expect(page.locator(FIRST_RESULT)).to_have_text("Herniated (slipped) disc")
    expect(page.locator("#search-query")).to_have_value("slipped disc")
    assert console_errors == []


def test_typing_updates_the_results_in_place_and_keeps_a_shareable_address(
    live_server, page: Page, console_errors
):
    page.goto(live_server.url + "/search/")
    mark_document(page)
    page.locator("#search-query").press_sequentially("slipped disc", delay=20)
    expect_results_for_slipped_disc(page)
    expect(page).to_have_url(re.compile(r"[?&]q=slipped(\+|%20)disc$"))
    expect(page).to_have_title(re.compile(r"^Search: slipped disc"))
    assert same_document(page), "the results came with a page load, not an htmx swap"
    assert query_of(page.url) == ["slipped disc"]

    # The address is shareable: opened afresh, it shows the same results.
    shared = page.context.new_page()
    shared.goto(page.url)
    expect_results_for_slipped_disc(shared)
    expect(shared.locator("#search-query")).to_have_value("slipped disc")
    shared.close()

    # Typing more changes the results again, still in place.
    page.locator("#search-query").fill("sciatica")
    expect(page.locator(FIRST_RESULT)).to_have_text("Sciatica")
    expect(page).to_have_url(re.compile(r"[?&]q=sciatica$"))
    assert same_document(page)
    assert console_errors == []


def test_the_keyboard_alone_reaches_the_first_result(live_server, page: Page, console_errors):
    page.goto(live_server.url + "/search/")
    tab_to(page, "#search-query")
    page.keyboard.type("sciatica")
    expect(page.locator(FIRST_RESULT)).to_have_text("Sciatica")
    tab_to(page, FIRST_RESULT, limit=10)
    page.keyboard.press("Enter")
    expect(page).to_have_url(live_server.url + "/conditions/sciatica/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sciatica")
    assert console_errors == []


def test_the_header_form_works_without_javascript(live_server, no_js: BrowserContext):
    page = no_js.new_page()
    page.goto(live_server.url + "/conditions/")
    box = page.get_by_role("searchbox", name="Search this site")
    box.fill("slipped disc")
    box.press("Enter")
    expect(page).to_have_url(re.compile(r"/search/\?q=slipped\+disc$"))
    expect_results_for_slipped_disc(page)


def test_the_search_page_form_works_without_javascript(live_server, no_js: BrowserContext):
    page = no_js.new_page()
    page.goto(live_server.url + "/search/")
    page.locator("#search-query").fill("sciatca")
    with page.expect_navigation():  # without JavaScript the form loads a new page
        page.get_by_role("button", name="Search", exact=True).last.click()
    expect(page).to_have_url(re.compile(r"/search/\?q=sciatca$"))
    expect(page.locator(".suggestion")).to_contain_text("Showing results for sciatica")
    expect(page.locator(FIRST_RESULT)).to_have_text("Sciatica")


@pytest.mark.parametrize(
    "path", ["/search/?q=sciatica", "/search/?q=xyzzy", "/glossary/", "/conditions/"]
)
def test_search_and_glossary_pages_have_no_accessibility_violations(
    live_server, page: Page, console_errors, path
):
    page.goto(live_server.url + path)
    assert axe_violations(page) == []
    assert console_errors == []


def test_live_results_have_no_accessibility_violations(live_server, page: Page, console_errors):
    page.goto(live_server.url + "/search/")
    page.locator("#search-query").fill("pins and needles")
    expect(page.locator(FIRST_RESULT)).to_have_text("Sciatica")
    assert axe_violations(page) == []
    assert console_errors == []


def test_a_glossary_link_in_an_article_leads_to_its_term(live_server, page: Page, console_errors):
    page.goto(live_server.url + "/conditions/sciatica/")
    link = page.locator('.prose a.term[href="/glossary/#sciatic-nerve"]')
    expect(link).to_have_count(1)
    link.click()
    expect(page).to_have_url(live_server.url + "/glossary/#sciatic-nerve")
    term = page.locator("#sciatic-nerve")
    expect(term).to_have_text("Sciatic nerve")
    expect(term).to_be_in_viewport()
    expect(term.locator("xpath=following-sibling::dd[1]")).to_contain_text("longest nerve")
    assert console_errors == []


def test_every_glossary_link_on_an_article_has_its_target(live_server, page: Page):
    page.goto(live_server.url + "/conditions/herniated-disc/")
    anchors = page.locator(".prose a.term").evaluate_all(
        "links => links.map(a => new URL(a.href).hash.slice(1))"
    )
    assert anchors
    page.goto(live_server.url + "/glossary/")
    missing = [a for a in anchors if page.locator(f"[id='{a}']").count() != 1]
    assert missing == []
