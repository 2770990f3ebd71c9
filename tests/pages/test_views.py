"""Every page of the site contract answers through the test client; unknown paths 404."""

import pytest
from django.conf import settings
from django.urls import reverse

from apps.content.library import get_library
from tests.site import article_url, public_urls

LIBRARY = get_library()
ARTICLES = [c.slug for c in LIBRARY.conditions]


@pytest.mark.parametrize("url", public_urls(LIBRARY))
def test_page_answers_200_in_the_site_layout(client, url):
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert '<a class="skip-link" href="#main">' in body
    assert 'id="main"' in body
    assert "It is not a diagnosis" in body
    assert f"call {settings.EMERGENCY_NUMBER}" in body


@pytest.mark.parametrize("slug", list(LIBRARY.pages))
def test_every_page_file_is_served_by_the_one_generic_view(client, slug):
    response = client.get(reverse("page", kwargs={"slug": slug}))
    assert response.status_code == 200
    assert response.templates[0].name == "pages/document.html"
    assert response.context["page"] == LIBRARY.page(slug)
    assert response.context["page"].html in response.content.decode()


@pytest.mark.parametrize("slug", ARTICLES)
def test_every_article_is_rendered_from_its_condition(client, slug):
    response = client.get(reverse("condition", kwargs={"slug": slug}))
    condition = LIBRARY.condition(slug)
    assert response.templates[0].name == "conditions/detail.html"
    assert response.context["condition"] == condition
    assert [c.slug for c in response.context["related"]] == list(condition.related)
    assert {r.id for area in response.context["areas"] for r in area.regions} == set(
        condition.regions
    )


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
    from apps.content.library import get_library

    body = client.get("/conditions/").content.decode()
    conditions = get_library().conditions
    in_page_order = sorted(conditions, key=lambda c: body.index(f'href="{article_url(c)}"'))
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
        "Urls",
        (),
        {"urlpatterns": [path("boom/", broken), *urls.urlpatterns], "handler500": urls.handler500},
    )
    client.raise_request_exception = False
    response = client.get("/boom/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Sorry, something went wrong" in body
    assert "RuntimeError" not in body and "Traceback" not in body


def test_no_inline_scripts_or_styles_and_no_third_party_requests(client):
    for url in public_urls(LIBRARY):
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
        "Urls",
        (),
        {
            "urlpatterns": [path("private/", refuse), *urls.urlpatterns],
            "handler403": urls.handler403,
        },
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
