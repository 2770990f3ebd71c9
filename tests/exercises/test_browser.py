"""The exercises page in headless Chromium: accessible, every drawing named, printable on
few pages, and clear on a phone."""

import math
import re

import pytest
from playwright.sync_api import Page, expect

from apps.content.library import get_library
from tests.conftest import axe_violations
from tests.site import article_url

pytestmark = pytest.mark.browser

LIBRARY = get_library()
PATH = "/exercises/"
PAGE_LIMIT = math.ceil(len(LIBRARY.exercises) / 2) + 2
"""Two exercises a page, and up to two pages for the introduction with its warning signs."""
"""Two exercises to a page, and one for the introduction and the references."""
PHONE = {"width": 320, "height": 640}
MIN_DRAWING_WIDTH = 120


def test_the_exercises_page_has_no_accessibility_violations(
    live_server, page: Page, console_errors
):
    page.goto(live_server.url + PATH)
    assert axe_violations(page) == []
    assert console_errors == []


def test_every_drawing_has_an_accessible_name(live_server, page: Page):
    """Each [role=img] is named by the words that describe its position."""
    page.goto(live_server.url + PATH)
    images = page.locator("[role=img]")
    alts = [p.alt for e in LIBRARY.exercises for p in e.positions]
    expect(images).to_have_count(len(alts))
    for index, alt in enumerate(alts):
        expect(images.nth(index)).to_have_accessible_name(alt)
    # And screen readers find them as images by those names.
    expect(page.get_by_role("img", name=alts[0], exact=True)).to_have_count(1)


def _pages_in(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))


def test_the_page_prints_within_its_page_limit(live_server, page: Page):
    page.goto(live_server.url + PATH)
    pdf = page.pdf(format="A4")
    pages = _pages_in(pdf)
    assert 1 < pages <= PAGE_LIMIT, f"{pages} A4 pages for {len(LIBRARY.exercises)} exercises"


def test_no_exercise_is_split_across_printed_pages(live_server, page: Page):
    """Print layout: every section is kept whole, and its drawings sit beside the steps."""
    page.goto(live_server.url + PATH)
    page.emulate_media(media="print")
    sections = page.locator("section.exercise")
    expect(sections.first).to_have_css("break-inside", "avoid")
    drawing = page.locator(".exercise-figure").first.bounding_box()
    assert drawing is not None and drawing["height"] <= 3.05 / 2.54 * 96  # 3 cm at most


def test_on_a_phone_the_drawings_are_clear_and_nothing_overflows(live_server, page: Page):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + PATH)
    widths = page.eval_on_selector_all(
        "svg.exercise-figure", "els => els.map(e => e.getBoundingClientRect().width)"
    )
    assert len(widths) == 2 * len(LIBRARY.exercises)
    assert min(widths) >= MIN_DRAWING_WIDTH
    too_wide = page.evaluate(
        """() => [...document.querySelectorAll('main *')]
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
            .map(e => e.tagName + '.' + (e.className.baseVal ?? e.className))"""
    )
    assert too_wide == []
    main = page.locator("main")
    assert main.evaluate("m => m.scrollWidth <= m.clientWidth")


def test_an_exercise_address_opens_at_that_exercise(live_server, page: Page):
    exercise = LIBRARY.exercises[len(LIBRARY.exercises) // 2]
    page.goto(f"{live_server.url}{PATH}#{exercise.slug}")
    heading = page.get_by_role("heading", level=2, name=exercise.title, exact=True)
    expect(heading).to_be_in_viewport()


def test_an_article_links_to_its_exercises(live_server, page: Page):
    """From an article, "Exercises that may help" leads to the exercise on its page."""
    condition = next(c for c in LIBRARY.conditions if LIBRARY.exercises_for(c.slug))
    exercise = LIBRARY.exercises_for(condition.slug)[0]
    page.goto(live_server.url + article_url(condition))
    section = page.locator("section.exercises-that-help")
    section.get_by_role("link", name=exercise.title, exact=True).click()
    expect(page).to_have_url(f"{live_server.url}{PATH}#{exercise.slug}")
    expect(page.locator(f"section#{exercise.slug} h2")).to_be_in_viewport()
