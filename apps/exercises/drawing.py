"""Drawings of exercise positions: a pose (joint angles) becomes a side view of a figure.

The figure has the body map's proportions (``apps/bodymap/figure.py``: 424 units from
the top of the head to the soles, about 7.9 heads tall, legs about 46% of the height),
in the same units. Each body part is a thick stroke with round ends, so the parts merge
into one outline in the body map's colours; the far-side arm and leg are drawn lighter,
behind. The figure faces right when upright; lying on its back, its head is on the left.

Plain Python: angles are measured anticlockwise from pointing right, with y going up,
until the very end, where the drawing is turned into SVG coordinates (y going down, the
floor at y = 0).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from apps.content.exercises import Ground, Limbs, Pose

# The body map's proportions, in its units (heights above the soles, standing).
HEIGHT = 424.0
HEADS_TALL = 7.9
HEAD = HEIGHT / HEADS_TALL
ANKLE_HEIGHT = 18.0
KNEE_HEIGHT = 118.0
HIP_HEIGHT = 210.0
NECK_HEIGHT = 348.0
"""The top of the shoulders, where the neck starts."""

SHIN = KNEE_HEIGHT - ANKLE_HEIGHT
THIGH = HIP_HEIGHT - KNEE_HEIGHT
TRUNK = NECK_HEIGHT - HIP_HEIGHT
HEAD_CENTRE = HEIGHT - HEAD / 2 - NECK_HEIGHT
"""From the base of the neck to the middle of the head."""
SHOULDER_DROP = 8.0
UPPER_ARM = 78.0
FOREARM = 62.0
HAND = 30.0
FOOT_BACK = 13.0
FOOT_FRONT = 51.0

# Thickness of each part (the width of its stroke).
WIDTH = {
    "trunk": 56.0,
    "neck": 22.0,
    "head": 46.0,
    "thigh": 36.0,
    "shin": 26.0,
    "foot": 14.0,
    "upper-arm": 22.0,
    "forearm": 18.0,
    "hand": 13.0,
    "nose": 9.0,
}
TRUNK_FORWARD = 6.0
"""The trunk's middle lies a little in front of the hip and shoulder joints."""
PELVIS_DROP = 8.0
"""The bottom of the trunk's stroke ends just below the hip joints."""
KNEES_APART = 30.0
"""Between the knees when they are held together: how far apart rolled knees show."""
CROSSED_THIGH = 0.72
"""A thigh turned out to cross the other knee looks this much shorter from the side."""

OUTLINE = 2.2
"""The width of the outline on each side of a part."""
MIN_WIDTH = 520.0
"""Every drawing is at least this wide, so figures print and show at one scale."""
MARGIN = 14.0
MAT_DEPTH = 7.0
FLOOR_WIDTH = 4.0
CHAIR_WIDTH = 6.0
ARROW_WIDTH = 5.0
ARROW_HEAD = 16.0
ARROW_GAP = 22.0
"""The arrow stops this far short of the part, so its head stays clear of the body."""
MIN_ARROW = 2 * ARROW_HEAD
"""A shorter arrow is left out: it would be little more than its head."""
CHAIR_BACK = 36.0
"""From the hip joints back to the chair's back, for a figure sitting well back."""
GROUND_ANGLE: Mapping[Ground, float] = {
    Ground.BACK: 180.0,
    Ground.FRONT: 0.0,
    Ground.HANDS_AND_KNEES: 0.0,
    Ground.SEATED: 90.0,
    Ground.STANDING: 90.0,
}
"""Which way the trunk points (from the hips to the shoulders) at rest."""
ON_THE_FLOOR = (Ground.BACK, Ground.FRONT, Ground.HANDS_AND_KNEES)
DOWN = -math.sin(math.radians(10))
"""A shin pointing further down than this puts its foot flat on the floor."""
"""Grounds drawn on an exercise mat."""


@dataclass(frozen=True, slots=True)
class Point:
    x: float
    y: float

    def __add__(self, other: Point) -> Point:
        return Point(self.x + other.x, self.y + other.y)

    def __sub__(self, other: Point) -> Point:
        return Point(self.x - other.x, self.y - other.y)

    def __mul__(self, factor: float) -> Point:
        return Point(self.x * factor, self.y * factor)

    def length(self) -> float:
        return math.hypot(self.x, self.y)


