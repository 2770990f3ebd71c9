"""The self-check in headless Chromium: keyboard alone, the emergency stop, no JavaScript, htmx."""

import re
from collections.abc import Iterator
from urllib.parse import parse_qs, parse_qsl, urlsplit

import pytest
from django.conf import settings
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect

from apps.content.library import get_library
from apps.selfcheck.engine import parse_answers
from apps.selfcheck.flow import RED_FLAG_STEP, shown_step_ids, step_ids
from tests.conftest import axe_violations

pytestmark = pytest.mark.browser

QUESTIONNAIRE = get_library().questionnaire
STEPS = list(step_ids(QUESTIONNAIRE))
NUMBER_QUESTIONS = {q.id for q in QUESTIONNAIRE.questions if q.is_number}

# A typical sciatica picture, step by step: the ids of the boxes to tick on each step. It
# takes the longest path (at 52, with pain for months, it is asked when the pain began).
SCIATICA = {
    "red-flags": ["none"],
    "age": ["52"],
    "region": ["right-thigh", "right-calf"],
    "feeling": ["shooting", "tingling"],
    "nerve_legs": ["one"],
    "walking": ["no"],
    "onset": ["gradual"],
    "pattern": ["below-knee"],
    "duration": ["over-3-months"],
    "began_before_45": ["no"],
    "about": [],
}
SCIATICA_QUERY = [
    ("red_flag", "none"),
    ("age", "52"),
    ("region", "right-thigh"),
    ("region", "right-calf"),
    ("feeling", "shooting"),
    ("feeling", "tingling"),
    ("nerve_legs", "one"),
    ("walking", "no"),
    ("onset", "gradual"),
    ("pattern", "below-knee"),
    ("duration", "over-3-months"),
    ("began_before_45", "no"),
]
QUESTIONS = {
    RED_FLAG_STEP: "Do you have any of these, as well as back or leg pain?",
    **{q.id: q.question for q in QUESTIONNAIRE.questions},
}
SADDLE = "Numbness or tingling around your genitals, bottom (anus), buttocks or inner thighs"


# Helpers -------------------------------------------------------------------------------------


def query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def step_of(url: str) -> str | None:
    return query(url).get("step", [None])[0]


def question(page: Page) -> Locator:
    """The heading of the question on screen (inside the fieldset's legend)."""
    return page.locator("#self-check legend h2")


def shown_steps(url: str) -> list[str]:
    """The steps a person sees for the answers in ``url`` (follow-ups only when brought up)."""
    pairs = [(n, v) for n, v in parse_qsl(urlsplit(url).query) if n != "step"]
    return list(shown_step_ids(QUESTIONNAIRE, parse_answers(pairs, QUESTIONNAIRE)[0]))


def expect_step(page: Page, step: str) -> None:
    """The step is on screen: its URL, its progress line (as the person sees the steps)
    and its question."""
    expect(page).to_have_url(re.compile(rf"[?&]step={step}(&|$)"))
    shown = shown_steps(page.url)
    number = shown.index(step) + 1
    expect(page.locator("#self-check .progress")).to_contain_text(f"Step {number} of {len(shown)}")
    expect(question(page)).to_have_text(QUESTIONS[step])


def focused_matches(page: Page, selector: str) -> bool:
    return page.evaluate(
        "(selector) => document.activeElement?.matches(selector) ?? false", selector
    )


