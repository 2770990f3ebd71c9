"""The way from a result to the summary for a clinician: its address, and the part of the
result page that shares it (a link per language and a QR code)."""

from typing import Any

from django import template
from django.utils.translation import gettext

from apps.content.questionnaire import Answers
from apps.rendering import address
from apps.selfcheck.summary import SUMMARY_ROUTE, language_versions, qr_svg, query_of

register = template.Library()


@register.simple_tag
def summary_url(answers: Answers) -> str:
    """The summary of these answers in the page's language."""
    return address(SUMMARY_ROUTE) + query_of(answers)


@register.inclusion_tag("selfcheck/share.html")
def share_with_clinician(answers: Answers) -> dict[str, Any]:
    """Links to the summary in every language, and a QR code for the page's language.

    One code, not one per language: each is measured in milliseconds, and a result page
    is rendered on every request. The summary in another language carries its own code.
    """
    versions = language_versions(answers)
    here = next(version for version in versions if version.current)
    return {
        "versions": versions,
        "here": here,
        "qr": qr_svg(here.absolute, label=gettext("QR code that opens the summary")),
    }
