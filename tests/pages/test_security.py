"""Production hardening: settings, headers, cookies, methods and hostile input."""

import os
import subprocess
import sys
from urllib.parse import quote

import pytest
from django.conf import settings
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from apps.content.library import get_library
from apps.content.regions import REGIONS
from tests.site import article_url

EVERY_URL = [
    "/",
    "/overview/",
    "/urgent-help/",
    "/conditions/",
    *(article_url(c) for c in get_library().conditions),
    "/body-map/",
    *(f"/body-map/{r.id}/" for r in REGIONS),
    "/body-map/?region=lower-back&region=left-calf",
    "/self-check/",
    *(f"/self-check/?red_flag=none&step={step}" for step in ("red-flags", "age", "region")),
    "/self-check/?red_flag=bladder-bowel&step=age",
    "/self-check/results/?red_flag=none&region=lower-back",
    "/self-check/results.json?red_flag=none",
    "/no-such-page/",
    "/body-map/left-elbow/",
    "/self-check/results/?age=twelve",
]


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**clean, "DJANGO_SETTINGS_MODULE": "apps.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_check_deploy_is_clean_under_the_documented_production_environment():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SECRET_KEY="a-long-random-production-key-" + "k7Qx9vR2mW4pL8sT1nB6yH3jD5fG0cZ",
        DJANGO_ALLOWED_HOSTS="backandleg.example",
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_without_a_secret_key_refuses_to_start_with_a_clear_error():
    result = _manage("check")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off" in result.stderr


def test_development_needs_no_secret_key():
    assert _manage("check", DJANGO_DEBUG="1").returncode == 0


@pytest.mark.parametrize("url", EVERY_URL)
def test_every_response_carries_the_security_headers_and_no_cookie(client, url):
    response = client.get(url)
    assert response.status_code in (200, 400, 404)
    csp = response["Content-Security-Policy"]
    for directive in (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "frame-ancestors 'none'",
        "form-action 'self'",
        "base-uri 'none'",
    ):
        assert directive in csp
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] in ("same-origin", "no-referrer")
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert not response.cookies, f"{url} set a cookie"


def test_plain_http_is_redirected_to_https():
    from django.test import Client

    response = Client().get("/conditions/sciatica/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/conditions/sciatica/"


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
@pytest.mark.parametrize(
    "url", ["/", "/conditions/sciatica/", "/body-map/", "/self-check/results/"]
)
def test_other_methods_get_the_sites_405(client, method, url):
    response = getattr(client, method)(url)
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert "This page cannot do that" in response.content.decode()


@pytest.mark.parametrize("url", ["/", "/search/?q=back", "/sitemap.xml"])
def test_a_post_without_a_csrf_token_gets_the_405_not_a_csrf_403(settings, url):
    """A browser's POST carries no token: the method is refused, not the request forged."""
    from django.test import Client

    settings.SECURE_SSL_REDIRECT = False
    response = Client(enforce_csrf_checks=True).post(url)
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD"
    assert "This page cannot do that" in response.content.decode()


def test_head_is_allowed(client):
    assert client.head("/conditions/sciatica/").status_code == 200


def test_oversized_query_string_is_refused(client):
    response = client.get("/self-check/results/?" + "&".join(["feeling=ache"] * 5000))
    assert response.status_code in (400, 414)


# Fuzzing: whatever arrives, the answer is 200, 400 or 404, never a 500.

PARAMS = ["red_flag", "age", "region", "feeling", "onset", "pattern", "about", "duration", "step"]
KNOWN = sorted({v for values in get_library().questionnaire.vocabulary.values() for v in values})
values = st.one_of(
    st.sampled_from(KNOWN),
    st.text(max_size=30),
    st.text(alphabet="%0123456789abcdefXYZ", max_size=12),
    st.text(min_size=200, max_size=3000),
)
names = st.one_of(st.sampled_from(PARAMS), st.text(max_size=20))
FUZZED_URLS = ["/self-check/", "/self-check/results/", "/self-check/results.json", "/body-map/"]


@hypothesis_settings(
    max_examples=400, deadline=2000, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    url=st.sampled_from(FUZZED_URLS),
    pairs=st.lists(st.tuples(names, values), max_size=12),
    repeat=st.integers(min_value=1, max_value=300),
)
def test_fuzzed_query_strings_never_fail(client, url, pairs, repeat):
    query = "&".join(f"{quote(n, safe='%')}={quote(v, safe='%')}" for n, v in pairs)
    if repeat > 1 and pairs:
        query = "&".join([query] * repeat)
    response = client.get(f"{url}?{query}")
    assert response.status_code in (200, 400), (url, query[:200], response.status_code)


@hypothesis_settings(
    max_examples=300, deadline=2000, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(path=st.text(max_size=200))
def test_fuzzed_paths_never_fail(client, path):
    response = client.get("/" + quote(path, safe="/%"))
    assert response.status_code in (200, 301, 400, 404), (path, response.status_code)


def test_invalid_percent_encoding_and_unicode(client):
    for url in (
        "/self-check/results/?age=%ZZ",
        "/self-check/results/?age=%E2%82",
        "/self-check/results/?%FF%FE=1",
        "/body-map/%E2%82/",
        "/conditions/%C3%A9t%C3%A9/",
        "/self-check/results/?region=lower-back%00",
        "/body-map/?region=" + quote("ℓower-back"),
    ):
        assert client.get(url).status_code in (400, 404), url
