"""The region table, the drawing and the content agree with each other and with anatomy."""

import re

from apps.bodymap import figure
from apps.content.library import get_library
from apps.content.regions import REGIONS, REGIONS_BY_ID, UnknownRegion, get_region

CONTRACT_IDS = [
    "lower-back",
    "left-hip",
    "right-hip",
    "left-buttock",
    "right-buttock",
    "left-thigh",
    "right-thigh",
    "left-calf",
    "right-calf",
]


def _points(d: str) -> list[tuple[float, float]]:
    """The absolute coordinates in a path (the figure uses absolute commands only)."""
    assert not re.search(r"[a-z]", d.replace("e", "")), "relative commands are not expected"
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", d)]
    return list(zip(numbers[::2], numbers[1::2], strict=True))


def _box(region_id: str) -> tuple[float, float, float, float]:
    xs, ys = zip(*_points(figure.REGIONS[region_id]), strict=True)
    return min(xs), min(ys), max(xs), max(ys)


def test_the_table_has_exactly_the_contract_regions():
    assert [r.id for r in REGIONS] == CONTRACT_IDS


def test_every_region_has_a_shape_in_the_drawing():
    assert set(figure.REGIONS) == set(CONTRACT_IDS)
    for region in REGIONS:
        shape = figure.REGIONS[region.id]
        assert shape.startswith("M") and shape.rstrip().endswith("Z")


def test_every_region_named_in_the_content_exists():
    for condition in get_library().conditions:
        for region_id in condition.regions:
            assert region_id in REGIONS_BY_ID, (condition.slug, region_id)


def test_left_is_the_persons_left_which_is_the_viewers_left_from_behind():
    for area in ("hip", "buttock", "thigh", "calf"):
        left, right = _box(f"left-{area}"), _box(f"right-{area}")
        assert left[2] < right[0], f"left-{area} must lie wholly left of right-{area}"
        assert REGIONS_BY_ID[f"left-{area}"].side == "left"


def test_regions_run_from_the_lower_back_down_to_the_calves():
    top = {region_id: _box(region_id)[1] for region_id in CONTRACT_IDS}
    assert top["lower-back"] < top["left-buttock"] < top["left-thigh"] < top["left-calf"]
    # Hips sit outside the buttocks.
    assert _box("left-hip")[0] < _box("left-buttock")[0]
    assert _box("right-hip")[2] > _box("right-buttock")[2]


def test_every_region_is_big_enough_to_tap_on_a_phone():
    """At 320 px wide the 200-unit drawing is 1.6 px a unit: 28 units is about 45 px."""
    for region_id in CONTRACT_IDS:
        x0, y0, x1, y1 = _box(region_id)
        assert x1 - x0 >= 28 and y1 - y0 >= 28, region_id


def test_unknown_region():
    try:
        get_region("left-elbow")
    except UnknownRegion as error:
        assert error.region_id == "left-elbow"
    else:
        raise AssertionError("expected UnknownRegion")


def test_each_region_has_a_label_point_inside_its_own_shape_box():
    for region in REGIONS:
        x, y = figure.LABEL_POINTS[region.id]
        x0, y0, x1, y1 = _box(region.id)
        assert x0 < x < x1 and y0 < y < y1, region.id
