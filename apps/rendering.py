"""One view per URL for plain and htmx requests: the page, or just the partial asked for."""

import functools
from collections.abc import Callable, Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import TooManyFieldsSent
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import engines
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.html import escape
from django.utils.translation import gettext
from django.views.decorators.cache import never_cache

from apps.content.library import Library, get_library
from apps.query import QueryError

VARY_HEADERS = ("HX-Request", "HX-Target", "HX-Boosted", "HX-History-Restore-Request")
"""Every request header the choice of page or partial depends on (see wants_partial)."""


def private(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """What people type (answers, searches) is in the URL: never kept, never a referrer.

    ``never_cache`` says ``no-store`` to browsers and proxies, and keeps the answer out of
    the page cache; the referrer policy keeps the address from leaving with a link.
    """

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["Referrer-Policy"] = "no-referrer"
        return response

    return never_cache(wrapper)


def wants_partial(request: HttpRequest, *, targets: tuple[str, ...]) -> str | None:
    """The partial to render: only for htmx requests aimed at one of ``targets``.

    Boosted requests and history restores want the whole page, so they get it.
    """
    htmx = getattr(request, "htmx", None)
    if not htmx or htmx.boosted or htmx.history_restore_request:
        return None
    return htmx.target if htmx.target in targets else None


def render_page(
    request: HttpRequest,
    template: str,
    context: Mapping[str, Any],
    *,
    targets: tuple[str, ...] = (),
    status: int = 200,
) -> HttpResponse:
    """Render ``template``, or ``template#target`` for an htmx request aimed at ``target``.

    Both kinds of response vary on the htmx headers, so a cache never serves a fragment
    to a plain request or the other way round.
    """
    target = wants_partial(request, targets=targets)
    name = f"{template}#{target}" if target else template
    # A partial that replaces a whole page area brings its <title>, which htmx applies.
    response = render(request, name, {**context, "is_partial": bool(target)}, status=status)
    patch_vary_headers(response, VARY_HEADERS)
    return response


def problem_page(request: HttpRequest, problem: QueryError, *, start_again: str) -> HttpResponse:
    """The 400 page for a query that cannot be read: what is wrong, and a way back."""
    context = {"problem": problem, "start_again": start_again}
    return render(request, "400.html", context, status=400)


def problem_json(problem: QueryError) -> JsonResponse:
    """The same 400 as JSON, for the JSON twins of pages."""
    error = {
        "parameter": problem.parameter,
        "message": problem.message,
        "accepted": list(problem.accepted),
    }
    return JsonResponse({"error": error}, status=400)


def query_pairs(request: HttpRequest) -> list[tuple[str, str]]:
    """Every (name, value) pair of the query string, repeats included, in order.

    Django refuses a query with more fields than DATA_UPLOAD_MAX_NUMBER_FIELDS; that is
    turned into the same QueryError as any other bad query, so it gets the same 400.
    """
    try:
        return [(name, value) for name, values in request.GET.lists() for value in values]
    except TooManyFieldsSent:
        raise QueryError(
            gettext("(the whole address)"),
            gettext("The address has far more answers than any real set of answers needs."),
        ) from None


_BODY = "\x00body\x00"
QUERY_MARK = "\x00query\x00"
"""Where a kept layout's links put the query of the request it is served for."""
LAYOUT_SHELL = "_rendering_layout_shell"
"""Set on the request while its layout is rendered to be kept for other requests."""
_SHELL_PAGE = (
    '{% extends "base.html" %}{% block title %}{{ title }}{% endblock %}'
    "{% block description %}{{ description }}{% endblock %}"
    "{% block content %}" + _BODY + "{% endblock %}"
)


def render_in_layout(
    request: HttpRequest,
    template: str,
    context: Mapping[str, Any],
    *,
    title: str,
    description: str,
    status: int = 200,
) -> HttpResponse:
    """Render ``template`` (a page body, not extending the layout) inside the site layout.

    Measured: the layout alone took 1.4 ms of a 5.2 ms self-check result. It depends
    only on the page's route, title and the settings, never on what a person answered,
    so it is rendered once per process for each route and title and the body is placed
    in it. For pages whose answers must not be kept: only the layout is kept, never the
    body.
    """
    route = request.resolver_match.url_name if request.resolver_match else ""

    def make() -> tuple[str, ...]:
        page = engines["django"].from_string(_SHELL_PAGE)
        setattr(request, LAYOUT_SHELL, True)
        try:
            html = page.render({"title": title, "description": description}, request)
        finally:
            delattr(request, LAYOUT_SHELL)
        return tuple(html.split(_BODY))

    # Kept by the library of the page's language: one shell per route, title, language and
    # site origin (its hreflang addresses), never the request's Host. Its links to the same
    # page in other languages take this request's own query.
    key = ("shell", route, title, description, settings.SITE_ORIGIN)
    shell = get_library().keep(key, make)
    # The body needs none of the context processors' values but the site's name: rendered
    # without them (measured: they cost about 30 µs a result, for the layout's sake).
    body = render_to_string(template, {"site_name": str(settings.SITE_NAME), **context})
    query = request.META.get("QUERY_STRING", "")
    mark = escape("?" + query) if query else ""
    html = shell[0].replace(QUERY_MARK, mark) + body + shell[1].replace(QUERY_MARK, mark)
    response = HttpResponse(html, status=status)
    patch_vary_headers(response, VARY_HEADERS)
    return response


def address(route: str, *, library: Library | None = None, **kwargs: str) -> str:
    """``reverse``, kept by the library of the active language (or ``library``, when the
    caller has it at hand): measured at 22 µs a call, and a result page asks for an
    address per cause. The URL configuration never changes while a process runs; the
    language prefix does, so each language keeps its own."""
    key = ("address", route, *sorted(kwargs.items()))
    return (library or get_library()).keep(key, lambda: reverse(route, kwargs=kwargs or None))
