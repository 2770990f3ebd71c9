"""The drawings: the body map's proportions, everything inside the picture, and the body
resting on its ground as the pose says (back on the floor, feet flat, hands and knees
down)."""

import math
import re
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from apps.bodymap import figure as body_map
from apps.content.exercises import LIMB_ANGLES, Ground, Limbs, Pose
from apps.content.library import get_library
from apps.exercises import drawing
from apps.exercises.drawing import Figure, Point, Stroke, draw, draw_pair

TOLERANCE = 1.5
"""How far (in the body map's units, 424 to the body's height) a resting part may be
from the floor."""

EXERCISES = get_library().exercises
DRAWINGS = [
    (f"{exercise.slug}-{name}", position.pose, figure)
    for exercise in EXERCISES
    if exercise.start and exercise.end
    for name, position, figure in zip(
        ("start", "end"),
        (exercise.start, exercise.end),
        draw_pair(exercise.start.pose, exercise.end.pose),
        strict=True,
    )
]
IDS = [name for name, _, _ in DRAWINGS]


def _body_map_points() -> list[tuple[float, float]]:
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", body_map.SILHOUETTE[0])]
    return list(zip(numbers[::2], numbers[1::2], strict=True))


def _stroke(figure: Figure, part: str, side: str) -> Stroke:
    return next(s for s in figure.strokes if s.part == part and s.side == side)


def _top(figure: Figure) -> float:
    return min(s.box()[1] for s in figure.strokes)


def _length(stroke: Stroke) -> float:
    first, last = stroke.points[0], stroke.points[-1]
    return (last - first).length()


# The body map's proportions.


def test_a_standing_figure_has_the_body_maps_proportions() -> None:
    """Height, head and legs as on the body map (apps/bodymap/figure.py), within 2%."""
    points = _body_map_points()
    map_top, map_bottom = min(y for _, y in points), max(y for _, y in points)
    map_height = map_bottom - map_top
    # The crotch: where the inside edges of the legs meet, on the middle line.
    crotch = max(y for x, y in points if x == 100 and y < map_bottom - 100)

    standing = draw(Pose(ground=Ground.STANDING))
    height = -_top(standing)  # the floor is at y = 0
    head = _stroke(standing, "head", "body")
    head_height = head.box()[3] - head.box()[1]
    legs = _stroke(standing, "trunk", "body").box()[3]  # the bottom of the trunk

    assert height == pytest.approx(map_height, rel=0.02)
    assert height / head_height == pytest.approx(drawing.HEADS_TALL, rel=0.02)
    assert height / head_height == pytest.approx(7.9, abs=0.3)
    assert -legs / height == pytest.approx((map_bottom - crotch) / map_height, abs=0.02)


@pytest.mark.parametrize(("name", "pose", "figure"), DRAWINGS, ids=IDS)
def test_limbs_keep_their_length_in_every_drawing(name: str, pose: Pose, figure: Figure) -> None:
    """Bones do not stretch: thigh, shin, upper arm and forearm, seen from the side. A leg
    turned towards the viewer (crossed or rolled) only looks shorter, never longer."""
    lengths = {
        "thigh": drawing.THIGH,
        "shin": drawing.SHIN,
        "upper-arm": drawing.UPPER_ARM,
        "forearm": drawing.FOREARM,
    }
    for stroke in figure.strokes:
        if stroke.part not in lengths:
            continue
        turned = stroke.part in ("thigh", "shin") and (
            pose.roll or (pose.cross and stroke.side == "near")
        )
        if turned:
            assert _length(stroke) <= lengths[stroke.part] + 0.5, (name, stroke)
        else:
            assert _length(stroke) == pytest.approx(lengths[stroke.part], abs=0.5), (name, stroke)


# Everything inside the picture; start and end framed alike.


def _inside(figure: Figure) -> None:
    left, top, width, height = figure.view_box
    x0, y0, x1, y1 = figure.box()
    assert left <= x0 and x1 <= left + width, figure.view_box
    assert top <= y0 and y1 <= top + height, figure.view_box


@pytest.mark.parametrize(("name", "pose", "figure"), DRAWINGS, ids=IDS)
def test_everything_is_inside_the_view_box(name: str, pose: Pose, figure: Figure) -> None:
    _inside(figure)
    assert figure.view_box[2] >= drawing.MIN_WIDTH


def test_start_and_end_share_one_frame_and_one_floor() -> None:
    for exercise in EXERCISES:
        assert exercise.start and exercise.end
        start, end = draw_pair(exercise.start.pose, exercise.end.pose)
        assert start.view_box == end.view_box, exercise.slug
        floor = next(line for line in start.scene if line.kind == "floor")
        assert floor.start.x == start.view_box[0]
        assert floor.end.x == start.view_box[0] + start.view_box[2]


LIMB_VALUES = {
    name: st.floats(min_value=low, max_value=high, allow_nan=False)
    for name, (low, high) in LIMB_ANGLES.items()
    if name != "ankle"
}