@dataclass(frozen=True, slots=True)
class Stroke:
    """One body part: a thick line (two points) or curve (three) with round ends."""

    part: str
    side: str
    """"near", "far" (drawn lighter, behind) or "body" (trunk, neck and head)."""
    points: tuple[Point, ...]
    width: float

    @property
    def d(self) -> str:
        first, *rest = self.points
        command = "Q" if len(rest) == 2 else "L"
        return f"M{_xy(first)} {command}" + " ".join(_xy(p) for p in rest)

    def samples(self, count: int = 12) -> tuple[Point, ...]:
        """Points along the middle of the stroke (the curve's own points, not its control)."""
        if len(self.points) == 2:
            return self.points
        a, c, b = self.points
        return tuple(
            a * (1 - t) ** 2 + c * (2 * t * (1 - t)) + b * t**2
            for t in (i / count for i in range(count + 1))
        )

    def lowest(self) -> float:
        return min(p.y for p in self.samples()) - self.width / 2

    def box(self) -> tuple[float, float, float, float]:
        return _box(self.samples(), self.width / 2)


@dataclass(frozen=True, slots=True)
class Line:
    """Part of the scene: the floor, the chair or the wall."""

    kind: str
    start: Point
    end: Point
    width: float

    @property
    def d(self) -> str:
        return f"M{_xy(self.start)} L{_xy(self.end)}"


@dataclass(frozen=True, slots=True)
class Mat:
    """The exercise mat under a figure on the floor (its top is the floor)."""

    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True, slots=True)
class Arrow:
    """How a part moves from the start position to this one: a curve and its head."""

    start: Point
    control: Point
    end: Point
    head: tuple[Point, Point, Point]

    @property
    def d(self) -> str:
        return f"M{_xy(self.start)} Q{_xy(self.control)} {_xy(self.end)}"

    @property
    def head_d(self) -> str:
        a, b, c = self.head
        return f"M{_xy(a)} L{_xy(b)} L{_xy(c)} Z"

    def box(self) -> tuple[float, float, float, float]:
        return _box((self.start, self.control, self.end, *self.head), ARROW_WIDTH / 2)


@dataclass(frozen=True, slots=True)
class Figure:
    """One drawing in SVG coordinates: y goes down and the floor is at y = 0."""

    ground: Ground
    strokes: tuple[Stroke, ...]
    scene: tuple[Line, ...]
    mat: Mat | None
    joints: Mapping[str, Point]
    """Named points of the body ("hip", "near knee", "far heel", ...), for checks."""
    view_box: tuple[float, float, float, float]
    """min x, min y, width, height."""
    arrow: Arrow | None = None

    @property
    def view_box_text(self) -> str:
        return " ".join(number(n) for n in self.view_box)

    def layer(self, side: str) -> tuple[Stroke, ...]:
        return tuple(s for s in self.strokes if s.side == side)

    @property
    def far(self) -> tuple[Stroke, ...]:
        return self.layer("far")

    @property
    def body(self) -> tuple[Stroke, ...]:
        """Trunk, neck, head and the near leg: one outline, drawn together."""
        return tuple(s for s in self.strokes if s.side == "body" or _near_leg(s))

    @property
    def near_arm(self) -> tuple[Stroke, ...]:
        """Drawn last, over the body, so an arm across the body keeps its outline."""
        return tuple(s for s in self.strokes if s.side == "near" and not _near_leg(s))

    def gap(self, part: str, side: str) -> float:
        """How far a part's lowest edge is above the floor (negative: below it)."""
        stroke = next(s for s in self.strokes if s.part == part and s.side == side)
        # In SVG coordinates the lowest edge is the largest y.
        return -max(p.y + stroke.width / 2 for p in stroke.samples())

    def box(self) -> tuple[float, float, float, float]:
        """The smallest box holding every stroke and the scene (but the floor, which runs
        from one side of the frame to the other)."""
        boxes = [s.box() for s in self.strokes]
        for line in self.scene:
            if line.kind == "floor":
                continue
            boxes.append(_box((line.start, line.end), line.width / 2))
        if self.mat is not None:
            m = self.mat
            boxes.append((m.x, m.y, m.x + m.width, m.y + m.height))
        if self.arrow is not None:
            boxes.append(self.arrow.box())
        return (
            min(b[0] for b in boxes),
            min(b[1] for b in boxes),
            max(b[2] for b in boxes),
            max(b[3] for b in boxes),
        )


