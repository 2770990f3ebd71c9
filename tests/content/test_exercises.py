"""The exercises in the content: a tiny literal tree for the schema and its checks (each
problem names file, line and field), then the real content folder."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from apps.content.checks import link_problems
from apps.content.exercises import Ground, Limbs, Pose, parse_pose
from apps.content.files import ContentError
from apps.content.library import Library, get_library, load_library
from apps.content.readability import plain_text, reading_grade
from apps.content.vocabulary import Urgency
from tests.conftest import write_tiny_content

CLINICAL_EXERCISES = (  # clinical-notes.md section 4: the suitable exercises
    "knee-to-chest",
    "lower-back-rotation",
    "pelvic-tilt",
    "bridge",
    "cat-and-camel",
    "hamstring-stretch",
    "calf-stretch",
    "seated-buttock-stretch",
)
READING_GRADE = 6.0


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    return write_tiny_content(tmp_path)


def _load(tree: Path) -> Library:
    return load_library(tree, emergency_number=settings.EMERGENCY_NUMBER)


def _problems(tree: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        _load(tree)
    return [str(problem) for problem in caught.value.problems]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"fixture text {old!r} not found in {path.name}"
    path.write_text(text.replace(old, new, 1))


def _words(html: str) -> str:
    """The words of some HTML, ignoring markup, spacing and punctuation."""
    return " ".join(re.findall(r"[\w']+", plain_text(html)))


def _line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


# The schema, on the tiny tree.


def test_an_exercise_loads_with_its_fields_and_positions(tree: Path) -> None:
    library = _load(tree)
    (hug,) = library.exercises
    assert hug.slug == "knee-hug"
    assert hug.suits == ("nerve-ache", "muscle-knot")
    assert hug.repetitions == "Hold for 5 seconds. Do it 3 times."
    assert hug.how_often == "Twice a day"
    assert hug.feel == "A gentle stretch in the lower back."
    assert hug.start is not None and hug.end is not None
    assert hug.start.alt == "Lying on the back with both knees bent."
    assert hug.end.pose == Pose(
        ground=Ground.BACK,
        near=Limbs(hip=125, knee=120),
        far=Limbs(hip=45, knee=95),
        hold="knee",
    )
    assert "<ol>" in hug.steps_html and "Hug one knee." in hug.steps_html
    assert "Stop if the pain spreads down your leg." in hug.after_steps_html
    assert "<ol>" not in hug.after_steps_html


def test_the_page_and_every_exercise_are_documents_of_the_library(tree: Path) -> None:
    """Site-wide content checks and listings go over library.documents: they cover these."""
    library = _load(tree)
    assert library.exercise_page.slug == "exercises"
    assert library.exercise_page.title == "Tiny exercises"
    assert library.exercise_page in library.documents
    assert all(exercise in library.documents for exercise in library.exercises)


def test_exercises_for_a_condition_come_from_the_exercise_files(tree: Path) -> None:
    library = _load(tree)
    assert [e.slug for e in library.exercises_for("nerve-ache")] == ["knee-hug"]
    _edit(
        tree / "exercises" / "knee-hug.md",
        "suits: [nerve-ache, muscle-knot]",
        "suits: [muscle-knot]",
    )
    assert _load(tree).exercises_for("nerve-ache") == ()


def test_a_new_exercise_is_just_a_new_file(tree: Path) -> None:
    """No code lists the exercises: the folder is read."""
    source = (tree / "exercises" / "knee-hug.md").read_text()
    new = source.replace("slug: knee-hug", "slug: heel-slide").replace("Knee hug", "Heel slide")
    (tree / "exercises" / "heel-slide.md").write_text(new)
    assert [e.slug for e in _load(tree).exercises] == ["heel-slide", "knee-hug"]


def test_exercises_are_listed_by_where_you_do_them_then_by_title(tree: Path) -> None:
    source = (tree / "exercises" / "knee-hug.md").read_text()
    standing = source.replace("slug: knee-hug", "slug: a-standing-one").replace(
        "{ground: back, hip: 45, knee: 95}", "{ground: standing}"
    )
    (tree / "exercises" / "a-standing-one.md").write_text(
        standing.replace("Knee hug", "A standing one")
    )
    assert [e.slug for e in _load(tree).exercises] == ["knee-hug", "a-standing-one"]


# Each kind of mistake names the file, the line and the field.


def test_a_condition_the_exercise_suits_must_exist(tree: Path) -> None:
    path = tree / "exercises" / "knee-hug.md"
    _edit(path, "suits: [nerve-ache, muscle-knot]", "suits:\n  - nerve-ache\n  - tennis-elbow")
    line = _line_of(path, "- tennis-elbow")
    assert any(
        p.startswith(f"{path}:{line}: field 'suits[1]': condition 'tennis-elbow' does not exist")
        for p in _problems(tree)
    )


def test_an_exercise_must_suit_some_condition(tree: Path) -> None:
    path = tree / "exercises" / "knee-hug.md"
    _edit(path, "suits: [nerve-ache, muscle-knot]", "suits: []")
    line = _line_of(path, "suits:")
    assert f"{path}:{line}: field 'suits': must name at least one condition" in "\n".join(
        _problems(tree)
    )


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        ("knee: 95}", "knee: 95, elbw: 10}", "start.pose.elbw", "is not a known pose field"),
        ("knee: 95}", "knee: 200}", "start.pose.knee", "must be from 0 to 160 degrees, not 200"),
        ("knee: 95}", "knee: bent}", "start.pose.knee", "must be a number of degrees"),
        ("knee: 95}", "knee: 95, hip_far: -90}", "start.pose.hip_far", "must be from -40"),
        ("{ground: back, hip: 45", "{ground: sofa, hip: 45", "start.pose.ground", "must be one of"),
        ("{ground: back, hip: 45", "{hip: 45", "start.pose.ground", "is missing"),
        (
            "knee: 95}",
            "knee: 95, cross: true}",
            "start.pose.cross",
            "only makes sense with ground: seated",
        ),
        ("knee: 95}", "knee: 95, wall: yes please}", "start.pose.wall", "must be true or false"),
        ("knee: 95}", "knee: 95, hold: ankle}", "start.pose.hold", "must be one of: knee, thigh"),
        (
            "{ground: back, hip: 45, knee: 95}",
            "{ground: standing, roll: 30}",
            "start.pose.roll",
            "only makes sense with ground: back",
        ),
        (
            "{ground: back, hip: 45, knee: 95}",
            "{ground: hands-and-knees, trunk: 10}",
            "start.pose.trunk",
            "is set by the drawing",
        ),
        ("knee: 95}", "knee: 95, moves: elbow}", "start.pose.moves", "must be one of: knee, hip"),
        ("knee: 95}", "knee: 95, moves: knee}", "start.pose.moves", "belongs to the end position"),
    ],
    ids=[
        "unknown",
        "range",
        "not-a-number",
        "far-range",
        "ground",
        "no-ground",
        "cross",
        "switch",
        "hold",
        "roll",
        "trunk",
        "moves",
        "moves-at-start",
    ],
)
def test_a_bad_pose_field_names_its_line(
    tree: Path, old: str, new: str, field: str, message: str
) -> None:
    path = tree / "exercises" / "knee-hug.md"
    _edit(path, old, new)
    line = _line_of(path, "  pose: {")  # the start position's pose, written on one line
    problems = _problems(tree)
    assert any(p.startswith(f"{path}:{line}: field '{field}': {message}") for p in problems), (
        problems
    )


def test_a_pose_written_as_a_block_names_the_line_of_the_field(tree: Path) -> None:
    path = tree / "exercises" / "knee-hug.md"
    _edit(
        path,
        "pose: {ground: back, hip: 45, knee: 95}",
        "pose:\n    ground: back\n    hip: 45\n    knee: 170",
    )
    line = _line_of(path, "knee: 170")
    assert f"{path}:{line}: field 'start.pose.knee': must be from 0 to 160 degrees, not 170" in (
        "\n".join(_problems(tree))
    )


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        ("  alt: Holding one knee to the chest.\n", "", "end.alt", "is missing"),
        (
            "  alt: Holding one knee to the chest.",
            "  alt: ''",
            "end.alt",
            "must be a non-empty piece of text",
        ),
        (
            "  alt: Holding one knee to the chest.",
            "  alt: Holding.\n  colour: red",
            "end.colour",
            "is not a known field",
        ),
        ("feel: A gentle stretch in the lower back.\n", "", "feel", "is missing"),
    ],
    ids=["no-alt", "empty-alt", "unknown-key", "no-feel"],
)
def test_a_position_needs_its_words(
    tree: Path, old: str, new: str, field: str, message: str
) -> None:
    path = tree / "exercises" / "knee-hug.md"
    _edit(path, old, new)
    problems = "\n".join(_problems(tree))
    assert re.search(
        rf"^{re.escape(str(path))}:\d+: field '{re.escape(field)}': {message}", problems, re.M
    ), problems


def test_an_exercise_needs_both_positions(tree: Path) -> None:
    path = tree / "exercises" / "knee-hug.md"
    text = path.read_text()
    path.write_text(re.sub(r"^end:\n(?:  .*\n)+", "", text, flags=re.M))
    assert any("field 'end': is missing" in p and p.startswith(str(path)) for p in _problems(tree))


def test_the_body_starts_with_numbered_steps_and_places_the_stop_rule(tree: Path) -> None:
    path = tree / "exercises" / "knee-hug.md"
    _edit(path, "1. Lie on your back.\n2. Hug one knee.", "Lie on your back and hug one knee.")
    _edit(path, "**When to stop:** [[exercise-stop]]", "Stop if it hurts.")
    line = _line_of(path, "Lie on your back and hug")
    problems = "\n".join(_problems(tree))
    assert f"{path}:{line}: field 'body': must start with the steps, as a numbered list" in problems
    assert "field 'body': must say when to stop with [[exercise-stop]]" in problems


def test_the_body_is_checked_like_every_page(tree: Path) -> None:
    """Raw HTML and a written-out emergency number are refused here too."""
    path = tree / "exercises" / "knee-hug.md"
    _edit(path, "2. Hug one knee.", "2. Hug one knee. <b>Call 999</b> if it hurts.")
    line = _line_of(path, "<b>Call 999</b>")
    problems = "\n".join(_problems(tree))
    assert f"{path}:{line}: field 'body': raw HTML is not allowed" in problems
    assert f"{path}:{line}: field 'body': the emergency number is a setting" in problems


def test_the_slug_matches_the_file_and_the_page_is_exercises(tree: Path) -> None:
    _edit(tree / "exercises" / "knee-hug.md", "slug: knee-hug", "slug: knee-hugs")
    _edit(tree / "exercises" / "index.md", "slug: exercises", "slug: index")
    problems = "\n".join(_problems(tree))
    assert "field 'slug': 'knee-hugs' must match the file name 'knee-hug'" in problems
    assert "field 'slug': 'index' must match the slug of this file 'exercises'" in problems


def test_the_page_that_introduces_the_exercises_is_required(tree: Path) -> None:
    (tree / "exercises" / "index.md").unlink()
    path = tree / "exercises" / "index.md"
    assert f"{path}:0: field 'file': this required page is missing" in _problems(tree)


def test_parse_pose_fills_the_far_side_from_the_near_side() -> None:
    """Each far-side value left out copies the near side; under a crossed leg it rests."""
    problems: list[tuple[str, str]] = []

    def problem(name: str, message: str) -> None:
        problems.append((name, message))

    same = parse_pose(
        {"ground": "back", "hip": 45, "knee": 95, "knee_far": 20}, where="p", problem=problem
    )
    crossed = parse_pose({"ground": "seated", "cross": True, "hip": 80}, where="p", problem=problem)
    assert problems == []
    assert same is not None and same.far == Limbs(hip=45, knee=20)
    assert crossed is not None and crossed.far.hip == 90 and crossed.far.knee == 90


def test_a_link_to_a_missing_exercise_names_its_line(tree: Path) -> None:
    """/exercises/#<id> resolves to the one page; the check also wants the exercise."""
    path = tree / "conditions" / "nerve-ache.md"
    path.write_text(
        path.read_text()
        + "\nTry [this](/exercises/#knee-hug) or [that](/exercises/#no-such-thing).\n"
    )
    line = len(path.read_text().splitlines())
    assert [str(p) for p in link_problems(_load(tree))] == [
        f"{path}:{line}: field 'body': links to /exercises/#no-such-thing, which does not exist"
    ]


