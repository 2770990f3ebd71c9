"""HTTP caching: public pages carry an ETag and answer 304; self-check pages are never kept."""

import pytest

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
