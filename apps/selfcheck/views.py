"""The self-check: one view for the steps, one for the result page, one for its JSON twin;
then the summary for a clinician and the FHIR resources a clinic's system reads.

Answers live only in the URL: nothing is stored, no cookie is set, and the result pages
tell browsers and proxies not to keep them.
"""

import io
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe
from django_htmx.http import HttpResponseClientRedirect

from apps.caching import public_page
from apps.content.conditions import Condition
from apps.content.library import Library, get_library
from apps.content.questionnaire import RED_FLAG_PARAM, Questionnaire
from apps.content.regions import REGIONS
from apps.query import QueryError
from apps.rendering import (
    address,
    private,
    problem_json,
    problem_page,
    query_pairs,
    render_in_layout,
    render_page,
)
from apps.selfcheck import fhir, flow
from apps.selfcheck.engine import Answers, Assessment, assess, parse_answers
from apps.selfcheck.flow import Step
from apps.selfcheck.plan import plan_for
from apps.selfcheck.summary import (
    QR_BORDER,
    language_versions,
    qr_code,
    qr_svg,
    query_of,
    summarise,
)

STEP_TARGETS = ("self-check", "in-play")
SHOWN_PER_FIT = 12
"""Causes explained in full per group; the JSON result always lists every one."""


@csrf_exempt
@require_safe
@private
def start(request: HttpRequest) -> HttpResponse:
    """The introduction, then each step in turn (``?step=``), answers carried in the URL."""
    library = get_library()
    questionnaire = library.questionnaire
    try:
        answers, extras = parse_answers(
            query_pairs(request),
            questionnaire,
            extra_single={flow.STEP_PARAM: flow.step_ids(questionnaire)},
        )
    except QueryError as problem:
        return _bad_request(request, problem)
    assessment = assess(answers, library.conditions, questionnaire)
    screen = flow.screen_for(
        questionnaire=questionnaire,
        answers=answers,
        assessment=assessment,
        step_id=extras.get(flow.STEP_PARAM),
    )
    results_url = _with_query("self-check-results", answers.pairs())
    if screen.kind == "done":  # nothing left to ask: on to the results
        if request.htmx:
            return HttpResponseClientRedirect(results_url)
        return redirect(results_url)
    step = screen.step
    canonical = None
    if not screen.message:  # (asking the red flags first keeps the address it was given)
        canonical = _canonical_step_url(request, answers, step, asked=extras.get(flow.STEP_PARAM))
    if canonical and not request.htmx:
        # A follow-up that is no longer asked, or its stale answer: show the address of
        # what is on screen, so Back, bookmarks and "answers so far" agree with it.
        return redirect(canonical)
    current = [q.id for q in step.questions] if step and step.question else [RED_FLAG_PARAM]
    fewest, most = flow.step_counts(questionnaire)
    context = {
        "page_title": _title(screen),
        "questionnaire": questionnaire,
        "answers": answers,
        "assessment": assessment,
        "in_play": assessment.groups(limit=SHOWN_PER_FIT),
        "screen": screen,
        "step": step,
        "steps_fewest": fewest,
        "steps_most": most,
        "chosen": set(answers.get(current[0])),
        "fields": [(q, set(answers.get(q.id))) for q in step.questions] if step else [],
        "regions": REGIONS,
        "hidden": answers.pairs(without=current if step else []),
        "back_url": _step_url(answers, step.previous) if step else None,
        "results_url": results_url,
        "answered": _answered(questionnaire, answers),
        "intro_step": flow.RED_FLAG_STEP,
        "emergency_number": settings.EMERGENCY_NUMBER,
        "phone_line": questionnaire.snippets.inline["phone-line"],
    }
    response = render_page(request, "selfcheck/start.html", context, targets=STEP_TARGETS)
    if canonical and request.htmx and request.htmx.target == "self-check":
        response["HX-Push-Url"] = canonical
    return response


