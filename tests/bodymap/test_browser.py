"""The body map in headless Chromium: the drawing, the keyboard, history, phones, no JavaScript."""

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect

from apps.content.regions import REGIONS
from tests.conftest import axe_violations

pytestmark = pytest.mark.browser

REGION_IDS = [region.id for region in REGIONS]
LABELS = {region.id: region.label for region in REGIONS}


# Helpers ------------------------------------------------------------------------------------


def on_drawing(page: Page, region_id: str) -> Locator:
    """The region's link on the SVG drawing (not the list of places under it)."""
    return page.locator(f'svg a[href="/body-map/{region_id}/"]')


def panel_heading(page: Page) -> Locator:
    return page.locator("#region-panel h2")


def heading_for(region_id: str) -> re.Pattern[str]:
    """The panel heading names the region, e.g. 'Left calf: what can cause pain here'."""
    return re.compile(rf"^{re.escape(LABELS[region_id])}: what can cause pain here$", re.I)


def expect_region_open(page: Page, base: str, region_id: str) -> None:
    """The region's panel shows, its URL is in the address bar, and it alone is selected."""
    expect(page).to_have_url(f"{base}/body-map/{region_id}/")
    expect(panel_heading(page)).to_have_text(heading_for(region_id))
    link = on_drawing(page, region_id)
    expect(link).to_have_attribute("aria-current", "true")
    expect(link).to_have_class(re.compile(r"\bis-selected\b"))
    expect(link.locator("path")).to_have_class(re.compile(r"\bis-selected\b"))
    expect(page.locator("svg a[aria-current]")).to_have_count(1)


def point_inside(page: Page, region_id: str) -> tuple[int, int]:
    """A point on screen where the region's own shape is what a pointer lands on.

    Shapes such as the hips are crescents, so the middle of their box belongs to another
    region: look for a whole-pixel point whose neighbours, 3px around, are the region too.
    """
    path = on_drawing(page, region_id).locator("path")
    path.scroll_into_view_if_needed()
    box = path.bounding_box()
    assert box is not None, f"{region_id} is not drawn"
    point = page.evaluate(
        """([selector, box]) => {
            const path = document.querySelector(selector);
            const hit = (x, y) => document.elementFromPoint(x, y) === path;
            const cx = box.x + box.width / 2, cy = box.y + box.height / 2;
            let best = null;
            for (let y = Math.ceil(box.y); y <= box.y + box.height; y++) {
                for (let x = Math.ceil(box.x); x <= box.x + box.width; x++) {
                    if (!hit(x, y) || !hit(x - 3, y) || !hit(x + 3, y)
                        || !hit(x, y - 3) || !hit(x, y + 3)) continue;
                    const d = (x - cx) ** 2 + (y - cy) ** 2;
                    if (!best || d < best.d) best = {x, y, d};
                }
            }
            return best && [best.x, best.y];
        }""",
        [f'svg a[href="/body-map/{region_id}/"] path', box],
    )
    assert point is not None, f"no part of {region_id} can be pointed at: something covers it"
    return point[0], point[1]


def click_region(page: Page, region_id: str) -> None:
    """Click the region on the drawing with the mouse, inside its own shape."""
    page.mouse.click(*point_inside(page, region_id))


def mark_document(page: Page) -> None:
    """Tag the current document, so a later check can tell an in-place swap from a load."""
    page.evaluate("window.__sameDocument = true")


def same_document(page: Page) -> bool:
    return page.evaluate("window.__sameDocument === true")


def watch_errors(page: Page) -> list[str]:
    """Console errors and page errors of a page opened in a context of the test's own."""
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return errors


@pytest.fixture
def phone(browser: Browser, browser_context_args: dict) -> Iterator[BrowserContext]:
    """A small touch-screen phone: 375 x 667 CSS pixels."""
    context = browser.new_context(
        **{
            **browser_context_args,
            "viewport": {"width": 375, "height": 667},
            "has_touch": True,
            "is_mobile": True,
            "device_scale_factor": 2,
        }
    )
    yield context
    context.close()


@pytest.fixture
def no_js(browser: Browser, browser_context_args: dict) -> Iterator[BrowserContext]:
    context = browser.new_context(**{**browser_context_args, "java_script_enabled": False})
    yield context
    context.close()


# The drawing, with a mouse -----------------------------------------------------------------


@pytest.mark.parametrize("region_id", REGION_IDS)
def test_clicking_a_region_on_the_drawing_opens_its_panel(
    live_server, page: Page, console_errors, region_id
):
    page.goto(live_server.url + "/body-map/")
    expect(panel_heading(page)).to_have_text("Choose where it hurts")
    mark_document(page)

    click_region(page, region_id)

    expect_region_open(page, live_server.url, region_id)
    assert same_document(page), "the region page was loaded in full instead of swapped in"
    # The list of places marks the same region as chosen.
    listed = page.locator(".region-list a[aria-current]")
    expect(listed).to_have_count(1)
    expect(listed).to_have_attribute("href", f"/body-map/{region_id}/")
    assert console_errors == []


