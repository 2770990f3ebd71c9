"""``manage.py check`` reports every content problem, naming the file, line and field."""

from collections.abc import Sequence
from typing import Any

from django.core import checks

from apps.conditions import library


@checks.register("content")
def check_content(app_configs: Sequence[Any] | None = None, **kwargs: Any) -> list[checks.Error]:
    """Load the content library afresh and turn each problem into a system check error."""
    from django.conf import settings

    try:
        library.load_library(settings.CONTENT_DIR)
    except library.ContentError as error:
        return [
            checks.Error(
                str(problem),
                hint="Fix the content file; the site will not serve until it loads cleanly.",
                id="content.E001",
            )
            for problem in error.problems
        ]
    return []