def _canonical_step_url(
    request: HttpRequest, answers: Answers, step: Step | None, *, asked: str | None
) -> str | None:
    """The step's own address when the request's differs in substance, else None."""
    if step is None or asked is None:
        return None
    given = {(n, v) for n, v in query_pairs(request) if n != flow.STEP_PARAM}
    if step.id == asked and given == set(answers.pairs()):
        return None
    return _step_url(answers, step.id)


def _assess(
    request: HttpRequest, *, explain_all: bool = False
) -> tuple[Library, Answers, Assessment]:
    """Read the answers from the query and assess them; QueryError when they are bad."""
    library = get_library()
    answers, _ = parse_answers(query_pairs(request), library.questionnaire)
    assessment = assess(answers, library.conditions, library.questionnaire, explain_all=explain_all)
    return library, answers, assessment


@csrf_exempt
@require_safe
@private
def results(request: HttpRequest) -> HttpResponse:
    try:
        library, answers, assessment = _assess(request)
    except QueryError as problem:
        return _bad_request(request, problem)
    context = {
        "library": library,
        "answers": answers,
        "assessment": assessment,
        "text": library.questionnaire.urgencies[assessment.urgency],
        "questionnaire": library.questionnaire,
        "answered": _answered(library.questionnaire, answers),
        "change_url": _step_url(answers, flow.RED_FLAG_STEP),
        "share_url": settings.SITE_ORIGIN + request.get_full_path(),
        "emergency_number": settings.EMERGENCY_NUMBER,
        "phone_line": library.questionnaire.snippets.inline["phone-line"],
        "today": timezone.localdate(),
        "content_version": library.version,
        "fit_groups": assessment.groups(limit=SHOWN_PER_FIT),
        "self_care": library.questionnaire.items_for(
            answers,
            leading=assessment.leading.condition.slug if assessment.leading else None,
        ),
        "covers": library.questionnaire.sentences["site_covers"].format(
            count=len(library.conditions)
        ),
        # Only a result that is safe to manage at home gets a plan; the others give their
        # advice alone.
        "plan": (
            plan_for(library, assessment, answers=answers)
            if assessment.urgency.is_routine
            else None
        ),
        "chosen": set(answers.get(RED_FLAG_PARAM)),
    }
    return render_in_layout(
        request,
        "selfcheck/results.html",
        context,
        title=gettext("Your self-check result"),
        description=gettext("The result of a back and leg pain self-check."),
    )


@csrf_exempt
@require_safe
@private
def results_json(request: HttpRequest) -> JsonResponse:
    try:
        library, _, assessment = _assess(request, explain_all=True)
    except QueryError as problem:
        return problem_json(problem)
    return JsonResponse(
        assessment.as_json(url_for=_article_urls(library)),
        json_dumps_params={"ensure_ascii": False},
    )


def _article_urls(library: Library) -> Callable[[Condition], str]:
    """Each cause's article address, kept by the library of the page's language."""

    def url_for(condition: Condition) -> str:
        return library.keep(
            ("address", "condition", ("slug", condition.slug)),
            lambda: reverse("condition", kwargs={"slug": condition.slug}),
        )

    return url_for


def _title(screen: flow.Screen) -> str:
    if screen.kind == "emergency":
        return gettext("Get emergency help now – Self-check")
    if screen.step:
        step = screen.step
        return gettext("%(title)s (step %(number)s of %(total)s) – Self-check") % {
            "title": step.title,
            "number": step.number,
            "total": step.total,
        }
    return gettext("Self-check")


def _answered(questionnaire: Questionnaire, answers: Answers) -> list[tuple[Step, list[str], str]]:
    """The answers so far, each with the link that reopens its step to change it (the
    answers are encoded once for all the links: measured, it was a tenth of a result)."""
    base = _step_url(answers, None)
    joiner = "&" if "?" in base else "?"
    return [
        (step, labels, f"{base}{joiner}{urlencode({flow.STEP_PARAM: step.id})}")
        for step, labels in flow.answered_steps(questionnaire, answers)
    ]