def _near_leg(stroke: Stroke) -> bool:
    return stroke.side == "near" and stroke.part in ("thigh", "shin", "foot")


def _box(points: Iterable[Point], margin: float) -> tuple[float, float, float, float]:
    """The smallest box around ``points``, widened by ``margin`` (half a stroke's width)."""
    points = tuple(points)
    return (
        min(p.x for p in points) - margin,
        min(p.y for p in points) - margin,
        max(p.x for p in points) + margin,
        max(p.y for p in points) + margin,
    )


def _xy(point: Point) -> str:
    return f"{number(point.x)} {number(point.y)}"


def number(value: float) -> str:
    """A coordinate for SVG: one decimal at most, no '-0'."""
    text = f"{value:.1f}"
    text = text.removesuffix(".0")
    return "0" if text == "-0" else text


def _dir(degrees: float) -> Point:
    radians = math.radians(degrees)
    return Point(math.cos(radians), math.sin(radians))


@dataclass(frozen=True, slots=True)
class _Leg:
    hip: Point
    knee: Point
    ankle: Point
    heel: Point
    toe: Point


@dataclass(frozen=True, slots=True)
class _Arm:
    shoulder: Point
    elbow: Point
    wrist: Point
    fingers: Point


def _angle(vector: Point) -> float:
    return math.degrees(math.atan2(vector.y, vector.x))


def _turn(degrees: float) -> float:
    """An angle brought into (-180, 180]."""
    return -((-degrees + 180) % 360 - 180)


def _is_down(pose: Pose, limbs: Limbs, knee: Point, ankle: Point) -> bool:
    """A foot that rests flat on the floor: its angle is left to the drawing and its shin
    points down (more than 10 degrees below level)."""
    return (
        limbs.ankle is None
        and pose.ground in (Ground.BACK, Ground.SEATED, Ground.STANDING)
        and math.sin(math.radians(_angle(ankle - knee))) < DOWN
    )


def _foot(pose: Pose, limbs: Limbs, knee: Point, ankle: Point) -> tuple[Point, Point]:
    """Heel and toe of a foot (the middle of its stroke), from the shin and the ankle."""
    shin = _angle(ankle - knee)
    pointed = 0.0
    if limbs.ankle is not None:
        angle = shin + 90 + limbs.ankle
        pointed = min(max(-limbs.ankle / 90, 0.0), 1.0)
    elif pose.ground in (Ground.HANDS_AND_KNEES, Ground.FRONT):
        angle, pointed = shin, 1.0  # toes pointed, the top of the foot on the floor
    elif _is_down(pose, limbs, knee, ankle):
        angle = 0.0  # flat on the floor, toes away from the body
    else:
        angle = shin + 90
    along, up = _dir(angle), _dir(angle + 90)
    below = ANKLE_HEIGHT - WIDTH["foot"] / 2
    heel = ankle - up * below - along * (FOOT_BACK - WIDTH["foot"] / 2)
    toe = ankle - up * (below - 15 * pointed) + along * (FOOT_FRONT - WIDTH["foot"] / 2)
    return heel, toe


