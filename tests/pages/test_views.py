"""Every page of the site contract answers through the test client; unknown paths 404."""

import re

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
    assert f'call <a href="tel:{settings.EMERGENCY_NUMBER}">{settings.EMERGENCY_NUMBER}</a>' in body


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


def test_index_is_a_to_z_with_summaries_and_other_names(client):
    response = client.get(reverse("conditions"))
    body = response.content.decode()
    entries = response.context["entries"]
    labels = [entry.label for entry in entries]
    assert labels == sorted(labels, key=str.casefold)
    for condition in LIBRARY.conditions:
        assert f'href="{article_url(condition)}"' in body
        assert condition.summary in body
        for name in condition.also_called:
            # "Slipped disc: see Herniated (slipped) disc", listed under its own letter
            label = name[:1].upper() + name[1:]
            assert f'{label}: see <a href="{article_url(condition)}">{condition.title}</a>' in body
    letters = {entry.letter for entry in entries}
    for letter in letters:
        assert f'href="#letter-{letter.lower()}"' in body
        assert f'id="letter-{letter.lower()}"' in body


def test_no_inline_scripts_or_styles_and_no_third_party_requests(client):
    for url in public_urls(LIBRARY):
        body = client.get(url).content.decode()
        assert "<style" not in body
        assert " style=" not in body
        for tag in ("<script", "<link", "<img"):
            for match in body.split(tag)[1:]:
                attrs = match.split(">")[0]
                data_block = 'type="application/ld+json"' in attrs  # never run
                assert "src=" in attrs or "href=" in attrs or tag != "<script" or data_block
                # The page's own absolute addresses (canonical, hreflang) are on its origin.
                own = re.sub(rf'href="{re.escape(settings.SITE_ORIGIN)}/[^"]*"', "", attrs)
                assert "http://" not in own and "https://" not in own, (url, attrs)


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
