"""The fixed vocabularies of the site, each with its order and the words shown to people.

Urgency and fit are said in words on every page that shows them (never by colour alone),
so each member carries its label. The order of the members is the order of precedence:
the most urgent first, the best fit first.
"""

from django.db.models.enums import TextChoices
from django.utils.translation import gettext_lazy as _


class Urgency(TextChoices):
    """How soon to get help, most urgent first (clinical notes section 3).

    ``unchecked`` is a result whose warning-sign question was never answered: only an
    emergency or urgent rule outranks it, and it never says self-care or GP.
    """

    EMERGENCY = "emergency", _("Emergency")
    URGENT = "urgent", _("Urgent")
    UNCHECKED = "unchecked", _("Warning signs not checked")
    GP = "gp", _("See a GP")
    SELF_CARE = "self-care", _("Self-care")

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

    STRONG = "strong", _("Fits well")
    POSSIBLE = "possible", _("Possible")
    UNLIKELY = "unlikely", _("Less likely")

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
    Fit.STRONG: _("Your answers match how these usually show themselves."),
    Fit.POSSIBLE: _("Some of your answers match these."),
    Fit.UNLIKELY: _("Your answers point away from these, but they are not ruled out."),
}
