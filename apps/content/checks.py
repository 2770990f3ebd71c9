"""``manage.py check`` reports every content problem, naming the file, line and field.

Loading the library checks each file on its own; this adds what needs the URL
configuration: every site path a page links to must lead somewhere, and no page file may
take a slug that a fixed route already answers. Both run for every language in
``settings.LANGUAGES``, in ``manage.py check`` and when the server starts
(``check_every_language``, from apps.wsgi). A language whose catalog of the site's own
words is not compiled is a warning.
"""

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core import checks
from django.urls import Resolver404, resolve, reverse
from django.utils import translation

from apps.content.files import ContentError, ContentProblem
from apps.content.library import Library, get_library, load_library
from apps.content.regions import REGION_IDS
from apps.content.translation import State

PAGE_ROUTE = "page"
"""The generic route that serves every file of content/pages/."""
EXERCISES_ROUTE = "exercises"
"""The page of every exercise: /exercises/#<id> must name one (or a heading there)."""


@checks.register("content")
def check_content(
    app_configs: Sequence[Any] | None = None, **kwargs: Any
) -> list[checks.CheckMessage]:
    """Load the content library afresh, in every language, and turn each problem into a
    system check error; each stale or missing translation is a warning."""
    messages: list[checks.CheckMessage] = []
    for code, _ in settings.LANGUAGES:
        try:
            with translation.override(code):
                library = load_library(
                    settings.CONTENT_DIR,
                    emergency_number=settings.EMERGENCY_NUMBER,
                    language=code,
                    glossary_url=reverse("glossary"),
                )
        except ContentError as error:
            problems = error.problems
        else:
            problems = tuple(link_problems(library))
            messages += [
                checks.Warning(note, hint=TRANSLATION_HINT, id="content.W001")
                for note in translation_notes(library)
            ]
        messages += [
            checks.Error(
                str(problem),
                hint="Fix the content file; the site will not serve until it loads cleanly.",
                id="content.E001",
            )
            for problem in problems
            if str(problem) not in {m.msg for m in messages}
        ]
    return messages


def check_every_language() -> None:
    """Before the first request (apps.wsgi): load the library of every language in
    ``settings.LANGUAGES``, kept as the server will serve it, and check its links.

    Raises ContentError naming each file, line and field, so a server with one broken
    translation refuses to start instead of answering every page of that language with
    an error.
    """
    problems: list[ContentProblem] = []
    for code, _ in settings.LANGUAGES:
        try:
            library = get_library(code)
        except ContentError as error:
            problems += error.problems
            continue
        # Content links are written without a language prefix: judged as English paths.
        with translation.override(settings.LANGUAGE_CODE):
            problems += link_problems(library)
    if problems:
        raise ContentError(dict.fromkeys(problems))  # a shared English file: said once


CATALOG_DOMAIN = "django"


@checks.register(checks.Tags.translation)
def check_catalogs(
    app_configs: Sequence[Any] | None = None, **kwargs: Any
) -> list[checks.CheckMessage]:
    """Each language but the source one needs its compiled catalog (``django.mo``), or
    every page in it shows the site's own words (buttons, headings) in English."""
    messages: list[checks.CheckMessage] = []
    for code, name in settings.LANGUAGES:
        if code == settings.LANGUAGE_CODE:
            continue  # the words are written in it
        locale = translation.to_locale(code)
        folders = [Path(root) / locale / "LC_MESSAGES" for root in settings.LOCALE_PATHS]
        if any((folder / f"{CATALOG_DOMAIN}.mo").is_file() for folder in folders):
            continue
        sources = [
            f / f"{CATALOG_DOMAIN}.po" for f in folders if (f / f"{CATALOG_DOMAIN}.po").is_file()
        ]
        if sources:
            message = (
                f"{name} ({code}) has no compiled catalog: {sources[0].with_suffix('.mo')} "
                "is missing, so its pages show the site's own words in English"
            )
            hint = "Run `make setup`, which compiles the catalogs with msgfmt."
        else:
            message = f"{name} ({code}) has no catalog of the site's own words"
            hint = (
                f"Create it with `manage.py makemessages -l {locale}` (see the README), "
                "translate it, then run `make setup`, which compiles it with msgfmt."
            )
        messages.append(checks.Warning(message, hint=hint, id="content.W002"))
    return messages


TRANSLATION_HINT = (
    "Until it is brought up to date, the page says the English is newer and shows its "
    "warning signs in English. Translate the change, then record the new source "
    "(manage.py translations --stamp)."
)


def translation_notes(library: Library) -> list[str]:
    """Each translated file whose English has changed since, or that is not translated:
    the file, and what is out of date."""
    content_dir = Path(settings.CONTENT_DIR)
    kept = [
        *library.documents,
        library.glossary,
        library.questionnaire,
    ]
    notes = []
    for item in kept:
        provenance = item.provenance
        if provenance is None:
            continue
        english = _relative(provenance.source, content_dir)
        if provenance.state is State.MISSING:
            notes.append(f"{english}: no {provenance.language} translation yet")
        elif provenance.state is State.STALE and not provenance.stale_entries:
            notes.append(
                f"{_relative(provenance.file, content_dir)}: stale, {english} changed after "
                "it was translated"
            )
        for entry in provenance.stale_entries:
            notes.append(
                f"{_relative(provenance.file or provenance.source, content_dir)}: '{entry}' "
                f"is shown in English ({english} changed it, or it is not translated)"
            )
    return notes


def _relative(path: Path | None, root: Path) -> str:
    if path is None:
        return ""
    try:
        return str(Path(path).relative_to(root.parent))
    except ValueError:
        return str(path)


def link_problems(library: Library) -> list[ContentProblem]:
    """Internal links that lead nowhere, and pages hidden behind a fixed route."""
    problems = []
    # Routes whose address names a thing of the library: the parameter, and what exists.
    known = {
        "condition": ("slug", {c.slug for c in library.conditions}),
        PAGE_ROUTE: ("slug", set(library.pages)),
        "body-map-region": ("region_id", REGION_IDS),
    }
    exercise_ids = {e.slug for e in library.exercises} | {h.id for h in library.exercise_page.toc}
    for document in library.documents:
        for link in document.links:
            path = link.href.split("#", 1)[0].split("?", 1)[0]
            if not path:
                continue
            try:
                match = resolve(path)
            except Resolver404:
                match = None
            anchor = link.href.partition("#")[2]
            if match is not None and match.url_name == EXERCISES_ROUTE:
                # /exercises/#<id>: each exercise is a section of the one page.
                missing = bool(anchor) and anchor not in exercise_ids
            else:
                parameter, values = known.get(match.url_name, ("", None)) if match else ("", None)
                missing = match is None or (
                    values is not None and match.kwargs[parameter] not in values
                )
            if missing:
                problems.append(
                    ContentProblem(
                        document.source,
                        link.line,
                        "body",
                        f"links to {link.href}, which does not exist",
                    )
                )
    for page in library.pages.values():
        try:
            match = resolve(f"/{page.slug}/")
        except Resolver404:  # the library refuses such slugs; say so rather than crash
            match = None
        if match is None or match.url_name != PAGE_ROUTE:
            problems.append(
                ContentProblem(
                    page.source,
                    page.slug_line,
                    "slug",
                    f"'{page.slug}' is taken by the site's own /{page.slug}/ page: rename the file",
                )
            )
    return problems
