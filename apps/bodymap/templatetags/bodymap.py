"""The one drawing of the body, used by the map, the articles and the self-check."""

from collections.abc import Iterable
from typing import Any

from django import template

from apps.bodymap import figure
from apps.content.regions import REGIONS

register = template.Library()


@register.inclusion_tag("bodymap/figure.html")
def body_figure(
    *, highlighted: Iterable[str] = (), linked: bool = False, caption: str = "", htmx: bool = False
) -> dict[str, Any]:
    """Render the figure; ``linked`` makes each region a link to its page.

    Unlinked copies are pictures only (hidden from screen readers), so the page beside
    them must say the same thing in words.
    """
    chosen = set(highlighted)
    return {
        "viewbox": figure.VIEWBOX,
        "silhouette": figure.SILHOUETTE,
        "details": figure.DETAILS,
        "regions": [(region, figure.REGIONS[region.id], region.id in chosen) for region in REGIONS],
        "linked": linked,
        "htmx": htmx,
        "caption": caption,
    }
