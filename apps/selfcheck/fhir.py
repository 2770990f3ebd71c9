"""The self-check in FHIR R4, for a clinic's system: the questions as a Questionnaire, a set
of answers as a QuestionnaireResponse, a bad address as an OperationOutcome. No HTTP here:
plain dictionaries, which the views send as ``application/fhir+json``.

The ids are the site contract's: each item's ``linkId`` is the parameter's name and each
answer's code its value, so a system that reads the address can read the resource, and
the other way round. Everything a person reads comes from the content library, in the
library's language; the one Questionnaire carries the other languages through FHIR's
translation extension, so a clinic keeps one resource whatever language its patients use.
The urgency and the causes travel in the response as contained Observations, each one
named by an extension of the response (so nothing contained is left unreferenced).
"""

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext

from apps.content.library import Library
from apps.content.questionnaire import NO_RED_FLAG, RED_FLAG_PARAM, Answers, Clauses, Question
from apps.content.vocabulary import Fit
from apps.pages.context_processors import bcp47
from apps.query import QueryError
from apps.selfcheck.engine import Assessment, CauseFit

FHIR_JSON = "application/fhir+json"
TRANSLATION = "http://hl7.org/fhir/StructureDefinition/translation"
MIN_VALUE = "http://hl7.org/fhir/StructureDefinition/minValue"
MAX_VALUE = "http://hl7.org/fhir/StructureDefinition/maxValue"
SURVEY = {
    "coding": [
        {
            "system": "http://terminology.hl7.org/CodeSystem/observation-category",
            "code": "survey",
            "display": "Survey",
        }
    ]
}
BAND = "-band"
"""A number question (age) is two items: the number, and ``<id>-band`` for an older
address that gave a range ("50-plus") instead."""
TRANSLATED = ("title", "text", "display", "description", "purpose")
"""The elements whose words a translation extension may give in another language."""


def questionnaire_url() -> str:
    """The Questionnaire's canonical address, from the site's origin (never a Host)."""
    return settings.SITE_ORIGIN + reverse("fhir-questionnaire")


def code_system(name: str) -> str:
    """The site's own code system for one parameter (``red_flag``) or vocabulary
    (``urgency``, ``fit``, ``condition``, ``observation``)."""
    return f"{settings.SITE_ORIGIN}/fhir/CodeSystem/{name}"


def extension_url(name: str) -> str:
    return f"{settings.SITE_ORIGIN}/fhir/StructureDefinition/{name}"


def _coding(system: str, code: str, display: str = "") -> dict[str, str]:
    coding = {"system": code_system(system), "code": code}
    if display:
        coding["display"] = display
    return coding


def _purpose(count: int) -> str:
    """What the self-check is and is not: the summary's own sentence (one catalog entry)."""
    return ngettext(
        "The self-check is for education: it asks about warning signs and symptoms and "
        "compares the answers with %(counter)s condition. It is not a diagnosis, and it "
        "has not examined the person.",
        "The self-check is for education: it asks about warning signs and symptoms and "
        "compares the answers with %(counter)s conditions. It is not a diagnosis, and it "
        "has not examined the person.",
        count,
    ) % {"counter": count}


# The Questionnaire -----------------------------------------------------------------------


def questionnaire(libraries: Sequence[tuple[str, Library]]) -> dict[str, Any]:
    """The self-check as one Questionnaire: in the first library's language (the source),
    with each other library's words as translations. ``libraries`` are (language code,
    library) pairs, the source first."""
    (source_code, source), *others = libraries
    resource = _in_language(source_code, source)
    for code, library in others:
        _add_translations(resource, _in_language(code, library), language=bcp47(code))
    return resource


def _in_language(code: str, library: Library) -> dict[str, Any]:
    with translation.override(code):
        return {
            "resourceType": "Questionnaire",
            "id": "self-check",
            "language": bcp47(code),
            "url": questionnaire_url(),
            "version": library.version,
            "name": "SelfCheck",
            "title": f"{settings.SITE_NAME}: {gettext('Self-check')}",
            "status": "active",
            "experimental": False,
            "subjectType": ["Patient"],
            "date": library.version,
            "publisher": str(settings.SITE_NAME),
            "description": library.questionnaire.intro,
            "purpose": _purpose(len(library.conditions)),
            "item": _items(library),
        }