def tab_to(page: Page, selector: str, *, limit: int = 80) -> None:
    """Press Tab until the focused element matches ``selector``."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if focused_matches(page, selector):
            return
    pytest.fail(f"Tab never reached {selector}")


def tick_with_keyboard(page: Page, option_id: str) -> None:
    """Tick a box with the keyboard: Tab to it, Space (radios: arrow keys within the group)."""
    box = page.locator(f"#answer-{option_id}")
    if box.get_attribute("type") == "radio":
        name = box.get_attribute("name")
        tab_to(page, f"input[type=radio][name={name}]")
        for _ in range(12):
            if focused_matches(page, f"#answer-{option_id}"):
                break
            page.keyboard.press("ArrowDown")
        else:
            pytest.fail(f"the arrow keys never reached {option_id}")
        page.keyboard.press("Space")
    else:
        tab_to(page, f"#answer-{option_id}")
        page.keyboard.press("Space")
    expect(box).to_be_checked()


def answer_step(page: Page, step: str, *, keyboard: bool = False) -> None:
    """Give the sciatica picture's answers to one step: type a number, or tick boxes."""
    for value in SCIATICA[step]:
        if step in NUMBER_QUESTIONS:
            box = page.locator(f"#answer-{step}")
            if keyboard:
                tab_to(page, f"#answer-{step}")
                page.keyboard.type(value)
            else:
                box.fill(value)
            expect(box).to_have_value(value)
        elif keyboard:
            tick_with_keyboard(page, value)
        else:
            page.locator(f"#answer-{value}").check()


def fill_age(page: Page, age: str) -> None:
    """Type an age and leave the box, as a person would (the change updates the panel)."""
    page.locator("#answer-age").fill(age)
    page.locator("#answer-age").blur()


def submit_with_keyboard(page: Page) -> None:
    tab_to(page, "#self-check form button[type=submit]")
    page.keyboard.press("Enter")


def mark_document(page: Page) -> None:
    """Tag the current document, so a later check can tell an in-place swap from a load."""
    page.evaluate("window.__sameDocument = true")


def same_document(page: Page) -> bool:
    return page.evaluate("window.__sameDocument === true")


def fit_group(page: Page, heading: str) -> Locator:
    """The list of causes under a fit heading ('Fit well', 'Possible', 'Less likely')."""
    return page.locator(f"xpath=//h3[normalize-space()='{heading}']/following-sibling::ul[1]")


def expect_sciatica_result(page: Page) -> None:
    expect(page).to_have_url(re.compile(r"/self-check/results/\?"))
    assert parse_qsl(urlsplit(page.url).query) == SCIATICA_QUERY
    expect(page.get_by_role("heading", level=1)).to_have_text("Your self-check result")
    urgency = page.locator("#urgency-title")
    expect(urgency).to_contain_text("See a GP")
    expect(urgency.locator(".urgency-tag")).to_have_text(re.compile("see a gp", re.I))
    expect(urgency).not_to_contain_text(settings.EMERGENCY_NUMBER)
    fit_well = fit_group(page, "Fits well")
    expect(fit_well.get_by_role("link", name="Sciatica", exact=True)).to_be_visible()
    expect(fit_well.locator(":scope > li")).not_to_have_count(0)
    assert fit_well.locator(":scope > li").count() <= 3, "a typical picture should narrow down"


@pytest.fixture
def no_js(browser: Browser, browser_context_args: dict) -> Iterator[BrowserContext]:
    context = browser.new_context(**{**browser_context_args, "java_script_enabled": False})
    yield context
    context.close()


# The keyboard alone -----------------------------------------------------------------------------


def test_complete_the_self_check_with_the_keyboard_alone(live_server, page: Page, console_errors):
    page.goto(live_server.url + "/self-check/")
    expect(page.get_by_role("heading", name="Before you start")).to_be_visible()
    tab_to(page, "#self-check button[type=submit]")
    expect(page.locator(":focus")).to_have_text("Start the self-check")
    page.keyboard.press("Enter")

    for step in STEPS:
        expect_step(page, step)
        answer_step(page, step, keyboard=True)
        submit_with_keyboard(page)

    expect_sciatica_result(page)
    assert console_errors == []


def test_focus_moves_to_each_new_question(live_server, page: Page, console_errors):
    """After a step swaps in, a keyboard user is on the new question, not the page top."""
    page.goto(live_server.url + "/self-check/?step=red-flags")
    tick_with_keyboard(page, "none")
    submit_with_keyboard(page)
    expect_step(page, "age")
    expect(question(page)).to_be_focused()
    # The next Tab goes to the answer box of the new question.
    page.keyboard.press("Tab")
    expect(page.locator("#answer-age")).to_be_focused()
    assert console_errors == []


# The emergency stop ----------------------------------------------------------------------------


