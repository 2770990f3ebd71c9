"""Every page of the site contract answers through the test client; unknown paths 404."""

import pytest

from tests.conditions.test_content import SLUGS

PAGES = ["/", "/overview/", "/urgent-help/", "/conditions/"]
ARTICLES = SLUGS  # the nine condition slugs of the clinical notes


@pytest.mark.parametrize("url", PAGES + [f"/conditions/{slug}/" for slug in ARTICLES])
def test_page_answers_200_in_the_site_layout(client, url):
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert '<a class="skip-link" href="#main">' in body
    assert 'id="main"' in body
    assert "It is not a diagnosis" in body
    assert "call 999" in body


def test_home_shows_the_three_ways_in_and_urgent_help_first(client):
    body = client.get("/").content.decode()
    for href in ('href="/conditions/"', 'href="/body-map/"', 'href="/self-check/"'):
        assert href in body
    # Red flags before causes: the emergency callout comes before the list of causes.
    assert body.index("callout-emergency") < body.index('href="/conditions/sciatica/"')


def test_overview_lists_every_cause(client):
    body = client.get("/overview/").content.decode()
    for slug in ARTICLES:
        assert f'href="/conditions/{slug}/"' in body


def test_index_is_a_to_z_with_summaries(client):
    from apps.conditions.library import get_library

    body = client.get("/conditions/").content.decode()
    conditions = get_library().conditions
    in_page_order = sorted(conditions, key=lambda c: body.index(f'href="{c.url}"'))
    titles = [c.title for c in in_page_order]
    assert titles == sorted(titles, key=str.casefold)
    assert titles[0] == "Arthritis"
    for condition in conditions:
        assert condition.summary in body


@pytest.mark.parametrize(
    "url", ["/no-such-page/", "/conditions/no-such-thing/", "/conditions/x/y/"]
)
def test_unknown_paths_get_the_helpful_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    body = response.content.decode()
    assert "Page not found" in body
    for href in ('href="/conditions/"', 'href="/body-map/"', 'href="/self-check/"'):
        assert href in body


def test_server_error_page_is_the_sites_own(client, settings):
    from django.urls import path

    from apps import urls

    def broken(request):
        raise RuntimeError("boom")

    settings.ROOT_URLCONF = type(
        "Urls", (), {"urlpatterns": [path("boom/", broken)], "handler500": urls.handler500}
    )
    client.raise_request_exception = False
    response = client.get("/boom/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Sorry, something went wrong" in body
    assert "RuntimeError" not in body and "Traceback" not in body


def test_no_inline_scripts_or_styles_and_no_third_party_requests(client):
    for url in [*PAGES, "/conditions/sciatica/"]:
        body = client.get(url).content.decode()
        assert "<style" not in body
        assert " style=" not in body
        for tag in ("<script", "<link", "<img"):
            for match in body.split(tag)[1:]:
                attrs = match.split(">")[0]
                assert "src=" in attrs or "href=" in attrs or tag != "<script"
                assert "http://" not in attrs and "https://" not in attrs, (url, attrs)


def test_htmx_is_pinned_and_served_locally(client):
    body = client.get("/").content.decode()
    assert '/static/js/vendor/htmx-2.0.10.min.js" defer' in body
    from django.contrib.staticfiles import finders

    path = finders.find("js/vendor/htmx-2.0.10.min.js")
    with open(path, encoding="utf-8") as handle:
        assert 'version:"2.0.10"' in handle.read()


def test_forbidden_page_is_the_sites_own(client, settings):
    from django.core.exceptions import PermissionDenied
    from django.urls import path

    from apps import urls

    def refuse(request):
        raise PermissionDenied

    settings.ROOT_URLCONF = type(
        "Urls", (), {"urlpatterns": [path("private/", refuse)], "handler403": urls.handler403}
    )
    response = client.get("/private/")
    assert response.status_code == 403
    body = response.content.decode()
    assert "Not allowed" in body and 'href="/"' in body


def test_bad_request_page_is_the_sites_own(client):
    # More fields than Django accepts in one query: refused before any view runs.
    response = client.get("/body-map/?" + "&".join(f"x{n}=1" for n in range(1200)))
    assert response.status_code == 400
    assert "There is a problem with this address" in response.content.decode()
