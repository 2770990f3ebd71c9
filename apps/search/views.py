"""Site search: one view for the page (plain or the htmx partial) and its JSON twin.

What people search for is about their health: the answers are never stored (no-store),
never sent on as a referrer, and the access log keeps the path only.
"""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext, ngettext, pgettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from apps.content.library import get_library
from apps.content.search import MAX_QUERY_LENGTH, Hit, QueryTooLong, Results
from apps.query import QueryError
from apps.rendering import (
    address,
    private,
    problem_json,
    problem_page,
    query_pairs,
    render_page,
)

QUERY_PARAM = "q"
TARGETS = ("search-results",)


@csrf_exempt
@require_safe
@private
def search(request: HttpRequest) -> HttpResponse:
    try:
        results = _search(request)
    except QueryError as problem:
        return problem_page(request, problem, start_again=reverse("search"))
    context = {
        "results": results,
        "hits": [(hit, hit_url(hit)) for hit in results.hits],
        "page_title": (
            gettext("Search: %(query)s") % {"query": results.query}
            if results.query
            else pgettext("page title", "Search")
        ),
        "max_length": MAX_QUERY_LENGTH,
    }
    return render_page(request, "search/results.html", context, targets=TARGETS)


@csrf_exempt
@require_safe
@private
def search_json(request: HttpRequest) -> JsonResponse:
    try:
        results = _search(request)
    except QueryError as problem:
        return problem_json(problem)
    body = {
        "query": results.query,
        "results": [
            {
                "title": hit.entry.title,
                "url": hit_url(hit),
                "snippet": hit.snippet_text,
                "kind": hit.entry.kind.value,
            }
            for hit in results.hits
        ],
        "suggestion": results.suggestion,
    }
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})


def _search(request: HttpRequest) -> Results:
    """The one query parameter, checked; QueryError names what is wrong."""
    pairs = query_pairs(request)
    for name, _ in pairs:
        if name != QUERY_PARAM:
            raise QueryError(
                name,
                gettext("“%(parameter)s” is not something search understands.")
                % {"parameter": name[:20]},
            )
    if len(pairs) > 1:
        raise QueryError(QUERY_PARAM, gettext("Search takes one set of words at a time."))
    query = pairs[0][1].strip() if pairs else ""
    try:
        return get_library().search.search(query)
    except QueryTooLong:
        raise QueryError(
            QUERY_PARAM,
            ngettext(
                "The search is too long. Please use %(limit)s character or fewer.",
                "The search is too long. Please use %(limit)s characters or fewer.",
                MAX_QUERY_LENGTH,
            )
            % {"limit": MAX_QUERY_LENGTH},
        ) from None


def hit_url(hit: Hit) -> str:
    """Where a result links to: its article, its page, or its place on a page."""
    entry = hit.entry
    url = address(entry.route, slug=entry.slug) if entry.slug else address(entry.route)
    return f"{url}#{entry.anchor}" if entry.anchor else url