@dataclass(frozen=True, slots=True)
class _Body:
    """Where the body's joints are, before the figure is placed on the floor."""

    pose: Pose
    trunk: float
    """The direction of the trunk, from the hips to the shoulders."""
    frame: float
    """The direction the limb angles are measured from: the trunk at rest on its ground,
    so tilting the trunk moves the shoulders but not the way the limbs point."""

    @property
    def hip(self) -> Point:
        return Point(0.0, 0.0)

    @property
    def neck(self) -> Point:
        return _dir(self.trunk) * TRUNK

    @property
    def shoulder(self) -> Point:
        return _dir(self.trunk) * (TRUNK - SHOULDER_DROP)

    def leg(self, limbs: Limbs) -> _Leg:
        thigh = self.frame + 180 + limbs.hip
        knee = self.hip + _dir(thigh) * THIGH
        ankle = knee + _dir(thigh - limbs.knee) * SHIN
        return self._with_foot(limbs, self.hip, knee, ankle)

    def _with_foot(self, limbs: Limbs, hip: Point, knee: Point, ankle: Point) -> _Leg:
        heel, toe = _foot(self.pose, limbs, knee, ankle)
        return _Leg(hip, knee, ankle, heel, toe)

    def reaching(self, limbs: Limbs, leg: _Leg, ankle_y: float) -> _Leg:
        """The leg with its knee bent so that the ankle is at ``ankle_y`` (the thigh stays
        put): of the two ways to get there, the one nearer the bend the pose asks for."""
        rise = ankle_y - leg.knee.y
        if abs(rise) > SHIN:
            return leg
        run = math.sqrt(SHIN**2 - rise**2)
        thigh = _angle(leg.knee - leg.hip)
        wanted = limbs.knee
        ankles = [leg.knee + Point(side * run, rise) for side in (1, -1)]
        best = min(ankles, key=lambda a: abs(_turn(thigh - _angle(a - leg.knee)) - wanted))
        return self._with_foot(limbs, leg.hip, leg.knee, best)

    def arm(self, limbs: Limbs) -> _Arm:
        upper = self.frame + 180 + limbs.shoulder
        elbow = self.shoulder + _dir(upper) * UPPER_ARM
        return self._with_hand(limbs, elbow, upper + limbs.elbow)

    def _with_hand(self, limbs: Limbs, elbow: Point, forearm: float) -> _Arm:
        wrist = elbow + _dir(forearm) * FOREARM
        fingers = wrist + _dir(forearm + limbs.wrist) * (HAND - WIDTH["hand"] / 2)
        return _Arm(self.shoulder, elbow, wrist, fingers)

    def arm_to(self, target: Point, hand: Point) -> _Arm:
        """The arm with its wrist at ``target`` (or as near as it reaches), elbow bent
        outwards the way arms hug a knee, and the hand pointing along ``hand``."""
        line = target - self.shoulder
        reach = min(max(line.length(), FOREARM - UPPER_ARM + 1), UPPER_ARM + FOREARM - 0.5)
        cosine = (UPPER_ARM**2 + reach**2 - FOREARM**2) / (2 * UPPER_ARM * reach)
        upper = _angle(line) - math.degrees(math.acos(min(max(cosine, -1.0), 1.0)))
        elbow = self.shoulder + _dir(upper) * UPPER_ARM
        forearm = _angle(target - elbow)
        return self._with_hand(Limbs(wrist=_turn(_angle(hand) - forearm)), elbow, forearm)


def _rolled(pose: Pose, near: _Leg, far: _Leg) -> tuple[_Leg, _Leg]:
    """Knees rolled over to the viewer's side: the near knee sinks towards the floor, the
    far knee rests on top of it, and the feet stay where they are."""
    turn = math.radians(pose.roll)
    low = near.hip.y + (near.knee.y - near.hip.y) * math.cos(turn)
    high = low + KNEES_APART * math.sin(turn)
    near_knee = Point(near.knee.x, low)
    far_knee = Point(far.knee.x, max(high, low))
    return (
        _Leg(near.hip, near_knee, near.ankle, near.heel, near.toe),
        _Leg(far.hip, far_knee, far.ankle, far.heel, far.toe),
    )


def _crossed(body: _Body, near: Limbs, far: _Leg) -> _Leg:
    """The near ankle resting on the far knee, the near knee turned out towards the viewer
    (so the thigh looks shorter), the foot hanging over beyond the far knee."""
    up, forward = _dir(body.frame), _dir(body.frame - 90)
    knee = body.hip + _dir(body.frame + 180 + near.hip) * (THIGH * CROSSED_THIGH)
    ankle = far.knee + up * (WIDTH["thigh"] / 2 + WIDTH["shin"] / 2 - 6) + forward * 6
    along = _dir(body.frame - 125)
    return _Leg(body.hip, knee, ankle, ankle - along * 2, ankle + along * 26)


def _grip(hold: str, leg: _Leg) -> tuple[Point, Point]:
    """Where the wrist goes to hold the leg, and which way the hand then points: over the
    top of the shin below the knee, or round the back of the thigh above it."""
    if hold == "knee":
        along = _angle(leg.ankle - leg.knee)
        middle, outwards = leg.knee + _dir(along) * 18, _dir(along + 90)
        depth = WIDTH["shin"] / 2
    else:
        along = _angle(leg.knee - leg.hip)
        middle, outwards = leg.knee - _dir(along) * 24, _dir(along - 90)
        depth = WIDTH["thigh"] / 2
    wrist = middle + outwards * (depth + WIDTH["hand"] / 2 + 4)
    return wrist, outwards * -1


