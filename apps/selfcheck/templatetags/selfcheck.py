"""Template helpers for the self-check pages."""

from django import template

register = template.Library()


_URGENCY_WORDS = {
    "emergency": "Emergency",
    "urgent": "Urgent",
    "gp": "See a GP",
    "self-care": "Self-care",
}
_FIT_WORDS = {"strong": "fits well", "possible": "possible", "unlikely": "less likely"}


@register.filter
def urgency_word(urgency: str) -> str:
    """The urgency in one or two words, shown beside the heading (never colour alone)."""
    return _URGENCY_WORDS[urgency]


@register.filter
def fit_word(fit: str) -> str:
    return _FIT_WORDS[fit]
