"""The way from a result to the summary for a clinician: its address, and the part of the
result page that shares it (a link per language and a QR code)."""

from typing import Any

from django import template

from apps.content.questionnaire import Answers
from apps.rendering import address
from apps.selfcheck.summary import SUMMARY_ROUTE, language_versions, query_of

register = template.Library()


@register.simple_tag
def summary_url(answers: Answers) -> str:
    """The summary of these answers in the page's language."""
    return address(SUMMARY_ROUTE) + query_of(answers)


@register.inclusion_tag("selfcheck/share.html")
def share_with_clinician(answers: Answers) -> dict[str, Any]:
    """Links to the summary in every language, and a QR code for the page's language.

    One code, not one per language, and as an image fetched only when it is shown: each
    takes milliseconds to draw, and a result page is rendered on every request. The
    summary in another language carries its own code.
    """
    versions = language_versions(answers)
    here = next(version for version in versions if version.current)
    return {
        "versions": versions,
        "here": here,
        # Drawn by its own address, only when the person opens "show a code".
        "qr_src": address("self-check-summary-qr") + query_of(answers),
    }
