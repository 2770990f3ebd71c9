"""Page budgets: every page with what it loads stays under 60 KB compressed."""

import gzip
import re
from pathlib import Path

import pytest
from django.conf import settings

from apps.content.library import get_library
from tests.site import article_url

BUDGET = 60 * 1024
PAGES = [
    "/",
    "/overview/",
    "/urgent-help/",
    "/conditions/",
    *(article_url(c) for c in get_library().conditions),
    "/body-map/",
    "/body-map/lower-back/",
    "/body-map/?region=lower-back&region=left-thigh&region=left-calf",
    "/self-check/",
    "/self-check/?red_flag=none&step=red-flags",
    "/self-check/?red_flag=none&step=region&region=left-calf",
    "/self-check/results/?red_flag=none&age=16-49&region=left-calf&feeling=shooting",
]
ASSET = re.compile(r'<(?:script|link|img)\b[^>]*\b(?:src|href)="(/static/[^"]+)"')


def _compressed(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=9))


def _static(url: str) -> bytes:
    return (Path(settings.BASE_DIR) / "static" / url.removeprefix("/static/")).read_bytes()


@pytest.mark.parametrize("url", PAGES)
def test_page_and_everything_it_loads_fit_the_budget(client, url):
    response = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"  # pages are sent compressed
    html = gzip.decompress(response.content)
    total = len(response.content)
    assets = sorted(set(ASSET.findall(html.decode())))
    assert assets, "the page should load the stylesheet and scripts"
    total += sum(_compressed(_static(asset)) for asset in assets)
    assert total <= BUDGET, f"{url}: {total} bytes compressed"


@pytest.mark.parametrize("url", PAGES)
def test_scripts_are_deferred_and_local(client, url):
    html = client.get(url).content.decode()
    scripts = re.findall(r"<script\b[^>]*>", html)
    assert scripts
    for tag in scripts:
        if 'type="application/ld+json"' in tag:
            continue  # structured data: a data block the browser never runs
        assert " defer" in tag and 'src="/static/' in tag, tag


def test_the_stylesheet_uses_system_fonts_only():
    css = _static("/static/css/site.css").decode()
    assert "@font-face" not in css and "@import" not in css
    assert "system-ui" in css
    assert not re.search(r"url\((?!#)", css), "no external resources in CSS"