def _items(library: Library) -> list[dict[str, Any]]:
    questionnaire = library.questionnaire
    signs = questionnaire.warning_sign_question
    items: list[dict[str, Any]] = [
        {
            "linkId": RED_FLAG_PARAM,
            "text": signs.question,
            "type": "choice",
            "required": False,
            "repeats": True,
            "answerOption": [
                *(
                    {
                        "extension": [
                            {"url": extension_url("urgency"), "valueCode": flag.urgency.value}
                        ],
                        "valueCoding": _coding(RED_FLAG_PARAM, flag.id, flag.label),
                    }
                    for flag in questionnaire.red_flags
                ),
                {"valueCoding": _coding(RED_FLAG_PARAM, NO_RED_FLAG, signs.none)},
            ],
        }
    ]
    for question in questionnaire.questions:
        items.extend(_question_items(question))
    return items


def _question_items(question: Question) -> list[dict[str, Any]]:
    """One item per question; a number question also has an item for its ranges."""
    options = [
        {"valueCoding": _coding(question.id, option.id, option.label)}
        for option in question.options
    ]
    asked_when = _enable_when(question)
    if not question.is_number:
        return [
            {
                "linkId": question.id,
                "text": question.question,
                "type": "choice",
                "required": False,
                "repeats": question.multiple,
                **asked_when,
                "answerOption": options,
            }
        ]
    number = {
        "extension": [
            {"url": MIN_VALUE, "valueInteger": question.minimum},
            {"url": MAX_VALUE, "valueInteger": question.maximum},
        ],
        "linkId": question.id,
        "text": question.question,
        "type": "integer",
        "required": False,
        "repeats": False,
        **asked_when,
    }
    if not options:
        return [number]
    band = {
        "linkId": question.id + BAND,
        "text": _band_text(question),
        "type": "choice",
        "required": False,
        "repeats": False,
        **asked_when,
        "answerOption": options,
    }
    return [number, band]


def _band_text(question: Question) -> str:
    return gettext("%(question)s (as a range)") % {"question": question.question}


def _enable_when(question: Question) -> dict[str, Any]:
    """When a follow-up is asked, as FHIR can say it: any one of some answers to earlier
    questions. A condition FHIR's enableWhen cannot say (an age range with a duration) is
    left out: the item is then always enabled, and the site still ignores an answer the
    person would not have been asked."""
    if not question.ask_when:
        return {}
    conditions = []
    for clauses in question.ask_when:
        # Only "one of these answers to one question": anything more (a range, an
        # absence, both sides) makes the clauses differ from their plain part.
        if len(clauses.given) != 1 or clauses != Clauses(given=clauses.given):
            return {}
        for name, values in clauses.given.items():
            conditions += [
                {"question": name, "operator": "=", "answerCoding": _coding(name, value)}
                for value in sorted(values)
            ]
    return {"enableWhen": conditions, "enableBehavior": "any"}


def _add_translations(base: Any, other: Any, *, language: str) -> None:
    """Give each word of ``base`` that ``other`` says differently as a translation.

    Both are the same resource built from libraries of different languages, whose ids and
    structure come from the one English file; a word the other library shows in English
    (its translation is out of date) is the same as the source, so it gets none.
    """
    if isinstance(base, list) and isinstance(other, list):
        for mine, theirs in zip(base, other, strict=True):
            _add_translations(mine, theirs, language=language)
        return
    if not (isinstance(base, dict) and isinstance(other, dict)):
        return
    for key in list(base):
        if key.startswith("_") or key not in other:
            continue
        mine, theirs = base[key], other[key]
        if key in TRANSLATED and isinstance(mine, str) and isinstance(theirs, str):
            if mine != theirs:
                extensions = base.setdefault(f"_{key}", {"extension": []})["extension"]
                extensions.append(
                    {
                        "url": TRANSLATION,
                        "extension": [
                            {"url": "lang", "valueCode": language},
                            {"url": "content", "valueString": theirs},
                        ],
                    }
                )
        else:
            _add_translations(mine, theirs, language=language)


# The QuestionnaireResponse ---------------------------------------------------------------


def questionnaire_response(
    *,
    library: Library,
    answers: Answers,
    assessment: Assessment,
    language: str,
    authored: datetime,
) -> dict[str, Any]:
    """The answers, in the Questionnaire's items and the library's words, with what the
    self-check said: the urgency and every cause it weighed, as contained Observations."""
    effective = authored.isoformat(timespec="seconds")
    observations = [
        _urgency_observation(library, assessment, effective),
        *(_cause_observation(cause, effective) for cause in assessment.causes),
    ]
    return {
        "resourceType": "QuestionnaireResponse",
        "language": bcp47(language),
        "contained": observations,
        "extension": [
            {"url": extension_url("self-check-urgency"), "valueReference": _ref(observations[0])},
            *(
                {"url": extension_url("self-check-cause"), "valueReference": _ref(observation)}
                for observation in observations[1:]
            ),
            {"url": extension_url("no-clear-match"), "valueBoolean": assessment.no_clear_match},
        ],
        "questionnaire": f"{questionnaire_url()}|{library.version}",
        "status": "completed",
        "authored": effective,
        "item": list(_answer_items(library, answers)),
    }


