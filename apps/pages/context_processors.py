"""Values every template needs: the emergency number, the warning signs said once, and
the languages of the page."""

from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import translate_url
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.utils.text import get_text_list
from django.utils.translation import gettext

from apps.content.files import ContentError
from apps.content.library import get_library
from apps.content.markup import WarningSign
from apps.content.vocabulary import Urgency
from apps.rendering import LAYOUT_SHELL, QUERY_MARK


@dataclass(frozen=True, slots=True)
class LanguageLink:
    """The page in one language: for the switcher, hreflang and og:locale."""

    code: str
    name: str
    url: str
    """The same page in this language (the same path and query, with its prefix)."""
    path: str
    """The same page's address without the query: hreflang alternates, like canonical."""
    hreflang: str
    og_locale: str
    current: bool


def bcp47(code: str) -> str:
    """A Django language code as HTML and hreflang write it: "en-gb" is "en-GB"."""
    language, _, region = code.partition("-")
    return f"{language}-{region.upper()}" if region else language


def language_links(request: HttpRequest) -> tuple[LanguageLink, ...]:
    """The page in every language, as plain links: the language comes from the address,
    never from a cookie, so switching is following a link.

    A layout kept for many requests (``apps.rendering.render_in_layout``) gets a marker
    where the query goes, so each response carries its own answers, never another's. A
    public page that ignores its query is rendered with the query hidden from it
    (``apps.caching.public_page``), so its links are the path alone.
    """
    current = translation.get_language()
    path, here, query = request.path, request.get_full_path(), ""
    if getattr(request, LAYOUT_SHELL, False):
        here, query = path, QUERY_MARK
    found = request.resolver_match is not None
    links = []
    for code, name in settings.LANGUAGES:
        locale = translation.to_locale(code)
        links.append(
            LanguageLink(
                code=code,
                name=name,
                url=(translate_url(here, code) if found else here) + query,
                path=translate_url(path, code) if found else path,
                hreflang=bcp47(code),
                og_locale=locale if "_" in locale else f"{locale}_{locale.upper()}",
                current=code == current,
            )
        )
    return tuple(links)


def _summary(signs: tuple[WarningSign, ...], language: str) -> str:
    """The few critical signs' words as one list ending with "or another warning sign",
    in the language they are in: one short line, the rest on urgent help."""
    with translation.override(language) if language else nullcontext():
        named = [sign.short for sign in signs if sign.critical]
        return get_text_list([*named, gettext("another warning sign")])


def site(request: HttpRequest) -> dict[str, Any]:
    try:
        emergency_signs = get_library().snippets.signs_of(Urgency.EMERGENCY)
        # A sign shown in English (its translation is stale) is never spliced into a
        # translated sentence: the sentences that sum up the signs are then said whole in
        # English, with the English signs, and marked lang="en".
        summary_in = settings.LANGUAGE_CODE if any(s.lang for s in emergency_signs) else ""
        summed_up = emergency_signs
        if summary_in:
            summed_up = get_library(summary_in).snippets.signs_of(Urgency.EMERGENCY)
    except ContentError:
        # Only reachable while rendering an error page for broken content (the server
        # refuses to start with it): the page still shows the number to call.
        emergency_signs, summed_up, summary_in = (), (), ""
    # Lazily: only the layout uses them, and a page body rendered on its own never does.
    languages = SimpleLazyObject(lambda: language_links(request))
    return {
        "site_name": str(settings.SITE_NAME),
        # Absolute addresses (hreflang) start here, never at the request's Host.
        "site_origin": settings.SITE_ORIGIN,
        "emergency_number": settings.EMERGENCY_NUMBER,
        # A translated page says whose health service it describes (the UK's NHS).
        "translated_page": translation.get_language() != settings.LANGUAGE_CODE,
        "emergency_signs": emergency_signs,
        "emergency_summary": _summary(summed_up, summary_in),
        "emergency_summary_lang": bcp47(summary_in) if summary_in else "",
        "emergency_summary_language": summary_in or translation.get_language(),
        "languages": languages,
        "this_language": SimpleLazyObject(
            lambda: next((link for link in languages if link.current), languages[0])
        ),
    }
