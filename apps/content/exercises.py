"""The schema of the exercises: one page that introduces them, and one file per exercise.

``content/exercises/index.md`` is a plain document (its slug is ``exercises``); every other
``content/exercises/<id>.md`` is an exercise: a document plus who it suits, how many and
how often, what you should feel, and the start and end positions it is drawn in.

A position is a pose: a few joint angles in degrees for a figure seen from its left side
(``apps.exercises.drawing`` turns it into a drawing), so a new exercise is a new file:

    pose: {ground: back, hip: 45, knee: 95, hip_far: 130, knee_far: 120}

- ``ground``: what the body rests on: ``back`` (lying on your back), ``front`` (lying on
  your front), ``hands-and-knees``, ``seated`` (on a chair) or ``standing``.
- ``trunk``: tilt of the trunk at the hips from its resting position for that ground,
  positive forward (the way the chest faces: leaning forward from sitting), negative
  backward (the hips lifted from lying, as in a bridge). Only the trunk, head and
  shoulders move: every limb angle is measured from the trunk at rest, so a tilt does
  not change the way the limbs point. On hands and knees the drawing sets it.
- ``back``: curve of the lower back, positive rounded, negative arched (hollow).
- ``neck``: positive tucks the chin in, negative lifts the head back.
- ``hip``: 0 straight, 90 thigh at right angles to the trunk, more pulls the knee to the
  chest; negative takes the leg behind you. ``knee`` and ``elbow``: 0 straight.
- ``ankle``: positive pulls the toes up, negative points them; leave it out and a foot
  that is down rests flat on the floor. ``shoulder``: 0 arm by your side, 90 forward,
  180 above your head. ``wrist``: positive turns the fingers forward.
- ``hip_far``, ``knee_far``, ... : the same for the far-side leg or arm (drawn lighter);
  each one left out is the same as the near side (but under a crossed leg, the far leg
  sits as it would at rest).
- ``roll`` (lying on your back): the knees rolled over to one side, in degrees.
- ``cross`` (sitting): the near ankle rests on the far knee.
- ``wall`` (standing): a wall in front, where the hands rest.
- ``hold``: the hands hold the near leg, at the ``knee`` (the top of the shin) or behind
  the ``thigh``; the arms reach there by themselves.
- ``moves`` (end position): the part whose movement an arrow shows, from where it was at
  the start: ``knee``, ``hip``, ``foot``, ``head`` or ``back``.

The drawing settles the body on its ground by itself: a foot that is down rests flat on
the floor (its knee bends to reach it), and on hands and knees the trunk tilts so that
the hands and the knees are both on the floor (there the thighs and arms keep the
directions the angles give for a level back).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, fields
from enum import StrEnum
from pathlib import Path
from typing import Any

from apps.content.documents import DOCUMENT_FIELDS, Document, open_document
from apps.content.files import ContentProblem, FileReader
from apps.content.markup import Renderer
from apps.content.questionnaire import Answers, Clauses, Questionnaire, any_holds, parse_clauses
from apps.content.translation import Translation
from apps.content.vocabulary import Fit

EXERCISE_FIELDS = (
    *DOCUMENT_FIELDS,
    "suits",
    "repetitions",
    "how_often",
    "feel",
    "start",
    "end",
)
EXERCISE_OPTIONAL = ("not_for",)
NOT_FOR_FIELDS = ("who", "why", "when", "causes")
POSITION_FIELDS = ("alt", "pose")
STEPS_END = "</ol>"
_FIRST_STEP = re.compile(r"1\.\s")


class Ground(StrEnum):
    """What the body rests on; also the order the exercises are listed in."""

    BACK = "back"
    FRONT = "front"
    HANDS_AND_KNEES = "hands-and-knees"
    SEATED = "seated"
    STANDING = "standing"


ANGLES: Mapping[str, tuple[float, float]] = {
    "trunk": (-90, 90),
    "back": (-60, 60),
    "neck": (-60, 60),
    "roll": (0, 80),
}
"""Angles of the whole body, with the range each may take (degrees)."""
LIMB_ANGLES: Mapping[str, tuple[float, float]] = {
    "hip": (-40, 150),
    "knee": (0, 160),
    "ankle": (-60, 40),
    "shoulder": (-90, 180),
    "elbow": (0, 160),
    "wrist": (-90, 90),
}
"""Angles of one side's limbs; each also has a ``<name>_far`` twin for the far side."""
SWITCHES: Mapping[str, Ground] = {"cross": Ground.SEATED, "wall": Ground.STANDING}
"""Yes/no fields, each with the only ground it makes sense on."""
HOLDS = ("knee", "thigh")
"""Where on the near leg the hands can hold."""
MOVES = ("knee", "hip", "foot", "head", "back")
"""The parts whose movement an arrow can show."""
FAR = "_far"
POSE_FIELDS = (
    "ground",
    *ANGLES,
    *LIMB_ANGLES,
    *(f"{name}{FAR}" for name in LIMB_ANGLES),
    *SWITCHES,
    "hold",
    "moves",
)


