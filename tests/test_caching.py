"""HTTP caching: public pages carry an ETag and answer 304; self-check pages are never kept."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

PUBLIC = [
    "/",
    "/overview/",
    "/urgent-help/",
    "/conditions/",
    "/conditions/sciatica/",
    "/body-map/",
    "/body-map/lower-back/",
    "/body-map/?region=lower-back&region=left-calf",
]
PRIVATE = [
    "/self-check/",
    "/self-check/?step=red-flags",
    "/self-check/results/?red_flag=none",
    "/self-check/results.json?red_flag=none",
]


@pytest.mark.parametrize("url", PUBLIC)
def test_public_pages_are_cacheable_and_answer_conditional_requests(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]
    etag = response["ETag"]
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""


def test_a_changed_page_gets_a_new_etag_and_an_unchanged_one_keeps_its_own(content_tree):
    """The ETag is the page's own fingerprint: a content release that changes one article
    changes that article's ETag only, so browsers keep every page that did not change."""
    from django.test import Client

    from apps.content import library

    def etags() -> tuple[str, str]:
        # A new client is a new process as far as the page cache is concerned.
        client = Client(headers={"X-Forwarded-Proto": "https"})
        page, other = (client.get(url) for url in ("/conditions/sciatica/", "/overview/"))
        assert page.status_code == other.status_code == 200
        return page["ETag"], other["ETag"]

    before = etags()
    assert etags() == before
    article = content_tree / "conditions" / "sciatica.md"
    article.write_text(
        article.read_text(encoding="utf-8").replace("## Symptoms", "## Signs and symptoms"),
        encoding="utf-8",
    )
    library.clear_cache()
    after = etags()
    assert after[0] != before[0]
    assert after[1] == before[1]


def test_htmx_fragment_and_full_page_are_cached_apart(client, htmx_client):
    full = client.get("/body-map/lower-back/")
    fragment = htmx_client("/body-map/lower-back/", target="body-map")
    assert full["ETag"] != fragment["ETag"]
    assert client.get("/body-map/lower-back/").content == full.content


@pytest.mark.parametrize("url", PRIVATE)
def test_self_check_pages_are_never_stored(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "no-referrer"


def test_hashed_static_files_are_immutable(tmp_path, settings):
    """With collected, hashed names, whitenoise tells browsers to keep them for good."""
    from django.core.management import call_command
    from whitenoise.middleware import WhiteNoiseMiddleware

    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}
    }
    call_command("collectstatic", "--noinput", verbosity=0)
    hashed = next(
        p.name
        for p in (tmp_path / "css").iterdir()
        if p.name.startswith("site.") and p.suffix == ".css" and p.name != "site.css"
    )
    # A fresh middleware reads the freshly collected folder.
    middleware = WhiteNoiseMiddleware(lambda request: None)
    found = middleware.files.get(f"/static/css/{hashed}")
    assert found is not None
    headers = dict(found.get_response("GET", {}).headers)
    assert "immutable" in headers["Cache-Control"]


def test_repeat_requests_are_answered_from_memory(client, monkeypatch):
    from apps.pages import views

    first = client.get("/overview/")

    def must_not_render(*args, **kwargs):
        raise AssertionError("rendered again")

    monkeypatch.setattr(views, "render_page", must_not_render)
    second = client.get("/overview/")
    assert second.status_code == 200
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert "Content-Security-Policy" in second and "Strict-Transport-Security" in second
    assert client.get("/overview/", headers={"If-None-Match": first["ETag"]}).status_code == 304


def test_compressed_and_plain_copies_are_kept_apart(client):
    import gzip

    plain = client.get("/conditions/arthritis/")
    packed = client.get("/conditions/arthritis/", headers={"Accept-Encoding": "gzip"})
    again = client.get("/conditions/arthritis/", headers={"Accept-Encoding": "gzip, br"})
    assert "Content-Encoding" not in plain
    assert packed["Content-Encoding"] == again["Content-Encoding"] == "gzip"
    assert gzip.decompress(again.content) == plain.content
    assert "Accept-Encoding" in packed["Vary"]


def kept_paths(monkeypatch) -> list[str]:
    """The path of every response the page cache keeps, as it keeps it."""
    from apps import caching

    kept: list[str] = []
    original = caching.PageCacheMiddleware._keep

    def spy(self, key, response):
        kept.append(key[1])
        original(self, key, response)

    monkeypatch.setattr(caching.PageCacheMiddleware, "_keep", spy)
    return kept


def test_self_check_answers_are_never_kept_in_memory(client, monkeypatch):
    """What the page cache stores: never a self-check page, however often it is asked."""
    kept = kept_paths(monkeypatch)
    for url in ("/self-check/results/?red_flag=none&age=16-49", "/self-check/?step=age") * 2:
        assert client.get(url).status_code == 200
    assert client.get("/conditions/").status_code == 200
    assert kept == ["/conditions/"]


def test_query_strings_on_pages_that_ignore_them_share_one_copy(client):
    from apps.caching import PageCacheMiddleware

    seen: list[PageCacheMiddleware] = []
    original = PageCacheMiddleware.__call__

    def spy(self, request):
        seen.append(self)
        return original(self, request)

    PageCacheMiddleware.__call__ = spy
    try:
        for n in range(20):
            assert client.get(f"/conditions/sciatica/?utm_source=x{n}").status_code == 200
    finally:
        PageCacheMiddleware.__call__ = original
    store = seen[-1].store
    assert len([key for key in store if key[1] == "/conditions/sciatica/"]) == 1


