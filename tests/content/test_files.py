"""FileReader and parse_yaml: every problem names the line a writer must open.

Editors fix content by going to ``file:line``; a wrong line number is as bad as no
message, so each way of finding a line is pinned here on small literal files.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from apps.content.files import ContentError, ContentProblem, FileReader, parse_yaml
from apps.content.library import load_library

FRONT_MATTER = """\
---
title: Hello
items:
  - label: first
  - label: second
    extra: 1
---

Body starts here.
"""
NESTED_YAML = """\
# a comment line
name: Example
items:
  - label: first
    advice: one
  - label: second
    advice: two
settings:
  deep:
    value: 3
"""


def _reader(path: Path, text: str) -> tuple[FileReader, list[ContentProblem]]:
    path.write_text(text, encoding="utf-8")
    problems: list[ContentProblem] = []
    return FileReader(path, problems), problems


def _line_of(text: str, needle: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in the fixture text")


def test_front_matter_fields_have_their_file_lines(tmp_path: Path) -> None:
    """Front matter starts after '---', so a naive parse would be one line out."""
    reader, problems = _reader(tmp_path / "page.md", FRONT_MATTER)
    parsed = reader.read_front_matter()
    assert parsed is not None and problems == []
    data, _ = parsed
    assert data["title"] == "Hello"
    assert reader.line_of("title") == _line_of(FRONT_MATTER, "title:")
    assert reader.line_of("items") == _line_of(FRONT_MATTER, "items:")
    assert reader.line_of("items[1].label") == _line_of(FRONT_MATTER, "label: second")
    assert reader.line_of("items[1].extra") == _line_of(FRONT_MATTER, "extra: 1")


def test_body_line_is_the_file_line_of_the_first_body_line(tmp_path: Path) -> None:
    """Body checks add their offset to body_line; it must point at the right file line."""
    reader, _ = _reader(tmp_path / "page.md", FRONT_MATTER)
    parsed = reader.read_front_matter()
    assert parsed is not None
    _, body = parsed
    offset = next(i for i, line in enumerate(body.splitlines()) if "Body starts" in line)
    assert reader.body_line + offset == _line_of(FRONT_MATTER, "Body starts here.")


def test_nested_yaml_fields_have_their_lines(tmp_path: Path) -> None:
    """Problems deep in self-check.yaml name paths like items[1].label; each needs a line."""
    reader, problems = _reader(tmp_path / "data.yaml", NESTED_YAML)
    data = reader.read_yaml()
    assert data is not None and problems == []
    assert reader.line_of("name") == _line_of(NESTED_YAML, "name:")
    assert reader.line_of("items[0].label") == _line_of(NESTED_YAML, "label: first")
    assert reader.line_of("items[1].label") == _line_of(NESTED_YAML, "label: second")
    assert reader.line_of("items[1].advice") == _line_of(NESTED_YAML, "advice: two")
    assert reader.line_of("settings.deep.value") == _line_of(NESTED_YAML, "value: 3")


@pytest.mark.parametrize(
    ("asked", "containing"),
    [
        ("items[1].label.nope", "label: second"),  # below a known field
        ("items[1].missing", "label: second"),  # a missing key of a list item
        ("items[7].label", "items:"),  # an item that does not exist
        ("settings.deep.absent", "deep:"),
    ],
)
def test_line_of_falls_back_to_the_nearest_containing_field(
    tmp_path: Path, asked: str, containing: str
) -> None:
    """A missing field has no line of its own: point at the field that should hold it."""
    reader, _ = _reader(tmp_path / "data.yaml", NESTED_YAML)
    assert reader.read_yaml() is not None
    assert reader.line_of(asked) == _line_of(NESTED_YAML, containing)


def test_line_of_an_unknown_top_level_field_is_the_first_line(tmp_path: Path) -> None:
    """With nothing containing it, the best line to name is the top of the file."""
    reader, _ = _reader(tmp_path / "data.yaml", NESTED_YAML)
    assert reader.read_yaml() is not None
    assert reader.line_of("nowhere") == 1


def test_problem_uses_the_line_of_its_field(tmp_path: Path) -> None:
    """reader.problem is what every loader calls: it must record the field's line."""
    path = tmp_path / "data.yaml"
    reader, problems = _reader(path, NESTED_YAML)
    assert reader.read_yaml() is not None
    reader.problem("items[1].advice", "is wrong")
    line = _line_of(NESTED_YAML, "advice: two")
    assert [str(p) for p in problems] == [f"{path}:{line}: field 'items[1].advice': is wrong"]


