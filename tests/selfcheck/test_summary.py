"""The summary for a clinician: every warning sign and answer, the urgency and why, the
causes, in each language; its QR code; the way to it from a result; and bad input."""

import io
import json
import re
from html import escape, unescape
from urllib.parse import urlencode, urlsplit

import pytest
import zxingcpp
from django.conf import settings as site_settings
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from fhir.resources.R4B.operationoutcome import OperationOutcome
from hypothesis import HealthCheck, given, settings
from PIL import Image

from apps.content.library import get_library
from apps.content.regions import REGIONS
from apps.selfcheck.engine import assess, parse_answers
from apps.selfcheck.summary import QR_BORDER, language_versions, qr_code, qr_svg, query_of
from tests.selfcheck.answers import answer_sets

SOURCE = "en-gb"
LANGUAGES = [code for code, _ in site_settings.LANGUAGES]
SCIATICA = (
    "red_flag=none&age=52&region=right-thigh&region=right-calf&feeling=shooting"
    "&feeling=tingling&nerve_legs=one&walking=no&onset=gradual&pattern=below-knee"
    "&duration=over-3-months&began_before_45=no&about=desk"
)


def _url(route: str, code: str, query: str = "") -> str:
    with translation.override(code):
        path = reverse(route)
    return path + (f"?{query}" if query else "")


def _page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.content[:500]
    return unescape(response.content.decode())


def _signs(body: str) -> dict[str, str]:
    """Each warning sign on the page with the answer beside it."""
    listed = re.search(r'<dl class="summary-signs">(.*?)</dl>', body, re.DOTALL).group(1)
    rows = re.findall(r"<dt[^>]*>(.*?)</dt><dd>(.*?)</dd>", listed, re.DOTALL)
    return {sign: re.sub(r"<[^>]+>", "", answer) for sign, answer in rows}


def _answer_rows(body: str) -> dict[str, str]:
    table = re.search(r'<table class="summary-table">(.*?)</table>', body, re.DOTALL).group(1)
    rows = re.findall(r'<th scope="row">(.*?)</th><td>(.*?)</td>', table, re.DOTALL)
    return {question: re.sub(r"<[^>]+>", "", answer) for question, answer in rows}


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_summary_is_private_and_says_its_language(client, code):
    response = client.get(_url("self-check-summary", code, SCIATICA))
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "no-referrer"
    assert not response.cookies
    assert response["Content-Language"] == code
    body = response.content.decode()
    assert f'<html lang="{"en-GB" if code == SOURCE else code}"' in body


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_warning_sign_is_listed_with_its_answer_no_included(client, code):
    library = get_library(code)
    flags = library.questionnaire.red_flags
    with translation.override(code):
        yes, no, unanswered = gettext("Yes"), gettext("No"), gettext("Not answered")
    calm = _signs(_page(client, _url("self-check-summary", code, "red_flag=none")))
    assert calm == {flag.label: no for flag in flags}
    ticked = flags[-1]
    one = _signs(_page(client, _url("self-check-summary", code, f"red_flag={ticked.id}")))
    assert one == {flag.label: yes if flag is ticked else no for flag in flags}
    never = _signs(_page(client, _url("self-check-summary", code, "region=lower-back")))
    assert never == {flag.label: unanswered for flag in flags}


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_summary_is_in_the_order_a_clinician_reads_it(client, code):
    body = _page(client, _url("self-check-summary", code, SCIATICA))
    library = get_library(code)
    answers, _ = parse_answers(
        [tuple(p.split("=")) for p in SCIATICA.split("&")], library.questionnaire
    )
    assessment = assess(answers, library.conditions, library.questionnaire)
    order = [
        body.index('id="signs-title"'),
        body.index('id="summary-urgency-title"'),
        body.index('class="body-figure'),
        body.index('class="summary-table"'),
        body.index('id="summary-causes-title"'),
        body.index('<footer class="summary-part summary-about">'),
    ]
    assert order == sorted(order)
    # (as read: the names a translation keeps in English are marked up inside a sentence)
    urgency = re.sub(r"<[^>]+>", "", body[order[1] : order[2]])
    assert str(assessment.urgency.label) in urgency
    for reason in (*assessment.reasons, *assessment.also):
        assert reason.text in urgency
    # The drawing shows the places chosen, and nothing else.
    hatched = re.findall(r'class="region is-selected"[^>]*data-region="([^"]+)"', body)
    assert hatched == [r.id for r in REGIONS if r.id in answers.get("region")]
    footer = body[order[5] :]
    assert library.version in footer
    assert str(len(library.conditions)) in footer


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pairs=answer_sets())
def test_every_answer_appears_on_the_summary_in_each_language(pairs):
    client = Client(headers={"X-Forwarded-Proto": "https"})
    query = urlencode(pairs)
    for code in LANGUAGES:
        library = get_library(code)
        questionnaire = library.questionnaire
        answers, _ = parse_answers(pairs, questionnaire)
        body = _page(client, _url("self-check-summary", code, query))
        rows = _answer_rows(body)
        for question in questionnaire.questions:
            given_values = answers.get(question.id)
            if not given_values:
                continue
            shown = rows[question.question]
            for value in given_values:
                assert question.label_of(value) in shown
        signs = _signs(body)
        assert set(signs) == {flag.label for flag in questionnaire.red_flags}
        assessment = assess(answers, library.conditions, questionnaire)
        causes = body[body.index('id="summary-causes-title"') :]
        for cause in assessment.causes:
            assert cause.condition.title in causes


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_summary_links_to_itself_in_every_language(client, code):
    body = client.get(_url("self-check-summary", code, SCIATICA)).content.decode()
    for other in LANGUAGES:
        target = _url("self-check-summary", other, SCIATICA)
        if other == code:
            continue
        assert f'href="{escape(target)}" hreflang=' in body


