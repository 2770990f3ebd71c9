"""WSGI entry point. Content is checked before the first request: broken content never serves."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "apps.settings")

application = get_wsgi_application()

from apps.content.checks import link_problems  # noqa: E402  (needs Django set up)
from apps.content.files import ContentError  # noqa: E402
from apps.content.library import get_library  # noqa: E402

# Raises ContentError, naming each file, line and field, so the server refuses to start:
# first for any file that does not load, then for links that lead nowhere and pages
# hidden behind the site's own routes (what `manage.py check` reports too).
if problems := link_problems(get_library()):
    raise ContentError(problems)

# The library lives as long as the process: keep the garbage collector from walking it.
gc.freeze()
