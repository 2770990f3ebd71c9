"""Fixtures shared by every test: a client that arrives over HTTPS, content trees, Chromium."""

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.utils import translation

from apps.content import library

REAL_CONTENT = Path(django_settings.BASE_DIR) / "content"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(autouse=True)
def plain_static_storage(settings) -> None:
    """The suite runs with production settings, but nothing has been collected: serve
    static files under their plain names (as live_server does) instead of hashed ones."""
    settings.STORAGES = {
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    }


@pytest.fixture
def transactional_db() -> None:
    """The site has no database, so there is nothing to flush around live-server tests.

    pytest-django's live_server asks for this fixture; its own version would try to
    empty a database that does not exist.
    """


@pytest.fixture
def client() -> Client:
    """Requests arrive as they do behind the production proxy, which ends HTTPS."""
    return Client(headers={"X-Forwarded-Proto": "https"})


@pytest.fixture
def htmx_client() -> Callable[..., object]:
    """GET as htmx would, aimed at a target id."""
    plain = Client(headers={"X-Forwarded-Proto": "https"})

    def get(url: str, *, target: str, **headers: str):
        return plain.get(url, headers={"HX-Request": "true", "HX-Target": target, **headers})

    return get


@pytest.fixture(autouse=True)
def _source_language_after_each_test() -> Iterator[None]:
    """A request to /pl/ leaves Polish active in the thread (LocaleMiddleware activates,
    and nothing deactivates): each test starts from the source language."""
    yield
    translation.deactivate()


