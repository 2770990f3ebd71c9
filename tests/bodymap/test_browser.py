"""The body map in headless Chromium: the drawing, the keyboard, history, phones, no JavaScript."""

import re
from collections.abc import Iterator
from contextlib import contextmanager

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


def results_heading(page: Page) -> Locator:
    """The heading over what can cause pain in the chosen places: focus lands on it."""
    return page.locator("#region-panel h2[data-focus-on-swap]")


def in_list(page: Page, region_id: str) -> Locator:
    """The region's link in the list of places beside (or under) the drawing."""
    return page.locator(f'.region-list a[href="/body-map/{region_id}/"]')


def tab_to(page: Page, selector: str, *, limit: int = 80) -> None:
    """Press Tab until the element ``selector`` finds has focus; fail after ``limit``."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement === document.querySelector(s)", selector):
            return
    pytest.fail(f"Tab never reached {selector}")


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
    # Focus is not dropped to the top of the page, nor left on the drawing: it moves to
    # the heading of what can cause pain there, as it does after choosing from the list.
    expect(results_heading(page)).to_be_focused()
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


# Room for a thumb -----------------------------------------------------------------------------

PHONES = [pytest.param(320, 568, id="320px"), pytest.param(375, 667, id="375px")]


@contextmanager
def phone_page(browser: Browser, browser_context_args: dict, width: int, height: int):
    """A page in a touch-screen phone of this size, in CSS pixels."""
    context = browser.new_context(
        **{
            **browser_context_args,
            "viewport": {"width": width, "height": height},
            "has_touch": True,
            "is_mobile": True,
            "device_scale_factor": 2,
        }
    )
    try:
        yield context.new_page()
    finally:
        context.close()


# The largest circle inside each region's shape, in CSS pixels, measured in the page: the
# region's box is sampled every half pixel on screen, each sample taken back into the
# drawing's own units and tested with isPointInFill, and every inside sample's distance to
# the nearest outside sample found. The radius kept is that distance less the most a
# sample can be from the true edge (half a diagonal step), so it never flatters a region.
LARGEST_CIRCLE = """([selector, step]) => {
    const path = document.querySelector(selector);
    const svg = path.ownerSVGElement;
    const inverse = path.getScreenCTM().inverse();
    const b = path.getBoundingClientRect();
    const x0 = b.left - 2 * step, y0 = b.top - 2 * step;
    const cols = Math.ceil((b.width + 4 * step) / step) + 1;
    const rows = Math.ceil((b.height + 4 * step) / step) + 1;
    const inside = new Uint8Array(cols * rows);
    const probe = svg.createSVGPoint();
    for (let j = 0; j < rows; j++) {
        for (let i = 0; i < cols; i++) {
            probe.x = x0 + i * step;
            probe.y = y0 + j * step;
            inside[j * cols + i] = path.isPointInFill(probe.matrixTransform(inverse)) ? 1 : 0;
        }
    }
    // Outside samples next to an inside one: the only ones that can be nearest.
    const edge = [];
    for (let j = 0; j < rows; j++) {
        for (let i = 0; i < cols; i++) {
            if (inside[j * cols + i]) continue;
            const near = [[1, 0], [-1, 0], [0, 1], [0, -1]].some(([di, dj]) => {
                const a = i + di, c = j + dj;
                return a >= 0 && c >= 0 && a < cols && c < rows && inside[c * cols + a];
            });
            if (near) edge.push([i, j]);
        }
    }
    let best = 0, at = null;
    for (let j = 0; j < rows; j++) {
        for (let i = 0; i < cols; i++) {
            if (!inside[j * cols + i]) continue;
            let d2 = Infinity;
            for (const [a, c] of edge) {
                const e = (a - i) ** 2 + (c - j) ** 2;
                if (e < d2) d2 = e;
            }
            if (d2 > best) { best = d2; at = [x0 + i * step, y0 + j * step]; }
        }
    }
    const radius = Math.sqrt(best) * step - step * Math.SQRT1_2;
    return {
        diameter: Math.round(2 * radius * 10) / 10,
        // What a finger at the circle's centre lands on: the region itself.
        hits: document.elementFromPoint(at[0], at[1]) === path,
    };
}"""


def largest_circles(page: Page) -> dict[str, dict]:
    """Each region's largest inside circle on the drawing: its diameter in CSS px, and
    whether its centre lands on the region when tapped (each is scrolled into view first)."""
    circles = {}
    for region_id in REGION_IDS:
        path = on_drawing(page, region_id).locator("path")
        path.scroll_into_view_if_needed()
        selector = f'#body-map svg a[href="/body-map/{region_id}/"] path'
        circles[region_id] = page.evaluate(LARGEST_CIRCLE, [selector, 0.5])
    return circles


@pytest.mark.parametrize(("width", "height"), PHONES)
def test_a_44px_circle_fits_inside_every_region_on_a_phone(
    live_server, browser: Browser, browser_context_args: dict, width, height
):
    """A thumb needs a 44 px target: on a 320 or 375 px wide phone, every region of the
    drawing itself (not only its box), the hips included, has room for a 44 px circle.

    Before the hips were redrawn over the side of the pelvis and the drawing cropped to
    the body, the hips held only 21.5 px at 320 and 22.4 px at 375.
    """
    with phone_page(browser, browser_context_args, width, height) as page:
        page.goto(live_server.url + "/body-map/")
        body_map = page.locator("#body-map")
        body_map.scroll_into_view_if_needed()
        right = page.evaluate("document.querySelector('#body-map').getBoundingClientRect().right")
        assert right <= width, f"the body map is {right - width:.0f}px too wide at {width}px"
        circles = largest_circles(page)
        assert set(circles) == set(REGION_IDS)
        diameters = {region_id: circle["diameter"] for region_id, circle in circles.items()}
        small = {region_id: d for region_id, d in diameters.items() if d < 44}
        assert small == {}, f"at {width}px these regions have no room for 44px: {diameters}"
        covered = [region_id for region_id, circle in circles.items() if not circle["hits"]]
        assert covered == [], f"something covers the middle of {covered} at {width}px"


# Focus after choosing a place ------------------------------------------------------------------


def choose(page: Page, way: str, region_id: str) -> None:
    """Choose a place on the drawing or in the list, with the mouse or the keyboard."""
    if way == "drawing, mouse":
        click_region(page, region_id)
    elif way == "drawing, keyboard":
        tab_to(page, f"#map-{region_id}")
        page.keyboard.press("Enter")
    elif way == "list, mouse":
        in_list(page, region_id).click()
    elif way == "list, keyboard":
        tab_to(page, f'.region-list a[href="/body-map/{region_id}/"]')
        page.keyboard.press("Enter")
    else:
        raise ValueError(way)


WAYS = ["drawing, mouse", "drawing, keyboard", "list, mouse", "list, keyboard"]


@pytest.mark.parametrize("way", WAYS)
def test_focus_moves_to_the_results_heading_however_a_place_is_chosen(
    live_server, page: Page, console_errors, way
):
    """Choosing a place swaps in what can cause pain there (with htmx, not a new page) and
    takes focus to its heading, from the drawing exactly as from the list; choosing a
    second place from a region's page does the same."""
    page.goto(live_server.url + "/body-map/")
    mark_document(page)

    choose(page, way, "right-hip")
    expect_region_open(page, live_server.url, "right-hip")
    expect(results_heading(page)).to_be_focused()
    assert same_document(page), "the region page was loaded in full instead of swapped in"

    # From there, Tab goes on from the heading (to the emergency advice's link), not from
    # the top of the page.
    page.keyboard.press("Tab")
    assert page.evaluate(
        "document.querySelector('#region-panel').contains(document.activeElement)"
    ), "Tab after the heading left the results panel"

    choose(page, way, "left-buttock")
    expect_region_open(page, live_server.url, "left-buttock")
    expect(results_heading(page)).to_be_focused()
    assert same_document(page)
    assert console_errors == []