def expect_emergency_stop(page: Page) -> None:
    alert = page.locator("#self-check").get_by_role("alert")
    expect(alert).to_be_visible()
    expect(alert.get_by_role("heading")).to_have_text(
        re.compile(rf"Emergency\s+{re.escape(QUESTIONNAIRE.urgencies['emergency'].heading)}")
    )
    expect(alert).to_contain_text("You said you have numbness or tingling around your genitals")
    # No further question: no fieldset, no answers to give, no Continue button.
    expect(page.locator("#self-check fieldset")).to_have_count(0)
    expect(page.locator("#self-check input:not([type=hidden])")).to_have_count(0)
    expect(page.locator("#self-check").get_by_role("button")).to_have_count(0)


def test_an_emergency_red_flag_stops_the_self_check(live_server, page: Page, console_errors):
    page.goto(live_server.url + "/self-check/")
    page.get_by_role("button", name="Start the self-check").click()
    expect_step(page, "red-flags")
    page.get_by_label(SADDLE).check()
    page.get_by_role("button", name="Continue").click()

    expect_emergency_stop(page)
    assert query(page.url)["red_flag"] == ["saddle-numbness"]

    # The summary of the answers puts the emergency first.
    page.get_by_role("link", name="See the summary of your answers").click()
    expect(page).to_have_url(re.compile(r"/self-check/results/\?red_flag=saddle-numbness$"))
    urgency = page.locator("#urgency-title")
    expect(urgency).to_contain_text("Emergency")
    expect(urgency).to_contain_text(QUESTIONNAIRE.urgencies["emergency"].heading)
    first_section = page.locator("main section").first
    expect(first_section).to_have_attribute("role", "alert")
    assert console_errors == []


def test_an_emergency_red_flag_stops_the_self_check_without_javascript(
    live_server, no_js: BrowserContext
):
    page = no_js.new_page()
    page.goto(live_server.url + "/self-check/?step=red-flags")
    page.get_by_label(SADDLE).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Continue").click()
    expect_emergency_stop(page)
    expect(page).to_have_title(re.compile(r"^Get emergency help now"))


def test_a_later_step_without_red_flags_asks_them_first(live_server, page: Page, console_errors):
    page.goto(live_server.url + "/self-check/?age=16-49&step=duration")
    expect(page.locator("#self-check").get_by_role("alert")).to_contain_text(
        "Please answer this first"
    )
    expect(question(page)).to_have_text(QUESTIONS["red-flags"])
    assert console_errors == []


# Without JavaScript --------------------------------------------------------------------------


def test_whole_self_check_works_without_javascript(live_server, no_js: BrowserContext):
    page = no_js.new_page()
    page.goto(live_server.url + "/self-check/")
    with page.expect_navigation():
        page.get_by_role("button", name="Start the self-check").click()

    for step in STEPS:
        expect_step(page, step)
        form = page.locator("#self-check form")
        expect(form).to_have_attribute("method", "get")
        answer_step(page, step)
        button = "See my results" if step == STEPS[-1] else "Continue"
        with page.expect_navigation():
            form.get_by_role("button", name=button).click()

    expect_sciatica_result(page)


def test_print_button_shows_only_with_javascript(live_server, no_js: BrowserContext, page: Page):
    """The print button needs a script: without one it stays hidden, not dead."""
    result = "/self-check/results/?" + "&".join(f"{n}={v}" for n, v in SCIATICA_QUERY)
    page.goto(live_server.url + result)
    expect(page.get_by_role("button", name=re.compile("^Print a summary"))).to_be_visible()

    plain = no_js.new_page()
    plain.goto(live_server.url + result)
    expect(plain.get_by_role("heading", level=1)).to_have_text("Your self-check result")
    expect(plain.locator("[data-print]")).to_be_hidden()


def test_back_link_works_without_javascript(live_server, no_js: BrowserContext):
    page = no_js.new_page()
    page.goto(live_server.url + "/self-check/?red_flag=none&age=52&step=region")
    with page.expect_navigation():
        page.locator("#self-check").get_by_role("link", name="Back", exact=True).click()
    expect_step(page, "age")
    expect(page.locator("#answer-age")).to_have_value("52")


