"""The one settings file, read from the environment variables of the site contract.

Development gets safe defaults (``DJANGO_DEBUG=1``); whenever DEBUG is off the site runs
as in production: a secret key is required, HTTPS is expected to end at a proxy that sets
``X-Forwarded-Proto``, and every hardening header is on.
"""

import os
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy

BASE_DIR = Path(__file__).resolve().parent.parent


def _env_flag(name: str) -> bool:
    """Read a yes/no variable; anything but an explicit 'on' value is off."""
    return os.environ.get(name, "").strip().lower() in {"1", "true", "yes", "on"}


DEBUG = _env_flag("DJANGO_DEBUG")

_DEVELOPMENT_KEY = "development-only-key-never-used-in-production-3f9c1e7a5b2d8f0c4e6a9b1d"
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off (production). "
            "Set DJANGO_DEBUG=1 for development, or export a long random DJANGO_SECRET_KEY."
        )
    SECRET_KEY = _DEVELOPMENT_KEY

ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1").split(",")
    if host.strip()
]


def site_origin(configured: str, *, debug: bool, allowed_hosts: list[str]) -> str:
    """Where the site is served, as ``scheme://host[:port]``: every absolute address the
    pages give (canonical, Open Graph, JSON-LD, hreflang, the sitemap, robots.txt) starts
    with it. It is configured, never taken from a request's Host header, so a page kept
    for every visitor holds nothing of the first visitor's request.

    ``configured`` is DJANGO_SITE_ORIGIN; without it, development is served on
    http://127.0.0.1:8000 and production on https:// and the first allowed host.
    """
    configured = configured.strip()
    if not configured:
        if debug:
            return "http://127.0.0.1:8000"
        first = allowed_hosts[0] if allowed_hosts else ""
        if not first or first.startswith(".") or "*" in first:
            raise ImproperlyConfigured(
                "Set DJANGO_SITE_ORIGIN (e.g. https://backandleg.example): the first of "
                f"DJANGO_ALLOWED_HOSTS ({first!r}) is not one host name to build addresses on."
            )
        return f"https://{first}"
    parts = urlsplit(configured)
    try:
        parts.port  # noqa: B018  (raises ValueError for a port that is not a number)
    except ValueError:
        parts = parts._replace(scheme="")
    if (
        parts.scheme not in ("http", "https")
        or not parts.hostname
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
        or parts.username
        or parts.password
    ):
        raise ImproperlyConfigured(
            "DJANGO_SITE_ORIGIN must be a scheme and host with no path, such as "
            f"https://backandleg.example, not {configured!r}."
        )
    return f"{parts.scheme}://{parts.netloc}"


SITE_ORIGIN = site_origin(
    os.environ.get("DJANGO_SITE_ORIGIN", ""), debug=DEBUG, allowed_hosts=ALLOWED_HOSTS
)

# The site's name, said in the language of each page (its translations are in the catalog).
SITE_NAME = gettext_lazy("Back and Leg Pain Guide")

# The content library: one Markdown file per condition or page.
CONTENT_DIR = Path(os.environ.get("CONTENT_DIR") or BASE_DIR / "content").resolve()

# The number people are told to call in an emergency (112 and 911 are mentioned beside it).
# Content writes [[emergency-number]]; this is the one place the number comes from.
EMERGENCY_NUMBER = os.environ.get("EMERGENCY_NUMBER", "").strip() or "999"
if not EMERGENCY_NUMBER.isdigit() or len(EMERGENCY_NUMBER) > 6:
    raise ImproperlyConfigured(
        f"EMERGENCY_NUMBER must be a short phone number of digits, not {EMERGENCY_NUMBER!r}."
    )

INSTALLED_APPS = [
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_htmx",
    "apps.content",
    "apps.pages",
    "apps.conditions",
    "apps.bodymap",
    "apps.selfcheck",
    "apps.exercises",
    "apps.search",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Public pages are answered from memory here, like static files just above; pages
    # that are not marked public (self-check, search) are never kept.
    "apps.caching.PageCacheMiddleware",
    # Pages hold no secrets (no CSRF tokens, no personal data beyond the URL), so
    # compressing them carries no BREACH-style risk.
    "django.middleware.gzip.GZipMiddleware",
    # The language comes from the address alone (no cookie, no redirect): no prefix is
    # English, /pl/ is Polish. It also sends Content-Language.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "apps.pages.middleware.PermissionsPolicyMiddleware",
    "apps.pages.middleware.MethodNotAllowedPageMiddleware",
]

ROOT_URLCONF = "apps.urls"
CSRF_FAILURE_VIEW = "apps.pages.views.csrf_failure"
WSGI_APPLICATION = "apps.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,  # the sitemap's own template
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "apps.pages.context_processors.site",
            ],
            "builtins": ["django.templatetags.static"],
        },
    }
]

# Nothing is stored: no models, no sessions, no database at all.
DATABASES: dict[str, dict[str, str]] = {}

# English is the source language and has no prefix in its addresses; each other language
# lives under its code (/pl/...). Adding a language: its entry here, its catalog in
# apps/locale/<code>/ and its content in content/translations/<code>/ (see the README).
LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", "English"), ("pl", "Polski")]
LOCALE_PATHS = [BASE_DIR / "apps" / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Where `collectstatic` writes the deployed files (the tests point it at a temporary folder).
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT") or BASE_DIR / "staticfiles").resolve()
STORAGES = {
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    }
}

# Headers on every response.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.NONE],
}
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)

if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    CSRF_COOKIE_SECURE = True
    SESSION_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {"django": {"handlers": ["console"], "level": "WARNING", "propagate": False}},
}