def _strokes_of_leg(leg: _Leg, side: str) -> list[Stroke]:
    return [
        Stroke("thigh", side, (leg.hip, leg.knee), WIDTH["thigh"]),
        Stroke("shin", side, (leg.knee, leg.ankle), WIDTH["shin"]),
        Stroke("foot", side, (leg.heel, leg.toe), WIDTH["foot"]),
    ]


def _strokes_of_arm(arm: _Arm, side: str) -> list[Stroke]:
    return [
        Stroke("upper-arm", side, (arm.shoulder, arm.elbow), WIDTH["upper-arm"]),
        Stroke("forearm", side, (arm.elbow, arm.wrist), WIDTH["forearm"]),
        Stroke("hand", side, (arm.wrist, arm.fingers), WIDTH["hand"]),
    ]


def _trunk(pose: Pose, trunk: float) -> Stroke:
    """The trunk: a curve whose lower back rounds (back > 0) or arches (back < 0)."""
    up, front = _dir(trunk), _dir(trunk - 90)
    bottom = up * PELVIS_DROP + front * TRUNK_FORWARD
    top = up * (TRUNK - WIDTH["trunk"] / 2) + front * TRUNK_FORWARD
    chord = (top - bottom).length()
    # The bend is greatest in the lower back, about 40% of the way up.
    bend = front * (chord * 0.4 * math.sin(math.radians(pose.back)))
    return Stroke(
        "trunk", "body", (bottom, bottom + (top - bottom) * 0.3 - bend, top), WIDTH["trunk"]
    )


def _head(pose: Pose, neck_base: Point, trunk: float) -> tuple[list[Stroke], Point]:
    angle = trunk - pose.neck
    along, face = _dir(angle), _dir(angle - 90)
    centre = neck_base + along * HEAD_CENTRE + face * 3
    half = (HEAD - WIDTH["head"]) / 2
    nose = (centre + face * 19 - along * 3, centre + face * 24 - along * 7)
    strokes = [
        Stroke("neck", "body", (neck_base - _dir(trunk) * 10, centre), WIDTH["neck"]),
        Stroke("head", "body", (centre - along * half, centre + along * half), WIDTH["head"]),
        Stroke("nose", "body", nose, WIDTH["nose"]),
    ]
    return strokes, centre


def _lowest(strokes: Iterable[Stroke]) -> float:
    return min(s.lowest() for s in strokes)


def _settled(pose: Pose) -> _Body:
    """The body, its trunk tilted as the pose says, or on hands and knees as far as it
    takes for the hands and the knees to rest on the floor together."""
    frame = GROUND_ANGLE[pose.ground]
    body = _Body(pose, frame - pose.trunk, frame)
    if pose.ground != Ground.HANDS_AND_KNEES:
        return body
    # How far the knees reach below the hips, and the hands below the shoulders.
    legs = [s for limbs in (pose.near, pose.far) for s in _strokes_of_leg(body.leg(limbs), "")]
    arms = [s for limbs in (pose.near, pose.far) for s in _strokes_of_arm(body.arm(limbs), "")]
    below_hips = -_lowest(legs)
    below_shoulders = body.shoulder.y - _lowest(arms)
    rise = (below_shoulders - below_hips) / (TRUNK - SHOULDER_DROP)
    return _Body(pose, math.degrees(math.asin(min(max(rise, -1.0), 1.0))), frame)


