"""What every public page tells other programs: canonical address, Open Graph, JSON-LD.

Search engines and link previews read these instead of the page; a canonical with the
wrong host, or a lastReviewed that differs from the date people see, says something
untrue about health information.
"""

import contextlib
import datetime as dt
import json
import re
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.test import Client, RequestFactory
from django.urls import NoReverseMatch, reverse

from apps.content.conditions import Condition
from apps.content.library import get_library
from apps.pages.metadata import Crumb, describe_page
from tests.site import article_url, public_urls

ORIGIN = "https://localhost"
LIBRARY = get_library()


def extra_urls() -> list[str]:
    """The glossary, and the exercises page once its route exists."""
    urls = ["/glossary/"]
    with contextlib.suppress(NoReverseMatch):
        urls.append(reverse("exercises"))
    return [url for url in urls if url not in public_urls(LIBRARY)]


PAGES = [*public_urls(LIBRARY), *extra_urls()]
ARTICLES = {article_url(c): c for c in LIBRARY.conditions}


@pytest.fixture
def site() -> Client:
    """Through the proxy, with the Host header a browser sends (no port in the address)."""
    return Client(headers={"X-Forwarded-Proto": "https", "Host": "localhost"})


class Head(HTMLParser):
    """The machine-readable parts of a page, and the review dates it shows."""

    def __init__(self) -> None:
        super().__init__()
        self.canonical: list[str | None] = []
        self.og: dict[str, list[str | None]] = {}
        self.json_ld: list[str] = []
        self.shown_dates: list[tuple[str, str | None]] = []
        self._in_json_ld = False
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "link" and a.get("rel") == "canonical":
            self.canonical.append(a.get("href"))
        elif tag == "meta" and (a.get("property") or "").startswith("og:"):
            self.og.setdefault(a["property"], []).append(a.get("content"))
        elif tag == "script" and a.get("type") == "application/ld+json":
            self._in_json_ld = True
            self.json_ld.append("")
        elif tag == "time":
            label = " ".join(self._text.split()[-3:])
            self.shown_dates.append((label, a.get("datetime")))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_json_ld = False

    def handle_data(self, data: str) -> None:
        if self._in_json_ld:
            self.json_ld[-1] += data
        else:
            self._text += data


def head_of(site: Client, url: str) -> Head:
    response = site.get(url)
    assert response.status_code == 200, url
    head = Head()
    head.feed(response.content.decode())
    return head


def json_ld_of(head: Head) -> dict:
    assert len(head.json_ld) == 1, f"{len(head.json_ld)} JSON-LD blocks"
    return json.loads(head.json_ld[0])


@pytest.mark.parametrize("url", PAGES)
def test_one_canonical_equal_to_the_absolute_url(site, url):
    assert head_of(site, url).canonical == [ORIGIN + url]


@pytest.mark.parametrize("url", PAGES)
def test_open_graph_tags_are_complete_and_agree_with_the_page(site, url):
    head = head_of(site, url)
    og = {key: values[0] for key, values in head.og.items()}
    assert all(len(values) == 1 for values in head.og.values()), head.og
    for key in ("og:title", "og:description", "og:type", "og:url", "og:site_name", "og:locale"):
        assert og.get(key), f"{key} missing on {url}"
    assert og["og:url"] == ORIGIN + url
    assert og["og:site_name"] == settings.SITE_NAME
    assert og["og:locale"] == "en_GB"
    assert og["og:type"] in ("article", "website")
    data = json_ld_of(head)
    assert og["og:title"] == data["name"]
    assert og["og:description"] == data["description"]
    if url in ARTICLES:
        assert og["og:type"] == "article"
        assert og["og:title"] == ARTICLES[url].title


@pytest.mark.parametrize("url", PAGES)
def test_json_ld_is_a_medical_web_page_with_a_breadcrumb(site, url):
    data = json_ld_of(head_of(site, url))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "MedicalWebPage"
    for key in ("name", "description", "url", "lastReviewed"):
        assert isinstance(data[key], str) and data[key], key
    assert data["url"] == ORIGIN + url
    assert dt.date.fromisoformat(data["lastReviewed"]).isoformat() == data["lastReviewed"]
    crumbs = data["breadcrumb"]
    assert crumbs["@type"] == "BreadcrumbList"
    items = crumbs["itemListElement"]
    assert [item["position"] for item in items] == list(range(1, len(items) + 1))
    assert all(item["@type"] == "ListItem" and item["name"] for item in items)
    assert items[0]["item"] == ORIGIN + "/" and items[0]["name"] == "Home"
    assert items[-1]["item"] == ORIGIN + url
    if url != "/":
        assert len(items) >= 2 and items[-1]["name"] == data["name"]


@pytest.mark.parametrize("url", list(ARTICLES))
def test_an_article_is_about_its_condition_with_its_other_names(site, url):
    condition = ARTICLES[url]
    data = json_ld_of(head_of(site, url))
    assert data["about"] == {
        "@type": "MedicalCondition",
        "name": condition.title,
        "alternateName": list(condition.also_called),
    }
    assert [item["item"] for item in data["breadcrumb"]["itemListElement"]] == [
        ORIGIN + "/",
        ORIGIN + "/conditions/",
        ORIGIN + url,
    ]


@pytest.mark.parametrize("url", [url for url in PAGES if url not in ARTICLES])
def test_only_articles_are_about_a_condition(site, url):
    assert "about" not in json_ld_of(head_of(site, url))


