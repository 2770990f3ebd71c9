"""The A-to-Z index and the condition articles."""

from django.http import Http404, HttpRequest, HttpResponse

from apps.content.conditions import areas_of
from apps.content.library import NotFound, get_library
from apps.rendering import public, read_only, render_page


@read_only
@public
def index(request: HttpRequest) -> HttpResponse:
    return render_page(request, "conditions/index.html", {"conditions": get_library().conditions})


@read_only
@public
def detail(request: HttpRequest, *, slug: str) -> HttpResponse:
    library = get_library()
    try:
        condition = library.condition(slug)
    except NotFound:
        raise Http404(f"No condition called {slug!r}") from None
    context = {
        "condition": condition,
        "related": [library.condition(s) for s in condition.related],
        "highlighted": set(condition.regions),
        "areas": areas_of(condition),
    }
    return render_page(request, "conditions/detail.html", context)