# With JavaScript: htmx -----------------------------------------------------------------------


def test_steps_swap_in_place_and_push_their_url(live_server, page: Page, console_errors):
    page.goto(live_server.url + "/self-check/")
    mark_document(page)
    page.get_by_role("button", name="Start the self-check").click()
    expect_step(page, "red-flags")
    assert page.url.startswith(live_server.url + "/self-check/?")

    for step in STEPS[:-1]:
        expect_step(page, step)
        answer_step(page, step)
        page.locator("#self-check").get_by_role("button", name="Continue").click()
        following = STEPS[STEPS.index(step) + 1]
        expect_step(page, following)
        assert same_document(page), f"step {following} was loaded in full instead of swapped"
        # The answers so far are carried in the pushed URL.
        given = [value for _, value in parse_qsl(urlsplit(page.url).query)]
        for option_id in SCIATICA[step]:
            assert option_id in given, (option_id, page.url)
        # ... and listed under "Your answers so far".
        expect(page.locator(".answers-so-far")).to_be_visible()

    # The last step is a plain form to the result page.
    page.get_by_role("button", name="See my results").click()
    expect_sciatica_result(page)
    expect(page.get_by_role("button", name=re.compile("^Print"))).to_be_visible()
    assert console_errors == []


def answer_age_then_region(page: Page) -> None:
    """From the age step: 52, Continue, lower back, Continue: the feeling step."""
    fill_age(page, "52")
    page.get_by_role("button", name="Continue").click()
    expect_step(page, "region")
    page.locator("#answer-lower-back").check()
    page.get_by_role("button", name="Continue").click()
    expect_step(page, "feeling")


def test_back_link_returns_to_the_previous_step(live_server, page: Page, console_errors):
    page.goto(live_server.url + "/self-check/?red_flag=none&step=age")
    mark_document(page)
    answer_age_then_region(page)

    # The Back link swaps the previous step in, with its answer still ticked.
    page.locator("#self-check").get_by_role("link", name="Back", exact=True).click()
    expect_step(page, "region")
    assert same_document(page), "Back loaded the page in full instead of swapping the step"
    expect(page.locator("#answer-lower-back")).to_be_checked()
    page.locator("#self-check").get_by_role("link", name="Back", exact=True).click()
    expect_step(page, "age")
    expect(page.locator("#answer-age")).to_have_value("52")
    assert query(page.url)["age"] == ["52"]

    # Changing the answer and going on again carries the new answer.
    fill_age(page, "30")
    page.get_by_role("button", name="Continue").click()
    expect_step(page, "region")
    assert query(page.url)["age"] == ["30"]
    expect(page.locator("#answer-lower-back")).to_be_checked()
    assert console_errors == []


def test_browser_back_returns_to_the_previous_step(live_server, page: Page, console_errors):
    """One history entry per step: Back from a step shows the step before it."""
    page.goto(live_server.url + "/self-check/?red_flag=none&step=age")
    answer_age_then_region(page)

    page.go_back()
    expect_step(page, "region")
    expect(page.locator("#answer-lower-back")).not_to_be_checked()  # not yet answered then
    assert query(page.url)["age"] == ["52"]
    page.go_back()
    expect_step(page, "age")
    expect(page).to_have_url(live_server.url + "/self-check/?red_flag=none&step=age")
    # The restored page is a whole, working page.
    expect(page.locator("h1")).to_have_count(1)
    fill_age(page, "30")
    page.get_by_role("button", name="Continue").click()
    expect_step(page, "region")
    assert query(page.url)["age"] == ["30"]
    assert console_errors == []


def test_document_title_follows_the_step_after_a_swap(live_server, page: Page, console_errors):
    """A swapped-in step has the same title as the same URL loaded in full."""
    page.goto(live_server.url + "/self-check/")
    expect(page).to_have_title("Self-check – Back and Leg Pain Guide")
    page.get_by_role("button", name="Start the self-check").click()
    expect_step(page, "red-flags")
    expect(page).to_have_title(re.compile(r"^Warning signs \(step 1 of 8\) – Self-check"))
    page.locator("#answer-none").check()
    page.get_by_role("button", name="Continue").click()
    expect_step(page, "age")
    expect(page).to_have_title(re.compile(r"^Your age \(step 2 of 8\) – Self-check"))

    page.goto(live_server.url + "/self-check/?step=red-flags")
    page.get_by_label(SADDLE).check()
    page.get_by_role("button", name="Continue").click()
    expect_emergency_stop(page)
    expect(page).to_have_title(re.compile(r"^Get emergency help now"))
    assert console_errors == []


