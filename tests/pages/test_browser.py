"""User journeys in headless Chromium: reaching an article by mouse and by keyboard alone."""

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import axe_violations

pytestmark = pytest.mark.browser


def test_reach_an_article_from_home_with_the_mouse(live_server, page: Page, console_errors):
    page.goto(live_server.url + "/")
    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Conditions A to Z"
    ).click()
    expect(page).to_have_url(live_server.url + "/conditions/")
    page.get_by_role("heading", name="Sciatica", exact=True).get_by_role("link").click()
    expect(page).to_have_url(live_server.url + "/conditions/sciatica/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sciatica")
    assert console_errors == []


def tab_to(page: Page, href: str, *, limit: int) -> None:
    """Press Tab until the link to ``href`` has focus; fail after ``limit`` presses."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('href')") == href:
            return
    pytest.fail(f"Tab never reached a link to {href}")


def test_reach_an_article_with_the_keyboard_alone(live_server, page: Page, console_errors):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    expect(skip).to_have_text("Skip to main content")
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("#main")).to_be_focused()

    # From the main content, Tab forward to the first link to the A-to-Z list.
    tab_to(page, "/conditions/", limit=40)
    page.keyboard.press("Enter")
    expect(page).to_have_url(live_server.url + "/conditions/")

    tab_to(page, "/conditions/arthritis/", limit=60)
    page.keyboard.press("Enter")
    expect(page).to_have_url(live_server.url + "/conditions/arthritis/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Arthritis")
    assert console_errors == []


@pytest.mark.parametrize(
    "path",
    ["/", "/conditions/", "/conditions/sciatica/", "/overview/", "/urgent-help/", "/no-such-page/"],
)
def test_pages_have_no_accessibility_violations(live_server, page: Page, console_errors, path):
    page.goto(live_server.url + path)
    assert axe_violations(page) == []
    # The 404 page's own status is the one console message allowed.
    expected = ["Failed to load resource: the server responded with a status of 404 (Not Found)"]
    assert console_errors == (expected if path == "/no-such-page/" else [])


def test_layout_fits_a_320px_screen(live_server, page: Page):
    page.set_viewport_size({"width": 320, "height": 640})
    for path in ("/", "/conditions/sciatica/", "/urgent-help/"):
        page.goto(live_server.url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 320px wide"
