"""``english``: the English names a translation keeps (A&E, GP), marked lang="en".

``{{ page.title|english }}`` escapes the text and wraps each name the page's language
lists in its ``language.yaml`` (``english_names``) in ``<span lang="en">``;
``{% filter english %}...{% endfilter %}`` does the same to the site's own words, already
HTML. On an English page it changes nothing.
"""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from apps.content.files import ContentError
from apps.content.library import get_library
from apps.content.markup import mark_english_names

register = template.Library()


@register.filter(is_safe=True)
def english(value: object) -> SafeString:
    fragment = str(conditional_escape(value))
    try:
        names = get_library().language.english_names
    except ContentError:
        # Only while rendering an error page for broken content: nothing to mark.
        names = ()
    return mark_safe(mark_english_names(fragment, names))  # escaped above