def pose_strokes(pose: Pose) -> tuple[tuple[Stroke, ...], dict[str, Point]]:
    """Every stroke of the figure with its hips at (0, 0), y going up, before placing."""
    body = _settled(pose)
    trunk = _trunk(pose, body.trunk)
    head, head_centre = _head(pose, body.neck, body.trunk)
    near_leg, far_leg = body.leg(pose.near), body.leg(pose.far)
    if pose.ground == Ground.BACK:
        # Feet that are down rest on the floor, which the back rests on.
        ankle_y = _lowest([trunk, *head]) + ANKLE_HEIGHT
        if _is_down(pose, pose.near, near_leg.knee, near_leg.ankle):
            near_leg = body.reaching(pose.near, near_leg, ankle_y)
        if _is_down(pose, pose.far, far_leg.knee, far_leg.ankle):
            far_leg = body.reaching(pose.far, far_leg, ankle_y)
    elif pose.ground == Ground.STANDING and all(
        _is_down(pose, limbs, leg.knee, leg.ankle)
        for limbs, leg in ((pose.near, near_leg), (pose.far, far_leg))
    ):
        # Both feet on the floor: the more bent knee bends to bring its foot down too.
        if pose.near.knee > pose.far.knee:
            near_leg = body.reaching(pose.near, near_leg, far_leg.ankle.y)
        else:
            far_leg = body.reaching(pose.far, far_leg, near_leg.ankle.y)
    if pose.roll:
        near_leg, far_leg = _rolled(pose, near_leg, far_leg)
    if pose.cross:
        near_leg = _crossed(body, pose.near, far_leg)
    if pose.hold:
        wrist, hand = _grip(pose.hold, near_leg)
        near_arm = far_arm = body.arm_to(wrist, hand)
    else:
        near_arm, far_arm = body.arm(pose.near), body.arm(pose.far)
    strokes = [
        *_strokes_of_leg(far_leg, "far"),
        *_strokes_of_arm(far_arm, "far"),
        trunk,
        *head,
        *_strokes_of_leg(near_leg, "near"),
        *_strokes_of_arm(near_arm, "near"),
    ]
    behind = _dir(body.trunk + 90) * (WIDTH["trunk"] / 2)
    joints = {
        "hip": body.hip,
        "neck": body.neck,
        "shoulder": body.shoulder,
        "head": head_centre,
        # Points on the body's surface, for arrows that stay outside it.
        "back": trunk.samples(2)[1] + behind,
        "seat": trunk.points[0] + behind,
        "knee top": near_leg.knee + Point(0.0, WIDTH["thigh"] / 2),
    }
    for side, leg, arm in (("near", near_leg, near_arm), ("far", far_leg, far_arm)):
        joints |= {
            f"{side} knee": leg.knee,
            f"{side} ankle": leg.ankle,
            f"{side} heel": leg.heel,
            f"{side} toe": leg.toe,
            f"{side} elbow": arm.elbow,
            f"{side} wrist": arm.wrist,
            f"{side} fingers": arm.fingers,
        }
    return tuple(strokes), joints


def _moved(stroke: Stroke, by: Point) -> Stroke:
    return Stroke(stroke.part, stroke.side, tuple(p + by for p in stroke.points), stroke.width)


def _flipped(point: Point) -> Point:
    return Point(point.x, -point.y)


def _scene(pose: Pose, strokes: tuple[Stroke, ...], joints: Mapping[str, Point]) -> list[Line]:
    """The chair under a seated figure, or the wall its hands rest on (y going up)."""
    scene: list[Line] = []
    if pose.ground == Ground.SEATED:
        seat = min(s.lowest() for s in strokes if s.part == "trunk") - CHAIR_WIDTH / 2
        back = joints["hip"].x - CHAIR_BACK
        front = joints["hip"].x + THIGH * 0.8
        scene += [
            Line("chair", Point(back, seat), Point(front, seat), CHAIR_WIDTH),
            Line("chair", Point(back, seat), Point(back, seat + 150), CHAIR_WIDTH),
            Line("chair", Point(back + 4, 0), Point(back + 4, seat), CHAIR_WIDTH),
            Line("chair", Point(front - 4, 0), Point(front - 4, seat), CHAIR_WIDTH),
        ]
    if pose.wall:
        hands = [s for s in strokes if s.part == "hand"]
        x = max(s.box()[2] for s in hands) + CHAIR_WIDTH / 2
        top = max(s.box()[3] for s in strokes) + 20
        scene.append(Line("wall", Point(x, 0), Point(x, top), CHAIR_WIDTH))
    return scene