@st.composite
def poses(draw_: st.DrawFn) -> Pose:
    ground = draw_(st.sampled_from(list(Ground)))
    near = Limbs(**{name: draw_(values) for name, values in LIMB_VALUES.items()})
    far = Limbs(**{name: draw_(values) for name, values in LIMB_VALUES.items()})
    return Pose(
        ground=ground,
        near=near,
        far=far,
        trunk=0.0 if ground == Ground.HANDS_AND_KNEES else draw_(st.floats(-90, 90)),
        back=draw_(st.floats(-60, 60)),
        neck=draw_(st.floats(-60, 60)),
        roll=draw_(st.floats(0, 80)) if ground == Ground.BACK else 0.0,
        cross=ground == Ground.SEATED and draw_(st.booleans()),
        wall=ground == Ground.STANDING and draw_(st.booleans()),
        hold=draw_(st.sampled_from([None, "knee", "thigh"])),
        moves=draw_(st.sampled_from([None, *drawing.MOVING_POINT])),
    )


@settings(max_examples=150, deadline=None)
@given(poses(), poses())
def test_any_pair_of_poses_stays_inside_its_frame_and_above_the_floor(a: Pose, b: Pose) -> None:
    for figure in draw_pair(a, b):
        _inside(figure)
        lowest = max(y for s in figure.strokes for y in (p.y + s.width / 2 for p in s.samples()))
        assert lowest == pytest.approx(0.0, abs=1e-6)  # resting on the floor, not in it
        assert all(math.isfinite(v) for v in figure.view_box)
        for stroke in figure.strokes:
            assert re.fullmatch(r"M-?[\d.]+ -?[\d.]+ [LQ][-\d. ]+", stroke.d), stroke.d


# Resting on the ground the pose names.


def _flat(figure: Figure, side: str) -> bool:
    heel, toe = figure.joints[f"{side} heel"], figure.joints[f"{side} toe"]
    return abs(heel.y - toe.y) < 0.5


def _on_floor(figure: Figure, part: str, side: str) -> bool:
    return abs(figure.gap(part, side)) <= TOLERANCE


@pytest.mark.parametrize(("name", "pose", "figure"), DRAWINGS, ids=IDS)
def test_the_body_rests_on_its_ground(name: str, pose: Pose, figure: Figure) -> None:
    feet_down = [side for side in ("near", "far") if _flat(figure, side)]
    if pose.ground == Ground.BACK:
        assert _on_floor(figure, "trunk", "body"), f"{name}: the back is off the floor"
        assert _on_floor(figure, "head", "body") or figure.gap("head", "body") < 12
        for side in feet_down:
            assert _on_floor(figure, "foot", side), f"{name}: the {side} foot floats"
    elif pose.ground == Ground.HANDS_AND_KNEES:
        for side in ("near", "far"):
            assert _on_floor(figure, "thigh", side), f"{name}: the {side} knee floats"
            hand = min(figure.gap("forearm", side), figure.gap("hand", side))
            assert abs(hand) <= TOLERANCE + 3, f"{name}: the {side} hand floats"
    elif pose.ground == Ground.SEATED:
        seat = next(line for line in figure.scene if line.kind == "chair")
        buttocks = _stroke(figure, "trunk", "body").box()[3]
        assert seat.start.y - drawing.CHAIR_WIDTH / 2 == pytest.approx(buttocks, abs=TOLERANCE)
        assert _on_floor(figure, "foot", "far")
        if not pose.cross:
            assert _on_floor(figure, "foot", "near")
    elif pose.ground == Ground.STANDING:
        assert feet_down == ["near", "far"], f"{name}: both soles flat"
        assert _on_floor(figure, "foot", "near") and _on_floor(figure, "foot", "far")
    if pose.wall:
        wall = next(line for line in figure.scene if line.kind == "wall")
        fingertips = max(s.box()[2] for s in figure.strokes if s.part == "hand")
        assert wall.start.x - drawing.CHAIR_WIDTH / 2 == pytest.approx(fingertips, abs=0.5)


@pytest.mark.parametrize(
    ("hip", "knee"), [(30, 60), (30, 90), (30, 120), (45, 60), (45, 90), (70, 90), (70, 130)]
)
def test_lying_down_a_bent_leg_puts_its_foot_flat_on_the_floor(hip: float, knee: float) -> None:
    """Its shin pointing down, the knee bends as far as it takes for the foot to reach."""
    figure = draw(Pose(ground=Ground.BACK, near=Limbs(hip=hip, knee=knee), far=Limbs()))
    assert _flat(figure, "near") and _on_floor(figure, "foot", "near")
    assert _on_floor(figure, "trunk", "body")


