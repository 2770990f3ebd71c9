"""/sitemap.xml and robots.txt: every public page, dated by its last review.

Search engines (and the NHS-style directories that crawl health sites) use lastmod to
know what to fetch again; a wrong date hides a reviewed page or wastes a crawl.
"""

import contextlib
import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest
from django.test import Client
from django.urls import NoReverseMatch, reverse

from apps.content.library import get_library
from tests.site import public_urls

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
ORIGIN = "https://localhost"
LIBRARY = get_library()


@pytest.fixture
def site() -> Client:
    """Through the proxy, with the Host header a browser sends (no port in the address)."""
    return Client(headers={"X-Forwarded-Proto": "https", "Host": "localhost"})


def sitemap(site: Client) -> dict[str, str]:
    """Each <loc> of the sitemap, with its <lastmod>."""
    response = site.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    entries = {}
    for url in root.findall("s:url", NS):
        loc = url.findtext("s:loc", namespaces=NS)
        assert loc not in entries, f"{loc} is listed twice"
        entries[loc] = url.findtext("s:lastmod", namespaces=NS)
    return entries


def expected_urls() -> list[str]:
    """Every public page, the glossary, and the exercises page once its route exists."""
    urls = [*public_urls(LIBRARY), "/glossary/"]
    with contextlib.suppress(NoReverseMatch):
        urls.append(reverse("exercises"))
    return list(dict.fromkeys(urls))


def test_every_public_page_is_listed(site):
    listed = sitemap(site)
    missing = [url for url in expected_urls() if ORIGIN + url not in listed]
    assert missing == []


def test_every_listed_page_exists(site):
    for loc in sitemap(site):
        assert loc.startswith(ORIGIN + "/")
        assert site.get(loc.removeprefix(ORIGIN)).status_code == 200, loc


def test_articles_and_pages_give_their_own_review_date(site):
    listed = sitemap(site)
    for condition in LIBRARY.conditions:
        loc = f"{ORIGIN}/conditions/{condition.slug}/"
        assert listed[loc] == condition.last_reviewed.isoformat(), loc
    for page in LIBRARY.pages.values():
        assert listed[f"{ORIGIN}/{page.slug}/"] == page.last_reviewed.isoformat(), page.slug
    assert listed[f"{ORIGIN}/glossary/"] == LIBRARY.glossary.last_reviewed.isoformat()
    exercise_page = getattr(LIBRARY, "exercise_page", None)
    if exercise_page is not None and f"{ORIGIN}/exercises/" in listed:
        assert listed[f"{ORIGIN}/exercises/"] == exercise_page.last_reviewed.isoformat()


def test_pages_built_from_the_whole_library_give_its_newest_review_date(site):
    listed = sitemap(site)
    own = {f"/conditions/{c.slug}/" for c in LIBRARY.conditions}
    own |= {f"/{slug}/" for slug in LIBRARY.pages} | {"/glossary/", "/exercises/"}
    dates = [d.last_reviewed for d in (*LIBRARY.conditions, *LIBRARY.pages.values())]
    assert LIBRARY.reviewed >= max(dates)
    newest = LIBRARY.reviewed.isoformat()
    others = [url for url in public_urls(LIBRARY) if url not in own]
    assert "/" in others and "/conditions/" in others and "/body-map/" in others
    for url in others:
        assert listed[ORIGIN + url] == newest, url


def test_every_lastmod_is_an_iso_date(site):
    for loc, lastmod in sitemap(site).items():
        assert lastmod and dt.date.fromisoformat(lastmod).isoformat() == lastmod, loc


def test_robots_txt_names_the_absolute_sitemap(site):
    response = site.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert f"Sitemap: {ORIGIN}/sitemap.xml" in lines
    assert "Disallow: /" not in lines


def test_the_sitemap_and_robots_txt_use_the_configured_origin(settings):
    """Both are kept and served to everyone: their addresses come from the configured
    origin, never from the Host or scheme of the request that first asked."""
    settings.SITE_ORIGIN = "https://backandleg.example"
    settings.ALLOWED_HOSTS = ["first-host.example", "testserver"]
    settings.SECURE_SSL_REDIRECT = False
    site = Client(headers={"Host": "first-host.example"})  # plain HTTP, another host
    body = site.get("/sitemap.xml").content.decode()
    addresses = re.findall(r'(?:<loc>|href=")([^<"]+)', body)
    assert addresses
    assert all(a.startswith("https://backandleg.example/") for a in addresses), addresses[:3]
    robots = site.get("/robots.txt").content.decode().splitlines()
    assert "Sitemap: https://backandleg.example/sitemap.xml" in robots
