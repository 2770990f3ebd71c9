"""``manage.py translations``: where each translation stands, and recording its source."""

import re
from pathlib import Path
from typing import Any, ClassVar

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from apps.content.checks import translation_notes
from apps.content.files import parse_yaml
from apps.content.library import load_library
from apps.content.translation import SOURCES_KEY, Translation, file_hash, stamps_for

_SOURCE_LINE = re.compile(r'(source_sha256:\s*)"?[0-9a-fA-F]*"?')


class Command(BaseCommand):
    requires_system_checks: ClassVar[list[str]] = []  # it reports on the content itself
    help = (
        "List the translated files whose English changed since they were translated, and "
        "those not translated yet. With --stamp LANGUAGE FILE..., record that each file "
        "now translates the English as it is (after translating the change)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--stamp", metavar="LANGUAGE", help="the language code, e.g. pl")
        parser.add_argument("files", nargs="*", type=Path, help="translated files to stamp")

    def handle(self, *args: Any, stamp: str | None, files: list[Path], **options: Any) -> None:
        content_dir = Path(settings.CONTENT_DIR)
        if stamp:
            target = Translation(stamp, content_dir)
            for path in files:
                self.stdout.write(_stamp(target, path.resolve()))
            return
        for code, _ in settings.LANGUAGES:
            with translation.override(code):
                library = load_library(
                    content_dir, emergency_number=settings.EMERGENCY_NUMBER, language=code
                )
            notes = translation_notes(library)
            if code != settings.LANGUAGE_CODE:
                self.stdout.write(f"{code}: " + ("up to date" if not notes else f"{len(notes)}"))
            for note in notes:
                self.stdout.write(f"  {note}")


def _stamp(translation: Translation, path: Path) -> str:
    """Record the English's current hash in a translated file (the whole file's, and for a
    YAML library each translated entry's)."""
    try:
        english = translation.content_dir / path.relative_to(translation.folder)
    except ValueError:
        raise CommandError(f"{path} is not in {translation.folder}") from None
    if not english.is_file():
        raise CommandError(f"{path} translates {english}, which does not exist")
    text = path.read_text(encoding="utf-8")
    if not _SOURCE_LINE.search(text):
        raise CommandError(f"{path} has no translation.source_sha256 to record")
    text = _SOURCE_LINE.sub(lambda m: f'{m.group(1)}"{file_hash(english)}"', text, count=1)
    if path.suffix == ".yaml" and f"\n{SOURCES_KEY}:" in text:
        stamps = stamps_for(parse_yaml(english.read_text(encoding="utf-8"))[1], parse_yaml(text)[1])
        text = text[: text.index(f"\n{SOURCES_KEY}:") + 1] + f"{SOURCES_KEY}:\n"
        text += "".join(f'  {key}: "{value}"\n' for key, value in stamps.items())
    path.write_text(text, encoding="utf-8")
    return f"{path}: now translates {english} as it is"