def test_invalid_yaml_reports_its_line(tmp_path: Path) -> None:
    """A YAML syntax error is reported on the line where the parser stopped."""
    text = "name: Example\nsummary: one: two\nother: fine\n"
    path = tmp_path / "broken.yaml"
    reader, problems = _reader(path, text)
    assert reader.read_yaml() is None
    assert len(problems) == 1
    assert str(problems[0]).startswith(f"{path}:2: field 'file': is not valid YAML")


def test_invalid_yaml_in_front_matter_reports_its_file_line(tmp_path: Path) -> None:
    """The same error inside front matter names the line of the whole file, not the header."""
    text = "---\ntitle: Hello\nsummary: one: two\n---\n\nBody.\n"
    path = tmp_path / "page.md"
    reader, problems = _reader(path, text)
    assert reader.read_front_matter() is None
    assert len(problems) == 1
    line = _line_of(text, "summary: one: two")
    assert str(problems[0]).startswith(f"{path}:{line}: field 'front matter': is not valid YAML")


def test_dates_stay_text_so_a_bad_date_is_our_error(tmp_path: Path) -> None:
    """Implicit YAML dates would turn 2026-13-45 into a crash; the strict loader keeps text."""
    node, data = parse_yaml("good: 2026-01-02\nbad: 2026-13-45\n")
    assert node is not None
    assert data == {"good": "2026-01-02", "bad": "2026-13-45"}
    text = "bad: 2026-13-45\n"
    reader, problems = _reader(tmp_path / "d.yaml", text)
    data = reader.read_yaml()
    assert data is not None
    reader.date(data, "bad")
    assert [p.line for p in problems] == [1]
    assert "must be a date written YYYY-MM-DD" in problems[0].message


def test_front_matter_must_open_and_close(tmp_path: Path) -> None:
    """A file without its '---' block, or with it left open, is named, not crashed on."""
    reader, problems = _reader(tmp_path / "none.md", "title: Hello\n\nBody.\n")
    assert reader.read_front_matter() is None
    assert [p.field for p in problems] == ["front matter"]
    assert "must start with a '---'" in problems[0].message

    reader, problems = _reader(tmp_path / "open.md", "---\ntitle: Hello\n\nBody.\n")
    assert reader.read_front_matter() is None
    assert [p.field for p in problems] == ["front matter"]


def test_a_file_that_is_not_utf8_is_a_problem(tmp_path: Path) -> None:
    """Bad bytes must become a problem with the file's name, not a UnicodeDecodeError."""
    path = tmp_path / "latin.yaml"
    path.write_bytes(b"name: caf\xe9\n")
    problems: list[ContentProblem] = []
    assert FileReader(path, problems).read_yaml() is None
    assert len(problems) == 1
    assert problems[0].path == path and problems[0].field == "file"
    assert "cannot be read" in problems[0].message


def test_a_yaml_file_must_be_a_mapping(tmp_path: Path) -> None:
    """A list at the top of self-check.yaml is a clear problem, not an AttributeError later."""
    reader, problems = _reader(tmp_path / "list.yaml", "- one\n- two\n")
    assert reader.read_yaml() is None
    assert [(p.field, p.message) for p in problems] == [
        ("file", "must be a mapping of field: value")
    ]


def test_known_keys_names_unknown_and_missing_keys_with_lines(tmp_path: Path) -> None:
    """A typo'd key is named on its own line; a missing key on the line of its container."""
    text = "items:\n  - label: a\n    colour: blue\n"
    path = tmp_path / "k.yaml"
    reader, problems = _reader(path, text)
    data = reader.read_yaml()
    assert data is not None
    reader.known_keys(
        data["items"][0], ("label", "advice"), where="items[0].", required=("advice",)
    )
    messages = [str(p) for p in problems]
    assert len(messages) == 2
    assert messages[0].startswith(f"{path}:3: field 'items[0].colour': is not a known field")
    assert messages[1] == f"{path}:2: field 'items[0].advice': is missing"


def test_content_error_lists_every_problem() -> None:
    """ContentError's message is what WSGI prints on refusing to start: all problems, each
    as file:line: field 'x': message."""
    problems = [
        ContentProblem(Path("a.md"), 3, "title", "is missing"),
        ContentProblem(Path("b.md"), 7, "body", "raw HTML is not allowed"),
    ]
    error = ContentError(problems)
    assert error.problems == tuple(problems)
    assert str(error).splitlines() == [
        "a.md:3: field 'title': is missing",
        "b.md:7: field 'body': raw HTML is not allowed",
    ]