def _placed(pose: Pose) -> Figure:
    """The figure resting on the floor at y = 0, not yet framed."""
    strokes, joints = pose_strokes(pose)
    lift = Point(0.0, -min(s.lowest() for s in strokes))
    strokes = tuple(_moved(s, lift) for s in strokes)
    joints = {name: point + lift for name, point in joints.items()}
    scene = _scene(pose, strokes, joints)
    xs = [v for s in strokes for v in (s.box()[0], s.box()[2])]
    mat = None
    if pose.ground in ON_THE_FLOOR:
        mat = Mat(min(xs) - 12, 0.0, max(xs) - min(xs) + 24, MAT_DEPTH)
    flipped = tuple(
        Stroke(s.part, s.side, tuple(_flipped(p) for p in s.points), s.width) for s in strokes
    )
    scene_flipped = tuple(
        Line(line.kind, _flipped(line.start), _flipped(line.end), line.width) for line in scene
    )
    return Figure(
        ground=pose.ground,
        strokes=flipped,
        scene=scene_flipped,
        mat=mat,
        joints={name: _flipped(point) for name, point in joints.items()},
        view_box=(0, 0, 0, 0),
    )


def draw(pose: Pose) -> Figure:
    """The figure in a pose, standing, sitting or lying on the floor, framed alone."""
    return _framed((_placed(pose),))[0]


def _framed(figures: Iterable[Figure]) -> tuple[Figure, ...]:
    """The figures in one frame: the same view box, so they show at the same scale, with
    the floor running right across it."""
    figures = tuple(figures)
    boxes = [f.box() for f in figures]
    left = min(b[0] for b in boxes) - MARGIN
    right = max(b[2] for b in boxes) + MARGIN
    top = min(b[1] for b in boxes) - MARGIN
    floor_depth = max(MAT_DEPTH if f.mat else 0.0 for f in figures) + FLOOR_WIDTH / 2
    bottom = max(floor_depth + FLOOR_WIDTH / 2 + 2, max(b[3] for b in boxes) + MARGIN / 2)
    width = max(right - left, MIN_WIDTH)
    left -= (width - (right - left)) / 2
    view_box = (round(left, 1), round(top, 1), round(width, 1), round(bottom - top, 1))
    framed = []
    for figure in figures:
        floor_y = (MAT_DEPTH if figure.mat else 0.0) + FLOOR_WIDTH / 2
        floor = Line(
            "floor", Point(view_box[0], floor_y), Point(view_box[0] + width, floor_y), FLOOR_WIDTH
        )
        framed.append(replace(figure, scene=(floor, *figure.scene), view_box=view_box))
    return tuple(framed)


MOVING_POINT: Mapping[str, tuple[str, float]] = {
    "knee": ("knee top", 10.0),
    "hip": ("seat", 8.0),
    "foot": ("near ankle", ARROW_GAP),
    "head": ("head", ARROW_GAP + 12),
    "back": ("back", 8.0),
}
"""Which point of the body an arrow follows, and how far short of it the arrow stops."""


def _arrow(before: Point, after: Point, body_centre: Point, gap: float) -> Arrow | None:
    """An arrow from where a part was to where it is, bowed away from the body."""
    line = after - before
    length = line.length()
    if length - gap - 4 < MIN_ARROW:
        return None
    along = line * (1 / length)
    start, end = before + along * 4, after - along * gap
    middle = (start + end) * 0.5
    sides = (Point(-along.y, along.x), Point(along.y, -along.x))
    outwards = max(sides, key=lambda n: ((middle + n * 10) - body_centre).length())
    control = middle + outwards * (length * 0.25)
    control = Point(control.x, min(control.y, -ARROW_WIDTH))  # never bowed into the floor
    # The head points the way the curve ends, its tip a little beyond the curve's end.
    ahead = _unit(end - control)
    across = Point(-ahead.y, ahead.x) * (ARROW_HEAD * 0.55)
    base = end - ahead * (ARROW_HEAD * 0.6)
    head = (end + ahead * (ARROW_HEAD * 0.4), base + across, base - across)
    return Arrow(start, control, end, head)


def _unit(vector: Point) -> Point:
    return vector * (1 / max(vector.length(), 1e-9))


def draw_pair(start: Pose, end: Pose) -> tuple[Figure, Figure]:
    """The start and end positions of one exercise, framed alike to sit side by side; an
    arrow in the end position shows the movement of the part ``end.moves`` names."""
    before, after = _placed(start), _placed(end)
    if end.moves:
        point, gap = MOVING_POINT[end.moves]
        trunk = next(s for s in after.strokes if s.part == "trunk")
        arrow = _arrow(before.joints[point], after.joints[point], trunk.samples(2)[1], gap)
        after = replace(after, arrow=arrow)
    first, second = _framed((before, after))
    return first, second
