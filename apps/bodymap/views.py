"""The body map: the whole drawing, one region, or several regions together."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from apps.bodymap.matching import match_regions
from apps.caching import public_page
from apps.content.library import get_library
from apps.content.regions import REGION_IDS, REGIONS, UnknownRegion, get_region
from apps.pages.metadata import Crumb, describe_page
from apps.query import QueryError, parse_query
from apps.rendering import problem_page, query_pairs, render_page

TARGETS = ("body-map",)


@csrf_exempt
@require_safe
@public_page(uses_query=True)
def index(request: HttpRequest) -> HttpResponse:
    """The map; ``?region=a&region=b`` lists what affects those places together."""
    try:
        query = parse_query(query_pairs(request), multiple={"region": REGION_IDS})
    except QueryError as problem:
        return problem_page(request, problem, start_again=reverse("body-map"))
    return _render_map(request, region_ids=query.get("region", ()))


@csrf_exempt
@require_safe
@public_page(uses_query=True)
def region(request: HttpRequest, *, region_id: str) -> HttpResponse:
    """One region's page; an unknown region is the 404 page listing the real ones."""
    try:
        chosen = get_region(region_id)
    except UnknownRegion:
        context = {"regions": REGIONS, "region_id": region_id}
        return render(request, "404.html", context, status=404)
    if request.GET:
        return problem_page(
            request,
            QueryError(next(iter(request.GET)), gettext("A region page takes no options.")),
            start_again=reverse("body-map-region", kwargs={"region_id": chosen.id}),
        )
    return _render_map(request, region_ids=(chosen.id,))


def _render_map(request: HttpRequest, *, region_ids: tuple[str, ...]) -> HttpResponse:
    result = match_regions(get_library().conditions, region_ids)
    label = result.chosen_label
    if result.chosen:
        title = gettext("Body map: %(places)s") % {"places": f"{label[:1].upper()}{label[1:]}"}
    else:
        title = gettext("Body map")
    meta = describe_page(
        request,
        title=title,
        description=gettext(
            "Choose where it hurts on a drawing of the back of the body "
            "to see what can cause pain there."
        ),
        last_reviewed=get_library().reviewed,
        trail=[Crumb(gettext("Body map"), reverse("body-map"))] if result.chosen else [],
        shows_review=False,
    )
    context = {"result": result, "regions": REGIONS, "page_title": title, "meta": meta}
    return render_page(request, "bodymap/map.html", context, targets=TARGETS)