# The real content.

LIBRARY = get_library()
SLUGS = [e.slug for e in LIBRARY.exercises]


def test_there_are_at_least_eight_exercises_with_unique_ids() -> None:
    assert len(SLUGS) >= 8
    assert len(set(SLUGS)) == len(SLUGS)
    headings = {h.id for h in LIBRARY.exercise_page.toc}
    assert not headings & set(SLUGS), "an exercise id would clash with a heading of the page"


def test_every_exercise_of_the_clinical_notes_is_there() -> None:
    assert set(CLINICAL_EXERCISES) <= set(SLUGS)


def test_every_condition_an_exercise_suits_exists_and_most_have_exercises() -> None:
    conditions = {c.slug for c in LIBRARY.conditions}
    for exercise in LIBRARY.exercises:
        assert exercise.suits, exercise.slug
        assert set(exercise.suits) <= conditions, exercise.slug
    for condition in LIBRARY.conditions:
        # Exercises wait for a professional where the profile says so (a clot, a
        # fracture, poor circulation, pelvic girdle pain in pregnancy); every other
        # condition has some.
        suited = LIBRARY.exercises_for(condition.slug)
        assert bool(suited) == condition.profile.suggest_exercises, condition.slug
    # A possible fracture needs checking first, not exercises.
    assert LIBRARY.exercises_for("injury-and-fractures") == ()


