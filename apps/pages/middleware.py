"""Headers Django has no setting for, and the site's own page for a refused method."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


class PermissionsPolicyMiddleware:
    """Deny the browser features the site never uses (camera, location and the like)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


class MethodNotAllowedPageMiddleware:
    """Give the empty 405 of ``require_safe`` the site's own page, keeping its Allow header.

    Views say which methods they answer with Django's decorators; this only dresses the
    refusal, so a person who lands on it has words and a way on.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 405 or response.content:
            return response
        page = render(request, "405.html", {"method": request.method}, status=405)
        page["Allow"] = response["Allow"]
        return page