def test_focus_moves_to_the_results_heading_after_combining_places(
    live_server, page: Page, console_errors
):
    page.goto(live_server.url + "/body-map/")
    form = page.locator("form.combine")
    form.get_by_label("Left hip", exact=True).check()
    form.get_by_label("Right hip", exact=True).check()
    tab_to(page, "form.combine button[type=submit]")
    page.keyboard.press("Enter")
    expect(results_heading(page)).to_have_text(
        "Left hip and right hip: what can cause pain in these places"
    )
    expect(results_heading(page)).to_be_focused()
    assert console_errors == []


def test_ticking_a_place_in_the_self_check_keeps_focus_on_the_box(
    live_server, page: Page, console_errors
):
    """A live update is not a choice of new content: ticking a place on the self-check's
    region step updates the causes in play (an htmx swap beside the drawing) and the
    drawing, and focus stays on the box just ticked."""
    page.goto(live_server.url + "/self-check/?red_flag=none&age=16-49&step=region")
    tab_to(page, "#answer-left-hip")
    page.evaluate(
        """() => { window.__settled = new Promise((done) => document.addEventListener(
               "htmx:afterSettle", (event) => done(event.target.id), {once: true})); }"""
    )
    page.keyboard.press("Space")
    assert page.evaluate("window.__settled") == "in-play", "the causes in play were not updated"
    expect(page.locator('#self-check svg path[data-region="left-hip"]')).to_have_class(
        re.compile(r"\bis-selected\b")
    )
    expect(page.locator("#answer-left-hip")).to_be_checked()
    expect(page.locator("#answer-left-hip")).to_be_focused()
    assert console_errors == []


# Accessibility on phones -----------------------------------------------------------------------


@pytest.mark.parametrize(("width", "height"), PHONES)
@pytest.mark.parametrize("path", ["/body-map/", "/body-map/left-hip/"])
def test_body_map_on_a_phone_has_no_accessibility_violations(
    live_server, browser: Browser, browser_context_args: dict, width, height, path
):
    with phone_page(browser, browser_context_args, width, height) as page:
        errors = watch_errors(page)
        page.goto(live_server.url + path)
        expect(page.locator("#body-map")).to_be_visible()
        assert axe_violations(page) == []
        assert errors == []
