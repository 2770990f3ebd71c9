"""The fixed vocabularies of the site, each with its order and the words shown to people.

Urgency and fit are said in words on every page that shows them (never by colour alone),
so each member carries its label. The order of the members is the order of precedence:
the most urgent first, the best fit first.
"""

from django.db.models.enums import TextChoices


class Urgency(TextChoices):
    """How soon to get help, most urgent first (clinical notes section 3).

    ``unchecked`` is a result whose warning-sign question was never answered: only an
    emergency or urgent rule outranks it, and it never says self-care or GP.
    """

    EMERGENCY = "emergency", "Emergency"
    URGENT = "urgent", "Urgent"
    UNCHECKED = "unchecked", "Warning signs not checked"
    GP = "gp", "See a GP"
    SELF_CARE = "self-care", "Self-care"

    @property
    def rank(self) -> int:
        """0 for the most urgent; a lower rank wins."""
        return _URGENCY_ORDER.index(self)

    @property
    def is_routine(self) -> bool:
        """No urgent help needed: a result may show self-care advice beside its own."""
        return self in (Urgency.GP, Urgency.SELF_CARE)


class Fit(TextChoices):
    """How well a cause fits the answers, best first."""

    STRONG = "strong", "Fits well"
    POSSIBLE = "possible", "Possible"
    UNLIKELY = "unlikely", "Less likely"

    @property
    def rank(self) -> int:
        return _FIT_ORDER.index(self)

    @property
    def description(self) -> str:
        """One sentence under the group heading on the result page."""
        return _FIT_DESCRIPTIONS[self]


_URGENCY_ORDER = tuple(Urgency)
_FIT_ORDER = tuple(Fit)
_FIT_DESCRIPTIONS = {
    Fit.STRONG: "Your answers match how these usually show themselves.",
    Fit.POSSIBLE: "Some of your answers match these.",
    Fit.UNLIKELY: "Your answers point away from these, but they are not ruled out.",
}