@dataclass(frozen=True, slots=True)
class Limbs:
    """One side's leg and arm, in degrees (``ankle`` None: flat when the foot is down)."""

    hip: float = 0.0
    knee: float = 0.0
    ankle: float | None = None
    shoulder: float = 0.0
    elbow: float = 0.0
    wrist: float = 0.0


RESTING: Mapping[Ground, Limbs] = {
    Ground.BACK: Limbs(),
    Ground.FRONT: Limbs(),
    Ground.HANDS_AND_KNEES: Limbs(hip=90, knee=90, shoulder=90, wrist=90),
    Ground.SEATED: Limbs(hip=90, knee=90, shoulder=15, elbow=75),
    Ground.STANDING: Limbs(),
}
"""The limbs of each ground when the pose says nothing about them."""


@dataclass(frozen=True, slots=True)
class Pose:
    """A position of the body, seen from its left side."""

    ground: Ground
    near: Limbs = field(default_factory=Limbs)
    far: Limbs = field(default_factory=Limbs)
    trunk: float = 0.0
    back: float = 0.0
    neck: float = 0.0
    roll: float = 0.0
    cross: bool = False
    wall: bool = False
    hold: str | None = None
    moves: str | None = None


@dataclass(frozen=True, slots=True)
class Position:
    """A start or end position: the pose to draw and the words that describe it."""

    alt: str
    pose: Pose


@dataclass(frozen=True, slots=True)
class NotFor:
    """Who an exercise is not for, and why (clinical notes 8.3): shown beside the
    exercise, and a self-check plan leaves the exercise out for that person."""

    who: str
    """In plain words, after "Not for you if": "you are pregnant or had a baby recently"."""
    why: str
    when: tuple[Clauses, ...] = ()
    """The answers that describe this person (any one of them)."""
    causes: frozenset[str] = frozenset()
    """Or: one of these causes is possible or fits well (a clot)."""

    def applies(self, answers: Answers, fits: Mapping[str, Fit]) -> bool:
        if any_holds(self.when, answers):
            return True
        return any(fits.get(slug) in (Fit.STRONG, Fit.POSSIBLE) for slug in self.causes)


@dataclass(frozen=True, slots=True)
class Exercise(Document):
    """One exercise: a document plus who it suits, how much, and its two positions."""

    suits: tuple[str, ...] = ()
    not_for: tuple[NotFor, ...] = ()
    repetitions: str = ""
    how_often: str = ""
    feel: str = ""
    start: Position | None = None
    end: Position | None = None

    def suits_person(self, answers: Answers, fits: Mapping[str, Fit]) -> bool:
        """False when the exercise could harm this person (their answers, or a cause
        such as a clot that is possible)."""
        return not any(caution.applies(answers, fits) for caution in self.not_for)

    @property
    def positions(self) -> tuple[Position, ...]:
        return tuple(p for p in (self.start, self.end) if p is not None)

    @property
    def steps_html(self) -> str:
        """The numbered steps the body starts with (the check makes sure it does)."""
        return self.html.partition(STEPS_END)[0] + STEPS_END

    @property
    def after_steps_html(self) -> str:
        """Everything after the steps: its own cautions, then when to stop."""
        return self.html.partition(STEPS_END)[2].strip()


