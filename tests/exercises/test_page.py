"""What the exercises page shows, on the tiny library: drawings, conditions, sources, and
glossary words linked once on the whole page."""

import datetime as dt

from apps.content.documents import Reference
from apps.exercises.page import exercise_page, linked_once, sources_of

NUMB = '<a class="term" href="/glossary/#numbness">numbness</a>'
TINGLE = '<a href="/glossary/#tingling" class="term">tingling</a>'


def test_a_word_is_linked_at_its_first_use_on_the_page_only() -> None:
    first, second, third = linked_once(
        [
            f"<p>{NUMB} and {TINGLE}.</p>",
            f"<p>More {NUMB}, and <a href='/urgent-help/'>urgent help</a>.</p>",
            f'<p><a class="term" href="/glossary/#numbness">Numbness</a> and {TINGLE}.</p>',
        ]
    )
    assert first == f"<p>{NUMB} and {TINGLE}.</p>"
    assert second == "<p>More numbness, and <a href='/urgent-help/'>urgent help</a>.</p>"
    assert third == "<p>Numbness and tingling.</p>"


def test_the_page_has_each_exercise_with_its_drawings_and_conditions(tiny_library) -> None:
    page = exercise_page(tiny_library)
    assert page.introduction == tiny_library.exercise_page
    (item,) = page.exercises
    assert item.exercise.slug == "knee-hug"
    # The conditions it suits, in the library's order (A to Z), as conditions.
    assert [c.slug for c in item.suits] == ["muscle-knot", "nerve-ache"]
    assert item.start.view_box == item.end.view_box
    assert item.start.joints["near knee"] != item.end.joints["near knee"]
    assert "<ol>" in item.steps_html and "Stop if the pain spreads" in item.after_steps_html


def test_sources_gather_every_reference_once_with_the_review_dates() -> None:
    class Doc:
        def __init__(self, refs: list[str], reviewed: str, due: str) -> None:
            self.references = tuple(Reference(title, None) for title in refs)
            self.last_reviewed = dt.date.fromisoformat(reviewed)
            self.next_review = dt.date.fromisoformat(due)

    sources = sources_of(
        Doc(["NHS: Back pain", "NICE NG59"], "2026-01-01", "2027-06-01"),  # type: ignore[arg-type]
        [
            Doc(["NICE NG59", "NHS inform"], "2026-05-01", "2027-01-01"),
            Doc(["NHS: Back pain"], "2026-02-01", "2027-03-01"),
        ],  # type: ignore[list-item]
    )
    assert [r.title for r in sources.references] == ["NHS: Back pain", "NICE NG59", "NHS inform"]
    assert sources.last_reviewed == dt.date(2026, 5, 1)
    assert sources.next_review == dt.date(2027, 1, 1)
