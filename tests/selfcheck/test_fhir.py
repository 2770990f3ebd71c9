"""The self-check in FHIR R4: the Questionnaire and every QuestionnaireResponse the answer
sets can make validate against fhir.resources' R4B models (R4's Questionnaire,
QuestionnaireResponse, Observation and OperationOutcome, unchanged in R4B), and say what
the content and the result page say."""

import json
from urllib.parse import urlencode

import pytest
from django.conf import settings as site_settings
from django.test import Client
from django.urls import reverse
from django.utils import translation
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from hypothesis import HealthCheck, given, settings

from apps.content.library import get_library
from apps.selfcheck import fhir
from apps.selfcheck.engine import assess, parse_answers
from tests.selfcheck.answers import answer_sets

SOURCE = site_settings.LANGUAGE_CODE
LANGUAGES = [code for code, _ in site_settings.LANGUAGES]
TRANSLATIONS = [code for code in LANGUAGES if code != SOURCE]
SCIATICA = (
    "red_flag=none&age=52&region=right-thigh&region=right-calf&feeling=shooting"
    "&feeling=tingling&nerve_legs=one&walking=no&onset=gradual&pattern=below-knee"
    "&duration=over-3-months&began_before_45=no&about=desk"
)


def _client() -> Client:
    return Client(headers={"X-Forwarded-Proto": "https"})


def _response_url(code: str, query: str) -> str:
    with translation.override(code):
        return reverse("self-check-fhir") + "?" + query


@pytest.fixture(scope="module")
def published() -> dict:
    response = _client().get("/fhir/Questionnaire/self-check")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/fhir+json"
    return json.loads(response.content)


def _items(resource: dict) -> dict[str, dict]:
    return {item["linkId"]: item for item in resource["item"]}


def _translation(element: dict, key: str, language: str) -> str | None:
    for extension in element.get(f"_{key}", {}).get("extension", []):
        parts = {part["url"]: part for part in extension["extension"]}
        if extension["url"] == fhir.TRANSLATION and parts["lang"]["valueCode"] == language:
            return parts["content"]["valueString"]
    return None


def test_the_questionnaire_is_valid_fhir_and_public(published):
    Questionnaire.model_validate(published)
    response = _client().get("/fhir/Questionnaire/self-check")
    assert "public" in response["Cache-Control"] and response["ETag"]
    assert published["url"] == site_settings.SITE_ORIGIN + "/fhir/Questionnaire/self-check"
    assert published["version"] == get_library(SOURCE).version
    assert published["language"] == "en-GB"


def test_the_questionnaire_holds_every_question_option_and_red_flag(published):
    questionnaire = get_library(SOURCE).questionnaire
    items = _items(published)
    flags = items["red_flag"]
    assert flags["text"] == questionnaire.warning_sign_question.question
    assert flags["repeats"] is True
    codes = {o["valueCoding"]["code"]: o for o in flags["answerOption"]}
    assert set(codes) == questionnaire.vocabulary["red_flag"]
    for flag in questionnaire.red_flags:
        option = codes[flag.id]
        assert option["valueCoding"]["display"] == flag.label
        assert option["extension"][0]["valueCode"] == flag.urgency.value
    for question in questionnaire.questions:
        item = items[question.id]
        assert item["text"] == question.question
        if question.is_number:
            assert item["type"] == "integer"
            assert [e["valueInteger"] for e in item["extension"]] == [
                question.minimum,
                question.maximum,
            ]
            item = items[question.id + fhir.BAND]
        assert item["type"] == "choice"
        assert item["repeats"] == question.multiple
        assert [o["valueCoding"]["code"] for o in item["answerOption"]] == [
            o.id for o in question.options
        ]
        assert [o["valueCoding"]["display"] for o in item["answerOption"]] == [
            o.label for o in question.options
        ]


def test_a_follow_up_is_enabled_by_the_answers_that_bring_it_up(published):
    items = _items(published)
    legs = items["nerve_legs"]
    assert legs["enableBehavior"] == "any"
    feeling = get_library(SOURCE).questionnaire.question("nerve_legs").ask_when[0].given
    assert {(w["question"], w["answerCoding"]["code"]) for w in legs["enableWhen"]} == {
        ("feeling", value) for value in feeling["feeling"]
    }
    for item in published["item"]:
        for condition in item.get("enableWhen", []):
            assert condition["question"] in items


@pytest.mark.parametrize("code", TRANSLATIONS)
def test_every_language_is_in_the_one_questionnaire(published, code):
    """Each word the translation says differently is there as a translation extension;
    a word it shows in English (out of date) has none."""
    questionnaire = get_library(code).questionnaire
    items = _items(published)
    language = code
    question = questionnaire.question("feeling")
    assert _translation(items["feeling"], "text", language) == question.question
    options = items["feeling"]["answerOption"]
    for option, translated in zip(options, question.options, strict=True):
        assert _translation(option["valueCoding"], "display", language) == translated.label
    flags = items["red_flag"]["answerOption"][:-1]  # the last is "None of these"
    for option, flag in zip(flags, questionnaire.red_flags, strict=True):
        expected = None if flag.lang else flag.label
        assert _translation(option["valueCoding"], "display", language) == expected
    assert _translation(published, "title", language)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pairs=answer_sets())
