from pathlib import Path
from typing import Any

from django.apps import AppConfig
from django.conf import settings
from django.utils.autoreload import BaseReloader, autoreload_started

CONTENT_PATTERNS = ("**/*.md", "**/*.yaml")
"""The files an editor changes: articles, pages and exercises, and the YAML libraries."""


def watch_content(sender: BaseReloader, **kwargs: Any) -> None:
    """Under ``runserver``, restart when a content file changes, as for Python code.

    The library is loaded once per process, so the restarted process reads the edit; a
    broken edit fails the system check with its file and line, and the server comes
    back when the file is fixed. Production servers never start the autoreloader, so
    they load and check the content once, at start-up.
    """
    folder = Path(settings.CONTENT_DIR)
    for pattern in CONTENT_PATTERNS:
        sender.watch_dir(folder, pattern)


class ContentConfig(AppConfig):
    name = "apps.content"
    label = "content"

    def ready(self) -> None:
        from apps.content import checks  # noqa: F401  (registers the content check)

        autoreload_started.connect(watch_content, dispatch_uid="apps.content.watch_content")