def test_causes_in_play_update_after_ticking_before_submitting(
    live_server, page: Page, console_errors
):
    page.goto(
        live_server.url + "/self-check/?red_flag=none&age=16-49&region=right-calf&step=feeling"
    )
    in_play = page.locator("#in-play")
    expect(in_play.get_by_role("heading", name="Causes still in play")).to_be_visible()
    expect(in_play).not_to_contain_text("Fits well so far")

    page.locator("#answer-shooting").check()
    page.locator("#answer-tingling").check()

    expect(in_play).to_contain_text("Fits well so far")
    expect(in_play.locator("ul").first).to_contain_text("Sciatica")
    # Nothing was submitted: still the same question, with the answers ticked.
    expect(question(page)).to_have_text(QUESTIONS["feeling"])
    shown = shown_steps(page.url)
    progress = f"Step {shown.index('feeling') + 1} of {len(shown)}"
    expect(page.locator("#self-check .progress")).to_contain_text(progress)
    expect(page.locator("#answer-shooting")).to_be_checked()

    # Unticking takes it back.
    page.locator("#answer-tingling").uncheck()
    page.locator("#answer-shooting").uncheck()
    expect(in_play).not_to_contain_text("Fits well so far")
    assert console_errors == []


def test_ticking_an_answer_does_not_change_the_address(live_server, page: Page, console_errors):
    """Updating "Causes still in play" is not a step: the address and history stay put."""
    start = live_server.url + "/self-check/?red_flag=none&age=16-49&region=right-calf&step=feeling"
    page.goto(start)
    history = page.evaluate("history.length")
    page.locator("#answer-shooting").check()
    with page.expect_response(lambda response: "feeling=tingling" in response.url):
        page.locator("#answer-tingling").check()
    expect(page.locator("#in-play")).to_contain_text("Fits well so far")
    assert page.url == start, "ticking an answer changed the address to another step"
    assert page.evaluate("history.length") == history, "ticking an answer added history entries"
    # Reloading the address shows the step that was on screen.
    page.reload()
    expect_step(page, "feeling")
    assert console_errors == []


def test_causes_appear_only_after_the_warning_signs(live_server, page: Page, console_errors):
    """Red flags come before causes: none are listed until the warning signs are answered."""
    page.goto(live_server.url + "/self-check/?step=red-flags")
    expect(page.get_by_role("heading", name="Causes still in play")).to_have_count(0)
    page.locator("#answer-none").check()
    expect(page.get_by_role("heading", name="Causes still in play")).to_have_count(0)
    page.get_by_role("button", name="Continue").click()
    in_play = page.locator("#in-play")
    expect(in_play).to_contain_text(re.compile(r"All \d+ causes on this site"))
    fill_age(page, "52")
    expect(in_play).not_to_contain_text("All ")
    expect(in_play).to_contain_text("Arthritis")
    assert console_errors == []


def test_region_drawing_follows_the_region_boxes(live_server, page: Page, console_errors):
    page.goto(live_server.url + "/self-check/?red_flag=none&age=16-49&step=region")
    drawn = page.locator('#self-check svg path[data-region="left-calf"]')
    expect(drawn).not_to_have_class(re.compile(r"\bis-selected\b"))
    page.locator("#answer-left-calf").check()
    expect(drawn).to_have_class(re.compile(r"\bis-selected\b"))
    page.locator("#answer-left-calf").uncheck()
    expect(drawn).not_to_have_class(re.compile(r"\bis-selected\b"))
    assert console_errors == []


# Accessibility --------------------------------------------------------------------------------


