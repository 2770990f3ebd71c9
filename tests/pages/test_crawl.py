"""One crawl from home over every internal link, in Chromium: nothing broken anywhere."""

from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import Page

from tests.conftest import axe_violations

pytestmark = pytest.mark.browser

WATCH_CSP = """
document.addEventListener("securitypolicyviolation", (event) => {
  (window.__cspViolations = window.__cspViolations || []).push(
    event.violatedDirective + " blocked " + (event.blockedURI || "inline")
  );
});
"""
MAX_PAGES = 200


def test_crawl_every_internal_link(live_server, page: Page, console_errors):
    page.add_init_script(WATCH_CSP)
    outside: list[str] = []
    page.on(
        "request",
        lambda r: outside.append(r.url) if not r.url.startswith(live_server.url) else None,
    )
    origin = urlsplit(live_server.url)
    queue = ["/"]
    seen = {"/"}
    problems: list[str] = []
    visited = 0
    while queue and visited < MAX_PAGES:
        path = queue.pop(0)
        response = page.goto(live_server.url + path)
        visited += 1
        if response is None or response.status != 200:
            problems.append(f"{path}: status {response.status if response else 'none'}")
            continue
        violations = axe_violations(page)
        if violations:
            problems.append(f"{path}: axe {violations}")
        csp = page.evaluate("window.__cspViolations || []")
        if csp:
            problems.append(f"{path}: CSP {csp}")
        for href in page.eval_on_selector_all(
            "a[href]", "els => els.map(e => e.getAttribute('href'))"
        ):
            url = urlsplit(urljoin(live_server.url + path, href))
            if url.scheme in ("http", "https") and url.netloc == origin.netloc:
                target = url.path + (f"?{url.query}" if url.query else "")
                if target not in seen:
                    seen.add(target)
                    queue.append(target)
    assert problems == []
    assert console_errors == []
    assert outside == [], "requests to other hosts"
    # Every part of the site was reached: articles, regions and the self-check.
    assert {"/conditions/sciatica/", "/body-map/right-calf/", "/self-check/"} <= seen
    assert visited >= 30
