"""The settings read from the environment: here, the site's origin (DJANGO_SITE_ORIGIN),
where every absolute address the pages give starts."""

import pytest
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from apps.settings import site_origin


def test_the_suite_builds_addresses_on_the_first_allowed_host():
    """The tests run as production does with the default hosts and no DJANGO_SITE_ORIGIN."""
    assert settings.SITE_ORIGIN == "https://localhost"


@pytest.mark.parametrize(
    "configured, expected",
    [
        ("https://backandleg.example", "https://backandleg.example"),
        ("https://backandleg.example/", "https://backandleg.example"),
        (" http://127.0.0.1:8080 ", "http://127.0.0.1:8080"),
    ],
)
def test_a_configured_origin_is_used_as_written(configured, expected):
    for debug in (True, False):
        assert site_origin(configured, debug=debug, allowed_hosts=["other.example"]) == expected


def test_without_one_development_uses_the_development_server():
    assert site_origin("", debug=True, allowed_hosts=["localhost"]) == "http://127.0.0.1:8000"


def test_without_one_production_uses_https_and_the_first_allowed_host():
    hosts = ["backandleg.example", "www.backandleg.example"]
    assert site_origin("", debug=False, allowed_hosts=hosts) == "https://backandleg.example"


@pytest.mark.parametrize("hosts", [[], [".backandleg.example"], ["*"]])
def test_production_needs_one_when_the_first_host_is_not_a_host_name(hosts):
    with pytest.raises(ImproperlyConfigured, match="DJANGO_SITE_ORIGIN"):
        site_origin("", debug=False, allowed_hosts=hosts)


@pytest.mark.parametrize(
    "configured",
    [
        "backandleg.example",
        "ftp://backandleg.example",
        "https://backandleg.example/pages/",
        "https://backandleg.example?x=1",
        "https://user:secret@backandleg.example",
        "https://backandleg.example:port",
        "https://",
    ],
)
def test_anything_but_a_scheme_and_host_is_refused(configured):
    with pytest.raises(ImproperlyConfigured, match="DJANGO_SITE_ORIGIN"):
        site_origin(configured, debug=False, allowed_hosts=["localhost"])
