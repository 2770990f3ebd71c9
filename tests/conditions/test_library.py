"""The content loader: a valid tree loads; each kind of broken file names file, line and field."""

import re
from pathlib import Path

import pytest

from apps.conditions.library import ContentError, Library, load_library


def _problems(tree: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_library(tree)
    return [str(problem) for problem in caught.value.problems]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"fixture text {old!r} not found in {path.name}"
    path.write_text(text.replace(old, new, 1))


def _line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def test_the_real_tree_loads_into_frozen_dataclasses(content_tree: Path):
    library = load_library(content_tree)
    assert isinstance(library, Library)
    assert len(library.conditions) == 9
    sciatica = library.condition("sciatica")
    assert sciatica.title == "Sciatica"
    assert sciatica.references
    with pytest.raises(AttributeError):
        sciatica.title = "Changed"  # type: ignore[misc]


def test_headings_get_anchors_and_a_table_of_contents(content_tree: Path):
    sciatica = load_library(content_tree).condition("sciatica")
    assert [h.title for h in sciatica.toc][:2] == ["What it is", "Symptoms"]
    assert f'<h2 id="{sciatica.toc[0].id}">What it is</h2>' in sciatica.html


def test_missing_field(content_tree: Path):
    path = content_tree / "conditions" / "overuse.md"
    text = path.read_text()
    path.write_text(re.sub(r"^summary:.*\n", "", text, count=1, flags=re.M))
    problems = _problems(content_tree)
    assert any(p.startswith(f"{path}:") and "field 'summary': is missing" in p for p in problems)


def test_unknown_field(content_tree: Path):
    path = content_tree / "conditions" / "overuse.md"
    _edit(path, "title:", "colour: blue\ntitle:")
    line = _line_of(path, "colour: blue")
    assert f"{path}:{line}: field 'colour': is not a known field" in "\n".join(
        _problems(content_tree)
    )


def test_unknown_region_id(content_tree: Path):
    path = content_tree / "conditions" / "sciatica.md"
    _edit(path, "  - left-calf", "  - left-elbow")
    line = _line_of(path, "regions:")
    problems = "\n".join(_problems(content_tree))
    assert f"{path}:{line}: field 'regions': unknown region id 'left-elbow'" in problems


def test_duplicate_slug(content_tree: Path):
    source = content_tree / "conditions" / "overuse.md"
    copy = content_tree / "conditions" / "overuse-copy.md"
    copy.write_text(source.read_text())
    problems = "\n".join(_problems(content_tree))
    assert f"{copy}:" in problems
    assert "field 'slug'" in problems


def test_duplicate_slug_reported_even_when_file_names_differ(content_tree: Path):
    # Two files claiming one slug: the second also fails the file-name rule, but the
    # duplicate itself is what a reader needs to see.
    copy = content_tree / "conditions" / "zz-overuse.md"
    copy.write_text((content_tree / "conditions" / "overuse.md").read_text())
    problems = _problems(content_tree)
    assert any("duplicate slug 'overuse'" in p and str(copy) in p for p in problems)


def test_related_slug_that_does_not_exist(content_tree: Path):
    path = content_tree / "conditions" / "sciatica.md"
    text = path.read_text()
    text = re.sub(
        r"^related:.*$", "related: [herniated-disc, slipped-everything]", text, count=1, flags=re.M
    )
    path.write_text(text)
    line = _line_of(path, "related:")
    problems = "\n".join(_problems(content_tree))
    assert (
        f"{path}:{line}: field 'related': related condition 'slipped-everything' does not exist"
        in problems
    )


def test_no_references(content_tree: Path):
    path = content_tree / "conditions" / "arthritis.md"
    text = path.read_text()
    text = re.sub(r"^references:\n(?:  .*\n)+", "references: []\n", text, count=1, flags=re.M)
    path.write_text(text)
    line = _line_of(path, "references:")
    problems = "\n".join(_problems(content_tree))
    assert f"{path}:{line}: field 'references': must list at least one reference" in problems


def test_unparseable_date(content_tree: Path):
    path = content_tree / "conditions" / "overuse.md"
    text = path.read_text()
    path.write_text(
        re.sub(r"^last_reviewed:.*$", "last_reviewed: 2026-13-45", text, count=1, flags=re.M)
    )
    line = _line_of(path, "last_reviewed:")
    problems = "\n".join(_problems(content_tree))
    assert f"{path}:{line}: field 'last_reviewed': must be a date written YYYY-MM-DD" in problems


def test_invalid_yaml_names_its_line(content_tree: Path):
    path = content_tree / "conditions" / "overuse.md"
    _edit(path, "title:", "title: [unclosed\nsummary2:")
    opened = _line_of(path, "title: [unclosed")
    mine = [p for p in _problems(content_tree) if p.startswith(f"{path}:")]
    assert len(mine) == 1
    assert "field 'front matter': is not valid YAML" in mine[0]
    # YAML notices the unclosed bracket on the opening line or the one after it.
    assert mine[0].startswith((f"{path}:{opened}:", f"{path}:{opened + 1}:"))


def test_unknown_self_check_value(content_tree: Path):
    path = content_tree / "conditions" / "overuse.md"
    text = path.read_text()
    text = re.sub(r"(  feeling:\n    typical: \[)", r"\1itchy, ", text, count=1)
    path.write_text(text)
    problems = "\n".join(_problems(content_tree))
    assert f"{path}:" in problems
    assert "field 'self_check.feeling.typical': unknown value 'itchy'" in problems


def test_every_problem_is_reported_not_just_the_first(content_tree: Path):
    for name in ("overuse", "arthritis"):
        path = content_tree / "conditions" / f"{name}.md"
        text = path.read_text()
        path.write_text(re.sub(r"^next_review:.*$", "next_review: soon", text, count=1, flags=re.M))
    problems = _problems(content_tree)
    assert sum("field 'next_review'" in p for p in problems) == 2


def test_raw_html_is_refused(content_tree: Path):
    path = content_tree / "conditions" / "overuse.md"
    path.write_text(path.read_text() + "\n<script>alert('x')</script>\n")
    line = _line_of(path, "<script>")
    problems = "\n".join(_problems(content_tree))
    assert f"{path}:{line}: field 'body': raw HTML is not allowed" in problems


@pytest.mark.parametrize(
    "link", ["javascript:alert(1)", "JavaScript:void(0)", "data:text/html;base64,AAAA"]
)
def test_unsafe_links_are_refused(content_tree: Path, link: str):
    path = content_tree / "conditions" / "overuse.md"
    path.write_text(path.read_text() + f"\nSee [this]({link}).\n")
    problems = "\n".join(_problems(content_tree))
    assert f"{path}:" in problems and "field 'body': link" in problems


def test_link_to_a_missing_condition_names_its_line(content_tree: Path):
    path = content_tree / "conditions" / "overuse.md"
    path.write_text(path.read_text() + "\nSee [this](/conditions/nothing-here/).\n")
    line = _line_of(path, "/conditions/nothing-here/")
    problems = "\n".join(_problems(content_tree))
    assert f"{path}:{line}: field 'body': links to /conditions/nothing-here/" in problems


def test_slug_must_match_the_file_name(content_tree: Path):
    path = content_tree / "conditions" / "overuse.md"
    _edit(path, "slug: overuse", "slug: over-use")
    problems = "\n".join(_problems(content_tree))
    assert "field 'slug': 'over-use' must match the file name 'overuse'" in problems


def test_a_missing_page_is_reported(content_tree: Path):
    (content_tree / "pages" / "urgent-help.md").unlink()
    problems = "\n".join(_problems(content_tree))
    assert "urgent-help.md" in problems and "this required page is missing" in problems


def test_a_new_condition_is_just_a_new_file(content_tree: Path):
    source = (content_tree / "conditions" / "overuse.md").read_text()
    new = source.replace("slug: overuse", "slug: shin-splints").replace(
        "title: Overuse injuries", "title: Shin splints"
    )
    (content_tree / "conditions" / "shin-splints.md").write_text(new)
    library = load_library(content_tree)
    assert library.condition("shin-splints").title == "Shin splints"
    assert len(library.conditions) == 10


def test_raw_html_and_unsafe_links_render_inert_even_if_never_checked():
    from apps.conditions.library import Body

    body = Body(
        'Hello <b onclick="steal()">there</b>\n\n<script>alert(1)</script>\n\n'
        "[click](javascript:alert(1)) and [ok](/overview/)\n"
    )
    html = body.rendered()[0]
    assert "<script" not in html and "<b " not in html
    assert "&lt;script&gt;" in html
    assert 'href="javascript:' not in html
    assert 'href="/overview/"' in html


def test_bodies_are_rendered_once_on_first_use(content_tree: Path):
    condition = load_library(content_tree).condition("sciatica")
    assert condition.body._rendered is None
    first = condition.html
    assert condition.body._rendered is not None
    assert condition.html is first