def _answers_before(step: str) -> str:
    """The query string answering every step before ``step`` as the sciatica picture does."""
    names = {"red-flags": "red_flag"}
    pairs = []
    for earlier in STEPS[: STEPS.index(step)]:
        pairs += [(names.get(earlier, earlier), value) for value in SCIATICA[earlier]]
    return "&".join(f"{name}={value}" for name, value in [*pairs, ("step", step)])


AXE_PAGES = {
    "intro": "/self-check/",
    **{step: "/self-check/?" + _answers_before(step) for step in STEPS},
    "emergency": "/self-check/?red_flag=saddle-numbness&step=age",
    "results": "/self-check/results/?" + "&".join(f"{n}={v}" for n, v in SCIATICA_QUERY),
    "emergency-results": "/self-check/results/?red_flag=saddle-numbness",
}


@pytest.mark.parametrize("name", list(AXE_PAGES))
def test_self_check_pages_have_no_accessibility_violations(
    live_server, page: Page, console_errors, name
):
    page.goto(live_server.url + AXE_PAGES[name])
    if name in STEPS:
        expect_step(page, name)
    assert axe_violations(page) == []
    assert console_errors == []


def test_a_step_swapped_in_by_htmx_has_no_accessibility_violations(
    live_server, page: Page, console_errors
):
    page.goto(live_server.url + "/self-check/?red_flag=none&step=age")
    fill_age(page, "30")
    expect(page.locator("#in-play")).to_contain_text("Possible:")
    page.get_by_role("button", name="Continue").click()
    expect_step(page, "region")
    page.locator("#answer-right-calf").check()
    expect(page.locator("#in-play")).to_contain_text("Less likely")
    assert axe_violations(page) == []
    assert console_errors == []


def test_result_prints_with_its_plan_on_two_pages_at_most(live_server, page: Page):
    """The print stylesheet gives the summary (date, content version, urgency, causes,
    answers) with the plan of what to do now, on two A4 pages at most."""
    query = (
        "red_flag=none&age=16-49&region=right-thigh&region=right-calf&feeling=shooting"
        "&feeling=tingling&nerve_legs=one&onset=gradual&pattern=below-knee&duration=weeks"
    )
    page.goto(f"{live_server.url}/self-check/results/?{query}")
    page.emulate_media(media="print")
    expect(page.get_by_text("Content version")).to_be_visible()
    expect(page.get_by_role("heading", name="Your answers")).to_be_visible()
    expect(page.get_by_role("heading", name="What you can do now")).to_be_visible()
    expect(page.locator(".plan-exercises a").first).to_be_visible()
    expect(page.get_by_role("button", name="Print a summary")).to_be_hidden()
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    pages = len(re.findall(rb"/Type\s*/Page\b", pdf))
    assert pages <= 2, f"the summary and plan print on {pages} pages"


# Follow-up questions and unchecked warning signs (the clinical review) -------------------------


def _nerve_symptom_round_trip(page: Page, *, htmx: bool) -> None:
    """Tick tingling: the legs question comes next. Go back, untick it: it is skipped."""
    legs = QUESTIONNAIRE.question("nerve_legs")
    tingling = shown_steps(page.url + "&feeling=tingling")
    after = tingling[tingling.index("nerve_legs") + 1]  # another follow-up may come next
    ache = shown_steps(page.url + "&feeling=ache")
    after_ache = ache[ache.index("feeling") + 1]

    def go(name: str, role: str = "button") -> None:
        target = page.locator("#self-check").get_by_role(role, name=name, exact=True)
        if htmx:
            target.click()
        else:
            with page.expect_navigation():
                target.click()

    expect_step(page, "feeling")
    page.locator("#answer-tingling").check()
    go("Continue")
    expect_step(page, "nerve_legs")
    expect(page.locator(".answers-so-far")).to_contain_text("Tingling")
    page.locator("#answer-one").check()
    go("Continue")
    expect_step(page, after)
    expect(page.locator(".answers-so-far")).to_contain_text(legs.step)

    go("Back", "link")
    expect_step(page, "nerve_legs")
    go("Back", "link")
    expect_step(page, "feeling")
    page.locator("#answer-tingling").uncheck()
    page.locator("#answer-ache").check()
    go("Continue")
    expect_step(page, after_ache)  # the legs question is not asked any more
    expect(page.locator(".answers-so-far")).not_to_contain_text(legs.step)
    assert "nerve_legs" not in query(page.url)


