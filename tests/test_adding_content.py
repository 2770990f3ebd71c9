"""Adding a condition or a page is adding one file: no code, template or URL changes.

The real content folder is copied, one made-up article and one made-up page are added,
and the site is pointed at the copy. Everything the site says about a condition (its
article, the A to Z, the body map, the self-check) must then include the new one, and the
new page must be served at its own address.
"""

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from apps.content import library
from apps.content.library import get_library
from apps.content.vocabulary import Urgency

REAL_CONTENT = Path(django_settings.BASE_DIR) / "content"
NEW_SLUG = "piriformis-syndrome"
NEW_TITLE = "Piriformis syndrome"
NEW_PAGE = "living-with-back-pain"
NEW_PAGE_TITLE = "Living with back pain"

NEW_CONDITION = """\
---
title: Piriformis syndrome
slug: piriformis-syndrome
summary: >-
  A deep ache in one buttock, sometimes with tingling down the leg, when the
  piriformis muscle irritates the sciatic nerve beside it.
regions:
  - left-buttock
  - right-buttock
region_notes:
  buttock: "The piriformis muscle lies deep in the buttock, right beside the sciatic nerve."
related: [sciatica, muscle-tightness]
references:
  - title: "NHS: Sciatica"
    url: https://www.nhs.uk/conditions/sciatica/
last_reviewed: 2026-11-24
next_review: 2027-11-24
self_check:
  key_feature:
    said: a deep ache in the buttock that is worse when sitting
    any:
      - {feeling: [ache], pattern: [worse-sitting]}
  feeling:
    typical: [ache, tingling]
    possible: [tightness, numbness, shooting]
  elsewhere:
    typical: []
  walking:
    typical: []
    possible: ["no"]
  onset:
    typical: [gradual]
    possible: [exercise, unsure]
  pattern:
    typical: [worse-sitting]
    possible: [worse-activity, eases-rest]
    against: [pop-or-tear, cant-bear-weight]
  about:
    typical: [desk]
    possible: [athlete, previous-episodes]
  age:
    typical: []
    possible: ["16-120"]
  duration:
    typical: []
    possible: [days, weeks, months]
---

## What it is

Piriformis syndrome is a deep ache in the buttock.
The piriformis is a small muscle deep in the buttock.
The sciatic nerve runs right beside it.

## Symptoms

- a deep ache in one buttock
- tingling down the back of the leg
- pain that is worse when you sit for a long time

## Causes

Long spells of sitting, or a lot of running or climbing, can make the muscle tight and sore.

## Who gets it

It is more common in people who sit for long periods and in runners.

## What you can do now

[[self-care]]

## When to get help

**Call [[emergency-number]] or go to A&E now** if you have buttock or leg pain and any of these:

[[warning-signs: emergency]]

**Get advice today** if you have any of these:

[[warning-signs: urgent]]

For all the warning signs, see [urgent help](/urgent-help/).
"""

NEW_PAGE_TEXT = """\
---
title: Living with back pain
slug: living-with-back-pain
summary: Keeping on with work, sleep and the things you enjoy while back pain settles.
references:
  - title: "NHS: Back pain"
    url: https://www.nhs.uk/conditions/back-pain/
last_reviewed: 2026-11-24
next_review: 2027-11-24
---

## Keep going

Most back pain settles within a few weeks.
Carry on with your usual activities as far as you can.

[[self-care]]

## When to get help

**Call [[emergency-number]] or go to A&E now** if you have back pain and any of these:

[[warning-signs: emergency]]

Read about [piriformis syndrome](/conditions/piriformis-syndrome/),
or see [urgent help](/urgent-help/).
"""

TYPICAL_ANSWERS = [
    ("red_flag", "none"),
    ("region", "left-buttock"),
    ("feeling", "ache"),
    ("feeling", "tingling"),
    ("onset", "gradual"),
    ("pattern", "worse-sitting"),
    ("about", "desk"),
]
"""How piriformis syndrome typically shows itself, by its own profile."""


