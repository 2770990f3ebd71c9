"""The self-check pages: every step, both result formats, plain and htmx, and bad input."""

import json
import re
from html import escape, unescape
from urllib.parse import parse_qsl, urlencode

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings

from apps.content.library import get_library
from apps.content.vocabulary import Urgency
from apps.selfcheck import flow
from apps.selfcheck.engine import parse_answers
from apps.selfcheck.flow import shown_step_ids, step_ids
from tests.selfcheck.answers import answer_sets
from tests.selfcheck.cases import SECTION_8_1

QUESTIONNAIRE = get_library().questionnaire
EMERGENCY_HEADING = QUESTIONNAIRE.urgencies["emergency"].heading.replace("&", "&amp;")


def _answers(query: str):
    return parse_answers(parse_qsl(query), QUESTIONNAIRE)[0]


BASE_ANSWERS = [("red_flag", "none"), ("region", "lower-back")]
STEPS = shown_step_ids(QUESTIONNAIRE, parse_answers(BASE_ANSWERS, QUESTIONNAIRE)[0])
SCIATICA = (
    "red_flag=none&age=16-49&region=right-thigh&region=right-calf&feeling=shooting"
    "&feeling=tingling&onset=gradual&pattern=below-knee&duration=weeks"
)


def test_red_flags_come_first_then_the_questions_in_content_order():
    every = step_ids(QUESTIONNAIRE)
    own_steps = [q.id for q in QUESTIONNAIRE.questions if not q.same_step_as]
    assert every == ("red-flags", *own_steps)
    # Follow-ups are steps only when brought up; everything else is always asked.
    assert (
        tuple(
            step
            for step in every
            if step == "red-flags" or not QUESTIONNAIRE.question(step).ask_when
        )
        == STEPS
    )


