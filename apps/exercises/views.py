"""The illustrated exercises: one page, each exercise at its own anchor."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from apps.caching import public_page
from apps.content.library import get_library
from apps.exercises.page import exercise_page
from apps.pages.metadata import describe_page
from apps.rendering import render_page


@csrf_exempt
@require_safe
@public_page
def index(request: HttpRequest) -> HttpResponse:
    library = get_library()
    translated = bool(library.language.code)
    content = exercise_page(library, get_library(settings.LANGUAGE_CODE) if translated else None)
    meta = describe_page(
        request,
        title=content.introduction.title,
        description=content.introduction.summary,
        last_reviewed=content.sources.last_reviewed,
    )
    context = {
        "page": content.introduction,
        "introduction_html": content.introduction_html,
        "exercises": content.exercises,
        "sources": content.sources,
        "meta": meta,
    }
    return render_page(request, "exercises/index.html", context)