def test_a_nerve_symptom_brings_the_legs_question_and_unticking_removes_it(
    live_server, page: Page, console_errors
):
    page.goto(live_server.url + "/self-check/?red_flag=none&step=feeling")
    mark_document(page)
    _nerve_symptom_round_trip(page, htmx=True)
    assert same_document(page), "the steps should swap in place with JavaScript"
    assert console_errors == []


def test_the_legs_question_comes_and_goes_without_javascript(live_server, no_js: BrowserContext):
    page = no_js.new_page()
    page.goto(live_server.url + "/self-check/?red_flag=none&step=feeling")
    _nerve_symptom_round_trip(page, htmx=False)


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_an_unchecked_result_asks_the_warning_signs_in_place(
    live_server, page: Page, no_js: BrowserContext, console_errors, javascript
):
    tab = page if javascript else no_js.new_page()
    tab.goto(live_server.url + "/self-check/results/?age=16-49&region=lower-back&duration=months")
    urgency = tab.locator("#urgency-title")
    expect(urgency).to_contain_text(QUESTIONNAIRE.urgencies["unchecked"].heading)
    expect(tab.get_by_text(QUESTIONNAIRE.urgencies["gp"].heading)).to_have_count(0)
    if javascript:
        assert axe_violations(tab) == []
    form = tab.locator("form.unchecked-form")
    form.locator("#answer-none").check()
    with tab.expect_navigation():
        form.get_by_role("button", name="Show my full result").click()
    expect(tab.locator("#urgency-title")).to_contain_text(QUESTIONNAIRE.urgencies["gp"].heading)
    assert query(tab.url)["duration"] == ["months"]  # the other answers were kept
    assert query(tab.url)["red_flag"] == ["none"]
    if javascript:
        assert axe_violations(tab) == []
        assert console_errors == []


def test_a_self_care_result_leads_to_the_exercises_that_suit_it_one_tap_away(
    live_server, page: Page, console_errors
):
    """From a typical sciatica result, the exercises are one tap away (folded, so the page
    stays short on a phone), and one more click reaches a suitable one on its page."""
    page.goto(
        live_server.url + "/self-check/results/?" + _answers_before("about")[: -len("&step=about")]
    )
    plan = page.locator(".plan-exercises")
    expect(plan).to_be_hidden()
    page.locator("details.plan-more summary", has_text="Exercises").click()
    expect(plan.get_by_role("link").first).to_be_visible()
    first = plan.get_by_role("link").first
    target = first.get_attribute("href").split("#", 1)[1]
    first.click()
    expect(page).to_have_url(re.compile(rf"/exercises/#{target}$"))
    expect(page.locator(f"#{target}")).to_be_visible()
    pain_relief = page.context.new_page()
    pain_relief.goto(
        live_server.url + "/self-check/results/?" + _answers_before("about")[: -len("&step=about")]
    )
    pain_relief.locator("details.plan-more summary", has_text="Guides").click()
    expect(
        pain_relief.locator(".plan-guides").get_by_role("link", name=re.compile("Pain relief"))
    ).to_be_visible()
    assert console_errors == []


# On a phone (issue: a result a person in pain can read) --------------------------------------

PHONE = {"width": 375, "height": 740}
TYPICAL_RESULTS = {
    "one-leg sciatica": (
        "red_flag=none&age=38&region=lower-back&region=left-buttock&region=left-thigh"
        "&region=left-calf&feeling=shooting&feeling=tingling&nerve_legs=one&walking=no"
        "&onset=gradual&pattern=below-knee&pattern=worse-sitting&duration=weeks&about=desk"
    ),
    "walking that eases on sitting at 70": (
        "red_flag=none&age=70&region=lower-back&region=left-thigh&region=right-thigh"
        "&feeling=ache&feeling=numbness&nerve_legs=both-long-standing&walking=eases-sitting"
        "&onset=gradual&pattern=worse-activity&pattern=eases-rest&duration=over-3-months"
        "&began_before_45=no&about=previous-episodes"
    ),
    "a swollen calf": (
        "red_flag=swollen-calf&age=55&region=left-calf&feeling=ache&feeling=tightness"
        "&walking=no&onset=gradual&duration=days&about=clot-risk"
    ),
}