def test_choosing_regions_one_after_another_moves_the_selection(
    live_server, page: Page, console_errors
):
    page.goto(live_server.url + "/body-map/")
    for region_id in ("left-calf", "lower-back", "right-hip"):
        click_region(page, region_id)
        expect_region_open(page, live_server.url, region_id)
    assert console_errors == []


# The keyboard --------------------------------------------------------------------------------


def test_reach_a_region_on_the_drawing_with_the_keyboard_alone(
    live_server, page: Page, console_errors
):
    page.goto(live_server.url + "/body-map/")
    target = "#map-left-calf"
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement === document.querySelector('{target}')"):
            break
    else:
        pytest.fail("Tab never reached the left calf on the drawing")
    # The focused region is visible and its accessible name says which place it is.
    expect(page.locator(target)).to_be_focused()
    expect(page.locator(target)).to_have_accessible_name("Left calf")

    page.keyboard.press("Enter")

    expect_region_open(page, live_server.url, "left-calf")
    expect(page.locator(target)).to_have_accessible_name("Left calf (selected)")
    # Focus is not dropped to the top of the page: it stays on the region just chosen
    # (htmx keeps focus on an element with the same id) or moves to the new panel heading.
    kept = page.evaluate(
        """() => document.activeElement === document.querySelector('#map-left-calf')
                 || document.activeElement === document.querySelector('#region-panel h2')"""
    )
    assert kept, "focus was lost after the swap: " + page.evaluate(
        "document.activeElement.outerHTML.slice(0, 80)"
    )
    assert console_errors == []


def test_regions_on_the_drawing_come_in_body_order_when_tabbing(live_server, page: Page):
    page.goto(live_server.url + "/body-map/")
    seen: list[str] = []
    for _ in range(80):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.id")
        if focused.startswith("map-"):
            seen.append(focused.removeprefix("map-"))
        elif seen:
            break
    assert seen == REGION_IDS


def test_document_title_names_the_region_after_a_swap(live_server, page: Page, console_errors):
    """A region swapped in has the same title as its page loaded in full."""
    page.goto(live_server.url + "/body-map/left-calf/")
    expect(page).to_have_title("Body map: Left calf – Back and Leg Pain Guide")
    click_region(page, "right-thigh")
    expect_region_open(page, live_server.url, "right-thigh")
    expect(page).to_have_title("Body map: Back of the right thigh – Back and Leg Pain Guide")
    assert console_errors == []


# History ----------------------------------------------------------------------------------------


def test_back_restores_the_previous_region(live_server, page: Page, console_errors):
    page.goto(live_server.url + "/body-map/")
    click_region(page, "left-hip")
    expect_region_open(page, live_server.url, "left-hip")
    click_region(page, "right-calf")
    expect_region_open(page, live_server.url, "right-calf")

    page.go_back()
    expect_region_open(page, live_server.url, "left-hip")
    expect(on_drawing(page, "right-calf")).not_to_have_attribute("aria-current", "true")
    # The restored page is a whole, working page: one header, one map, one panel.
    expect(page.locator("h1")).to_have_count(1)
    expect(page.locator("#body-map")).to_have_count(1)

    page.go_back()
    expect(page).to_have_url(live_server.url + "/body-map/")
    expect(panel_heading(page)).to_have_text("Choose where it hurts")
    expect(page.locator("svg a[aria-current]")).to_have_count(0)

    page.go_forward()
    expect_region_open(page, live_server.url, "left-hip")

    # The map still works after the history restore.
    click_region(page, "lower-back")
    expect_region_open(page, live_server.url, "lower-back")
    assert console_errors == []


# Phones -------------------------------------------------------------------------------------------


def test_map_fits_a_phone_and_every_region_can_be_tapped(live_server, phone: BrowserContext):
    page = phone.new_page()
    errors = watch_errors(page)
    page.goto(live_server.url + "/body-map/")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the body map scrolls sideways by {overflow}px at 375px wide"

    for region_id in REGION_IDS:
        path = on_drawing(page, region_id).locator("path")
        path.scroll_into_view_if_needed()
        box = path.bounding_box()
        assert box is not None, f"{region_id} is not drawn"
        assert box["width"] >= 44 and box["height"] >= 44, (
            f"{region_id} is {box['width']:.0f} x {box['height']:.0f}px: too small to tap"
        )
        page.touchscreen.tap(*point_inside(page, region_id))
        expect_region_open(page, live_server.url, region_id)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"/body-map/{region_id}/ scrolls sideways by {overflow}px"
    assert errors == []


# Several places together ----------------------------------------------------------------------


