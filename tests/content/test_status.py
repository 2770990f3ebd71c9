"""The content status report: review dates, what is due, reading grades, unused terms."""

import datetime as dt
import io
import re

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from apps.content import library
from apps.content.status import DUE_SOON_DAYS, Review, content_status, review_of

TODAY = dt.date(2027, 1, 10)


@pytest.mark.parametrize(
    ("next_review", "expected"),
    [
        (None, Review.UNDATED),
        (dt.date(2027, 1, 9), Review.OVERDUE),
        (dt.date(2027, 1, 10), Review.DUE_SOON),
        (TODAY + dt.timedelta(days=DUE_SOON_DAYS), Review.DUE_SOON),
        (TODAY + dt.timedelta(days=DUE_SOON_DAYS + 1), Review.CURRENT),
    ],
)
def test_where_a_review_stands(next_review, expected):
    assert review_of(next_review, today=TODAY) is expected


def _set_dates(path, last: str, next_: str) -> None:
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^last_reviewed: .*$", f"last_reviewed: {last}", text, count=1)
    text = re.sub(r"(?m)^next_review: .*$", f"next_review: {next_}", text, count=1)
    path.write_text(text, encoding="utf-8")


def test_every_file_is_listed_with_overdue_first(content_tree):
    _set_dates(content_tree / "conditions" / "sciatica.md", "2025-01-01", "2026-01-01")
    _set_dates(content_tree / "pages" / "overview.md", "2026-01-01", "2027-01-20")
    library.clear_cache()
    status = content_status(library.get_library(), content_tree, today=TODAY)

    listed = {f.path.relative_to(content_tree).as_posix() for f in status.files}
    on_disk = {
        p.relative_to(content_tree).as_posix()
        for p in content_tree.glob("*")
        if p.suffix in (".md", ".yaml")
    } | {
        p.relative_to(content_tree).as_posix()
        for folder in ("conditions", "pages", "exercises")
        for p in (content_tree / folder).glob("*.md")
    }
    assert listed == on_disk
    assert [f.path.name for f in status.overdue] == ["sciatica.md"]
    assert status.files[0].path.name == "sciatica.md"
    assert [f.path.name for f in status.due_soon] == ["overview.md"]
    assert status.files[1].path.name == "overview.md"
    article = status.files[0]
    assert article.last_reviewed == dt.date(2025, 1, 1)
    assert 0 < article.grade <= 6


def test_a_glossary_term_no_page_uses_is_named(content_tree):
    glossary = content_tree / "glossary.yaml"
    glossary.write_text(
        glossary.read_text(encoding="utf-8")
        + "  - id: zygapophysis\n    term: Zygapophysis\n"
        + '    definition: "A bony knob on a bone of the spine."\n    also_called: []\n',
        encoding="utf-8",
    )
    library.clear_cache()
    status = content_status(library.get_library(), content_tree, today=TODAY)
    assert "Zygapophysis" in status.unused_terms
    assert "Sciatica" not in status.unused_terms  # linked from many pages


def test_the_command_prints_the_table_and_fails_on_overdue_only_when_asked(content_tree):
    _set_dates(content_tree / "conditions" / "sciatica.md", "2025-01-01", "2026-01-01")
    library.clear_cache()
    out = io.StringIO()
    call_command("content_status", "--today", TODAY.isoformat(), stdout=out)
    report = out.getvalue()
    assert re.search(
        r"conditions/sciatica\.md\s+2025-01-01\s+2026-01-01\s+OVERDUE by 374 days", report
    )
    assert "1 overdue" in report
    assert "Glossary terms no page uses:" in report
    with pytest.raises(CommandError) as raised:
        call_command("content_status", "--today", TODAY.isoformat(), "--fail-overdue", stdout=out)
    assert raised.value.returncode == 1


def test_with_nothing_overdue_fail_overdue_passes(content_tree):
    out = io.StringIO()
    call_command("content_status", "--today", "2026-12-05", "--fail-overdue", stdout=out)
    assert "0 overdue" in out.getvalue()