@pytest.mark.parametrize("name", list(TYPICAL_RESULTS))
def test_a_typical_result_is_short_on_a_phone(live_server, page: Page, name):
    """The action first, then the few things that matter: at most 1,200 visible words,
    5,000 px tall on a 375 px phone, with what you can do now in the first 2,500 px."""
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/self-check/results/?{TYPICAL_RESULTS[name]}")
    words = page.evaluate("document.body.innerText.split(/\\s+/).filter(Boolean).length")
    height = page.evaluate("document.documentElement.scrollHeight")
    assert words <= 1200, words
    assert height <= 5000, height
    plan = page.locator("#now-title")
    if plan.count():
        box = plan.bounding_box()
        assert box is not None and box["y"] <= 2500, box
    # The urgency comes first, then what to do, then the causes.
    order = page.evaluate(
        "['urgency-title', 'now-title', 'causes-title', 'answers-title']"
        ".map(id => document.getElementById(id))"
        ".filter(Boolean).map(e => e.getBoundingClientRect().top)"
    )
    assert order == sorted(order)


def test_an_urgent_sign_is_answered_on_the_very_next_page(live_server, page: Page):
    page.goto(live_server.url + "/self-check/?step=red-flags")
    swollen = QUESTIONNAIRE.red_flag("swollen-calf")
    page.get_by_label(swollen.label).check()
    page.locator("#self-check").get_by_role("button", name="Continue").click()
    advice = page.locator(".step-urgent")
    expect(advice).to_be_visible()
    expect(advice).to_contain_text(QUESTIONNAIRE.urgencies["urgent"].heading)
    expect(advice).to_contain_text(swollen.reason)
    call = advice.locator('a[href^="tel:"]').first
    expect(call).to_be_visible()
    # The person can go on to the causes; the advice stays at the top of the next step.
    fill_age(page, "40")
    page.locator("#self-check").get_by_role("button", name="Continue").click()
    expect(page.locator(".step-urgent")).to_be_visible()


def test_phone_inputs_are_large_enough_to_tap_without_zooming(live_server, page: Page):
    page.set_viewport_size(PHONE)
    page.goto(live_server.url + "/self-check/?red_flag=none&step=age")
    age = page.locator("#answer-age")
    box = age.bounding_box()
    assert box is not None and box["height"] >= 44
    assert age.evaluate("e => parseFloat(getComputedStyle(e).fontSize)") >= 16
    page.goto(f"{live_server.url}/self-check/results/?{TYPICAL_RESULTS['one-leg sciatica']}")
    share = page.locator("#share-url")
    box = share.bounding_box()
    assert box is not None and box["height"] >= 44
    assert share.evaluate("e => parseFloat(getComputedStyle(e).fontSize)") >= 16


def test_the_language_switcher_keeps_every_answer_after_an_in_page_step(live_server, page: Page):
    """Switching language mid self-check keeps the answers: the switcher that htmx sends
    with each step points at the same step with the same answers in the other language."""
    page.goto(live_server.url + "/self-check/?red_flag=none&step=age")
    mark_document(page)
    fill_age(page, "40")
    page.locator("#self-check").get_by_role("button", name="Continue").click()
    expect_step(page, "region")
    assert same_document(page), "the step was swapped in by htmx"
    polish = page.locator("#language-switcher a[hreflang=pl]")
    href = polish.get_attribute("href") or ""
    query = parse_qs(urlsplit(href).query)
    assert href.startswith("/pl/self-check/")
    assert query.get("age") == ["40"] and query.get("red_flag") == ["none"]
    assert query.get("step") == ["region"]
    polish.click()
    expect(page).to_have_url(re.compile(r"/pl/self-check/\?"))
    expect(page.locator("#answer-left-calf")).to_be_visible()  # the same step, in Polish