def test_intro_says_what_it_is_and_is_not(client):
    response = client.get("/self-check/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "16 and over" in body
    assert "Nothing you answer is stored" in body
    assert "cannot diagnose you" in body
    assert '<input type="hidden" name="step" value="red-flags">' in body


def test_intro_carries_regions_from_the_body_map(client):
    body = client.get("/self-check/?region=lower-back&region=right-calf").content.decode()
    assert '<input type="hidden" name="region" value="lower-back">' in body
    assert '<input type="hidden" name="region" value="right-calf">' in body


@pytest.mark.parametrize("number_and_step", list(enumerate(STEPS, start=1)))
def test_every_step_plain_and_htmx(client, htmx_client, number_and_step):
    number, step = number_and_step
    url = f"/self-check/?{urlencode(BASE_ANSWERS)}&step={step}"
    total = len(STEPS)
    response = client.get(url)
    assert response.status_code == 200
    assert {"HX-Request", "HX-Target"} <= {v.strip() for v in response["Vary"].split(",")}
    assert "no-store" in response["Cache-Control"]
    body = response.content.decode()
    assert body.startswith("<!doctype html>")
    assert f"Step {number} of {total}" in body
    assert 'href="/self-check/">Start again</a>' in body
    if number > 1:
        assert ">Back</a>" in body

    fragment = htmx_client(url, target="self-check").content.decode().strip()
    assert re.match(
        rf'<title>[^<]+ \(step \d of {total}\) – Self-check – [^<]+</title>\s*<div id="self-check"',
        fragment,
    )
    assert f"Step {number} of {total}" in fragment
    in_play = htmx_client(url, target="in-play").content.decode().strip()
    assert in_play.startswith('<aside id="in-play"')


def test_each_step_carries_the_other_answers_and_points_to_the_next(client):
    body = client.get(f"/self-check/?{SCIATICA}&step=onset").content.decode()
    assert '<input type="hidden" name="feeling" value="shooting">' in body
    assert '<input type="hidden" name="onset"' not in body  # the question being asked
    assert 'value="gradual" checked' in body
    assert '<input type="hidden" name="step" value="pattern">' in body


def test_last_step_submits_to_the_results(client):
    body = client.get(f"/self-check/?{SCIATICA}&step=about").content.decode()
    assert 'action="/self-check/results/"' in body
    assert "See my results" in body


def test_region_step_shows_the_drawing_prefilled_from_the_body_map(client):
    body = client.get("/self-check/?red_flag=none&region=left-calf&step=region").content.decode()
    assert 'class="body-figure"' in body
    assert 'name="region" value="left-calf" checked' in body
    assert 'class="region is-selected"' in body


def test_a_later_step_without_red_flag_answers_asks_them_first(client):
    body = client.get("/self-check/?step=feeling&region=lower-back").content.decode()
    assert "Step 1 of 8" in body
    assert "Please answer this first" in body


@pytest.mark.parametrize("flag", ["saddle-numbness", "bladder-bowel", "chest-pain"])
def test_an_emergency_red_flag_ends_the_flow_at_once(client, flag):
    for url in (f"/self-check/?red_flag={flag}&step=age", f"/self-check/?red_flag={flag}"):
        body = client.get(url).content.decode()
        assert EMERGENCY_HEADING in body
        assert "How old are you?" not in body and "Before you start" not in body
        assert QUESTIONNAIRE.red_flag(flag).reason in body
        assert "Causes still in play" not in body


def test_nerve_symptoms_in_both_legs_end_the_flow_too(client):
    query = "red_flag=none&region=left-calf&region=right-calf&feeling=numbness&step=onset"
    body = client.get(f"/self-check/?{query}").content.decode()
    assert EMERGENCY_HEADING in body
    assert "How did it start?" not in body


def test_causes_in_play_narrow_as_answers_come_in(client):
    # Red flags come before causes: the warning-signs step shows no causes at all.
    first = client.get("/self-check/?step=red-flags").content.decode()
    assert "Causes still in play" not in first
    empty = client.get("/self-check/?red_flag=none&step=age").content.decode()
    assert f"All {len(get_library().conditions)} causes on this site" in empty
    later = client.get(f"/self-check/?{SCIATICA}&step=about").content.decode()
    in_play = later[later.index('id="in-play"') :]
    assert "Fits well so far" in in_play
    assert in_play.index("Sciatica") < in_play.index("Less likely")


def test_answers_so_far_are_shown_with_change_links(client):
    body = client.get(f"/self-check/?{SCIATICA}&step=about").content.decode()
    assert "Your answers so far" in body
    assert "Shooting, like an electric shock; Tingling or pins and needles" in body
    change = "/self-check/?" + urlencode(
        [tuple(p.split("=")) for p in SCIATICA.split("&")] + [("step", "feeling")]
    )
    assert f'href="{change.replace("&", "&amp;")}"' in body


def test_results_page_urgency_first_then_causes_grouped(client):
    response = client.get(f"/self-check/results/?{SCIATICA}")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    assert response["Referrer-Policy"] == "no-referrer"
    assert not response.cookies
    body = response.content.decode()
    urgency_at = body.index('id="urgency-title"')
    assert QUESTIONNAIRE.urgencies["self-care"].heading in body
    assert urgency_at < body.index("<h3>Fits well</h3>") < body.index("<h3>Less likely (")
    assert "More reasons" in body and "What points away from it" in body
    assert 'href="/conditions/sciatica/"' in body
    assert "contains your health answers" in body
    assert "Change my answers" in body
    assert "Print a summary" in body
    assert "Content version" in body


def test_emergency_result_shows_the_advice_above_everything(client):
    body = client.get(
        "/self-check/results/?red_flag=bladder-bowel&region=lower-back"
    ).content.decode()
    assert body.index(EMERGENCY_HEADING) < body.index("Causes that may fit")
    assert 'role="alert"' in body


def test_emergency_and_urgent_results_give_only_that_advice(client):
    tips = QUESTIONNAIRE.snippets.self_care
    for flag in ("serious-accident", "fever"):
        response = client.get(f"/self-check/results/?red_flag={flag}")
        body = response.content.decode()
        assert response.context["text"].advice in body.replace("&amp;", "&")
        assert 'id="now-title"' not in body
        assert not any(escape(tip) in body for tip in tips)
    calm = client.get("/self-check/results/?red_flag=none").content.decode()
    shown = QUESTIONNAIRE.items_for(_answers("red_flag=none"))
    assert shown and any(item.caution for item in shown)
    plan = calm[calm.index('id="now-title"') :]
    for item in shown:  # each piece of advice, its caution folded beneath it
        assert escape(item.text) in plan
        if item.caution:
            assert f"<summary>Check first</summary><p>{escape(item.caution)}</p>" in plan


def test_results_htmx_request_still_gets_the_page(htmx_client):
    body = htmx_client(f"/self-check/results/?{SCIATICA}", target="main").content.decode()
    assert body.startswith("<!doctype html>")


def test_json_result_matches_the_contract(client):
    response = client.get(f"/self-check/results.json?{SCIATICA}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert "no-store" in response["Cache-Control"]
    data = json.loads(response.content)
    assert set(data) == {
        "urgency",
        "urgency_reasons",
        "also_reasons",
        "causes",
        "no_clear_match",
    }
    assert data["urgency"] == "self-care"
    assert len(data["causes"]) == len(get_library().conditions)
    first = data["causes"][0]
    assert set(first) == {"slug", "title", "url", "fit", "reasons_for", "reasons_against"}
    assert first["slug"] == "sciatica" and first["fit"] == "strong"
    assert (
        "You said the pain travels below the knee, which is typical of sciatica."
        in (first["reasons_for"])
    )


def test_json_with_no_answers_has_nothing_strong(client):
    data = json.loads(client.get("/self-check/results.json").content)
    assert all(c["fit"] != "strong" for c in data["causes"])


def test_html_and_json_agree(client):
    data = json.loads(client.get(f"/self-check/results.json?{SCIATICA}").content)
    body = client.get(f"/self-check/results/?{SCIATICA}").content.decode()
    for cause in data["causes"]:
        if cause["fit"] != "unlikely":
            assert f'href="{cause["url"]}"' in body
    for reason in data["urgency_reasons"]:
        assert reason in body


BAD = [
    ("colour=red", "colour"),
    ("age=twelve", "age"),
    ("age=16-49&age=50-plus", "age"),
    ("region=" + "a" * 300, "region"),
    ("&".join(["feeling=ache"] * 200), "feeling"),
    ("&".join(f"x{n}=1" for n in range(1200)), "(the whole address)"),
    ("onset=%ZZ", "onset"),
]


@pytest.mark.parametrize(("query", "parameter"), BAD)
def test_bad_input_html_is_a_400_naming_the_parameter(client, query, parameter):
    for url in ("/self-check/", "/self-check/results/"):
        response = client.get(f"{url}?{query}")
        assert response.status_code == 400
        body = response.content.decode()
        assert parameter in body
        assert 'href="/self-check/">Start again</a>' in body


@pytest.mark.parametrize(("query", "parameter"), BAD)
def test_bad_input_json_is_a_400_naming_the_parameter(client, query, parameter):
    response = client.get(f"/self-check/results.json?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    error = json.loads(response.content)["error"]
    assert error["parameter"] == parameter or error["parameter"].startswith(parameter[:20])
    assert error["message"]


def test_400_lists_the_accepted_values(client):
    body = client.get("/self-check/results/?duration=forever").content.decode()
    for value in ("days", "weeks", "months"):
        assert f"<code>{value}</code>" in body


def test_unknown_step_is_a_400(client):
    response = client.get("/self-check/?step=lunch")
    assert response.status_code == 400
    assert "step" in response.content.decode()


# Follow-up questions: the legs question comes right after the feelings, and only then.

NERVE_LEGS = QUESTIONNAIRE.question("nerve_legs")


def _step_of(body: str) -> tuple[int, int, str]:
    number, total, title = re.search(r"Step (\d+) of (\d+): ([^<]+)</p>", body).groups()
    return int(number), int(total), title


def test_the_legs_question_is_asked_when_a_nerve_symptom_is_ticked(client):
    body = client.get(
        "/self-check/?red_flag=none&feeling=tingling&step=nerve_legs"
    ).content.decode()
    number, total, title = _step_of(body)
    assert title == NERVE_LEGS.step
    assert NERVE_LEGS.question in body
    shown = shown_step_ids(QUESTIONNAIRE, _answers("red_flag=none&feeling=tingling"))
    assert (number, total) == (shown.index("nerve_legs") + 1, len(shown))
    assert total > len(STEPS)  # the follow-ups of a nerve symptom are counted in
    every = step_ids(QUESTIONNAIRE)
    following = every[every.index("nerve_legs") + 1]
    assert f'<input type="hidden" name="step" value="{following}">' in body


def test_the_legs_question_is_skipped_when_no_nerve_symptom_is_ticked(client):
    after = STEPS[STEPS.index("feeling") + 1]
    response = client.get("/self-check/?red_flag=none&feeling=ache&step=nerve_legs", follow=True)
    # The address moves on with the page, so Back and bookmarks agree with the screen.
    assert response.redirect_chain == [
        (f"/self-check/?red_flag=none&feeling=ache&step={after}", 302)
    ]
    body = response.content.decode()
    number, total, title = _step_of(body)
    assert title == QUESTIONNAIRE.question(after).step
    assert (number, total) == (STEPS.index(after) + 1, len(STEPS))
    assert NERVE_LEGS.question not in body


def test_the_feelings_step_points_to_the_legs_question_for_the_answers_to_decide(client):
    body = client.get("/self-check/?red_flag=none&step=feeling").content.decode()
    assert '<input type="hidden" name="step" value="nerve_legs">' in body


def test_back_links_and_answers_so_far_follow_the_legs_question(client):
    shown = shown_step_ids(QUESTIONNAIRE, _answers("red_flag=none&feeling=tingling"))
    after = shown[shown.index("nerve_legs") + 1]
    nerve = client.get(
        f"/self-check/?red_flag=none&feeling=tingling&nerve_legs=one&step={after}"
    ).content.decode()
    assert re.search(r'href="[^"]*step=nerve_legs"[^>]*>Back</a>', nerve)
    assert f"<dt>{NERVE_LEGS.step}</dt>" in nerve
    # Unticked: the legs answer goes, and Back skips the question it belonged to.
    response = client.get(
        f"/self-check/?red_flag=none&feeling=ache&nerve_legs=one&step={after}", follow=True
    )
    settled = flow.resolve(QUESTIONNAIRE, _answers("red_flag=none&feeling=ache"), after)
    settled_url = f"/self-check/?red_flag=none&feeling=ache&step={settled}"
    assert response.redirect_chain[-1][0] == settled_url
    ache = response.content.decode()
    assert re.search(r'href="[^"]*step=feeling"[^>]*>Back</a>', ache)
    assert f"<dt>{NERVE_LEGS.step}</dt>" not in ache
    assert 'name="nerve_legs"' not in ache


# Every case of the clinical review, through the result page and its JSON twin.

REVIEW = [
    ("red_flag=none&pattern=foot-drop", "urgent"),
    ("age=16-49&region=lower-back&feeling=ache&duration=days", "unchecked"),
    ("red_flag=none&age=50-plus&onset=injury&region=lower-back&feeling=ache", "gp"),
    (
        "red_flag=none&onset=injury&region=left-thigh&feeling=numbness&nerve_legs=one",
        "emergency",
    ),  # compartment syndrome (8.1)
    ("red_flag=none&region=left-buttock&region=right-thigh&feeling=shooting", "emergency"),
    (
        "red_flag=none&region=left-thigh&region=right-calf&feeling=tingling&feeling=tightness"
        "&nerve_legs=one",
        "self-care",
    ),
    (
        "red_flag=none&region=left-calf&region=right-calf&feeling=numbness&duration=months"
        "&nerve_legs=both-long-standing",
        "gp",
    ),
    (
        "red_flag=none&region=left-thigh&region=left-calf&feeling=weakness&feeling=shooting"
        "&nerve_legs=one&pattern=limp&pattern=below-knee",
        "gp",
    ),
]


def test_with_htmx_the_address_pushed_is_the_step_on_screen(htmx_client):
    after = STEPS[STEPS.index("feeling") + 1]
    response = htmx_client(
        "/self-check/?red_flag=none&feeling=ache&nerve_legs=one&step=nerve_legs",
        target="self-check",
    )
    assert response.status_code == 200
    assert response["HX-Push-Url"] == f"/self-check/?red_flag=none&feeling=ache&step={after}"
    assert QUESTIONNAIRE.question(after).question in response.content.decode()


@pytest.mark.parametrize(("query", "urgency"), REVIEW)
def test_review_cases_on_the_result_page_and_in_the_json(client, query, urgency):
    page = client.get(f"/self-check/results/?{query}")
    assert page.status_code == 200
    assert page.context["assessment"].urgency == urgency
    heading = QUESTIONNAIRE.urgencies[urgency].heading
    assert heading.replace("&", "&amp;") in page.content.decode()
    data = json.loads(client.get(f"/self-check/results.json?{query}").content)
    assert data["urgency"] == urgency


def test_the_unchecked_result_asks_the_warning_signs_there_and_keeps_the_answers(client):
    query = "age=16-49&region=lower-back&feeling=ache&duration=months"
    response = client.get(f"/self-check/results/?{query}")
    body = response.content.decode()
    assert response.context["assessment"].urgency == "unchecked"
    form = body[body.index('<form class="unchecked-form"') :]
    form = form[: form.index("</form>")]
    assert 'action="/self-check/results/"' in form
    for name, value in [("age", "16-49"), ("region", "lower-back"), ("duration", "months")]:
        assert f'<input type="hidden" name="{name}" value="{value}">' in form
    for flag in QUESTIONNAIRE.red_flags:
        assert f'name="red_flag" value="{flag.id}"' in form
    assert 'value="none"' in form
    # No self-care or GP advice until the signs are answered.
    for tip in QUESTIONNAIRE.snippets.self_care:
        assert escape(tip) not in body
    assert QUESTIONNAIRE.urgencies["gp"].heading not in body
    assert QUESTIONNAIRE.urgencies["self-care"].heading not in body
    answered = client.get(f"/self-check/results/?{query}&red_flag=none")
    assert answered.context["assessment"].urgency == "gp"


# What you can do now: a plan of guides and exercises for the causes that fit best.


def test_a_self_care_result_plans_the_guides_and_exercises_of_its_strong_causes(client):
    response = client.get(f"/self-check/results/?{SCIATICA}&nerve_legs=one")
    assessment = response.context["assessment"]
    assert assessment.urgency == "self-care"
    strong = [cause.condition for cause in assessment.by_fit("strong")]
    assert strong, "a typical picture has causes that fit well"
    plan = response.context["plan"]
    library = get_library()
    expected = {e.slug for c in strong for e in library.exercises_for(c.slug)}
    assert {e.slug for e in plan.exercises} == expected
    body = response.content.decode()
    for exercise in plan.exercises:
        assert f'href="/exercises/#{exercise.slug}"' in body
    assert plan.guides, "the articles' What helps sections name guides"
    for guide in plan.guides:
        assert guide.document.slug not in ("overview", "urgent-help")
        assert f'href="{guide.url}"' in body


@pytest.mark.parametrize(
    "query",
    [
        "red_flag=saddle-numbness",  # emergency
        "red_flag=fever",  # urgent
        "age=16-49&region=lower-back&feeling=ache",  # unchecked
    ],
)
def test_emergency_urgent_and_unchecked_results_give_no_plan(client, query):
    response = client.get(f"/self-check/results/?{query}")
    assert response.context["plan"] is None
    body = response.content.decode()
    assert 'id="now-title"' not in body
    assert "/exercises/#" not in body


# Plans never contradict the person (clinical notes section 7).

ANTI_INFLAMMATORY = re.compile(r"ibuprofen|anti-inflammator|nsaid", re.IGNORECASE)


def _words(body: str) -> str:
    text = re.sub(r"<[^>]+>", " ", body[body.index("<main") :])
    return " ".join(unescape(text).split())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pairs=answer_sets(red_flags=False))
def test_a_pregnant_person_is_never_offered_an_anti_inflammatory(pairs):
    """Anywhere on the result: the only words about them are the pregnancy caution."""
    pairs = [(n, v) for n, v in pairs if n != "about"] + [("red_flag", "none")]
    pairs.append(("about", "pregnant"))
    client = Client(headers={"X-Forwarded-Proto": "https"})
    body = client.get("/self-check/results/?" + urlencode(pairs)).content.decode()
    caution = " ".join(QUESTIONNAIRE.snippets.inline["pregnancy-painkillers"].split())
    text = _words(body)
    assert caution in text
    assert not ANTI_INFLAMMATORY.search(text.replace(caution, ""))


def test_a_plan_led_by_a_clot_or_fracture_suggests_no_exercises(client):
    """Each way of giving the key feature of a condition whose exercises wait for a
    professional: when it leads a routine result, the plan has no exercises."""
    led = 0
    for condition in get_library().conditions:
        if condition.profile.suggest_exercises:
            continue
        for key in condition.profile.key.any:
            pairs = [("red_flag", "none"), ("region", "left-calf")]
            pairs += [(name, sorted(values)[0]) for name, values in key.given.items()]
            pairs += [(name, str(spans[0].low)) for name, spans in key.spans.items()]
            response = client.get("/self-check/results/?" + urlencode(pairs))
            assert response.status_code == 200, pairs
            leading = response.context["assessment"].leading
            plan = response.context["plan"]
            if leading is not None and leading.condition == condition and plan is not None:
                led += 1
                assert not plan.exercises, condition.slug
    assert led, "no routine result was led by such a condition"


def test_no_clear_match_says_so_and_offers_only_the_general_guides(client):
    response = client.get(
        "/self-check/results/?red_flag=none&age=34&region=lower-back&feeling=ache&duration=weeks"
    )
    body = response.content.decode()
    assert response.context["assessment"].no_clear_match
    assert QUESTIONNAIRE.sentences["no_clear_match"] in unescape(body)
    assert 'href="/other-causes/"' in body
    plan = response.context["plan"]
    assert not plan.exercises
    assert [g.document.slug for g in plan.guides] == list(QUESTIONNAIRE.general_guides)
    covers = QUESTIONNAIRE.sentences["site_covers"].format(count=len(get_library().conditions))
    assert covers in unescape(body)
    data = client.get(
        "/self-check/results.json?red_flag=none&age=34&region=lower-back&feeling=ache"
    ).json()
    assert data["no_clear_match"] is True


# The fourth review (clinical notes 8.1 and 8.3) on the result pages, in every language.


@pytest.mark.parametrize("language", ["en", "pl"])
@pytest.mark.parametrize(
    ("name", "query", "least"), SECTION_8_1, ids=[case[0] for case in SECTION_8_1]
)
def test_each_situation_of_section_8_1_in_html_and_json(client, language, name, query, least):
    prefix = "" if language == "en" else f"/{language}"
    data = json.loads(client.get(f"{prefix}/self-check/results.json?{query}").content)
    assert Urgency(data["urgency"]).rank <= Urgency(least).rank, data["urgency_reasons"]
    response = client.get(f"{prefix}/self-check/results/?{query}")
    assert response.status_code == 200
    assert response.context["assessment"].urgency == data["urgency"]
    heading = get_library(language).questionnaire.urgencies[Urgency(data["urgency"])].heading
    # (the text as read: names kept in English are marked up inside a Polish sentence)
    body = unescape(re.sub(r"<[^>]+>", "", response.content.decode()))
    assert heading in body
    for reason in data["urgency_reasons"]:
        assert reason in body


def test_reasons_of_a_lower_level_come_after_as_also(client):
    """One level under its heading: the ambulance reason under "call 999", the urgent
    treatment centre reason after it, as "Also" (clinical notes 8.3)."""
    query = "red_flag=none&age=80&region=right-hip&onset=injury&pattern=cant-bear-weight"
    data = json.loads(client.get(f"/self-check/results.json?{query}").content)
    assert data["urgency"] == "emergency"
    also = next(r.reason for r in QUESTIONNAIRE.rules if r.id == "cannot-bear-weight")
    assert also in data["also_reasons"] and also not in data["urgency_reasons"]
    body = unescape(client.get(f"/self-check/results/?{query}").content.decode())
    urgency_section = body.split('class="also-reasons"')[0]
    assert also not in urgency_section
    assert also in body.split('class="also-reasons"')[1]


def test_beside_a_warning_sign_the_result_says_to_check_it_first(client):
    query = (
        "red_flag=swollen-calf&age=60&region=left-calf&feeling=tightness&about=desk"
        "&pattern=worse-sitting&onset=gradual"
    )
    response = client.get(f"/self-check/results/?{query}")
    assert QUESTIONNAIRE.sentences["sign_first_note"] in unescape(response.content.decode())
    assessment = response.context["assessment"]
    assert [c.condition.slug for c in assessment.by_fit("strong")] == ["deep-vein-thrombosis"]


def test_a_cause_without_its_defining_context_is_not_listed_on_the_page(client):
    response = client.get("/self-check/results/?red_flag=none&age=70&region=lower-back")
    body = response.content.decode()
    assert 'href="/conditions/pelvic-girdle-pain/"' not in body.split('id="causes-title"')[1]


@pytest.mark.parametrize("prefix", ["", "/pl"])
@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("began_before_45=maybe", "began_before_45"),
        ("began_before_45=yes&began_before_45=no", "began_before_45"),
        ("about=recently-pregnant", "about"),
        ("pattern=short-stiff", "pattern"),
    ],
)
def test_the_new_answers_follow_the_contracts_rules_for_bad_input(client, prefix, query, parameter):
    html = client.get(f"{prefix}/self-check/results/?{query}")
    assert html.status_code == 400
    assert parameter in html.content.decode()
    data = client.get(f"{prefix}/self-check/results.json?{query}")
    assert data.status_code == 400
    assert parameter in data.content.decode()


def test_began_before_45_is_accepted_and_ignored_when_it_would_not_be_asked(client):
    query = "red_flag=none&age=30&began_before_45=yes"
    assert client.get(f"/self-check/results.json?{query}").status_code == 200
