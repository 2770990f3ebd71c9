"""The page crawl behind ``make validate``: it reaches what a person can reach."""

from tests.validate import _internal, _Page, crawl


def test_a_form_is_sent_as_a_person_would_fill_it():
    page = _Page()
    page.feed(
        '<form method="get" action="/self-check/">'
        '<input type="hidden" name="red_flag" value="none">'
        '<input type="checkbox" name="region" value="lower-back">'
        '<input type="checkbox" name="region" value="left-hip">'
        '<input type="number" name="age"><button type="submit" name="go">Next</button></form>'
        '<form method="post" action="/nowhere/"><input name="x" value="y"></form>'
        '<a href="/conditions/">A to Z</a><a href="https://www.nhs.uk/">NHS</a>'
    )
    assert page.forms == [
        ("/self-check/", [("red_flag", "none"), ("region", "lower-back"), ("age", "45")])
    ]
    assert page.links == ["/conditions/", "https://www.nhs.uk/"]


def test_only_site_pages_are_followed():
    assert _internal("/conditions/#symptoms", "/") == "/conditions/"
    assert _internal("#main", "/overview/") == "/overview/"
    for outside in (
        "https://www.nhs.uk/",
        "//evil.example/",
        "/static/css/site.css",
        "/search.json?q=x",
    ):
        assert _internal(outside, "/") is None


def test_the_crawl_reaches_every_article_the_self_check_steps_and_a_result(client):
    from apps.content.library import get_library

    pages = crawl(client)
    for condition in get_library().conditions:
        assert f"/conditions/{condition.slug}/" in pages
    assert any(url.startswith("/self-check/?") and "step=" in url for url in pages)
    assert any(url.startswith("/self-check/results/?") for url in pages)
    assert all(html.lstrip().lower().startswith("<!doctype html>") for html in pages.values())