@pytest.fixture
def content_tree(tmp_path: Path, settings) -> Iterator[Path]:
    """A copy of the real content in a temporary folder, served instead of the real one.

    Tests break it on purpose; the library cache is cleared before and after.
    """
    tree = tmp_path / "content"
    shutil.copytree(REAL_CONTENT, tree)
    settings.CONTENT_DIR = tree
    library.clear_cache()
    yield tree
    library.clear_cache()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Debian's Chromium: Playwright cannot download its own browser on these machines."""
    executable = shutil.which("chromium") or "/usr/bin/chromium"
    return {**browser_type_launch_args, "executable_path": executable, "args": CHROMIUM_FLAGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    """The production settings redirect plain HTTP, so say HTTPS ended at a proxy."""
    return {**browser_context_args, "extra_http_headers": {"X-Forwarded-Proto": "https"}}


@pytest.fixture
def console_errors(page) -> Iterator[list[str]]:
    """Console errors, page errors and CSP violations seen during a browser test.

    The test itself asserts the list is empty at the end, so a failure names the error.
    """
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield errors


def axe_violations(page) -> list[str]:
    """Run axe-core in the page and describe each violation (empty list when clean)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(str(node["target"]) for node in v["nodes"][:3])
        for v in results.response["violations"]
    ]


# A tiny content library, written out literally, for tests of the engine and the views
# that must not depend on the real (clinical, ever-changing) content.

TINY_SELF_CHECK = """\
intro: A tiny self-check, written for tests.
warning_sign_question:
  step: Warning signs
  question: Do you have any of these?
  hint: Tick every one you have.
  none: None of these
  first: Please answer this first.
snippets:
  not-better: See a GP if it is not better in a few weeks.
  exercise-stop: Stop if the pain spreads down your leg.
self_care:
  - Keep moving.
  - "[[not-better]]"
urgencies:
  emergency:
    heading: "Emergency: call [[emergency-number]] now"
    advice: Call [[emergency-number]] or go to A&E now.
  urgent:
    heading: "Urgent: get advice today"
    advice: Ask your GP today. If it gets worse, call [[emergency-number]].
  unchecked:
    heading: "The warning signs have not been checked"
    advice: Answer the warning-sign question first.
  gp:
    heading: "See a GP"
    advice: Book a GP appointment.
  self-care:
    heading: "Self-care"
    advice: Look after yourself. [[not-better]]
sentences:
  nothing_urgent: Nothing you said is urgent. [[not-better]]
  unchecked: You have not answered the warning-sign question.
  region_covered: "It hurts in the {places}, where {condition} can hurt."
  region_not_covered: "{Condition} does not reach the {place}."
  typical: "You said {said}: typical of {condition}."
  possible: "You said {said}: fits {condition}."
  against: "You said {said}: points away from {condition}."
  unlisted: "You said {said}: unusual for {condition}."
  missing_typical: "{Condition} usually comes when {usual}."
  key_given: "You gave the main sign of {condition}: {key}."
  key_missing: "The main sign of {condition} is {key}, which you did not say."
  sign_first: "A warning sign comes first, and {condition} does not explain it."
  sign_first_note: "Get the warning sign checked first."
  context_missing: "{Condition} needs {context}, which you did not say."
  no_clear_match: None of the causes fits well.
  site_covers: "This compares your answers with {count} conditions."
  span_from: "{low} or over"
  span_under: "under {limit}"
  span_between: "{low} to {high}"
red_flags:
  - id: saddle-numbness
    urgency: emergency
    label: Numbness around your bottom
    short: numbness around the bottom
    advice: Call [[emergency-number]] now.
    reason: You said you have numbness around your bottom. Call [[emergency-number]] now.
    reference: "Tiny: emergency"
  - id: fever
    urgency: urgent
    label: A high temperature
    short: a high temperature
    advice: Get advice today.
    reason: You said you have a high temperature.
    reference: "Tiny: urgent"
questions:
  - id: age
    step: Your age
    question: How old are you?
    kind: number
    minimum: 0
    maximum: 120
    said: "you are {value}"
    context: true
    multiple: false
    counts_toward_causes: true
    options:
      - {id: 16-49, label: "16 to 49", said: "you are 16 to 49", span: "16-49"}
      - {id: 50-plus, label: "50 or over", said: "you are 50 or over", span: "50-120"}
  - id: region
    step: Where it hurts
    question: Where does it hurt?
    multiple: true
    counts_toward_causes: true
  - id: feeling
    step: What it feels like
    question: What does it feel like?
    multiple: true
    counts_toward_causes: true
    options:
      - {id: shooting, label: "Shooting", said: "the pain shoots"}
      - {id: ache, label: "A dull ache", said: "it is a dull ache"}
      - {id: numbness, label: "Numbness", said: "you have numbness"}
  - id: duration
    step: How long
    question: How long have you had it?
    multiple: false
    counts_toward_causes: true
    options:
      - {id: days, label: "A few days", said: "you have had it for a few days"}
      - {id: months, label: "6 weeks or more", said: "you have had it for 6 weeks or more"}
rules:
  - id: nerve-symptoms-both-legs
    urgency: emergency
    when:
      feeling: [shooting, numbness]
      both_sides: [thigh, calf]
    reason: You said you have nerve symptoms in both legs.
    reference: "Tiny: both legs"
  - id: long-lasting
    urgency: gp
    when:
      duration: [months]
    reason: You said you have had it for 6 weeks or more.
    reference: "Tiny: long-lasting"
"""

TINY_NERVE_ACHE = """\
---
title: Nerve ache
slug: nerve-ache
summary: A made-up nerve pain down the back of the leg.
regions: [left-thigh, right-thigh, left-calf, right-calf]
region_notes:
  thigh: The nerve runs down the back of the thigh.
  calf: The nerve reaches the calf.
related: [muscle-knot]
references:
  - title: "Tiny: nerve ache"
    url: https://example.org/nerve-ache
last_reviewed: 2026-01-10
next_review: 2027-01-10
self_check:
  key_feature:
    said: shooting pain or numbness
    any:
      - {feeling: [shooting, numbness]}
  age:
    typical: []
    possible: ["16-120"]
  feeling:
    typical: [shooting, numbness]
    against: [ache]
  duration:
    typical: []
    possible: [days, months]
---

## What it is

A nerve that aches.

## When to get help

Call [[emergency-number]] if you have any of these:

[[warning-signs: emergency]]
"""

TINY_MUSCLE_KNOT = """\
---
title: Muscle knot
slug: muscle-knot
summary: A made-up tight spot in the muscles of the lower back and buttock.
regions: [lower-back, left-buttock, right-buttock]
region_notes:
  lower-back: The knot sits in the muscles beside the spine.
  buttock: The buttock muscles can knot too.
related: []
references:
  - title: "Tiny: muscle knot"
last_reviewed: 2026-02-20
next_review: 2027-02-20
self_check:
  key_feature:
    said: a dull ache
    any:
      - {feeling: [ache]}
  age:
    typical: []
    possible: ["16-49"]
  feeling:
    typical: [ache]
    against: [shooting]
  duration:
    typical: [days]
    against: [months]
---

## What it is

A muscle that knots.

## What you can do now

[[self-care]]
"""

TINY_PAGES = {
    "overview": ("Tiny overview", "Both made-up causes at a glance."),
    "urgent-help": ("Tiny urgent help", "The warning signs of the tiny library."),
}


def _tiny_page(slug: str, title: str, summary: str) -> str:
    return f"""\
---
title: {title}
slug: {slug}
summary: {summary}
references:
  - title: "Tiny: {slug}"
last_reviewed: 2026-03-01
next_review: 2027-03-01
---

## Get help now

Call [[emergency-number]] if you have any of these:

[[warning-signs: emergency]]
"""


TINY_EXERCISE_PAGE = """\
---
title: Tiny exercises
slug: exercises
summary: The made-up exercises of the tiny library.
references:
  - title: "Tiny: exercises"
last_reviewed: 2026-03-01
next_review: 2027-03-01
---

## Go gently

[[exercise-stop]]
"""

TINY_KNEE_HUG = """\
---
title: Knee hug
slug: knee-hug
summary: A made-up stretch for the tiny library.
suits: [nerve-ache, muscle-knot]
repetitions: Hold for 5 seconds. Do it 3 times.
how_often: Twice a day
feel: A gentle stretch in the lower back.
start:
  alt: Lying on the back with both knees bent.
  pose: {ground: back, hip: 45, knee: 95}
end:
  alt: Holding one knee to the chest.
  pose: {ground: back, hip: 125, knee: 120, hold: knee, hip_far: 45, knee_far: 95}
references:
  - title: "Tiny: knee hug"
last_reviewed: 2026-03-01
next_review: 2027-03-01
---

1. Lie on your back.
2. Hug one knee.

**When to stop:** [[exercise-stop]]
"""


def write_tiny_content(root: Path) -> Path:
    """Write the tiny content tree under ``root`` and return its folder."""
    tree = root / "tiny-content"
    (tree / "conditions").mkdir(parents=True)
    (tree / "pages").mkdir()
    (tree / "self-check.yaml").write_text(TINY_SELF_CHECK, encoding="utf-8")
    (tree / "conditions" / "nerve-ache.md").write_text(TINY_NERVE_ACHE, encoding="utf-8")
    (tree / "conditions" / "muscle-knot.md").write_text(TINY_MUSCLE_KNOT, encoding="utf-8")
    for slug, (title, summary) in TINY_PAGES.items():
        page = _tiny_page(slug, title, summary)
        (tree / "pages" / f"{slug}.md").write_text(page, encoding="utf-8")
    (tree / "exercises").mkdir()
    (tree / "exercises" / "index.md").write_text(TINY_EXERCISE_PAGE, encoding="utf-8")
    (tree / "exercises" / "knee-hug.md").write_text(TINY_KNEE_HUG, encoding="utf-8")
    return tree


@pytest.fixture
def tiny_library(tmp_path: Path) -> library.Library:
    """Two made-up conditions and a four-question self-check, loaded like the real thing.

    Engine tests use it so that they test the engine's logic, not the clinical content
    (which has its own tests and changes as the articles are reviewed).
    """
    return library.load_library(write_tiny_content(tmp_path), emergency_number="999")


@pytest.fixture
def tiny_tree(tmp_path: Path, settings) -> Iterator[Path]:
    """The tiny content tree, served instead of the real one (for tests through views).

    The library cache is cleared before and after, so no other test sees it.
    """
    tree = write_tiny_content(tmp_path)
    settings.CONTENT_DIR = tree
    library.clear_cache()
    yield tree
    library.clear_cache()
