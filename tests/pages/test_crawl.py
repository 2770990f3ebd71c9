"""One crawl from each language's home over every internal link of that language, in
Chromium: nothing broken anywhere, and axe finds nothing."""

from urllib.parse import urljoin, urlsplit

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
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
LANGUAGES = [code for code, _ in settings.LANGUAGES]


def _home(code: str) -> str:
    with translation.override(code):
        return reverse("home")


def _in_language(path: str, code: str) -> bool:
    """Whether ``path`` is a page of this language (the others have their own crawl)."""
    others = [_home(other) for other in LANGUAGES if other != code and _home(other) != "/"]
    home = _home(code)
    return path.startswith(home) and not any(path.startswith(prefix) for prefix in others)


@pytest.mark.parametrize("code", LANGUAGES)
def test_crawl_every_internal_link(live_server, page: Page, console_errors, code):
    page.add_init_script(WATCH_CSP)
    outside: list[str] = []
    page.on(
        "request",
        lambda r: outside.append(r.url) if not r.url.startswith(live_server.url) else None,
    )
    origin = urlsplit(live_server.url)
    home = _home(code)
    queue = [home]
    seen = {home}
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
                if target not in seen and _in_language(url.path, code):
                    seen.add(target)
                    queue.append(target)
    assert problems == []
    assert console_errors == []
    assert outside == [], "requests to other hosts"
    # Every part of the site was reached: articles, regions and the self-check.
    with translation.override(code):
        expected = {
            reverse("condition", args=["sciatica"]),
            reverse("body-map-region", args=["right-calf"]),
            reverse("self-check"),
        }
    assert expected <= seen
    assert visited >= 30
