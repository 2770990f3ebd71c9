"""The drawings of the exercise positions, as inline SVG in the site's style."""

from collections.abc import Iterable
from typing import Any

from django import template

from apps.exercises.drawing import OUTLINE, Figure, Stroke, number

register = template.Library()


def _paths(strokes: Iterable[Stroke]) -> list[tuple[str, str, str]]:
    """Each stroke's path with its width, and the width of the outline drawn under it."""
    return [(s.d, number(s.width), number(s.width + 2 * OUTLINE)) for s in strokes]


@register.inclusion_tag("exercises/figure.html")
def exercise_figure(figure: Figure, *, alt: str) -> dict[str, Any]:
    """One position: a picture with its text alternative (``role="img"``, named by ``alt``).

    Each layer is drawn twice, outline then fill, so the parts of one layer merge into a
    single outline like the body map's: the far-side limbs first (lighter), then the body
    with the near leg, then the near arm over it.
    """
    return {
        "figure": figure,
        "alt": alt,
        "layers": [
            ("far", _paths(figure.far)),
            ("body", _paths(figure.body)),
            ("arm", _paths(figure.near_arm)),
        ],
        "scene": [(line.kind, line.d, number(line.width)) for line in figure.scene],
        "mat": figure.mat,
    }
