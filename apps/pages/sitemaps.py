"""The sitemap (django.contrib.sitemaps): every public page, dated by its last review.

Pages with a review date of their own (articles, pages, the glossary) give it as
``lastmod``; pages built from the whole library (home, A to Z, body map, self-check)
give the library's newest review date.

Every page is listed in every language (``i18n``), each with its alternates in the
others and ``x-default`` (English), as the site contract's "Languages" asks.

Addresses start with the configured origin (settings.SITE_ORIGIN), never with the Host
or scheme of the request: the sitemap is kept and served to everyone (apps.caching).
"""

import datetime as dt
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from apps.content.library import get_library
from apps.content.regions import REGIONS


class SitePages(Sitemap):
    """Every address on the site's configured origin, whatever the request said."""

    i18n = True
    alternates = True
    x_default = True

    def get_protocol(self, protocol: str | None = None) -> str:
        return urlsplit(settings.SITE_ORIGIN).scheme

    def get_domain(self, site: object = None) -> str:
        return urlsplit(settings.SITE_ORIGIN).netloc


class ReviewedPages(SitePages):
    """Every page that carries its own review date, with the route that serves it."""

    def items(self) -> list[tuple[str, dict[str, str], dt.date]]:
        library = get_library()
        return [
            *(("condition", {"slug": c.slug}, c.last_reviewed) for c in library.conditions),
            *(("page", {"slug": p.slug}, p.last_reviewed) for p in library.pages.values()),
            ("glossary", {}, library.glossary.last_reviewed),
            ("exercises", {}, library.exercise_page.last_reviewed),
        ]

    def location(self, item: tuple[str, dict[str, str], dt.date]) -> str:
        route, kwargs, _ = item
        return reverse(route, kwargs=kwargs or None)

    def lastmod(self, item: tuple[str, dict[str, str], dt.date]) -> dt.date:
        return item[2]


class LibraryPages(SitePages):
    """Pages made from the whole library: as new as its newest review."""

    def items(self) -> list[tuple[str, dict[str, str]]]:
        return [
            ("home", {}),
            ("conditions", {}),
            ("body-map", {}),
            *(("body-map-region", {"region_id": region.id}) for region in REGIONS),
            ("self-check", {}),
        ]

    def location(self, item: tuple[str, dict[str, str]]) -> str:
        route, kwargs = item
        return reverse(route, kwargs=kwargs or None)

    def lastmod(self, item: tuple[str, dict[str, str]]) -> dt.date:
        return get_library().reviewed


SITEMAPS = {"reviewed": ReviewedPages, "library": LibraryPages}