def test_every_link_to_an_exercise_leads_to_one() -> None:
    """Hand-written links to /exercises/#<id> anywhere in the content name real exercises."""
    problems = [str(p) for p in link_problems(LIBRARY) if "/exercises/" in str(p)]
    assert problems == []


@pytest.mark.parametrize("slug", SLUGS)
def test_every_exercise_has_both_drawings_with_their_words(slug: str) -> None:
    exercise = next(e for e in LIBRARY.exercises if e.slug == slug)
    assert exercise.start is not None and exercise.end is not None
    assert exercise.start.alt.strip() and exercise.end.alt.strip()
    assert exercise.start.alt != exercise.end.alt
    assert exercise.start.pose != exercise.end.pose


@pytest.mark.parametrize("slug", SLUGS)
def test_every_exercise_says_how_much_and_when_to_stop(slug: str) -> None:
    exercise = next(e for e in LIBRARY.exercises if e.slug == slug)
    stop = LIBRARY.snippets.inline["exercise-stop"]
    assert _words(stop) in _words(exercise.after_steps_html)
    assert re.search(r"\d", exercise.repetitions)
    assert re.search(r"\d|once|twice", exercise.how_often)
    assert len(re.findall(r"<li>", exercise.steps_html)) >= 3
    assert any(r.title.startswith(("NHS", "NICE")) for r in exercise.references)


@pytest.mark.parametrize("slug", ["exercises", *SLUGS])
def test_plain_english_reading_grade(slug: str) -> None:
    """Flesch-Kincaid grade 6 or below: the words people read on the page for it."""
    if slug == "exercises":
        text = LIBRARY.exercise_page.html
    else:
        exercise = next(e for e in LIBRARY.exercises if e.slug == slug)
        assert exercise.start is not None and exercise.end is not None
        words = [
            exercise.summary,
            exercise.repetitions,
            exercise.feel,
            exercise.start.alt,
            exercise.end.alt,
        ]
        text = "".join(f"<p>{w}</p>" for w in words) + exercise.html
    grade = reading_grade(text)
    assert grade <= READING_GRADE, f"{slug}: grade {grade:.1f}"


def test_the_page_places_the_stop_rule_and_the_emergency_signs() -> None:
    text = _words(LIBRARY.exercise_page.html)
    assert _words(LIBRARY.snippets.inline["exercise-stop"]) in text
    for sign in LIBRARY.snippets.signs_of(Urgency.EMERGENCY):
        assert _words(sign.label) in text
    assert [h.title for h in LIBRARY.exercise_page.toc][-1] == "When to get help"