def test_every_answer_set_gives_a_valid_questionnaire_response(pairs):
    client = _client()
    published = json.loads(client.get("/fhir/Questionnaire/self-check").content)
    items = _items(published)
    query = urlencode(pairs)
    for code in LANGUAGES:
        response = client.get(_response_url(code, query))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/fhir+json"
        assert "no-store" in response["Cache-Control"]
        resource = json.loads(response.content)
        QuestionnaireResponse.model_validate(resource)
        assert resource["questionnaire"] == f"{published['url']}|{published['version']}"
        assert resource["language"] == ("en-GB" if code == SOURCE else code)
        library = get_library(code)
        answers, _ = parse_answers(pairs, library.questionnaire)
        given_back: dict[str, list[str]] = {}
        for item in resource["item"]:
            asked = items[item["linkId"]]
            name = item["linkId"].removesuffix(fhir.BAND)
            for answer in item["answer"]:
                if asked["type"] == "integer":
                    value = answer["valueInteger"]
                    assert asked["extension"][0]["valueInteger"] <= value
                    assert value <= asked["extension"][1]["valueInteger"]
                    given_back.setdefault(name, []).append(str(value))
                else:
                    coding = answer["valueCoding"]
                    codes = [o["valueCoding"]["code"] for o in asked["answerOption"]]
                    assert coding["code"] in codes
                    assert coding["system"] == asked["answerOption"][0]["valueCoding"]["system"]
                    given_back.setdefault(name, []).append(coding["code"])
        assert {k: sorted(v) for k, v in given_back.items()} == {
            k: sorted(v) for k, v in answers.values.items()
        }
        _check_assessment(resource, library, answers)


def _check_assessment(resource: dict, library, answers) -> None:
    """The urgency and every cause, as on the result page, each contained Observation
    named by an extension."""
    assessment = assess(answers, library.conditions, library.questionnaire, explain_all=True)
    contained = {r["id"]: r for r in resource["contained"]}
    named = [
        e["valueReference"]["reference"].removeprefix("#")
        for e in resource["extension"]
        if "valueReference" in e
    ]
    assert sorted(named) == sorted(contained)
    urgency = contained["urgency"]
    assert urgency["valueCodeableConcept"]["coding"][0]["code"] == assessment.urgency.value
    reasons = [c["valueString"] for c in urgency["component"]]
    assert len(reasons) == len(assessment.reasons) + len(assessment.also)
    for reason, said in zip((*assessment.reasons, *assessment.also), reasons, strict=True):
        assert said.startswith(reason.text)
    assert [r["id"] for r in resource["contained"][1:]] == [
        f"cause-{c.condition.slug}" for c in assessment.causes
    ]
    for cause in assessment.causes:
        observation = contained[f"cause-{cause.condition.slug}"]
        assert observation["code"]["text"] == cause.condition.title
        assert observation["valueCodeableConcept"]["coding"][0]["code"] == cause.fit.value
    flag = next(e for e in resource["extension"] if "valueBoolean" in e)
    assert flag["valueBoolean"] is assessment.no_clear_match


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_response_is_in_the_language_of_its_address(client, code):
    resource = json.loads(client.get(_response_url(code, SCIATICA)).content)
    questionnaire = get_library(code).questionnaire
    feeling = next(item for item in resource["item"] if item["linkId"] == "feeling")
    assert feeling["text"] == questionnaire.question("feeling").question
    assert [a["valueCoding"]["display"] for a in feeling["answer"]] == [
        questionnaire.question("feeling").label_of(v) for v in ("shooting", "tingling")
    ]
    age = next(item for item in resource["item"] if item["linkId"] == "age")
    assert age["answer"] == [{"valueInteger": 52}]


def test_an_older_address_with_an_age_range_answers_the_range_item(client):
    resource = json.loads(client.get(_response_url(SOURCE, "red_flag=none&age=50-plus")).content)
    QuestionnaireResponse.model_validate(resource)
    assert [item["linkId"] for item in resource["item"]] == ["red_flag", "age" + fhir.BAND]


def test_addresses_come_from_the_site_origin_never_the_request_host(settings):
    settings.SITE_ORIGIN = "https://clinic.example"
    settings.ALLOWED_HOSTS = ["elsewhere.example"]
    client = Client(headers={"X-Forwarded-Proto": "https"}, HTTP_HOST="elsewhere.example")
    resource = json.loads(client.get(_response_url(SOURCE, SCIATICA)).content)
    text = json.dumps(resource)
    assert "elsewhere.example" not in text
    assert resource["questionnaire"].startswith("https://clinic.example/fhir/Questionnaire/")