def _ref(resource: Mapping[str, Any]) -> dict[str, str]:
    return {"reference": "#" + resource["id"]}


def _answer_items(library: Library, answers: Answers) -> Iterable[dict[str, Any]]:
    questionnaire = library.questionnaire
    flags = answers.get(RED_FLAG_PARAM)
    if flags:
        signs = questionnaire.warning_sign_question
        labels = {flag.id: flag.label for flag in questionnaire.red_flags}
        yield {
            "linkId": RED_FLAG_PARAM,
            "text": signs.question,
            "answer": [
                {"valueCoding": _coding(RED_FLAG_PARAM, flag, labels.get(flag, signs.none))}
                for flag in flags
            ],
        }
    for question in questionnaire.questions:
        given = answers.get(question.id)
        if not given:
            continue
        bands = [v for v in given if v in question.option_ids]
        if question.is_number:
            numbers = [v for v in given if v not in question.option_ids]
            if numbers:
                yield {
                    "linkId": question.id,
                    "text": question.question,
                    "answer": [{"valueInteger": int(v)} for v in numbers],
                }
            if bands:
                yield _choice_item(question, bands, link_id=question.id + BAND)
            continue
        yield _choice_item(question, given, link_id=question.id)


def _choice_item(question: Question, values: Sequence[str], *, link_id: str) -> dict[str, Any]:
    text = _band_text(question) if link_id != question.id else question.question
    return {
        "linkId": link_id,
        "text": text,
        "answer": [{"valueCoding": _coding(question.id, v, question.label_of(v))} for v in values],
    }


def _component(code: str, label: str, value: str) -> dict[str, Any]:
    return {
        "code": {"coding": [_coding("observation", code)], "text": label},
        "valueString": value,
    }


def _urgency_observation(
    library: Library, assessment: Assessment, effective: str
) -> dict[str, Any]:
    urgency = assessment.urgency
    text = library.questionnaire.urgencies[urgency]

    def said(reasons: Iterable[Any]) -> list[str]:
        return [
            f"{reason.text} " + gettext("(Source: %(reference)s)") % {"reference": reason.reference}
            if reason.reference
            else reason.text
            for reason in reasons
        ]

    why, also = gettext("Why"), gettext("Also")
    return {
        "resourceType": "Observation",
        "id": "urgency",
        "status": "final",
        "category": [SURVEY],
        "code": {
            "coding": [_coding("observation", "urgency", gettext("Urgency given"))],
            "text": gettext("Urgency given"),
        },
        "effectiveDateTime": effective,
        "valueCodeableConcept": {
            "coding": [_coding("urgency", urgency.value, str(urgency.label))],
            "text": text.heading,
        },
        "component": [
            *(_component("reason", why, s) for s in said(assessment.reasons)),
            *(_component("also-reason", also, s) for s in said(assessment.also)),
        ],
    }


def _cause_observation(cause: CauseFit, effective: str) -> dict[str, Any]:
    condition = cause.condition
    fit: Fit = cause.fit
    points_to, points_away = gettext("What points to it"), gettext("What points away from it")
    return {
        "resourceType": "Observation",
        "id": f"cause-{condition.slug}",
        "status": "final",
        "category": [SURVEY],
        "code": {
            "coding": [_coding("condition", condition.slug, condition.title)],
            "text": condition.title,
        },
        "effectiveDateTime": effective,
        "valueCodeableConcept": {"coding": [_coding("fit", fit.value, str(fit.label))]},
        "component": [
            *(_component("reason-for", points_to, s) for s in cause.reasons_for),
            *(_component("reason-against", points_away, s) for s in cause.reasons_against),
        ],
    }


# A bad address -----------------------------------------------------------------------------


def operation_outcome(problem: QueryError) -> dict[str, Any]:
    """The 400 of the result pages, as FHIR says it: the message names the parameter, and
    the diagnostics give its name and the accepted values for a program to read."""
    accepted = ", ".join(problem.accepted)
    return {
        "resourceType": "OperationOutcome",
        "issue": [
            {
                "severity": "error",
                "code": "invalid",
                "details": {"text": problem.message},
                "diagnostics": f"parameter: {problem.parameter}; accepted: {accepted}",
            }
        ],
    }
