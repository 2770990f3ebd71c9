"""WSGI entry point. Content is checked before the first request, in every language: broken
content never serves."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "apps.settings")

application = get_wsgi_application()

from apps.content.checks import check_every_language  # noqa: E402  (needs Django set up)

# Raises ContentError, naming each file, line and field, so the server refuses to start:
# in every language of settings.LANGUAGES, for any file that does not load, then for
# links that lead nowhere and pages hidden behind the site's own routes (what
# `manage.py check` reports too). Every library is then kept for the process's life.
check_every_language()

# The library lives as long as the process: keep the garbage collector from walking it.
gc.freeze()
