"""WSGI entry point. Content is checked before the first request: broken content never serves."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "apps.settings")

application = get_wsgi_application()

from apps.content.library import get_library  # noqa: E402  (needs Django set up)

# Raises ContentError, naming each file, line and field, so the server refuses to start.
get_library()

# The library lives as long as the process: keep the garbage collector from walking it.
gc.freeze()
