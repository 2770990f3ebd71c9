"""The body-map regions: identity, label, side and drawn shape, in one table.

Which conditions affect which region lives only in the content; this table says what a
region *is*. The drawing is a figure seen from behind, so the person's left side is on
the viewer's left.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from apps.bodymap import figure


class UnknownRegion(LookupError):
    """A region id that is not in the table (a 404 in a path, a 400 in a query)."""

    def __init__(self, region_id: str) -> None:
        super().__init__(region_id)
        self.region_id = region_id


@dataclass(frozen=True, slots=True)
class Region:
    """One clickable area of the drawing."""

    id: str
    label: str
    area: str
    side: str | None
    shape: str
    label_point: tuple[float, float]

    @property
    def short_label(self) -> str:
        """The label without the side, e.g. 'back of the thigh'."""
        return AREA_LABELS[self.area]


AREA_LABELS: dict[str, str] = {
    "lower-back": "lower back",
    "hip": "hip",
    "buttock": "buttock",
    "thigh": "back of the thigh",
    "calf": "calf (back of the lower leg)",
}


def _region(region_id: str, label: str, area: str, side: str | None) -> Region:
    return Region(
        id=region_id,
        label=label,
        area=area,
        side=side,
        shape=figure.REGIONS[region_id],
        label_point=figure.LABEL_POINTS[region_id],
    )


REGIONS: tuple[Region, ...] = (
    _region("lower-back", "Lower back", "lower-back", None),
    _region("left-hip", "Left hip", "hip", "left"),
    _region("right-hip", "Right hip", "hip", "right"),
    _region("left-buttock", "Left buttock", "buttock", "left"),
    _region("right-buttock", "Right buttock", "buttock", "right"),
    _region("left-thigh", "Back of the left thigh", "thigh", "left"),
    _region("right-thigh", "Back of the right thigh", "thigh", "right"),
    _region("left-calf", "Left calf", "calf", "left"),
    _region("right-calf", "Right calf", "calf", "right"),
)

REGIONS_BY_ID: dict[str, Region] = {region.id: region for region in REGIONS}
REGION_IDS: frozenset[str] = frozenset(REGIONS_BY_ID)
AREAS: frozenset[str] = frozenset(AREA_LABELS)


def describe(regions: Sequence[Region]) -> str:
    """The regions in words: "lower back, left hip and right calf"."""
    labels = [region.label.lower() for region in regions]
    if len(labels) <= 1:
        return "".join(labels)
    return ", ".join(labels[:-1]) + " and " + labels[-1]


def get_region(region_id: str) -> Region:
    """Return the region with this id, or raise UnknownRegion."""
    try:
        return REGIONS_BY_ID[region_id]
    except KeyError:
        raise UnknownRegion(region_id) from None