@pytest.mark.parametrize(("written", "read_as"), [("yes", "True"), ("off", "False"), ("12", "12")])
def test_text_that_yaml_reads_as_a_boolean_or_number_says_to_quote_it(
    tmp_path: Path, written: str, read_as: str
) -> None:
    """`id: yes` is True to YAML: the problem says so and how to fix it, with the line."""
    path = tmp_path / "options.yaml"
    path.write_text(f"title: Options\nid: {written}\n")
    problems: list[ContentProblem] = []
    reader = FileReader(path, problems)
    data = reader.read_yaml()
    assert reader.text(data, "id") == ""
    assert [str(p) for p in problems] == [
        f"{path}:2: field 'id': must be text, but YAML reads it as {read_as}: put it in quotes"
    ]
    assert reader.text(data, "title") == "Options"


# A file that cannot be read at all is reported first and alone: what would follow from it
# (its own missing fields, answers that other files name) is noise until it is fixed.


def test_a_file_that_does_not_parse_has_that_one_problem_and_no_missing_fields(
    tmp_path: Path,
) -> None:
    text = "stemmer: polish\nalphabet: [unclosed\n"
    path = tmp_path / "language.yaml"
    reader, problems = _reader(path, text)
    data = reader.read_yaml() or {}  # as a loader goes on with an empty mapping
    reader.known_keys(data, ("stemmer", "alphabet"), where="", required=("stemmer",))
    reader.text(data, "stemmer")
    assert [(p.path, p.field) for p in problems] == [(path, "file")]
    assert "is not valid YAML" in problems[0].message and problems[0].unreadable


def test_a_readable_file_still_reports_every_problem(tmp_path: Path) -> None:
    reader, problems = _reader(tmp_path / "language.yaml", "alphabet: abc\n")
    data = reader.read_yaml()
    assert data is not None
    reader.known_keys(data, ("stemmer", "alphabet"), where="", required=("stemmer",))
    reader.problem("alphabet", "is too short")
    assert [p.field for p in problems] == ["stemmer", "alphabet"]


def test_a_content_error_lists_only_the_files_that_cannot_be_read(tmp_path: Path) -> None:
    broken = ContentProblem(tmp_path / "a.yaml", 3, "file", "is not valid YAML", unreadable=True)
    follows = ContentProblem(tmp_path / "b.md", 9, "regions", "names an unknown answer")
    assert ContentError([follows, broken]).problems == (broken,)
    assert str(ContentError([follows, broken])) == str(broken)
    assert ContentError([follows]).problems == (follows,)


def _typo_in(path: Path, key: str) -> int:
    """A second colon on the line that starts with ``key`` (YAML stops there); its line."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, text in enumerate(lines) if text.startswith(f"{key}:"))
    lines[index] = lines[index].replace(f"{key}:", f"{key}: typo:", 1)
    path.write_text("".join(lines), encoding="utf-8")
    return index + 1


def _load(tree: Path, language: str) -> list[ContentProblem]:
    with pytest.raises(ContentError) as caught, translation.override(language):
        load_library(tree, emergency_number="999", language=language, glossary_url="/glossary/")
    return list(caught.value.problems)


@pytest.mark.parametrize("code", [code for code, _ in settings.LANGUAGES])
def test_a_typo_in_the_self_check_is_the_only_problem_reported(
    content_tree: Path, code: str
) -> None:
    """Every article names self-check answers: a self-check that does not parse used to
    bury its one line under hundreds of unknown answers in the articles."""
    path = content_tree / "self-check.yaml"
    line = _typo_in(path, "intro")
    problems = _load(content_tree, code)
    assert [(p.path, p.line, p.field) for p in problems] == [(path, line, "file")]
    assert "is not valid YAML" in problems[0].message


def test_a_translation_that_does_not_parse_reports_no_missing_fields(
    content_tree: Path,
) -> None:
    """language.yaml read as empty used to add 'stemmer is missing' below the YAML error."""
    path = content_tree / "translations" / "pl" / "language.yaml"
    line = _typo_in(path, "stemmer")
    problems = _load(content_tree, "pl")
    assert [(p.path, p.line, p.field) for p in problems] == [(path, line, "file")]