@pytest.mark.parametrize(("code", "other"), [(a, b) for a in LANGUAGES for b in LANGUAGES])
def test_a_result_leads_to_the_summary_in_each_language(client, code, other):
    """The result's last part links to the summary in its own language (to print), and
    to the summary in each language (to share), for the same answers."""
    body = client.get(_url("self-check-results", code, SCIATICA)).content.decode()
    keep = body[body.index('id="keep-title"') :]
    own = escape(_url("self-check-summary", code, SCIATICA))
    assert f'<a class="button" href="{own}">' in keep
    assert f'href="{escape(_url("self-check-summary", other, SCIATICA))}"' in keep
    assert 'class="share-warning"' in keep
    # One code, for the summary in the page's own language, drawn as its own image.
    assert keep.count('<img class="qr-code"') == 1
    assert keep.count("<svg") == 0


def _decode(code) -> str:
    """A segno code drawn as pixels and read back with zxing-cpp."""
    picture = io.BytesIO()
    code.save(picture, kind="png", scale=4, border=QR_BORDER)
    picture.seek(0)
    found = zxingcpp.read_barcodes(Image.open(picture), formats=zxingcpp.BarcodeFormat.QRCode)
    assert len(found) == 1
    return found[0].text


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pairs=answer_sets())
def test_the_qr_code_of_any_answers_reads_back_as_the_summary_address(pairs):
    """One fixed mask pattern is used for speed: every code must still read."""
    answers, _ = parse_answers(pairs, get_library().questionnaire)
    for version in language_versions(answers):
        code = qr_code(version.absolute)
        assert code is not None
        assert _decode(code) == version.absolute