@pytest.fixture
def grown_tree(tmp_path: Path, settings) -> Iterator[Path]:
    """The real content plus one new condition file and one new page file, served."""
    tree = tmp_path / "content"
    shutil.copytree(REAL_CONTENT, tree)
    (tree / "conditions" / f"{NEW_SLUG}.md").write_text(NEW_CONDITION, encoding="utf-8")
    (tree / "pages" / f"{NEW_PAGE}.md").write_text(NEW_PAGE_TEXT, encoding="utf-8")
    settings.CONTENT_DIR = tree
    library.clear_cache()
    yield tree
    library.clear_cache()


def fresh_client() -> Client:
    """A new handler: the page cache lives in it, so no page kept by another test shows."""
    return Client(headers={"X-Forwarded-Proto": "https"})


def test_the_new_files_pass_the_content_checks(grown_tree: Path) -> None:
    """``manage.py check`` accepts the new files, links to the new article included."""
    call_command("check")
    loaded = get_library()
    assert NEW_SLUG in {c.slug for c in loaded.conditions}
    assert NEW_PAGE in loaded.pages


def test_the_new_condition_is_served(grown_tree: Path) -> None:
    """Its article is at /conditions/<slug>/, with the directives written in."""
    response = fresh_client().get(reverse("condition", kwargs={"slug": NEW_SLUG}))
    body = response.content.decode()
    assert response.status_code == 200
    assert f"<h1>{NEW_TITLE}</h1>" in body
    assert "[[" not in body
    unlinked = re.sub(r"</?a\b[^>]*>", "", body)  # glossary terms are linked inside
    for sign in get_library().snippets.signs_of(Urgency.EMERGENCY):
        assert f"<li>{sign.label}</li>" in unlinked
    assert f"Call {django_settings.EMERGENCY_NUMBER} or go to A&amp;E now" in body


def test_the_new_condition_is_on_the_a_to_z(grown_tree: Path) -> None:
    """The A to Z lists every file of the folder, the new one in its alphabetical place."""
    body = fresh_client().get(reverse("conditions")).content.decode()
    url = reverse("condition", kwargs={"slug": NEW_SLUG})
    assert f'<a href="{url}">{NEW_TITLE}</a>' in body
    titles = re.findall(r'<h3><a href="/conditions/[^"]+/">([^<]+)</a></h3>', body)
    assert NEW_TITLE in titles
    assert titles == sorted(titles, key=str.casefold)


@pytest.mark.parametrize("region_id", ["left-buttock", "right-buttock"])
def test_the_new_condition_is_on_the_body_map_of_its_regions(
    grown_tree: Path, region_id: str
) -> None:
    """The body map reads which regions a condition affects from its front matter."""
    url = reverse("body-map-region", kwargs={"region_id": region_id})
    body = fresh_client().get(url).content.decode()
    assert reverse("condition", kwargs={"slug": NEW_SLUG}) in body
    assert "The piriformis muscle lies deep in the buttock" in body


@pytest.mark.parametrize("region_id", ["left-calf", "lower-back"])
def test_the_new_condition_is_not_on_other_regions(grown_tree: Path, region_id: str) -> None:
    """A condition appears only where its file says it can hurt."""
    url = reverse("body-map-region", kwargs={"region_id": region_id})
    response = fresh_client().get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert reverse("condition", kwargs={"slug": "sciatica"}) in body
    assert reverse("condition", kwargs={"slug": NEW_SLUG}) not in body


