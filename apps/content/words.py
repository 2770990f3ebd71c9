"""The site's own words in the active language, looked up once per language.

Measured with ``make bench``: a self-check result asks gettext about 200 times (region
labels, "and", "or", "Because:", once per cause), and that took a self-check result from
645 to 460 requests a second. Each answer depends on the message and the language
alone, and the catalogs never change while a process runs, so each is kept here under
its language: a word kept for one language can never be served in another.
"""

from django.utils.translation import get_language, gettext, pgettext

_kept: dict[tuple[str | None, str, str], str] = {}


def said(message: str, context: str = "") -> str:
    """``gettext(message)`` (``pgettext`` with a context) in the active language."""
    key = (get_language(), context, message)
    try:
        return _kept[key]
    except KeyError:
        word = _kept[key] = pgettext(context, message) if context else gettext(message)
        return word
