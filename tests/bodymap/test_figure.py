"""The region table, the drawing and the content agree with each other and with anatomy."""

import itertools
import math
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
    """A rough first check on the boxes: the browser test measures the real shapes.

    (The view is now cropped to the body, 148 units wide: on a 320 px phone, where it is
    288 px wide, a unit is about 1.95 px, so 28 units is about 54 px.)
    """
    for region_id in CONTRACT_IDS:
        x0, y0, x1, y1 = _box(region_id)
        assert x1 - x0 >= 28 and y1 - y0 >= 28, region_id


# The shapes themselves, as polygons: each curve flattened into short straight pieces.


def _polygon(d: str, steps: int = 24) -> list[tuple[float, float]]:
    """The outline of a closed path of M, L, C and Z commands, as a list of points."""
    tokens = re.findall(r"[MLCZ]|-?\d+(?:\.\d+)?", d)
    points: list[tuple[float, float]] = []
    index, command = 0, ""
    while index < len(tokens):
        if tokens[index] in "MLCZ":
            command = tokens[index]
            index += 1
            continue
        numbers = [float(n) for n in tokens[index : index + (6 if command == "C" else 2)]]
        if command == "C":
            (x0, y0), (x1, y1, x2, y2, x3, y3) = points[-1], numbers
            for step in range(1, steps + 1):
                u = step / steps
                v = 1 - u
                points.append(
                    (
                        v**3 * x0 + 3 * v * v * u * x1 + 3 * v * u * u * x2 + u**3 * x3,
                        v**3 * y0 + 3 * v * v * u * y1 + 3 * v * u * u * y2 + u**3 * y3,
                    )
                )
        else:
            points.append((numbers[0], numbers[1]))
        index += len(numbers)
    return points


def _inside(point: tuple[float, float], polygon: list[tuple[float, float]]) -> bool:
    x, y = point
    crossings = False
    for (x1, y1), (x2, y2) in zip(polygon, polygon[1:] + polygon[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            crossings = not crossings
    return crossings


Segment = tuple[tuple[float, float], tuple[float, float]]


def _edges(polygon: list[tuple[float, float]]) -> list[Segment]:
    return list(zip(polygon, polygon[1:] + polygon[:1], strict=True))


def _distance_to_edge(point: tuple[float, float], polygon: list[tuple[float, float]]) -> float:
    return _distance_to_segments(point, _edges(polygon))


def _distance_to_segments(point: tuple[float, float], segments: list[Segment]) -> float:
    px, py = point
    nearest = float("inf")
    for (ax, ay), (bx, by) in segments:
        dx, dy = bx - ax, by - ay
        length = dx * dx + dy * dy
        u = 0.0 if length == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length))
        nearest = min(nearest, math.hypot(px - ax - u * dx, py - ay - u * dy))
    return nearest


OUTLINE = _polygon(figure.SILHOUETTE[0])
SHAPES = {region_id: _polygon(figure.REGIONS[region_id]) for region_id in CONTRACT_IDS}


def test_every_region_lies_inside_the_outline_of_the_body():
    """With a unit or more to spare, so a region's own outline never touches the body's."""
    for region_id, shape in SHAPES.items():
        assert all(_inside(point, OUTLINE) for point in shape), region_id
        x0, y0, x1, y1 = _box(region_id)
        near = [
            (a, b)
            for a, b in _edges(OUTLINE)
            if x0 - 5 <= max(a[0], b[0])
            and min(a[0], b[0]) <= x1 + 5
            and y0 - 5 <= max(a[1], b[1])
            and min(a[1], b[1]) <= y1 + 5
        ]
        margin = min(_distance_to_segments(point, near) for point in shape)
        assert margin >= 1.5, f"{region_id} comes within {margin:.1f} units of the outline"


def test_regions_never_overlap_and_their_outlines_never_touch():
    for first, second in itertools.combinations(CONTRACT_IDS, 2):
        a, b = SHAPES[first], SHAPES[second]
        (ax0, ay0, ax1, ay1), (bx0, by0, bx1, by1) = _box(first), _box(second)
        if ax1 + 2 < bx0 or bx1 + 2 < ax0 or ay1 + 2 < by0 or by1 + 2 < ay0:
            continue  # far apart: the control points' boxes hold the curves
        assert not any(_inside(point, b) for point in a), (first, second)
        assert not any(_inside(point, a) for point in b), (first, second)
        gap = min(
            min(_distance_to_edge(point, b) for point in a),
            min(_distance_to_edge(point, a) for point in b),
        )
        assert gap >= 1.5, f"{first} and {second} are only {gap:.1f} units apart"


def test_the_view_holds_the_whole_body_and_little_else():
    """The view is cropped to the outline (with room for its stroke), so on a phone the
    body, not empty margin, takes the width: the regions are as large as they can be."""
    left, top, width, height = (float(n) for n in figure.VIEWBOX.split())
    xs, ys = zip(*OUTLINE, strict=True)
    assert left + 1 <= min(xs) and max(xs) <= left + width - 1
    assert top + 1 <= min(ys) and max(ys) <= top + height - 1
    assert width - (max(xs) - min(xs)) <= 8, "the view has more than 4 units of margin a side"


def test_hips_and_buttocks_each_hold_a_circle_24_units_across():
    """The hips were thin crescents (a 15-unit circle at most) and the buttocks held 28
    units: a hip is now the side of the pelvis, wide enough for a thumb. 24 units are
    47 px on a 320 px phone; the browser test measures the pixels."""
    for region_id in ("left-hip", "right-hip", "left-buttock", "right-buttock"):
        centre = figure.LABEL_POINTS[region_id]
        assert _inside(centre, SHAPES[region_id]), region_id
        room = _distance_to_edge(centre, SHAPES[region_id])
        assert room >= 12, f"{region_id} holds only a {2 * room:.1f}-unit circle"


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