def parse_pose(value: object, *, where: str, problem: Callable[[str, str], None]) -> Pose | None:
    """Check a pose mapping field by field; None (with the problems noted) when unusable."""
    if not isinstance(value, dict):
        problem(where, "must be a mapping such as {ground: back, hip: 45, knee: 90}")
        return None
    grounds = ", ".join(g.value for g in Ground)
    ground_name = value.get("ground")
    ground = Ground(ground_name) if ground_name in tuple(Ground) else None
    if "ground" not in value:
        problem(f"{where}.ground", f"is missing (one of: {grounds})")
    elif ground is None:
        problem(f"{where}.ground", f"must be one of: {grounds} (not {ground_name!r})")
    numbers: dict[str, float] = {}
    switches: dict[str, bool] = {}
    for raw_key, item in value.items():
        key = str(raw_key)
        name = f"{where}.{key}"
        if key == "ground":
            continue
        if key in ("hold", "moves"):
            choices = HOLDS if key == "hold" else MOVES
            if item not in choices:
                problem(name, f"must be one of: {', '.join(choices)} (not {item!r})")
            continue
        if key in SWITCHES:
            if not isinstance(item, bool):
                problem(name, f"must be true or false, not {item!r}")
            elif item and ground is not None and ground != SWITCHES[key]:
                problem(name, f"only makes sense with ground: {SWITCHES[key].value}")
            else:
                switches[key] = item
            continue
        limits = ANGLES.get(key) or LIMB_ANGLES.get(key.removesuffix(FAR))
        if limits is None:
            problem(name, f"is not a known pose field (known: {', '.join(POSE_FIELDS)})")
            continue
        low, high = limits
        if isinstance(item, bool) or not isinstance(item, (int, float)) or math.isnan(item):
            problem(name, f"must be a number of degrees from {low:g} to {high:g}, not {item!r}")
        elif not low <= item <= high:
            problem(name, f"must be from {low:g} to {high:g} degrees, not {item:g}")
        else:
            numbers[key] = float(item)
    if "trunk" in numbers and ground == Ground.HANDS_AND_KNEES:
        problem(f"{where}.trunk", "is set by the drawing on hands and knees: leave it out")
    if numbers.get("roll") and ground is not None and ground != Ground.BACK:
        problem(f"{where}.roll", f"only makes sense with ground: {Ground.BACK.value}")
    if ground is None:
        return None
    resting = RESTING[ground]
    near = Limbs(**{f.name: numbers.get(f.name, getattr(resting, f.name)) for f in fields(Limbs)})
    # The far side copies the near side, except the leg under a crossed one, which rests.
    copied = {f.name: getattr(near, f.name) for f in fields(Limbs)}
    if switches.get("cross"):
        copied |= {name: getattr(resting, name) for name in ("hip", "knee", "ankle")}
    far = Limbs(**{name: numbers.get(f"{name}{FAR}", value) for name, value in copied.items()})
    return Pose(
        ground=ground,
        near=near,
        far=far,
        trunk=numbers.get("trunk", 0.0),
        back=numbers.get("back", 0.0),
        neck=numbers.get("neck", 0.0),
        roll=numbers.get("roll", 0.0),
        cross=switches.get("cross", False),
        wall=switches.get("wall", False),
        hold=value.get("hold") if value.get("hold") in HOLDS else None,
        moves=value.get("moves") if value.get("moves") in MOVES else None,
    )


def _read_position(reader: FileReader, data: Mapping[str, Any], name: str) -> Position | None:
    value = data.get(name)
    if name not in data:
        return None  # reported as a missing field
    if not isinstance(value, dict):
        reader.problem(name, "must be a mapping with 'alt' (the words) and 'pose' (the angles)")
        return None
    reader.known_keys(value, POSITION_FIELDS, where=f"{name}.", required=POSITION_FIELDS)
    alt = reader.text(value, "alt", where=f"{name}.") if "alt" in value else ""
    pose = None
    if "pose" in value:
        pose = parse_pose(value["pose"], where=f"{name}.pose", problem=reader.problem)
    if pose is not None and pose.moves and name != "end":
        reader.problem(f"{name}.pose.moves", "belongs to the end position (its arrow)")
    if not alt or pose is None:
        return None
    return Position(alt=alt, pose=pose)


def read_exercise(
    path: Path,
    problems: list[ContentProblem],
    *,
    renderer: Renderer,
    questionnaire: Questionnaire,
    translation: Translation | None = None,
) -> tuple[Exercise, FileReader] | None:
    """Read and check one exercise file; None when it cannot be read at all.

    Which conditions it suits is checked once every condition is known (in the library).
    """
    opened = open_document(
        path,
        problems,
        required=EXERCISE_FIELDS,
        optional=EXERCISE_OPTIONAL,
        renderer=renderer,
        translation=translation,
    )
    if opened is None:
        return None
    reader, data, body, fields_ = opened.reader, opened.data, opened.body, opened.fields
    suits = reader.id_list(data, "suits")
    if "suits" in data and not suits:
        reader.problem("suits", "must name at least one condition the exercise suits")
    lines = body.splitlines()
    first = next((i for i, line in enumerate(lines) if line.strip()), 0)
    if not lines or not _FIRST_STEP.match(lines[first]):
        reader.problem(
            "body",
            "must start with the steps, as a numbered list (1. ..., 2. ...)",
            line=reader.body_line + first,
        )
    if "[[exercise-stop]]" not in body:
        reader.problem(
            "body",
            "must say when to stop with [[exercise-stop]] (the one home of that rule)",
            line=reader.body_line,
        )
    exercise = Exercise(
        **fields_,
        suits=suits,
        repetitions=reader.text(data, "repetitions") if "repetitions" in data else "",
        how_often=reader.text(data, "how_often") if "how_often" in data else "",
        feel=reader.text(data, "feel") if "feel" in data else "",
        start=_read_position(reader, data, "start"),
        end=_read_position(reader, data, "end"),
        not_for=_read_not_for(reader, data, questionnaire),
    )
    return exercise, reader