def test_kept_pages_stay_within_their_memory_budget(monkeypatch, client):
    from apps import caching

    monkeypatch.setattr(caching, "MAX_BYTES", 60_000)
    seen = []
    original = caching.PageCacheMiddleware._keep

    def spy(self, key, response):
        original(self, key, response)
        seen.append(self)

    monkeypatch.setattr(caching.PageCacheMiddleware, "_keep", spy)
    for region in ("lower-back", "left-hip", "right-hip", "left-calf", "right-calf"):
        client.get(f"/body-map/{region}/")
    middleware = seen[-1]
    assert middleware.size <= 60_000
    assert middleware.size == sum(len(r.content) for r in middleware.store.values())
    assert len(middleware.store) < 5  # the oldest were let go


# What a kept page may hold: nothing of the request that first asked for it. Each test
# sends two different requests in one process (one client is one worker's middleware),
# the second answered from what the first left, and looks for the first in the second.


def _in_every_language(route: str, **kwargs: str) -> list[str]:
    urls = []
    for code, _ in settings.LANGUAGES:
        with translation.override(code):
            urls.append(reverse(route, kwargs=kwargs or None))
    return urls


QUERY_FREE = [
    *_in_every_language("home"),
    *_in_every_language("conditions"),
    *_in_every_language("condition", slug="sciatica"),
    *_in_every_language("page", slug="overview"),
    *_in_every_language("glossary"),
    *_in_every_language("exercises"),
    "/robots.txt",
    "/sitemap.xml",
]
"""Public pages that ignore their query: one kept copy serves every query."""

FIRST_QUERY = "utm_source=first-visitor-7f3a&gclid=first-click-9c2e"


@pytest.fixture
def fresh_worker():
    """A new worker: an empty page cache (a new client) and libraries loaded afresh, so
    the layouts they keep are made by the requests of the test."""
    from apps.content import library

    library.clear_cache()
    yield Client(headers={"X-Forwarded-Proto": "https"})
    library.clear_cache()


@pytest.mark.parametrize("url", QUERY_FREE)
def test_a_page_that_ignores_its_query_keeps_none_of_it(fresh_worker, url):
    """The language switcher and every other link of a kept page are built from the path:
    the first visitor's ``?utm_source=`` never reaches a later visitor."""
    first = fresh_worker.get(f"{url}?{FIRST_QUERY}")
    second = fresh_worker.get(url)
    assert first.status_code == second.status_code == 200
    assert second.content == first.content  # one kept page answered both
    for body in (first.content, second.content):
        assert b"first-visitor" not in body and b"first-click" not in body
        assert b"utm_source" not in body


def test_the_switcher_of_a_page_that_ignores_its_query_is_its_path(fresh_worker):
    url, polish = _in_every_language("condition", slug="sciatica")[:2]
    body = fresh_worker.get(f"{url}?{FIRST_QUERY}").content.decode()
    assert f'href="{polish}"' in body


def test_a_page_that_reads_its_query_is_kept_per_query(fresh_worker):
    """The body map's query chooses what it shows: each query is its own kept page, and its
    switcher keeps the query (the same places in the other language)."""
    url = reverse("body-map")
    with translation.override("pl"):
        polish = reverse("body-map")
    one = fresh_worker.get(f"{url}?region=lower-back")
    other = fresh_worker.get(f"{url}?region=left-calf")
    assert one.status_code == other.status_code == 200
    assert one.content != other.content
    assert f'href="{polish}?region=left-calf"'.encode() in other.content
    assert b"region=lower-back" not in other.content


HOSTS = ["first-host.example", "second-host.example"]

HOST_PAGES = [
    *QUERY_FREE,
    *_in_every_language("body-map"),
    *_in_every_language("body-map-region", region_id="lower-back"),
]


@pytest.mark.parametrize("url", HOST_PAGES)
def test_a_kept_page_holds_no_host_name_of_any_request(fresh_worker, settings, url):
    """Canonical, og:url, JSON-LD, hreflang, robots.txt and the sitemap come from the
    configured origin: a page first asked for under one allowed host name is the same page
    under another, and names neither."""
    settings.ALLOWED_HOSTS = [*HOSTS, "testserver"]
    first = fresh_worker.get(url, headers={"Host": HOSTS[0]})
    second = fresh_worker.get(url, headers={"Host": HOSTS[1]})
    assert first.status_code == second.status_code == 200
    assert second.content == first.content
    assert b"-host.example" not in first.content
    assert settings.SITE_ORIGIN.encode() in first.content


@pytest.mark.parametrize(
    "route, query",
    [
        ("self-check-results", "red_flag=none&age=45&region=lower-back"),
        ("self-check", "step=age&red_flag=none"),
    ],
)
@pytest.mark.parametrize("code", [code for code, _ in settings.LANGUAGES])
def test_the_kept_layout_of_self_check_pages_holds_no_host_name(
    fresh_worker, settings, route, query, code
):
    """Self-check pages are never kept, but the layout around a result is kept per process
    (apps.rendering): the second request must not carry the first one's host name."""
    settings.ALLOWED_HOSTS = [*HOSTS, "testserver"]
    with translation.override(code):
        url = f"{reverse(route)}?{query}"
    first = fresh_worker.get(url, headers={"Host": HOSTS[0]})
    second = fresh_worker.get(url, headers={"Host": HOSTS[1]})
    assert first.status_code == second.status_code == 200
    assert HOSTS[0].encode() not in second.content