def test_the_self_check_ranks_the_new_condition(grown_tree: Path) -> None:
    """Every condition is in every result; for its typical picture it is a strong fit."""
    client = fresh_client()
    plain = client.get(reverse("self-check-json") + "?red_flag=none").json()
    assert NEW_SLUG in [c["slug"] for c in plain["causes"]]
    typical = client.get(reverse("self-check-json") + "?" + urlencode(TYPICAL_ANSWERS)).json()
    new = next(c for c in typical["causes"] if c["slug"] == NEW_SLUG)
    assert new["fit"] == "strong"
    assert new["title"] == NEW_TITLE
    assert new["url"] == reverse("condition", kwargs={"slug": NEW_SLUG})
    assert new["reasons_for"]
    assert typical["causes"][0]["slug"] == NEW_SLUG


def test_the_new_page_is_served_at_its_own_address(grown_tree: Path) -> None:
    """Adding a file to content/pages adds the page at /<slug>/, titled from its front matter."""
    url = reverse("page", kwargs={"slug": NEW_PAGE})
    assert url == f"/{NEW_PAGE}/"
    response = fresh_client().get(url)
    body = response.content.decode()
    assert response.status_code == 200
    assert f"<h1>{NEW_PAGE_TITLE}</h1>" in body
    assert f"<title>{NEW_PAGE_TITLE}" in body
    assert 'href="/conditions/piriformis-syndrome/"' in body
    assert "[[" not in body


def test_an_unknown_page_is_still_a_404(grown_tree: Path) -> None:
    """The page route serves files that exist, and nothing else."""
    response = fresh_client().get(reverse("page", kwargs={"slug": "living-with-leg-pain"}))
    assert response.status_code == 404
    assert reverse("conditions") in response.content.decode()


# Adding a question, a red flag and a rule is adding entries to self-check.yaml.

NEW_FLAG = """\
  - id: new-made-up-sign
    urgency: urgent
    label: A made-up sign that only this test knows
    short: a made-up sign
    advice: Get advice today.
    reason: You said you have the made-up sign. Get it checked today.
    reference: "Made up: a test"
"""

NEW_QUESTION = """\
  - id: sleep
    step: Your sleep
    question: Does the pain stop you sleeping?
    multiple: false
    options:
      - {id: yes-often, label: "Yes, often", said: "it often stops you sleeping"}
      - {id: rarely, label: "Rarely", said: "it rarely stops you sleeping"}
"""

NEW_RULE = """\
  - id: made-up-sleepless
    urgency: gp
    when:
      sleep: [yes-often]
    reason: You said the pain often stops you sleeping. See a GP.
    reference: "Made up: a test"
"""


@pytest.fixture
def grown_questionnaire(tmp_path: Path, settings) -> Iterator[Path]:
    """The real content with one more red flag, question and rule in self-check.yaml."""
    tree = tmp_path / "content"
    shutil.copytree(REAL_CONTENT, tree)
    path = tree / "self-check.yaml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("\nquestions:\n", "\n" + NEW_FLAG + "\nquestions:\n", 1)
    text = text.replace("\nrules:\n", "\n" + NEW_QUESTION + "\nrules:\n", 1)
    path.write_text(text.rstrip("\n") + "\n" + NEW_RULE, encoding="utf-8")
    settings.CONTENT_DIR = tree
    library.clear_cache()
    yield tree
    library.clear_cache()


def test_a_new_question_red_flag_and_rule_need_no_code(grown_questionnaire: Path) -> None:
    call_command("check")
    client = fresh_client()
    first = client.get(reverse("self-check") + "?step=red-flags").content.decode()
    assert "A made-up sign that only this test knows" in first
    flagged = client.get(reverse("self-check-json") + "?red_flag=new-made-up-sign").json()
    assert flagged["urgency"] == "urgent"
    # The question is the last step now, and its answer drives the rule.
    last = client.get(reverse("self-check") + "?red_flag=none&step=sleep").content.decode()
    assert "Does the pain stop you sleeping?" in last
    assert "See my results" in last
    result = client.get(reverse("self-check-json") + "?red_flag=none&sleep=yes-often").json()
    assert result["urgency"] == "gp"
    assert "often stops you sleeping" in result["urgency_reasons"][0]
