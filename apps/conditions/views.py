"""The A-to-Z index and the condition articles."""

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from apps.caching import public_page
from apps.conditions.index import a_to_z
from apps.content.conditions import areas_of
from apps.content.library import NotFound, get_library
from apps.pages.metadata import Crumb, describe_page
from apps.rendering import render_page


@csrf_exempt
@require_safe
@public_page
def index(request: HttpRequest) -> HttpResponse:
    library = get_library()
    meta = describe_page(
        request,
        title=gettext("Conditions A to Z"),
        description=gettext("Every cause of leg and lower back pain on this site, A to Z."),
        last_reviewed=library.reviewed,
        shows_review=False,
    )
    context = {"entries": a_to_z(library.conditions, order=library.language.order), "meta": meta}
    return render_page(request, "conditions/index.html", context)


@csrf_exempt
@require_safe
@public_page
def detail(request: HttpRequest, *, slug: str) -> HttpResponse:
    library = get_library()
    try:
        condition = library.condition(slug)
    except NotFound:
        raise Http404(f"No condition called {slug!r}") from None
    meta = describe_page(
        request,
        title=condition.title,
        description=condition.summary,
        last_reviewed=condition.last_reviewed,
        trail=[Crumb(gettext("Conditions A to Z"), reverse("conditions"))],
        condition=condition,
    )
    context = {
        "meta": meta,
        "condition": condition,
        "related": [library.condition(s) for s in condition.related],
        "exercises": library.exercises_for(condition.slug),
        "highlighted": set(condition.regions),
        "areas": areas_of(condition),
    }
    return render_page(request, "conditions/detail.html", context)
