"""``manage.py check`` fails on broken content, naming file, line and field; WSGI refuses it.

Loading checks each file on its own; the check adds what needs the URL configuration:
every site path a page links to must lead somewhere, and no page may take a fixed route.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core import checks
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.urls import reverse

from apps.content.checks import check_every_language, link_problems
from apps.content.files import ContentError
from apps.content.library import Library, get_library, load_library


def _load(tree: Path) -> Library:
    return load_library(tree, emergency_number=settings.EMERGENCY_NUMBER)


def _append(path: Path, text: str) -> int:
    """Add ``text`` as the last line of a body and return its line number."""
    path.write_text(path.read_text().rstrip("\n") + "\n\n" + text + "\n")
    return len(path.read_text().splitlines())


def _check_output() -> str:
    """Run the system checks and return their report (which must be a failure)."""
    with pytest.raises(SystemCheckError) as caught:
        call_command("check")
    return str(caught.value)


def test_check_passes_on_the_real_content() -> None:
    """The real content loads and every link in it resolves: deploys are not blocked."""
    call_command("check", "--fail-level", "WARNING")


def test_check_fails_naming_file_line_and_field(content_tree: Path) -> None:
    """A load problem surfaces through the check with its id, file, line and field."""
    path = content_tree / "conditions" / "gait-problems.md"
    path.write_text(path.read_text().replace("slug: gait-problems", "slug: gait"))
    message = _check_output()
    assert "content.E001" in message
    assert f"{path}:3: field 'slug': 'gait' must match the file name 'gait-problems'" in message


def test_a_link_to_a_missing_condition_names_its_line(content_tree: Path) -> None:
    """Loading alone accepts the link (it needs the URLs to judge); the check refuses it."""
    path = content_tree / "conditions" / "overuse.md"
    line = _append(path, "See [this](/conditions/nothing-here/).")
    library = _load(content_tree)  # no ContentError: links are the check's job
    problems = [str(p) for p in link_problems(library)]
    assert problems == [
        f"{path}:{line}: field 'body': links to /conditions/nothing-here/, which does not exist"
    ]
    assert problems[0] in _check_output()


def test_a_link_to_a_missing_page_names_its_line(content_tree: Path) -> None:
    """/no-such-page/ matches the generic page route, but no file answers it."""
    path = content_tree / "pages" / "overview.md"
    line = _append(path, "Read [more](/no-such-page/#top).")
    problems = [str(p) for p in link_problems(_load(content_tree))]
    assert problems == [
        f"{path}:{line}: field 'body': links to /no-such-page/#top, which does not exist"
    ]


def test_a_link_to_a_path_no_route_answers_names_its_line(content_tree: Path) -> None:
    """A path outside every route (e.g. a typo'd prefix) is caught too."""
    path = content_tree / "conditions" / "sciatica.md"
    line = _append(path, "See [the map](/bodymap/nested/deeper/).")
    problems = [str(p) for p in link_problems(_load(content_tree))]
    assert problems == [
        f"{path}:{line}: field 'body': links to /bodymap/nested/deeper/, which does not exist"
    ]


def test_links_that_lead_somewhere_pass(content_tree: Path) -> None:
    """Links built from the URL names the site uses must all be accepted."""
    path = content_tree / "pages" / "overview.md"
    links = [
        reverse("condition", kwargs={"slug": "sciatica"}),
        reverse("page", kwargs={"slug": "urgent-help"}) + "#get-help-now",
        reverse("conditions"),
        reverse("body-map"),
        reverse("self-check") + "?region=lower-back",
        reverse("home"),
        "#on-this-page",
    ]
    _append(path, " ".join(f"[link {i}]({href})" for i, href in enumerate(links)))
    library = _load(content_tree)
    assert len(library.page("overview").links) >= len(links) - 1  # "#..." is not a path
    assert link_problems(library) == []


@pytest.mark.parametrize("slug", ["conditions", "self-check", "body-map"])
def test_a_page_whose_slug_is_a_fixed_route_is_reported(content_tree: Path, slug: str) -> None:
    """pages/conditions.md would never be served: /conditions/ is the index of articles."""
    source = (content_tree / "pages" / "overview.md").read_text()
    path = content_tree / "pages" / f"{slug}.md"
    path.write_text(source.replace("slug: overview", f"slug: {slug}", 1))
    library = _load(content_tree)
    assert slug in library.pages  # it loads: only the URLs show the clash
    line = next(
        n for n, text in enumerate(path.read_text().splitlines(), 1) if text.startswith("slug:")
    )
    expected = (
        f"{path}:{line}: field 'slug': '{slug}' is taken by the site's own /{slug}/ page: "
        "rename the file"
    )
    assert [str(p) for p in link_problems(library)] == [expected]
    assert expected in _check_output()


def test_a_link_to_a_region_that_does_not_exist_names_its_line(content_tree: Path) -> None:
    """/body-map/elbow/ would be a 404: region links are checked against the region table."""
    path = content_tree / "pages" / "overview.md"
    line = _append(path, "See the [elbow](/body-map/elbow/) and the [calf](/body-map/left-calf/).")
    problems = [str(p) for p in link_problems(_load(content_tree))]
    assert problems == [
        f"{path}:{line}: field 'body': links to /body-map/elbow/, which does not exist"
    ]


def test_a_new_page_is_served_at_its_own_path(content_tree: Path) -> None:
    """A page file that takes no fixed route passes the check and reverses to /slug/."""
    source = (content_tree / "pages" / "overview.md").read_text()
    (content_tree / "pages" / "about-this-site.md").write_text(
        source.replace("slug: overview", "slug: about-this-site", 1)
    )
    library = _load(content_tree)
    assert link_problems(library) == []
    assert reverse("page", kwargs={"slug": "about-this-site"}) == "/about-this-site/"


def _run(args: list[str], *, content_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "CONTENT_DIR": str(content_dir),
        "DJANGO_DEBUG": "1",
        "DJANGO_SETTINGS_MODULE": "apps.settings",
    }
    return subprocess.run(
        [sys.executable, *args],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_manage_py_check_exits_non_zero_on_broken_content(content_tree: Path) -> None:
    """CI runs manage.py check: a broken file must fail the build, naming the file."""
    path = content_tree / "conditions" / "arthritis.md"
    text, count = re.subn(
        r"^last_reviewed:.*$", "last_reviewed: soon", path.read_text(), count=1, flags=re.M
    )
    assert count == 1
    path.write_text(text)
    result = _run(["manage.py", "check"], content_dir=content_tree)
    assert result.returncode == 1
    assert f"{path}:" in result.stderr
    assert "field 'last_reviewed'" in result.stderr


def test_manage_py_check_exits_non_zero_on_a_broken_link(content_tree: Path) -> None:
    """Link problems fail the build too, not just problems found while loading."""
    path = content_tree / "pages" / "urgent-help.md"
    line = _append(path, "See [the old page](/old-page/).")
    result = _run(["manage.py", "check"], content_dir=content_tree)
    assert result.returncode == 1
    assert f"{path}:{line}: field 'body': links to /old-page/, which does not exist" in (
        result.stderr
    )


def test_the_wsgi_application_refuses_to_start_with_broken_content(content_tree: Path) -> None:
    """Serving half-checked content is worse than not serving: WSGI import must fail."""
    path = content_tree / "conditions" / "arthritis.md"
    text = path.read_text()
    assert "  - lower-back\n" in text
    path.write_text(text.replace("  - lower-back\n", "  - upper-back\n", 1))
    result = _run(["-c", "import apps.wsgi"], content_dir=content_tree)
    assert result.returncode != 0
    assert "ContentError" in result.stderr
    assert "unknown region id 'upper-back'" in result.stderr


def _break_polish_self_check(tree: Path) -> tuple[Path, int]:
    """A YAML typo (a quote never closed) in the Polish self-check; its file and line."""
    path = tree / "translations" / "pl" / "self-check.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, text in enumerate(lines) if text.startswith('intro: "'))
    lines[index] = lines[index].replace('intro: "', 'intro: "never closed "', 1)
    path.write_text("".join(lines), encoding="utf-8")
    return path, index + 1


def test_start_up_loads_and_checks_every_language(content_tree: Path) -> None:
    """The English library alone loads; the server still refuses to start, naming the
    broken translation's file and line."""
    path, line = _break_polish_self_check(content_tree)
    _load(content_tree)  # the English does not read the Polish file
    with pytest.raises(ContentError) as caught:
        check_every_language()
    problems = caught.value.problems
    assert [(p.path, p.line, p.field) for p in problems] == [(path, line, "file")]
    assert "is not valid YAML" in problems[0].message


def test_start_up_keeps_the_library_of_every_language() -> None:
    """What start-up loaded is what the pages are served from: nothing is loaded twice."""
    check_every_language()
    for code, _ in settings.LANGUAGES:
        assert get_library(code) is get_library(code)
        assert get_library(code).language.code == code


def test_the_wsgi_application_refuses_to_start_with_a_broken_translation(
    content_tree: Path,
) -> None:
    path, line = _break_polish_self_check(content_tree)
    result = _run(["-c", "import apps.wsgi"], content_dir=content_tree)
    assert result.returncode != 0
    assert "ContentError" in result.stderr
    assert f"{path}:{line}: field 'file': is not valid YAML" in result.stderr


def test_manage_py_check_names_a_broken_translation(content_tree: Path) -> None:
    path, line = _break_polish_self_check(content_tree)
    assert f"{path}:{line}: field 'file': is not valid YAML" in _check_output()


def _catalog_warnings() -> list[checks.CheckMessage]:
    return [
        m for m in checks.run_checks(tags=[checks.Tags.translation]) if m.id.startswith("content.")
    ]


def test_a_language_without_its_compiled_catalog_is_a_warning(tmp_path: Path, settings) -> None:
    """Without `make setup` every Polish page would show the site's own words in English."""
    messages = tmp_path / "pl" / "LC_MESSAGES"
    messages.mkdir(parents=True)
    (messages / "django.po").write_text('msgid ""\nmsgstr ""\n', encoding="utf-8")
    settings.LOCALE_PATHS = [tmp_path]
    (warning,) = _catalog_warnings()
    assert warning.level == checks.WARNING and warning.id == "content.W002"
    assert f"{messages / 'django.mo'} is missing" in warning.msg
    assert "Polski (pl)" in warning.msg
    assert "make setup" in warning.hint and "msgfmt" in warning.hint


def test_a_language_with_no_catalog_at_all_is_a_warning_too(tmp_path: Path, settings) -> None:
    settings.LOCALE_PATHS = [tmp_path]
    (warning,) = _catalog_warnings()
    assert "Polski (pl) has no catalog" in warning.msg
    assert "makemessages -l pl" in warning.hint and "make setup" in warning.hint


def test_a_compiled_catalog_satisfies_the_check(tmp_path: Path, settings) -> None:
    messages = tmp_path / "pl" / "LC_MESSAGES"
    messages.mkdir(parents=True)
    (messages / "django.mo").write_bytes(b"")
    settings.LOCALE_PATHS = [tmp_path]
    assert _catalog_warnings() == []
