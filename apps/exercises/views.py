"""The illustrated exercises: one page, each exercise at its own anchor."""

from django.http import HttpRequest, HttpResponse

from apps.caching import public_page
from apps.content.library import get_library
from apps.exercises.page import exercise_page
from apps.pages.metadata import describe_page
from apps.rendering import read_only, render_page


@read_only
@public_page
def index(request: HttpRequest) -> HttpResponse:
    content = exercise_page(get_library())
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
