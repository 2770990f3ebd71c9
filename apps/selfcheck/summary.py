"""The summary for a clinician: one printed page, in the order a GP or physiotherapist
reads it, in any of the site's languages, with a QR code that opens it. No HTTP here.

The person answers in their language; the clinician may read another. The answers are
ids in the address (the site contract), so the same address under another language's
prefix is the same summary in that language: nothing is translated on the way, and
nothing is stored.
"""

from dataclasses import dataclass
from html import escape
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from apps.content.questionnaire import REGION_QUESTION, Answers, Question, Questionnaire, RedFlag
from apps.content.vocabulary import Fit
from apps.pages.context_processors import bcp47
from apps.rendering import address
from apps.selfcheck.engine import Assessment, CauseFit

SUMMARY_ROUTE = "self-check-summary"

QR_ERROR = "m"
"""Medium error correction (15%): a printed code still reads when creased or smudged."""
QR_MASK = 0
"""One fixed mask pattern. Measured: letting segno try all eight for the best one took
36 ms of a 40 ms code on a busy 2-core machine (7 ms with one fixed), and a result page
is about 2 ms. Any of the eight is a valid code that every reader decodes; the tests
decode the codes of many answer sets."""
QR_BORDER = 4
"""The quiet zone around the code, four modules wide as the standard asks."""


@dataclass(frozen=True, slots=True)
class SignAnswer:
    """One warning sign as it was asked, and how it was answered."""

    sign: RedFlag
    answer: str
    """``yes``, ``no`` or ``unanswered`` (the warning-sign question was never answered)."""

    @property
    def said(self) -> str:
        return {
            "yes": gettext("Yes"),
            "no": gettext("No"),
            "unanswered": gettext("Not answered"),
        }[self.answer]


@dataclass(frozen=True, slots=True)
class AnswerRow:
    """One question in its own words, beside what the person chose (empty: not answered)."""

    question: Question
    given: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CauseGroup:
    fit: Fit
    causes: tuple[CauseFit, ...]


@dataclass(frozen=True, slots=True)
class LanguageVersion:
    """The same summary, for the same answers, in one of the site's languages."""

    code: str
    name: str
    hreflang: str
    url: str
    """The address on this site: path and query."""
    current: bool

    @property
    def absolute(self) -> str:
        """The whole address, from the site's origin: never the request's Host."""
        return settings.SITE_ORIGIN + self.url


@dataclass(frozen=True, slots=True)
class Summary:
    signs: tuple[SignAnswer, ...]
    regions: tuple[str, ...]
    """The places chosen on the drawing (region ids)."""
    answers: tuple[AnswerRow, ...]
    causes: tuple[CauseGroup, ...]


def summarise(*, questionnaire: Questionnaire, answers: Answers, assessment: Assessment) -> Summary:
    """Every warning sign with its answer ("no" included), every question this person was
    asked with their answer or none, and every cause the site weighed with its fit."""
    if not answers.red_flags_answered:
        signs = tuple(SignAnswer(flag, "unanswered") for flag in questionnaire.red_flags)
    else:
        ticked = set(answers.red_flags)
        signs = tuple(
            SignAnswer(flag, "yes" if flag.id in ticked else "no")
            for flag in questionnaire.red_flags
        )
    rows = tuple(
        AnswerRow(question, tuple(question.label_of(v) for v in answers.get(question.id)))
        for question in questionnaire.questions
        if question.is_asked(answers) or answers.get(question.id)
    )
    groups = tuple(CauseGroup(fit, causes) for fit in Fit if (causes := assessment.by_fit(fit)))
    return Summary(
        signs=signs,
        regions=answers.get(REGION_QUESTION),
        answers=rows,
        causes=groups,
    )


def query_of(answers: Answers) -> str:
    """The answers as the query of an address ("" for none), in a stable order."""
    pairs = answers.pairs()
    return "?" + urlencode(pairs) if pairs else ""


def language_versions(answers: Answers) -> tuple[LanguageVersion, ...]:
    """The summary of these answers in every language of the site: the same parameters
    under each language's prefix (ids never change with the language)."""
    current = translation.get_language()
    query = query_of(answers)
    versions = []
    for code, name in settings.LANGUAGES:
        with translation.override(code):
            path = address(SUMMARY_ROUTE)
        versions.append(
            LanguageVersion(
                code=code,
                name=name,
                hreflang=bcp47(code),
                url=path + query,
                current=code == current,
            )
        )
    return tuple(versions)


def qr_code(url: str) -> segno.QRCode | None:
    """``url`` as a QR code; None when it is too long for any (the page then offers the
    link alone)."""
    try:
        return segno.make_qr(url, error=QR_ERROR, mask=QR_MASK, boost_error=False)
    except segno.DataOverflowError:
        return None


def qr_svg(url: str, *, label: str) -> SafeString | None:
    """``url`` as a QR code in inline SVG markup, named ``label`` for screen readers; None
    when it is too long for a QR code.

    The drawing scales to the width the stylesheet gives it (it has a viewBox and no
    size), dark on a white square so that it reads on any background.
    """
    code = qr_code(url)
    if code is None:
        return None
    svg = code.svg_inline(
        border=QR_BORDER, dark="#000", light="#fff", omitsize=True, svgclass="qr-code"
    )
    named = svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1)
    return mark_safe(named)  # segno's own markup, and the label escaped
