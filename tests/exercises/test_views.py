"""The exercises page through the test client, and the exercises each article lists."""

import gzip
import html
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from apps.content.library import get_library
from apps.exercises.page import sources_of
from tests.site import article_url

LIBRARY = get_library()
SLUGS = [e.slug for e in LIBRARY.exercises]
URL = reverse("exercises")
BUDGET = 60 * 1024
"""The site's page budget (tests/pages/test_budgets.py): 60 KB compressed, with its CSS."""


@pytest.fixture
def page(client) -> str:
    return client.get(URL).content.decode()


def _words(fragment: str) -> list[str]:
    return re.findall(r"[\w']+", re.sub(r"<[^>]+>", " ", fragment))


def _section(body: str, slug: str) -> str:
    match = re.search(rf'<section class="exercise" id="{slug}".*?</section>', body, re.DOTALL)
    assert match, f"no section for {slug}"
    return match.group(0)


def test_the_page_is_served_from_the_library(client) -> None:
    response = client.get(URL)
    assert response.status_code == 200
    assert URL == "/exercises/"  # the address the site contract names
    assert response.templates[0].name == "exercises/index.html"
    assert response.context["page"] == LIBRARY.exercise_page
    assert [i.exercise for i in response.context["exercises"]] == list(LIBRARY.exercises)
    assert "public" in response["Cache-Control"]
    body = response.content.decode()
    assert f"<h1>{LIBRARY.exercise_page.title}</h1>" in body
    assert LIBRARY.exercise_page.html in body


def test_each_exercise_is_a_section_at_its_own_anchor_in_order(page: str) -> None:
    ids = re.findall(r'<section class="exercise" id="([^"]+)"', page)
    assert ids == [e.slug for e in LIBRARY.exercises]
    all_ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(all_ids) == len(set(all_ids)), "ids on the page are unique"
    for exercise in LIBRARY.exercises:
        assert f'href="#{exercise.slug}"' in page  # listed under "On this page"


@pytest.mark.parametrize("index", range(len(LIBRARY.exercises)), ids=SLUGS)
def test_each_section_says_everything_the_exercise_says(client, index: int) -> None:
    response = client.get(URL)
    item = response.context["exercises"][index]
    exercise = item.exercise
    section = _section(response.content.decode(), exercise.slug)
    assert f">{html.escape(exercise.title)}</h2>" in section
    for text in (exercise.summary, exercise.repetitions, exercise.feel):
        assert html.escape(text) in section
    assert html.escape(exercise.how_often[:1].upper() + exercise.how_often[1:]) in section
    assert item.steps_html in section and item.after_steps_html in section
    assert _words(item.steps_html) == _words(exercise.steps_html)  # only links may go
    assert _words(item.after_steps_html) == _words(exercise.after_steps_html)
    # Steps, then how many and how often, what to feel, then when to stop.
    positions = [
        section.index(item.steps_html),
        section.index("How many"),
        section.index("How often"),
        section.index("What you should feel"),
        section.index("When to stop"),
    ]
    assert positions == sorted(positions)
    # Who it suits: a link to each condition's article, from the front matter.
    suits = re.search(r'class="exercise-suits">(.*?)</p>', section, re.DOTALL)
    assert suits is not None
    links = re.findall(r'href="([^"]+)"', suits.group(1))
    assert sorted(links) == sorted(article_url(LIBRARY.condition(s)) for s in exercise.suits)


@pytest.mark.parametrize("exercise", LIBRARY.exercises, ids=lambda e: e.slug)
def test_both_drawings_are_images_named_by_their_words(page: str, exercise) -> None:
    section = _section(page, exercise.slug)
    svgs = re.findall(r"<svg\b[^>]*>.*?</svg>", section, re.DOTALL)
    assert len(svgs) == 2
    for svg, position, caption in zip(
        svgs, (exercise.start, exercise.end), ("Start position", "End position"), strict=True
    ):
        assert 'role="img"' in svg
        assert f'aria-label="{html.escape(position.alt)}"' in svg
        assert f"<title>{html.escape(position.alt)}</title>" in svg
        assert 'class="figure-far"' in svg and 'class="figure-body"' in svg
        assert "style=" not in svg  # the strict CSP allows no inline styles
        assert section.index(svg) < section.index(f"<figcaption>{caption}</figcaption>")


def test_every_drawing_on_the_page_is_an_image_with_a_name(page: str) -> None:
    svgs = re.findall(r"<svg\b[^>]*>", page)
    assert len(svgs) == 2 * len(LIBRARY.exercises)
    for svg in svgs:
        assert 'role="img"' in svg and re.search(r'aria-label="[^"]+"', svg)


def test_references_and_review_dates_cover_the_page_and_every_exercise(page: str) -> None:
    sources = sources_of(LIBRARY.exercise_page, LIBRARY.exercises)
    for document in (LIBRARY.exercise_page, *LIBRARY.exercises):
        for reference in document.references:
            assert reference in sources.references
        assert sources.last_reviewed >= document.last_reviewed
        assert sources.next_review <= document.next_review
    assert len(set(sources.references)) == len(sources.references)
    assert f'datetime="{sources.last_reviewed.isoformat()}"' in page
    assert f'"lastReviewed": "{sources.last_reviewed.isoformat()}"' in page


def test_the_page_and_what_it_loads_fit_the_budget(client) -> None:
    response = client.get(URL, headers={"Accept-Encoding": "gzip"})
    css = Path(settings.BASE_DIR, "static", "css", "site.css").read_bytes()
    total = len(response.content) + len(gzip.compress(css, compresslevel=9))
    assert total <= BUDGET, f"{total} bytes compressed"


@pytest.mark.parametrize("condition", LIBRARY.conditions, ids=lambda c: c.slug)
def test_each_article_lists_exactly_the_exercises_that_suit_it(client, condition) -> None:
    response = client.get(article_url(condition))
    assert response.status_code == 200
    suited = LIBRARY.exercises_for(condition.slug)
    assert list(response.context["exercises"]) == list(suited)
    body = response.content.decode()
    section = re.search(r'<section class="exercises-that-help".*?</section>', body, re.DOTALL)
    if not suited:
        assert section is None
        return
    assert section is not None
    assert "Exercises that may help</h2>" in section.group(0)
    links = re.findall(r'href="([^"]+)"', section.group(0))
    assert links == [f"{URL}#{exercise.slug}" for exercise in suited]


def test_the_exercises_follow_the_front_matter_not_a_list_in_code(client, content_tree) -> None:
    """Say in an exercise's file that it suits a condition: that article lists it."""
    path = content_tree / "exercises" / "calf-stretch.md"
    text = path.read_text()
    suits = re.search(r"^suits: \[(.*)\]$", text, re.M)
    assert suits is not None and "sciatica" not in suits.group(1)
    path.write_text(text.replace(suits.group(0), f"suits: [{suits.group(1)}, sciatica]"))
    body = client.get(reverse("condition", kwargs={"slug": "sciatica"})).content.decode()
    assert f'href="{URL}#calf-stretch"' in body


def test_a_post_is_refused(client) -> None:
    assert client.post(URL).status_code == 405
