"""HTTP caching for pages that are a pure function of their URL and the content library.

The content is loaded once per process and never changes while it runs, so a public page
can be rendered once and served from memory afterwards, with an ETag and Cache-Control
that let browsers and a CDN keep it too. Self-check pages never come here: they carry
health answers and are sent with ``no-store``.
"""

import functools
import hashlib
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control

PUBLIC_MAX_AGE = 300
"""Five minutes in shared caches: short enough that a content release shows up soon."""

MAX_ENTRIES = 2048
"""Every page and body-map combination of the real library fits many times over."""

VARY_HEADERS = (
    "HTTP_HX_REQUEST",
    "HTTP_HX_TARGET",
    "HTTP_HX_BOOSTED",
    "HTTP_HX_HISTORY_RESTORE_REQUEST",
)
"""Every request header the rendering can depend on (see apps.rendering)."""

View = Callable[..., HttpResponse]


def public_page(view: View) -> View:
    """Serve the view's 200 answers from memory, with an ETag and public Cache-Control."""
    store: OrderedDict[tuple[str, ...], HttpResponse] = OrderedDict()

    @functools.wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        key = (
            str(settings.CONTENT_DIR),
            request.path,
            request.META.get("QUERY_STRING", ""),
            *(request.META.get(name, "") for name in VARY_HEADERS),
        )
        cached = store.get(key)
        if cached is None:
            response = view(request, *args, **kwargs)
            if response.status_code != 200 or response.streaming:
                return response
            response["ETag"] = (
                '"' + hashlib.blake2b(response.content, digest_size=16).hexdigest() + '"'
            )
            patch_cache_control(response, public=True, max_age=PUBLIC_MAX_AGE)
            store[key] = cached = response
            if len(store) > MAX_ENTRIES:
                store.popitem(last=False)
        return _copy(cached)

    wrapper.cache_clear = store.clear  # type: ignore[attr-defined]
    return wrapper


def _copy(cached: HttpResponse) -> HttpResponse:
    """A fresh response object, so middleware headers never leak into the stored one."""
    response = HttpResponse(cached.content, status=cached.status_code)
    for name, value in cached.headers.items():
        response.headers[name] = value
    return response