def test_the_qr_code_holds_the_site_origin_never_the_request_host(settings):
    settings.SITE_ORIGIN = "https://clinic.example"
    settings.ALLOWED_HOSTS = ["localhost", "elsewhere.example"]
    client = Client(headers={"X-Forwarded-Proto": "https"}, HTTP_HOST="elsewhere.example")
    body = client.get(f"/pl/self-check/summary/?{SCIATICA}").content.decode()
    answers, _ = parse_answers(
        [tuple(p.split("=")) for p in SCIATICA.split("&")], get_library().questionnaire
    )
    address = f"https://clinic.example/pl/self-check/summary/{query_of(answers)}"
    assert _decode(qr_code(address)) == address
    with translation.override("pl"):
        label = gettext("QR code that opens this summary")
        drawn = qr_svg(address, label=label)
    assert drawn in body
    assert "elsewhere.example" not in body


def test_an_address_too_long_for_a_qr_code_gets_none():
    assert qr_code("https://clinic.example/?" + "a" * 3000) is None
    assert qr_svg("https://clinic.example/?" + "a" * 3000, label="x") is None


def test_the_qr_code_is_named_for_screen_readers():
    drawn = qr_svg("https://clinic.example/", label='The "summary"')
    assert drawn.startswith('<svg role="img" aria-label="The &quot;summary&quot;" ')
    assert 'viewBox="' in drawn and "width=" not in drawn.split(">")[0]


# Bad input: the result page's 400, in HTML, JSON and FHIR, in every language --------------

BAD = [
    ("colour=red", "colour"),
    ("age=twelve", "age"),
    ("age=16-49&age=50-plus", "age"),
    ("&".join(["feeling=ache"] * 200), "feeling"),
    ("onset=%ZZ", "onset"),
]


def _main(body: str) -> str:
    return re.search(r"<main.*?</main>", body, re.DOTALL).group(0)


@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize(("query", "parameter"), BAD)
def test_bad_input_is_the_result_pages_400_in_every_format(client, code, query, parameter):
    page = client.get(_url("self-check-summary", code, query))
    assert page.status_code == 400
    assert page["Content-Type"].startswith("text/html")
    assert "no-store" in page["Cache-Control"]
    result = client.get(_url("self-check-results", code, query))
    assert _main(page.content.decode()) == _main(result.content.decode())
    assert f"<code>{parameter}</code>" in page.content.decode()
    assert f'href="{_url("self-check", code)}"' in page.content.decode()

    data = client.get(_url("self-check-json", code, query))
    assert data.status_code == 400
    assert json.loads(data.content)["error"]["parameter"] == parameter

    fhir = client.get(_url("self-check-fhir", code, query))
    assert fhir.status_code == 400
    assert fhir["Content-Type"] == "application/fhir+json"
    outcome = json.loads(fhir.content)
    OperationOutcome.model_validate(outcome)
    issue = outcome["issue"][0]
    assert issue["severity"] == "error"
    assert f"parameter: {parameter};" in issue["diagnostics"]
    assert parameter in issue["details"]["text"]
    assert urlsplit(_url("self-check-fhir", code)).path.endswith("results.fhir.json")


@pytest.mark.parametrize("prefix", ["", "/pl"])
def test_the_results_qr_code_is_its_own_image_drawn_only_when_asked_for(client, prefix):
    """The result page links the code as an image (drawing it inline was half the page's
    cost); the image is the summary's address in the page's language, never kept."""
    query = "red_flag=none&age=40&region=lower-back"
    result = client.get(f"{prefix}/self-check/results/?{query}").content.decode()
    assert "<svg" not in result.split('class="share-clinician"')[1].split("</details>")[0]
    image = client.get(f"{prefix}/self-check/summary.svg?{query}")
    assert image.status_code == 200
    assert image["Content-Type"] == "image/svg+xml"
    assert "no-store" in image["Cache-Control"]
    assert f'src="{prefix}/self-check/summary.svg?{query.replace("&", "&amp;")}"' in result
    address = site_settings.SITE_ORIGIN + f"{prefix}/self-check/summary/?{query}"
    expected = io.BytesIO()
    qr_code(address).save(
        expected, kind="svg", border=QR_BORDER, dark="#000", light="#fff", scale=4
    )
    assert image.content == expected.getvalue()
    assert client.get(f"{prefix}/self-check/summary.svg?age=old").status_code == 400
