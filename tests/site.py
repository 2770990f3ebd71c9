"""The site's addresses, derived from the library and the URL names (never written out).

Tests that visit "every page" use these, so a new condition, page or region is covered
without editing a test.
"""

from django.urls import reverse

from apps.content.conditions import Condition
from apps.content.documents import Document
from apps.content.library import Library
from apps.content.regions import REGIONS

CLINICAL_SLUGS = (  # clinical-notes.md section 1: one article each
    "sciatica",
    "herniated-disc",
    "muscle-tightness",
    "muscle-strains-and-tears",
    "arthritis",
    "poor-posture",
    "overuse",
    "injury-and-fractures",
    "gait-problems",
)
"""The conditions the clinical notes require (the library may hold more)."""

CONTRACT_RED_FLAGS = (  # site-contract.md, the red_flag parameter (the library may add more)
    "saddle-numbness",
    "bladder-bowel",
    "both-legs",
    "sexual-function",
    "serious-accident",
    "chest-pain",
    "sudden-tummy-pain",
    "cold-leg",
    "breathless",
    "fever",
    "weight-loss",
    "cancer-history",
    "night-pain",
    "swelling",
    "swollen-calf",
    "cold-leg-after-injury",
    "osteoporosis-injury",
    "foot-rest-pain",
    "upper-back",
)
"""The red-flag ids other programs may rely on: each must be accepted."""


def article_url(condition: Condition) -> str:
    return reverse("condition", kwargs={"slug": condition.slug})


def page_url(page: Document) -> str:
    return reverse("page", kwargs={"slug": page.slug})


def public_urls(library: Library) -> list[str]:
    """Every public page: home, A to Z, each article, each page, the map, each region and
    the exercises."""
    return [
        reverse("home"),
        reverse("conditions"),
        *(article_url(c) for c in library.conditions),
        *(page_url(p) for p in library.pages.values()),
        reverse("body-map"),
        *(reverse("body-map-region", kwargs={"region_id": r.id}) for r in REGIONS),
        reverse("exercises"),
    ]