def own_review_date(url: str) -> dt.date | None:
    if url in ARTICLES:
        return ARTICLES[url].last_reviewed
    if url == "/glossary/":
        return LIBRARY.glossary.last_reviewed
    exercise_page = getattr(LIBRARY, "exercise_page", None)
    if exercise_page is not None and url == f"/{exercise_page.slug}/":
        # The page holds every exercise: it is as recently reviewed as its newest part.
        return max(d.last_reviewed for d in (exercise_page, *LIBRARY.exercises))
    for page in LIBRARY.pages.values():
        if url == f"/{page.slug}/":
            return page.last_reviewed
    return None


@pytest.mark.parametrize("url", PAGES)
def test_last_reviewed_is_the_date_the_page_shows(site, url):
    """Articles and pages show "Last reviewed" with their sources; pages built from the
    whole library show "Content last reviewed" with the library's newest date."""
    head = head_of(site, url)
    data = json_ld_of(head)
    shown = [when for label, when in head.shown_dates if label.endswith("Last reviewed:")]
    shown_library = [
        when for label, when in head.shown_dates if label.endswith("Content last reviewed:")
    ]
    own = own_review_date(url)
    if own is not None:
        assert shown == [own.isoformat()]
        assert shown_library == []
    else:
        assert shown_library == [LIBRARY.reviewed.isoformat()]
    assert data["lastReviewed"] == (own or LIBRARY.reviewed).isoformat()


@pytest.mark.parametrize("url", PAGES)
def test_the_json_ld_never_holds_a_raw_closing_tag(site, url):
    (block,) = head_of(site, url).json_ld
    assert "</" not in block and "<" not in block


HOSTILE = 'Disc </script><script>alert("x")</script> & <!-- "quotes"'


def test_describe_page_escapes_what_would_end_the_script_block():
    """Titles and other names come from content files: even one holding </script>
    cannot close the JSON-LD block early, and the JSON still reads back the same."""
    request = RequestFactory().get("/conditions/x/", headers={"X-Forwarded-Proto": "https"})
    base = LIBRARY.conditions[0]
    condition = Condition(
        **{
            **{field: getattr(base, field) for field in base.__dataclass_fields__},
            "title": HOSTILE,
            "also_called": (HOSTILE, "plain name"),
        }
    )
    meta = describe_page(
        request,
        title=HOSTILE,
        description=HOSTILE,
        last_reviewed=dt.date(2026, 1, 2),
        trail=[Crumb(HOSTILE, "/conditions/")],
        condition=condition,
    )
    text = str(meta.json_ld)
    assert "<" not in text and ">" not in text and "&" not in text
    data = json.loads(text)
    assert data["name"] == data["description"] == HOSTILE
    assert data["about"]["alternateName"] == [HOSTILE, "plain name"]
    assert data["breadcrumb"]["itemListElement"][1]["name"] == HOSTILE
    assert data["lastReviewed"] == "2026-01-02"


CONFIGURED = "https://backandleg.example"
"""A site origin unlike any Host header the tests send."""

ABSOLUTE = re.compile(
    r'(?:href|content)="(https?://[^"/]+)[^"]*"|"(?:url|item)": "(https?://[^"/]+)'
)


def origins_in(body: str) -> set[str]:
    """The scheme and host of every absolute address the page gives of itself: links in
    the head (canonical, hreflang), Open Graph, and the JSON-LD's url and breadcrumb."""
    head = body.split("</head>", 1)[0]
    return {first or second for first, second in ABSOLUTE.findall(head)}


@pytest.fixture
def configured_origin(settings):
    """The site served at CONFIGURED, with the layouts kept per process made afresh."""
    from apps.content import library

    settings.SITE_ORIGIN = CONFIGURED
    library.clear_cache()
    yield CONFIGURED
    library.clear_cache()


@pytest.mark.parametrize("url", [*PAGES, "/pl/", "/pl/conditions/sciatica/"])
def test_every_absolute_address_starts_with_the_configured_origin(configured_origin, url):
    """Canonical, og:url, hreflang and the JSON-LD never take the request's Host or scheme."""
    site = Client(headers={"X-Forwarded-Proto": "https", "Host": "localhost"})
    head = head_of(site, url)
    assert head.canonical == [configured_origin + url]
    assert head.og["og:url"] == [configured_origin + url]
    data = json_ld_of(head)
    assert data["url"] == configured_origin + url
    assert all(
        item["item"].startswith(configured_origin + "/")
        for item in data["breadcrumb"]["itemListElement"]
    )
    assert origins_in(site.get(url).content.decode()) == {configured_origin}


def test_a_result_layout_kept_before_the_origin_changed_is_not_served_after(settings):
    """The layout around a self-check result is kept per process; its hreflang addresses
    depend on the origin, so the origin is part of what it is kept under."""
    from apps.content import library

    url = reverse("self-check-results") + "?red_flag=none&age=45"
    site = Client(headers={"X-Forwarded-Proto": "https", "Host": "localhost"})
    library.clear_cache()
    try:
        assert origins_in(site.get(url).content.decode()) == {ORIGIN}
        settings.SITE_ORIGIN = CONFIGURED
        assert origins_in(site.get(url).content.decode()) == {CONFIGURED}
    finally:
        library.clear_cache()


def test_describe_page_never_reads_the_host():
    """A request whose Host is not even allowed: the metadata does not ask for it."""
    request = RequestFactory().get("/conditions/sciatica/", headers={"Host": "evil.example"})
    meta = describe_page(
        request, title="Sciatica", description="Pain.", last_reviewed=dt.date(2026, 1, 2)
    )
    assert meta.canonical == settings.SITE_ORIGIN + "/conditions/sciatica/"
    assert "evil.example" not in str(meta.json_ld)