def test_combining_two_regions_lists_what_affects_all_and_some(
    live_server, page: Page, console_errors
):
    page.goto(live_server.url + "/body-map/")
    form = page.locator("form.combine")
    expect(form.get_by_role("group", name="Does it hurt in more than one place?")).to_be_visible()
    form.get_by_label("Lower back", exact=True).check()
    form.get_by_label("Left calf", exact=True).check()
    mark_document(page)
    form.get_by_role("button", name="Show conditions for these places").click()

    expect(page).to_have_url(re.compile(r"/body-map/\?"))
    query = page.url.split("?", 1)[1]
    assert "region=lower-back" in query.split("&")
    assert "region=left-calf" in query.split("&")
    assert same_document(page), "the combination was loaded in full instead of swapped in"

    expect(panel_heading(page)).to_have_text(
        "Lower back and left calf: what can cause pain in these places"
    )
    panel = page.locator("#region-panel")
    expect(
        panel.get_by_role("heading", name="Conditions that can affect all of these places")
    ).to_be_visible()
    expect(
        panel.get_by_role("heading", name="Conditions that can affect some of these places")
    ).to_be_visible()
    # Sciatica reaches from the back to the calf; the "some" group says where each one fits.
    expect(panel.get_by_role("link", name="Sciatica", exact=True)).to_be_visible()
    expect(panel.locator(".where-tag").first).to_contain_text("Not usually: left calf")
    # Both places are marked on the drawing and stay ticked in the form.
    expect(page.locator("svg a[aria-current]")).to_have_count(2)
    expect(on_drawing(page, "lower-back")).to_have_attribute("aria-current", "true")
    expect(on_drawing(page, "left-calf")).to_have_attribute("aria-current", "true")
    expect(form.get_by_label("Lower back", exact=True)).to_be_checked()
    expect(form.get_by_label("Left calf", exact=True)).to_be_checked()
    assert console_errors == []


def test_check_my_symptoms_carries_the_regions_to_the_self_check(
    live_server, page: Page, console_errors
):
    page.goto(live_server.url + "/body-map/?region=lower-back&region=left-calf")
    check = page.locator("#region-panel").get_by_role("link", name="Check my symptoms")
    expect(check).to_have_attribute("href", "/self-check/?region=lower-back&region=left-calf")
    check.click()
    expect(page).to_have_url(live_server.url + "/self-check/?region=lower-back&region=left-calf")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your back and leg pain")

    # From a single region's page, the link carries that one region.
    page.goto(live_server.url + "/body-map/right-thigh/")
    page.locator("#region-panel").get_by_role("link", name="Check my symptoms").click()
    expect(page).to_have_url(live_server.url + "/self-check/?region=right-thigh")
    assert console_errors == []


# Without JavaScript ---------------------------------------------------------------------------


def test_whole_map_works_without_javascript(live_server, no_js: BrowserContext):
    page = no_js.new_page()
    page.goto(live_server.url + "/body-map/")
    expect(panel_heading(page)).to_have_text("Choose where it hurts")

    with page.expect_navigation():
        click_region(page, "right-buttock")
    expect_region_open(page, live_server.url, "right-buttock")
    expect(page).to_have_title(re.compile(r"^Body map: Right buttock"))

    # Another region from the drawing of the region page.
    with page.expect_navigation():
        click_region(page, "left-thigh")
    expect_region_open(page, live_server.url, "left-thigh")

    # The list of places.
    with page.expect_navigation():
        page.locator(".region-list").get_by_role("link", name="Lower back", exact=True).click()
    expect_region_open(page, live_server.url, "lower-back")

    # Combining: the form is a plain GET form.
    form = page.locator("form.combine")
    expect(form.get_by_label("Lower back", exact=True)).to_be_checked()
    form.get_by_label("Right calf", exact=True).check()
    with page.expect_navigation():
        form.get_by_role("button", name="Show conditions for these places").click()
    expect(page).to_have_url(live_server.url + "/body-map/?region=lower-back&region=right-calf")
    expect(panel_heading(page)).to_have_text(
        "Lower back and right calf: what can cause pain in these places"
    )
    expect(page.locator("svg a[aria-current]")).to_have_count(2)

    with page.expect_navigation():
        page.get_by_role("link", name="Check my symptoms").click()
    expect(page).to_have_url(live_server.url + "/self-check/?region=lower-back&region=right-calf")


# Accessibility ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path", ["/body-map/", "/body-map/lower-back/", "/body-map/?region=lower-back&region=left-calf"]
)
def test_body_map_pages_have_no_accessibility_violations(
    live_server, page: Page, console_errors, path
):
    page.goto(live_server.url + path)
    expect(page.locator("#body-map")).to_be_visible()
    assert axe_violations(page) == []
    assert console_errors == []


def test_map_after_an_htmx_swap_has_no_accessibility_violations(
    live_server, page: Page, console_errors
):
    page.goto(live_server.url + "/body-map/")
    click_region(page, "right-thigh")
    expect_region_open(page, live_server.url, "right-thigh")
    assert axe_violations(page) == []
    assert console_errors == []
