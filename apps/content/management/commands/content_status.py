"""``manage.py content_status``: one table of every content file's review dates and grade."""

import datetime as dt
from pathlib import Path
from typing import Any, ClassVar

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from apps.content.library import get_library
from apps.content.status import DUE_SOON_DAYS, ContentStatus, Review, content_status

HEADINGS = ("File", "Last reviewed", "Next review", "Review", "Grade")


class Command(BaseCommand):
    requires_system_checks: ClassVar[list[str]] = []  # it reports on the content itself
    help = (
        "List every content file with its last-reviewed and next-review dates, which are "
        f"overdue or due within {DUE_SOON_DAYS} days, its reading grade, and the glossary "
        "terms no page uses."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--fail-overdue",
            action="store_true",
            help="Exit with status 1 when any file is past its next review (for publishing).",
        )
        parser.add_argument(
            "--today",
            type=dt.date.fromisoformat,
            default=None,
            help="Judge the dates as on this day (YYYY-MM-DD), e.g. a planned release.",
        )

    def handle(self, *args: Any, fail_overdue: bool, today: dt.date | None, **options: Any) -> None:
        content_dir = Path(settings.CONTENT_DIR)
        status = content_status(get_library(), content_dir, today=today or timezone.localdate())
        self.stdout.write(table(status, content_dir))
        if fail_overdue and status.overdue:
            raise CommandError(
                f"{len(status.overdue)} content file(s) past their next review date.",
                returncode=1,
            )


def table(status: ContentStatus, content_dir: Path) -> str:
    """The report as plain text: a table, then a summary and the unused glossary terms."""
    rows = [
        (
            str(f.path.relative_to(content_dir)),
            _date(f.last_reviewed),
            _date(f.next_review),
            _review(f.review, f.days_left(status.today)),
            "-" if f.grade is None else f"{f.grade:.1f}",
        )
        for f in status.files
    ]
    widths = [max(len(row[i]) for row in (HEADINGS, *rows)) for i in range(len(HEADINGS))]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in (HEADINGS, tuple("-" * w for w in widths), *rows)
    ]
    lines += [
        "",
        f"As on {status.today.isoformat()}: {len(status.files)} files, "
        f"{len(status.overdue)} overdue, {len(status.due_soon)} due within {DUE_SOON_DAYS} days.",
        "Glossary terms no page uses: "
        + (", ".join(status.unused_terms) if status.unused_terms else "none"),
    ]
    return "\n".join(lines)


def _date(value: dt.date | None) -> str:
    return "-" if value is None else value.isoformat()


def _review(review: Review, days_left: int | None) -> str:
    if review is Review.OVERDUE:
        return f"OVERDUE by {-days_left} days" if days_left is not None else "OVERDUE"
    if review is Review.DUE_SOON:
        return f"due in {days_left} days"
    return str(review)
