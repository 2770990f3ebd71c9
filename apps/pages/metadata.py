"""What every public page tells other programs: canonical address, Open Graph, JSON-LD.

Built in one place from the library, so a page's ``lastReviewed`` is always the date it
shows, and an article's other names are its ``alternateName``. The JSON-LD is a data
block (never run), so the strict Content-Security-Policy allows it unchanged.
"""

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils.encoding import iri_to_uri
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext, to_locale

from apps.content.conditions import Condition

_JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


@dataclass(frozen=True, slots=True)
class Crumb:
    name: str
    url: str


@dataclass(frozen=True, slots=True)
class PageMeta:
    title: str
    description: str
    canonical: str
    og_type: str
    last_reviewed: dt.date
    json_ld: SafeString
    shows_review: bool
    """Whether the page shows its review date itself (with its references)."""


def absolute_url(path: str) -> str:
    """``path`` (a site path, as ``request.path`` or ``reverse`` gives it) on the site's
    configured origin (settings.SITE_ORIGIN)."""
    return settings.SITE_ORIGIN + iri_to_uri(path)


def _language_tag() -> str:
    """The active language as a BCP 47 tag, as schema.org wants it ("en-GB", "pl")."""
    return to_locale(get_language() or settings.LANGUAGE_CODE).replace("_", "-")


def describe_page(
    request: HttpRequest,
    *,
    title: str,
    description: str,
    last_reviewed: dt.date,
    trail: Sequence[Crumb] = (),
    condition: Condition | None = None,
    shows_review: bool = True,
) -> PageMeta:
    """The page's metadata; ``trail`` is the breadcrumb between Home and this page."""
    # Absolute addresses start with the configured origin, never the request's Host: the
    # page is kept and served to every visitor (apps.caching).
    canonical = absolute_url(request.path)
    crumbs = [Crumb(gettext("Home"), reverse("home")), *trail]
    if request.path != reverse("home"):
        crumbs.append(Crumb(title, request.path))
    data: dict[str, object] = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": title,
        "description": description,
        "lastReviewed": last_reviewed.isoformat(),
        "url": canonical,
        "inLanguage": _language_tag(),
        "breadcrumb": {
            "@type": "BreadcrumbList",
            "itemListElement": [
                {
                    "@type": "ListItem",
                    "position": position,
                    "name": crumb.name,
                    "item": absolute_url(crumb.url),
                }
                for position, crumb in enumerate(crumbs, start=1)
            ],
        },
    }
    if condition is not None:
        data["about"] = {
            "@type": "MedicalCondition",
            "name": condition.title,
            "alternateName": list(condition.also_called),
        }
    text = json.dumps(data, ensure_ascii=False, indent=None).translate(_JSON_ESCAPES)
    return PageMeta(
        title=title,
        description=description,
        canonical=canonical,
        og_type="article" if condition is not None or shows_review else "website",
        last_reviewed=last_reviewed,
        json_ld=mark_safe(text),
        shows_review=shows_review,
    )