@pytest.mark.parametrize("back", [-40, 0, 40])
def test_on_hands_and_knees_the_trunk_tilts_until_hands_and_knees_are_down(back: float) -> None:
    figure = draw(
        Pose(
            ground=Ground.HANDS_AND_KNEES,
            back=back,
            near=Limbs(hip=90, knee=90, shoulder=90, wrist=90),
            far=Limbs(hip=90, knee=90, shoulder=90, wrist=90),
        )
    )
    hip, shoulder = figure.joints["hip"], figure.joints["shoulder"]
    assert shoulder.y < hip.y  # arms are longer than thighs: the shoulders sit higher
    assert _on_floor(figure, "thigh", "near")
    assert abs(min(figure.gap("forearm", "near"), figure.gap("hand", "near"))) <= TOLERANCE + 3
    # The thighs stay upright under the hips, the arms straight down.
    knee, wrist = figure.joints["near knee"], figure.joints["near wrist"]
    assert knee.x == pytest.approx(hip.x, abs=0.5)
    assert wrist.x == pytest.approx(shoulder.x, abs=0.5)


def test_a_rolled_pair_of_knees_sinks_with_the_far_knee_on_top() -> None:
    flat = draw(Pose(ground=Ground.BACK, near=Limbs(hip=45, knee=95), far=Limbs(hip=45, knee=95)))
    rolled = draw(
        Pose(ground=Ground.BACK, near=Limbs(hip=45, knee=95), far=Limbs(hip=45, knee=95), roll=75)
    )
    up = flat.joints["near knee"].y
    near, far = rolled.joints["near knee"].y, rolled.joints["far knee"].y
    assert up < far < near  # (y goes down) both lower than before, the far knee above
    assert rolled.joints["near heel"] == flat.joints["near heel"]  # the feet stay put


def test_hands_that_hold_a_knee_reach_it() -> None:
    figure = draw(
        Pose(
            ground=Ground.BACK,
            near=Limbs(hip=125, knee=120),
            far=Limbs(hip=45, knee=95),
            hold="knee",
        )
    )
    wrist, knee = figure.joints["near wrist"], figure.joints["near knee"]
    assert (wrist - knee).length() < drawing.WIDTH["shin"] + 20
    assert figure.joints["far wrist"] == wrist


def test_a_crossed_ankle_rests_on_the_other_knee() -> None:
    figure = draw(
        Pose(ground=Ground.SEATED, near=Limbs(hip=80), far=Limbs(hip=90, knee=90), cross=True)
    )
    ankle, knee = figure.joints["near ankle"], figure.joints["far knee"]
    assert ankle.y < knee.y  # above it
    assert (ankle - knee).length() < drawing.WIDTH["thigh"]


def test_far_limbs_are_their_own_layer_drawn_first() -> None:
    figure = draw(Pose(ground=Ground.STANDING))
    assert {s.side for s in figure.far} == {"far"}
    assert {s.part for s in figure.body} >= {"trunk", "head", "thigh", "shin", "foot"}
    assert {s.part for s in figure.near_arm} == {"upper-arm", "forearm", "hand"}
    order = [s.side for s in figure.strokes]
    assert order.index("far") < order.index("body") < order.index("near")


def test_points_do_arithmetic() -> None:
    assert Point(1, 2) + Point(3, 4) == Point(4, 6)
    assert (Point(3, 4) - Point(0, 0)).length() == 5
    assert Point(1, -2) * 2 == Point(2, -4)
    assert (
        drawing.number(-0.04) == "0"
        and drawing.number(2.0) == "2"
        and drawing.number(1.25) in ("1.2", "1.3")
    )


LYING = Pose(ground=Ground.BACK, near=Limbs(hip=45, knee=95), far=Limbs(hip=45, knee=95))
SITTING = Pose(ground=Ground.SEATED, near=Limbs(hip=90, knee=90), far=Limbs(hip=90, knee=90))


@pytest.mark.parametrize("moves", list(drawing.MOVING_POINT))
def test_an_arrow_in_the_end_position_follows_the_part_that_moves(moves: str) -> None:
    """From where the part was at the start towards where it is, stopping short of it."""
    if moves in ("head", "back"):
        start, end = SITTING, replace(SITTING, trunk=60, back=0, moves=moves)
    else:
        start = LYING
        end = Pose(
            ground=Ground.BACK,
            trunk=-27,
            near=Limbs(hip=100, knee=20),
            far=Limbs(hip=22, knee=100),
            neck=40,
            moves=moves,
        )
    before, after = draw_pair(start, end)
    assert before.arrow is None
    point, gap = drawing.MOVING_POINT[moves]
    arrow = after.arrow
    assert arrow is not None, moves
    was, now = before.joints[point], after.joints[point]
    assert (arrow.start - was).length() < (arrow.start - now).length()
    assert (arrow.end - now).length() == pytest.approx(gap, abs=0.5)
    _inside(after)
    assert re.fullmatch(r"M[-\d. ]+ Q[-\d. ]+", arrow.d)
    assert re.fullmatch(r"M[-\d. ]+ L[-\d. ]+ L[-\d. ]+ Z", arrow.head_d)


def test_a_small_movement_gets_no_arrow() -> None:
    """An arrow much shorter than its head would only be a blot."""
    assert draw_pair(LYING, replace(LYING, back=12, moves="back"))[1].arrow is None