def _read_not_for(
    reader: FileReader, data: Mapping[str, Any], questionnaire: Questionnaire
) -> tuple[NotFor, ...]:
    """``not_for``: a list of ``{who, why, when, causes}``; ``when`` is written like a
    rule's (one mapping of answers, or a list of them), ``causes`` names conditions."""
    raw = data.get("not_for", [])
    if not isinstance(raw, list):
        reader.problem("not_for", "must be a list of {who, why, when, causes}")
        return ()
    found = []
    questions = {q.id: q for q in questionnaire.questions}
    for index, item in enumerate(raw):
        where = f"not_for[{index}]"
        if not isinstance(item, dict):
            reader.problem(where, "must be a mapping with who, why, and when or causes")
            continue
        reader.known_keys(item, NOT_FOR_FIELDS, where=f"{where}.", required=("who", "why"))
        when: tuple[Clauses, ...] = ()
        if "when" in item:
            items = item["when"] if isinstance(item["when"], list) else [item["when"]]
            when = tuple(
                parse_clauses(
                    clauses,
                    where=f"{where}.when[{number}]",
                    questions=questions,
                    vocabulary=questionnaire.vocabulary,
                    problem=reader.problem,
                )
                for number, clauses in enumerate(items)
            )
        causes = reader.id_list(item, "causes", where=f"{where}.")
        if not when and not causes:
            reader.problem(where, "needs 'when' (answers) or 'causes' (conditions), or both")
        found.append(
            NotFor(
                who=reader.text(item, "who", where=f"{where}."),
                why=reader.text(item, "why", where=f"{where}."),
                when=when,
                causes=frozenset(causes),
            )
        )
    return tuple(found)


def read_exercise_page(
    path: Path,
    problems: list[ContentProblem],
    *,
    slug: str,
    renderer: Renderer,
    translation: Translation | None = None,
) -> Document | None:
    """The page that introduces the exercises: a plain document with a fixed slug."""
    opened = open_document(
        path,
        problems,
        required=DOCUMENT_FIELDS,
        renderer=renderer,
        slug=slug,
        translation=translation,
    )
    return None if opened is None else Document(**opened.fields)


PAGE_FILE = "index.md"
PAGE_SLUG = "exercises"
"""The page that introduces the exercises is served at /exercises/."""


def load_exercises(
    folder: Path,
    problems: list[ContentProblem],
    *,
    conditions: Collection[str],
    renderer: Renderer,
    questionnaire: Questionnaire,
    translation: Translation | None = None,
) -> tuple[Document | None, tuple[Exercise, ...]]:
    """The page that introduces the exercises, and every exercise of ``folder``.

    Each exercise must suit conditions that exist. They are listed by where you do them
    (lying down first, standing last), then by title.
    """
    page_path = folder / PAGE_FILE
    page = None
    if page_path.is_file():
        page = read_exercise_page(
            page_path, problems, slug=PAGE_SLUG, renderer=renderer, translation=translation
        )
    else:
        problems.append(ContentProblem(page_path, 0, "file", "this required page is missing"))
    exercises: list[Exercise] = []
    for path in sorted(folder.glob("*.md")):
        if path.name == PAGE_FILE:
            continue
        read = read_exercise(
            path,
            problems,
            renderer=renderer,
            questionnaire=questionnaire,
            translation=translation,
        )
        if read is None:
            continue
        exercise, reader = read
        for index, slug in enumerate(exercise.suits):
            if slug not in conditions:
                reader.problem(
                    f"suits[{index}]",
                    f"condition '{slug}' does not exist (known: {', '.join(sorted(conditions))})",
                )
        for index, caution in enumerate(exercise.not_for):
            for slug in sorted(caution.causes - set(conditions)):
                reader.problem(
                    f"not_for[{index}].causes",
                    f"condition '{slug}' does not exist (known: {', '.join(sorted(conditions))})",
                )
        if exercise.slug == PAGE_SLUG:
            reader.problem("slug", f"'{PAGE_SLUG}' is the slug of the page itself ({PAGE_FILE})")
        exercises.append(exercise)
    if not exercises and folder.is_dir():
        problems.append(ContentProblem(folder, 0, "exercises", "holds no exercise files"))
    grounds = list(Ground)
    exercises.sort(
        key=lambda e: (
            grounds.index(e.start.pose.ground) if e.start else len(grounds),
            e.title.casefold(),
        )
    )
    return page, tuple(exercises)
