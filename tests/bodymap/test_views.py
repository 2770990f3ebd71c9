"""The body-map pages for plain and htmx requests, combinations, and bad input."""

import re

import pytest

from apps.content.library import get_library
from apps.content.regions import REGIONS
from tests.site import article_url

REGION_IDS = [r.id for r in REGIONS]


def test_the_map_links_every_region_in_the_drawing_and_in_a_list(client):
    response = client.get("/body-map/")
    assert response.status_code == 200
    body = response.content.decode()
    for region in REGIONS:
        # Once in the SVG drawing (with its accessible name), once in the plain list.
        assert re.search(
            rf'<a id="map-{region.id}" href="/body-map/{region.id}/" aria-label="{region.label}"',
            body,
        )
        assert body.count(f'href="/body-map/{region.id}/"') >= 2
    assert "left and right are the person’s own" in body


@pytest.mark.parametrize("region_id", REGION_IDS)
def test_each_region_page_plain_request_is_the_full_page(client, region_id):
    response = client.get(f"/body-map/{region_id}/")
    assert response.status_code == 200
    assert {"HX-Request", "HX-Target"} <= {v.strip() for v in response["Vary"].split(",")}
    body = response.content.decode()
    assert body.startswith("<!doctype html>")
    label = next(r.label for r in REGIONS if r.id == region_id)
    assert f"{label}: what can cause pain here" in body
    for condition in get_library().affecting(region_id):
        assert f'href="{article_url(condition)}"' in body
        assert condition.note_for(region_id) in body.replace("&#x27;", "'")
    assert (
        f'<a id="map-{region_id}" href="/body-map/{region_id}/" aria-label="{label} (selected)"'
        in body
    )


@pytest.mark.parametrize("region_id", REGION_IDS)
def test_each_region_page_htmx_request_is_the_fragment(htmx_client, region_id):
    response = htmx_client(f"/body-map/{region_id}/", target="body-map")
    assert response.status_code == 200
    assert {"HX-Request", "HX-Target"} <= {v.strip() for v in response["Vary"].split(",")}
    body = response.content.decode().strip()
    # The fragment brings its page title for htmx to apply, then the swapped area.
    assert re.match(
        r'<title>Body map: [^<]+ – Back and Leg Pain Guide</title>\s*<div id="body-map"', body
    )
    assert "<html" not in body and "<header" not in body


def test_boosted_and_history_restore_requests_get_the_full_page(htmx_client):
    boosted = htmx_client("/body-map/lower-back/", target="body-map", **{"HX-Boosted": "true"})
    restore = htmx_client(
        "/body-map/lower-back/", target="body-map", **{"HX-History-Restore-Request": "true"}
    )
    other = htmx_client("/body-map/lower-back/", target="somewhere-else")
    for response in (boosted, restore, other):
        assert response.content.decode().startswith("<!doctype html>")
        assert {"HX-Request", "HX-Target"} <= {v.strip() for v in response["Vary"].split(",")}


def test_combination_lists_all_then_some_saying_which(client):
    response = client.get("/body-map/?region=lower-back&region=right-calf")
    assert response.status_code == 200
    body = response.content.decode()
    all_at = body.index("Conditions that can affect all of these places")
    some_at = body.index("Conditions that can affect some of these places")
    assert all_at < some_at
    assert all_at < body.index('href="/conditions/sciatica/"') < some_at
    assert "Not usually: right calf." in body
    assert 'href="/self-check/?region=lower-back&amp;region=right-calf"' in body
    assert 'value="right-calf" checked' in body


def test_combination_htmx_fragment(htmx_client):
    response = htmx_client("/body-map/?region=lower-back&region=left-thigh", target="body-map")
    body = response.content.decode().strip()
    assert re.match(
        r"<title>Body map: Lower back and back of the left thigh – [^<]+</title>"
        r'\s*<div id="body-map"',
        body,
    )


def test_region_page_offers_the_self_check_with_that_region(client):
    body = client.get("/body-map/left-buttock/").content.decode()
    assert 'href="/self-check/?region=left-buttock"' in body


def test_unknown_region_in_the_path_is_a_404_listing_the_real_ones(client):
    response = client.get("/body-map/left-elbow/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "left-elbow" in body
    for region in REGIONS:
        assert f'href="/body-map/{region.id}/"' in body


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("region=left-elbow", "left-elbow"),
        ("region=lower-back&colour=red", "colour"),
        ("region=" + "x" * 500, "far too long"),
        ("&".join(["region=lower-back"] * 150), "more than 100"),
    ],
)
def test_bad_query_is_a_400_saying_what_was_wrong(client, query, named):
    response = client.get(f"/body-map/?{query}")
    assert response.status_code == 400
    body = response.content.decode()
    assert named in body
    assert 'href="/body-map/"' in body


def test_region_page_takes_no_query(client):
    assert client.get("/body-map/lower-back/?region=left-calf").status_code == 400


def test_articles_show_the_same_drawing_with_their_regions(client):
    body = client.get("/conditions/sciatica/").content.decode()
    sciatica = get_library().condition("sciatica")
    assert body.count('class="body-figure is-linked"') == 1
    for region in REGIONS:
        selected = region.id in sciatica.regions
        marker = f'aria-label="{region.label} (selected)"'
        assert (marker in body) == selected, region.id
