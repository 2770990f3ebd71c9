"""The site's own pages: home, every Markdown page of the content, and the error pages."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from apps.caching import public_page
from apps.content.library import NotFound, get_library
from apps.content.regions import REGIONS
from apps.pages.metadata import absolute_url, describe_page
from apps.rendering import render_page


@csrf_exempt
@require_safe
@public_page
def home(request: HttpRequest) -> HttpResponse:
    library = get_library()
    meta = describe_page(
        request,
        title=gettext("Leg and lower back pain"),
        description=gettext(
            "Why your back and leg hurt together, what you can do, and when to get help."
        ),
        last_reviewed=library.reviewed,
        shows_review=False,
    )
    return render_page(request, "pages/home.html", {"conditions": library.conditions, "meta": meta})


@csrf_exempt
@require_safe
@public_page
def page(request: HttpRequest, *, slug: str) -> HttpResponse:
    """Any file of content/pages/ at /<slug>/: adding a file adds the page."""
    try:
        document = get_library().page(slug)
    except NotFound:
        raise Http404(f"No page called {slug!r}") from None
    meta = describe_page(
        request,
        title=document.title,
        description=document.summary,
        last_reviewed=document.last_reviewed,
    )
    return render_page(request, "pages/document.html", {"page": document, "meta": meta})


@csrf_exempt
@require_safe
@public_page
def glossary(request: HttpRequest) -> HttpResponse:
    """Every medical word the site uses, A to Z, each at its own anchor."""
    glossary = get_library().glossary
    meta = describe_page(
        request,
        title=glossary.title,
        description=glossary.summary,
        last_reviewed=glossary.last_reviewed,
    )
    return render_page(request, "pages/glossary.html", {"glossary": glossary, "meta": meta})


@csrf_exempt
@require_safe
@public_page
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Everything may be crawled; the sitemap lists every public page."""
    sitemap = absolute_url(reverse("sitemap"))
    body = f"User-agent: *\nAllow: /\nSitemap: {sitemap}\n"
    return HttpResponse(body, content_type="text/plain; charset=utf-8")


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """A 404 that helps the person on; region pages add the list of valid regions."""
    return render(request, "404.html", {"regions": REGIONS}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """The site's own 500 page: no details of the fault, a way on, and the emergency line."""
    return render(request, "500.html", status=500)


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "403.html", status=403)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "400.html", {"problem": None}, status=400)
