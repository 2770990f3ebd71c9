"""The content loader: a valid tree loads; each kind of broken file names file, line and field.

Problems that need the URL configuration (links leading nowhere, slugs hidden behind a
fixed route) are found by the check, not by load_library: see test_checks.py.
"""

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from apps.content.files import ContentError
from apps.content.library import REQUIRED_PAGES, Library, load_library
from apps.content.markup import Body, Renderer, Snippets

EMERGENCY_NUMBER = "999"


def _load(tree: Path, *, emergency_number: str = EMERGENCY_NUMBER) -> Library:
    return load_library(tree, emergency_number=emergency_number)


def _problems(tree: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        _load(tree)
    return [str(problem) for problem in caught.value.problems]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"fixture text {old!r} not found in {path.name}"
    path.write_text(text.replace(old, new, 1))


def _sub(path: Path, pattern: str, new: str) -> None:
    """Replace the first line matching ``pattern`` (a regex over one whole line)."""
    text = path.read_text()
    changed, count = re.subn(pattern, new, text, count=1, flags=re.M)
    assert count == 1, f"no line matches {pattern!r} in {path.name}"
    path.write_text(changed)


def _line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def _append(path: Path, text: str) -> int:
    """Add ``text`` as the last line of a body and return its line number."""
    path.write_text(path.read_text().rstrip("\n") + "\n\n" + text + "\n")
    return len(path.read_text().splitlines())


def _index_of(items: list[dict[str, Any]], key: str, value: object) -> int:
    return next(index for index, item in enumerate(items) if item.get(key) == value)


# A valid tree.


def test_the_real_tree_loads_into_frozen_dataclasses(content_tree: Path) -> None:
    """The real content must load cleanly: the site refuses to serve otherwise."""
    library = _load(content_tree)
    assert isinstance(library, Library)
    assert len(library.conditions) == len(list((content_tree / "conditions").glob("*.md")))
    assert set(REQUIRED_PAGES) <= set(library.pages)
    sciatica = library.condition("sciatica")
    assert sciatica.title == "Sciatica"
    assert sciatica.references
    with pytest.raises(AttributeError):
        sciatica.title = "Changed"  # type: ignore[misc]


def test_headings_get_anchors_and_a_table_of_contents(content_tree: Path) -> None:
    """The contents list links to the article's ## headings by id."""
    sciatica = _load(content_tree).condition("sciatica")
    assert [h.title for h in sciatica.toc][:2] == ["What it is", "Symptoms"]
    assert f'<h2 id="{sciatica.toc[0].id}">What it is</h2>' in sciatica.html


def test_a_new_condition_is_just_a_new_file(content_tree: Path) -> None:
    """Adding an article needs no code: the folder is read, not listed."""
    source = (content_tree / "conditions" / "overuse.md").read_text()
    new = source.replace("slug: overuse", "slug: shin-splints").replace(
        "title: Overuse injuries", "title: Shin splints"
    )
    (content_tree / "conditions" / "shin-splints.md").write_text(new)
    library = _load(content_tree)
    assert library.condition("shin-splints").title == "Shin splints"
    assert len(library.conditions) == len(list((content_tree / "conditions").glob("*.md")))


def test_a_new_page_is_just_a_new_file(content_tree: Path) -> None:
    """Every file of content/pages/ is a page, found rather than listed in code."""
    source = (content_tree / "pages" / "overview.md").read_text()
    new = re.sub(r"^slug: .*$", "slug: about-this-site", source, count=1, flags=re.M)
    new = re.sub(r"^title: .*$", "title: About this site", new, count=1, flags=re.M)
    (content_tree / "pages" / "about-this-site.md").write_text(new)
    library = _load(content_tree)
    assert {"about-this-site", *REQUIRED_PAGES} <= set(library.pages)
    page = library.page("about-this-site")
    assert page.title == "About this site"
    assert page in library.documents


def test_the_emergency_number_comes_from_the_argument(content_tree: Path) -> None:
    """Content places [[emergency-number]]; the number itself is the setting passed in."""
    path = content_tree / "pages" / "overview.md"
    _append(path, "Placed here: call [[emergency-number]] now.")
    library = _load(content_tree, emergency_number="112")
    assert "Placed here: call 112 now." in library.page("overview").html
    assert library.snippets.inline["emergency-number"] == "112"
    urgencies = library.questionnaire.urgencies.values()
    assert all("[[" not in text.heading + text.advice for text in urgencies)


# Each kind of broken file names file, line and field.


def test_missing_field(content_tree: Path) -> None:
    """A required field that is absent is named, in the file that lacks it."""
    path = content_tree / "conditions" / "overuse.md"
    text = path.read_text()
    path.write_text(re.sub(r"^summary:.*\n", "", text, count=1, flags=re.M))
    problems = _problems(content_tree)
    assert any(p.startswith(f"{path}:") and "field 'summary': is missing" in p for p in problems)


def test_unknown_field(content_tree: Path) -> None:
    """An unknown field is usually a typo: it is named on its own line."""
    path = content_tree / "conditions" / "overuse.md"
    _edit(path, "title:", "colour: blue\ntitle:")
    line = _line_of(path, "colour: blue")
    assert f"{path}:{line}: field 'colour': is not a known field" in "\n".join(
        _problems(content_tree)
    )


def test_unknown_region_id(content_tree: Path) -> None:
    """Regions come from the region table; anything else would never show on the map."""
    path = content_tree / "conditions" / "sciatica.md"
    _edit(path, "  - left-calf", "  - left-elbow")
    line = _line_of(path, "regions:")
    problems = "\n".join(_problems(content_tree))
    assert f"{path}:{line}: field 'regions': unknown region id 'left-elbow'" in problems


def test_duplicate_slug(content_tree: Path) -> None:
    """Two articles cannot share a URL: the second one is named at its slug line."""
    source = content_tree / "conditions" / "overuse.md"
    copy = content_tree / "conditions" / "overuse-copy.md"
    copy.write_text(source.read_text())
    line = _line_of(copy, "slug:")
    problems = "\n".join(_problems(content_tree))
    assert f"{copy}:{line}: field 'slug'" in problems


def test_duplicate_slug_reported_even_when_file_names_differ(content_tree: Path) -> None:
    """The second file also fails the file-name rule, but the duplicate is what a reader
    needs to see."""
    copy = content_tree / "conditions" / "zz-overuse.md"
    copy.write_text((content_tree / "conditions" / "overuse.md").read_text())
    problems = _problems(content_tree)
    assert any("duplicate slug 'overuse'" in p and str(copy) in p for p in problems)


def test_related_slug_that_does_not_exist(content_tree: Path) -> None:
    """A related link to a missing article would be a broken link on the page."""
    path = content_tree / "conditions" / "sciatica.md"
    _sub(path, r"^related:.*$", "related: [herniated-disc, slipped-everything]")
    line = _line_of(path, "related:")
    problems = "\n".join(_problems(content_tree))
    assert (
        f"{path}:{line}: field 'related': related condition 'slipped-everything' does not exist"
        in problems
    )


def test_no_references(content_tree: Path) -> None:
    """Every clinical page names its sources."""
    path = content_tree / "conditions" / "arthritis.md"
    text = path.read_text()
    text = re.sub(r"^references:\n(?:  .*\n)+", "references: []\n", text, count=1, flags=re.M)
    path.write_text(text)
    line = _line_of(path, "references:")
    problems = "\n".join(_problems(content_tree))
    assert f"{path}:{line}: field 'references': must list at least one reference" in problems


def test_unparseable_date(content_tree: Path) -> None:
    """A bad review date is a problem with a line, not a crash in the YAML loader."""
    path = content_tree / "conditions" / "overuse.md"
    _sub(path, r"^last_reviewed:.*$", "last_reviewed: 2026-13-45")
    line = _line_of(path, "last_reviewed:")
    problems = "\n".join(_problems(content_tree))
    assert f"{path}:{line}: field 'last_reviewed': must be a date written YYYY-MM-DD" in problems


def test_invalid_yaml_names_its_line(content_tree: Path) -> None:
    """Broken front matter is one problem at the line where YAML gave up."""
    path = content_tree / "conditions" / "overuse.md"
    _edit(path, "title:", "title: [unclosed\nsummary2:")
    opened = _line_of(path, "title: [unclosed")
    mine = [p for p in _problems(content_tree) if p.startswith(f"{path}:")]
    assert len(mine) == 1
    assert "field 'front matter': is not valid YAML" in mine[0]
    # YAML notices the unclosed bracket on the opening line or the one after it.
    assert mine[0].startswith((f"{path}:{opened}:", f"{path}:{opened + 1}:"))


def test_unknown_self_check_value(content_tree: Path) -> None:
    """A profile value the questionnaire never offers could never match an answer."""
    path = content_tree / "conditions" / "overuse.md"
    text = path.read_text()
    text, count = re.subn(r"(  feeling:\n    typical: \[)", r"\1itchy, ", text, count=1)
    assert count == 1
    path.write_text(text)
    line = _line_of(path, "itchy")
    problems = "\n".join(_problems(content_tree))
    assert f"{path}:{line}: field 'self_check.feeling.typical': unknown value 'itchy'" in problems


def test_every_problem_is_reported_not_just_the_first(content_tree: Path) -> None:
    """Editors fix everything in one pass: all problems in all files are listed."""
    for name in ("overuse", "arthritis"):
        path = content_tree / "conditions" / f"{name}.md"
        _sub(path, r"^next_review:.*$", "next_review: soon")
    problems = _problems(content_tree)
    assert sum("field 'next_review'" in p for p in problems) == 2


def test_slug_must_match_the_file_name(content_tree: Path) -> None:
    """The file name is the URL; a slug that disagrees would confuse every editor."""
    path = content_tree / "conditions" / "overuse.md"
    _edit(path, "slug: overuse", "slug: over-use")
    line = _line_of(path, "slug: over-use")
    problems = "\n".join(_problems(content_tree))
    assert f"{path}:{line}: field 'slug': 'over-use' must match the file name 'overuse'" in problems


def test_a_missing_page_is_reported(content_tree: Path) -> None:
    """overview and urgent-help are named by the site contract: they must exist."""
    (content_tree / "pages" / "urgent-help.md").unlink()
    problems = "\n".join(_problems(content_tree))
    assert "urgent-help.md" in problems and "this required page is missing" in problems


# Bodies: what content may not write.


def test_raw_html_is_refused(content_tree: Path) -> None:
    """Raw HTML could smuggle script or style past review; it is refused with its line."""
    path = content_tree / "conditions" / "overuse.md"
    line = _append(path, "<script>alert('x')</script>")
    problems = "\n".join(_problems(content_tree))
    assert f"{path}:{line}: field 'body': raw HTML is not allowed" in problems


@pytest.mark.parametrize(
    "link", ["javascript:alert(1)", "JavaScript:void(0)", "data:text/html;base64,AAAA"]
)
def test_unsafe_links_are_refused(content_tree: Path, link: str) -> None:
    """Only site paths, anchors, https and mailto links may be written."""
    path = content_tree / "conditions" / "overuse.md"
    line = _append(path, f"See [this]({link}).")
    problems = "\n".join(_problems(content_tree))
    assert f"{path}:{line}: field 'body': link '{link[:8]}" in problems
    assert "is not allowed: use a site path" in problems


@pytest.mark.parametrize("folder", ["conditions", "pages"])
def test_a_written_emergency_number_is_refused_with_its_line(
    content_tree: Path, folder: str
) -> None:
    """The number is a setting: a 999 written out would be wrong wherever it is not 999."""
    path = content_tree / folder / ("overuse.md" if folder == "conditions" else "overview.md")
    line = _append(path, "If it is bad, call 999 now.")
    problems = "\n".join(_problems(content_tree))
    assert (
        f"{path}:{line}: field 'body': the emergency number is a setting: "
        "write [[emergency-number]] instead of 999"
    ) in problems


def test_an_unknown_warning_signs_urgency_is_refused_with_its_line(content_tree: Path) -> None:
    """[[warning-signs: soon]] would place nothing: a list of signs silently missing."""
    path = content_tree / "pages" / "urgent-help.md"
    line = _append(path, "[[warning-signs: soon]]")
    problems = "\n".join(_problems(content_tree))
    assert f"{path}:{line}: field 'body': [[warning-signs: soon]] must name an urgency" in problems


def test_an_unknown_placeholder_is_refused_with_its_line(content_tree: Path) -> None:
    """A typo'd placeholder would show as [[nope]] on the page; it is named instead."""
    path = content_tree / "conditions" / "sciatica.md"
    line = _append(path, "Call [[nope]] if you are worried.")
    problems = "\n".join(_problems(content_tree))
    assert f"{path}:{line}: field 'body': unknown directive [[nope]]" in problems


# The self-check file: each problem names its YAML line.


def _self_check(tree: Path) -> tuple[Path, dict[str, Any]]:
    path = tree / "self-check.yaml"
    return path, yaml.safe_load(path.read_text())


def test_a_red_flag_with_an_unknown_urgency_names_its_line(content_tree: Path) -> None:
    """An urgency the engine does not know would silently downgrade a red flag."""
    path = content_tree / "self-check.yaml"
    _sub(path, r"^(\s+)urgency: emergency$", r"\1urgency: soon")
    _, data = _self_check(content_tree)
    index = _index_of(data["red_flags"], "urgency", "soon")
    line = _line_of(path, "urgency: soon")
    problems = "\n".join(_problems(content_tree))
    assert f"{path}:{line}: field 'red_flags[{index}].urgency': 'soon' is not one of" in problems


def test_a_question_with_multiple_maybe_names_its_line(content_tree: Path) -> None:
    """multiple: decides whether an answer takes one value or several; it must be a bool."""
    path = content_tree / "self-check.yaml"
    _sub(path, r"^(\s+)multiple: false$", r"\1multiple: maybe")
    _, data = _self_check(content_tree)
    index = _index_of(data["questions"], "multiple", "maybe")
    line = _line_of(path, "multiple: maybe")
    problems = "\n".join(_problems(content_tree))
    assert f"{path}:{line}: field 'questions[{index}].multiple': must be true or false" in problems


def test_a_sentence_with_an_unknown_blank_names_its_line(content_tree: Path) -> None:
    """A blank the engine does not fill would crash or show {nope} on a result page."""
    path = content_tree / "self-check.yaml"
    _sub(path, r"^  typical: .*$", '  typical: "You said {said}, typical of {nope}."')
    line = _line_of(path, "typical of {nope}")
    problems = "\n".join(_problems(content_tree))
    assert f"{path}:{line}: field 'sentences.typical': uses unknown blanks ['nope']" in problems


def test_a_written_number_in_the_self_check_names_its_line(content_tree: Path) -> None:
    """The self-check file follows the same rule as the articles."""
    path = content_tree / "self-check.yaml"
    _sub(path, r"^(  nothing_urgent: ).*$", r'\1"Nothing urgent. Call 999 if it changes."')
    line = _line_of(path, "Call 999 if it changes")
    problems = "\n".join(_problems(content_tree))
    assert f"{path}:{line}: field 'text': the emergency number is a setting" in problems


# Rendering.


def test_raw_html_and_unsafe_links_render_inert_even_if_never_checked() -> None:
    """Rendering is the last line of defence if a body ever skips the load-time checks."""
    renderer = Renderer(Snippets({}, (), ()))
    body = Body(
        'Hello <b onclick="steal()">there</b>\n\n<script>alert(1)</script>\n\n'
        "[click](javascript:alert(1)) and [ok](/overview/)\n",
        renderer.render,
    )
    html = body.rendered()[0]
    assert "<script" not in html and "<b " not in html
    assert "&lt;script&gt;" in html
    assert 'href="javascript:' not in html
    assert 'href="/overview/"' in html


def test_bodies_are_rendered_once_on_first_use(content_tree: Path) -> None:
    """Loading must not render every body: most are never read in a process's life."""
    condition = _load(content_tree).condition("sciatica")
    assert condition.body._rendered is None
    first = condition.html
    assert condition.body._rendered is not None
    assert condition.html is first
