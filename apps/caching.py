"""HTTP caching for pages that are a pure function of their URL and the content library.

The content is loaded once per process and never changes while it runs, so a public page
can be rendered once and served from memory afterwards, with an ETag and Cache-Control
that let browsers and a CDN keep it too. Self-check pages never come here: they carry
health answers and are sent with ``no-store``.

Why our own and not Django's cache framework: both were measured with ``make bench``
(ratio of requests per second to the same article served as a static file by whitenoise,
several runs each). Django's ``CacheMiddleware`` right after whitenoise, with the
self-check and search views marked private (``never_cache``) and ``ConditionalGetMiddleware``
for 304s, gave articles 0.96, 1.02, 0.91, 0.89 and 0.88 and region pages 1.23, 0.98, 0.89,
1.00 and 0.96: below the 0.9 target in three runs of five. It pickles each kept response
and looks it up under two keys on every hit. This one keeps the response objects and
answers a hit with one dictionary lookup: 1.12 and 1.11, then 0.91 and 0.99 on a busy
machine, and the figures in the README.

Two halves: the ``public_page`` decorator marks a view's answers as shareable, and
``PageCacheMiddleware``, placed just inside the static-file middleware, keeps the finished
responses (every header the inner middleware added included, compressed or not) and
answers repeat requests before the rest of the stack runs, as whitenoise does for files.

One rule for what is kept: a kept page holds nothing of one request that another request
with the same key does not share. The key is everything a public page may depend on: the
content folder, the site's origin, the path (which carries the language), the query only
for a view that reads it, whether gzip is accepted, and the htmx headers. A view that
ignores its query never sees it (``public_page`` hides it while the view runs), and no
page reads the request's Host or scheme: absolute addresses come from
``settings.SITE_ORIGIN``. The tests send two different requests to one kept page and look
for the first in the second.
"""

import contextlib
import functools
import hashlib
import re
from collections import OrderedDict
from collections.abc import Callable, Iterator
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase, QueryDict
from django.utils.cache import get_conditional_response, patch_cache_control

PUBLIC_MAX_AGE = 300
"""Five minutes in shared caches: short enough that a content release shows up soon."""

MAX_BYTES = 16 * 1024 * 1024
"""Memory for kept pages per worker: the real library's pages and every body-map
combination, plain and compressed, fit several times over; the oldest go first."""

VARY_HEADERS = (
    "HTTP_HX_REQUEST",
    "HTTP_HX_TARGET",
    "HTTP_HX_BOOSTED",
    "HTTP_HX_HISTORY_RESTORE_REQUEST",
)
"""Every request header the rendering can depend on (see apps.rendering)."""

_ACCEPTS_GZIP = re.compile(r"\bgzip\b")
_SHAREABLE = "_shareable_page"

View = Callable[..., HttpResponse]


_QUERY_FREE = "_query_free_page"


def public_page(view: View | None = None, *, uses_query: bool = False) -> Any:
    """Mark the view's 200 answers as public: ETag, Cache-Control, and kept in memory.

    A view that never reads the query string says so (the default), so ``?utm_source=``
    and the like share one kept copy instead of filling memory with duplicates. Such a
    view is rendered with the query hidden from it (``request.GET`` empty, no query in
    ``get_full_path``), so nothing of one visitor's query can reach the copy that every
    later visitor is sent: its links are built from the path alone.
    """

    def decorate(view: View) -> View:
        @functools.wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if uses_query:
                response = view(request, *args, **kwargs)
            else:
                with _query_hidden(request):
                    response = view(request, *args, **kwargs)
                    if not getattr(response, "is_rendered", True):
                        response.render()  # rendered while the query is still hidden
            if not getattr(response, "is_rendered", True):
                response.render()  # a TemplateResponse (the sitemap): its bytes make the ETag
            if response.status_code == 200 and not response.streaming:
                digest = hashlib.blake2b(response.content, digest_size=16).hexdigest()
                response["ETag"] = f'"{digest}"'
                patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
                setattr(response, _SHAREABLE, True)
                setattr(response, _QUERY_FREE, not uses_query)
                # Only public pages carry an ETag, so only they answer If-None-Match.
                return _not_modified(request, response) or response
            return response

        return wrapper

    return decorate(view) if view is not None else decorate


class PageCacheMiddleware:
    """Answer repeat requests for public pages from memory, before the rest of the stack."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response
        self.store: OrderedDict[tuple[object, ...], HttpResponse] = OrderedDict()
        self.size = 0
        self.query_free: set[tuple[str, str, str]] = set()
        """(content folder, path, origin) of pages that do not depend on the query."""

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        meta = request.META
        # The path says the language too (/pl/...): the language comes from it alone.
        where = (str(settings.CONTENT_DIR), request.path, settings.SITE_ORIGIN)
        query = "" if where in self.query_free else meta.get("QUERY_STRING", "")
        key = (
            *where,
            query,
            bool(_ACCEPTS_GZIP.search(meta.get("HTTP_ACCEPT_ENCODING", ""))),
            *(meta.get(name, "") for name in VARY_HEADERS),
        )
        cached = self.store.get(key)
        if cached is None:
            response = self.get_response(request)
            if getattr(response, _SHAREABLE, False) and response.status_code == 200:
                if getattr(response, _QUERY_FREE, False):
                    self.query_free.add(where)
                    key = (*where, "", *key[len(where) + 1 :])
                self._keep(key, _copy(response))
            return response
        return _not_modified(request, cached) or _copy(cached)

    def _keep(self, key: tuple[object, ...], response: HttpResponse) -> None:
        old = self.store.pop(key, None)
        if old is not None:
            self.size -= len(old.content)
        self.store[key] = response
        self.size += len(response.content)
        while self.size > MAX_BYTES and self.store:
            _, evicted = self.store.popitem(last=False)
            self.size -= len(evicted.content)


@contextlib.contextmanager
def _query_hidden(request: HttpRequest) -> Iterator[None]:
    """While the view runs, the request has no query string; it is put back afterwards
    (the access log and the outer middleware see the request as it came)."""
    query = request.META.get("QUERY_STRING")
    if not query:
        yield
        return
    kept_get = request.__dict__.get("GET", _ABSENT)
    request.META["QUERY_STRING"] = ""
    request.GET = QueryDict()
    try:
        yield
    finally:
        request.META["QUERY_STRING"] = query
        if kept_get is _ABSENT:
            del request.GET
        else:
            request.GET = kept_get


_ABSENT = object()


def _not_modified(request: HttpRequest, page: HttpResponse) -> HttpResponse | None:
    """A 304 when the request's If-None-Match names this page's ETag, else None."""
    conditional = get_conditional_response(request, etag=page.get("ETag"))
    if conditional is None:
        return None
    for header in ("Cache-Control", "Vary", "ETag"):
        if header in page:
            conditional[header] = page[header]
    return conditional


def _copy(source: HttpResponse) -> HttpResponse:
    """A fresh response object: outer middleware may add headers to what it is given."""
    response = HttpResponse(source.content, status=source.status_code)
    for name, value in source.headers.items():
        response.headers[name] = value
    return response