def _with_query(route: str, pairs: list[tuple[str, str]]) -> str:
    return address(route) + ("?" + urlencode(pairs) if pairs else "")


def _step_url(answers: Answers, step_id: str | None) -> str:
    pairs = answers.pairs()
    if step_id:
        pairs.append((flow.STEP_PARAM, step_id))
    return _with_query("self-check", pairs)


def _bad_request(request: HttpRequest, problem: QueryError) -> HttpResponse:
    return problem_page(request, problem, start_again=address("self-check"))


# The summary for a clinician (issue 29) ----------------------------------------------------


@csrf_exempt
@require_safe
@private
def summary(request: HttpRequest) -> HttpResponse:
    """One printed page for a GP or physiotherapist, from the same answers as the result,
    in whichever language the clinician reads (the language is the address's prefix)."""
    try:
        library, answers, assessment = _assess(request)
    except QueryError as problem:
        return _bad_request(request, problem)
    versions = language_versions(answers)
    here = next(version for version in versions if version.current)
    context = {
        "answers": answers,
        "assessment": assessment,
        "questionnaire": library.questionnaire,
        "text": library.questionnaire.urgencies[assessment.urgency],
        "summary": summarise(
            questionnaire=library.questionnaire, answers=answers, assessment=assessment
        ),
        "languages": versions,
        "here": here,
        "qr": qr_svg(here.absolute, label=gettext("QR code that opens this summary")),
        "result_url": address("self-check-results") + query_of(answers),
        "today": timezone.localdate(),
        "content_version": library.version,
        "condition_count": len(library.conditions),
    }
    return render_in_layout(
        request,
        "selfcheck/summary.html",
        context,
        title=gettext("Self-check summary for a clinician"),
        description=gettext("A one-page summary of a back and leg pain self-check."),
    )


# FHIR R4 for a clinic's system (issue 29) -----------------------------------------------------


def _fhir(resource: dict[str, object], *, status: int = 200) -> JsonResponse:
    return JsonResponse(
        resource,
        status=status,
        content_type=fhir.FHIR_JSON,
        json_dumps_params={"ensure_ascii": False},
    )


@csrf_exempt
@require_safe
@public_page
def fhir_questionnaire(request: HttpRequest) -> JsonResponse:
    """The self-check as one FHIR Questionnaire, its other languages as translations: it
    holds no one's answers, so it is public and kept like any other page."""
    libraries = [(code, get_library(code)) for code, _ in settings.LANGUAGES]
    return _fhir(fhir.questionnaire(libraries))


@csrf_exempt
@require_safe
@private
def results_fhir(request: HttpRequest) -> JsonResponse:
    """The answers as a FHIR QuestionnaireResponse, with the urgency and every cause;
    a bad address is a 400 OperationOutcome that names the parameter."""
    try:
        library, answers, assessment = _assess(request, explain_all=True)
    except QueryError as problem:
        return _fhir(fhir.operation_outcome(problem), status=400)
    response = fhir.questionnaire_response(
        library=library,
        answers=answers,
        assessment=assessment,
        language=translation.get_language(),
        authored=timezone.now(),
    )
    return _fhir(response)


@csrf_exempt
@require_safe
@private
def summary_qr(request: HttpRequest) -> HttpResponse:
    """The QR code of the summary in this address's language, as an SVG image. The result
    page shows it only when the person opens "show a code": drawing a code takes
    milliseconds, and a result is rendered on every request (measured: half its cost)."""
    try:
        _, answers, _ = _assess(request)
    except QueryError as problem:
        return HttpResponse(str(problem), status=400, content_type="text/plain; charset=utf-8")
    here = next(version for version in language_versions(answers) if version.current)
    code = qr_code(here.absolute)
    if code is None:
        return HttpResponse(status=404)
    picture = io.BytesIO()
    code.save(picture, kind="svg", border=QR_BORDER, dark="#000", light="#fff", scale=4)
    return HttpResponse(picture.getvalue(), content_type="image/svg+xml")
