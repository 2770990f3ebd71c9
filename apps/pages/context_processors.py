"""Values every template needs: the emergency number and the warning signs, said once."""

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.text import get_text_list

from apps.content.files import ContentError
from apps.content.library import get_library
from apps.content.vocabulary import Urgency


def site(request: HttpRequest) -> dict[str, Any]:
    try:
        emergency_signs = get_library().snippets.signs_of(Urgency.EMERGENCY)
    except ContentError:
        # Only reachable while rendering an error page for broken content (the server
        # refuses to start with it): the page still shows the number to call.
        emergency_signs = ()
    return {
        "site_name": settings.SITE_NAME,
        "emergency_number": settings.EMERGENCY_NUMBER,
        "emergency_signs": emergency_signs,
        "emergency_summary": get_text_list([sign.short for sign in emergency_signs], "or"),
    }
