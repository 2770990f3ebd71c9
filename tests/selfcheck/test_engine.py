"""The self-check engine on a tiny literal library (tests/conftest.py ``tiny_library``).

These tests pin the engine's logic: how red flags and rules set the urgency, how answers
rank the causes, and how every sentence is the content's own wording filled in. They use
two made-up conditions so that a review of the real articles can never break them (the
real content is checked against the clinical notes in test_clinical.py).
"""

from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apps.content.library import Library, get_library
from apps.content.vocabulary import Fit, Urgency
from apps.query import QueryError
from apps.selfcheck.engine import Assessment, assess, parse_answers
from tests.site import article_url

NERVE = "nerve-ache"
KNOT = "muscle-knot"
NERVE_RULE_REASON = "You said you have nerve symptoms in both legs."
GP_RULE_REASON = "You said you have had it for 6 weeks or more."


def run(library: Library, *pairs: tuple[str, str], explain_all: bool = False) -> Assessment:
    """Parse the answers as the views do, then assess them against the tiny library."""
    answers, _ = parse_answers(pairs, library.questionnaire)
    return assess(answers, library.conditions, library.questionnaire, explain_all=explain_all)


def fit_of(result: Assessment, slug: str) -> Fit:
    return next(c.fit for c in result.causes if c.condition.slug == slug)


def cause(result: Assessment, slug: str):
    return next(c for c in result.causes if c.condition.slug == slug)


def sentence(library: Library, name: str, *, about: str = "", **blanks: str) -> str:
    """One of the content's sentences, filled in exactly as a person should read it."""
    names = {}
    if about:
        title = library.condition(about).title
        names = {"Condition": title, "condition": title.lower()}
    return library.questionnaire.sentences[name].format(**names, **blanks)


def regions(*ids: str) -> list[tuple[str, str]]:
    return [("region", region_id) for region_id in ids]


def feelings(*ids: str) -> list[tuple[str, str]]:
    return [("feeling", feeling) for feeling in ids]


# Urgency: red flags and rules.


@pytest.mark.parametrize(
    ("flag", "urgency", "reason"),
    [
        (
            "saddle-numbness",
            Urgency.EMERGENCY,
            "You said you have numbness around your bottom. Call 999 now.",
        ),
        ("fever", Urgency.URGENT, "You said you have a high temperature."),
    ],
)
def test_each_red_flag_gives_its_own_urgency_and_reason(
    tiny_library: Library, flag: str, urgency: Urgency, reason: str
) -> None:
    """A red flag sets the urgency the content gives it, and says why in its own words."""
    result = run(tiny_library, ("red_flag", flag))
    assert result.urgency == urgency
    assert [(r.urgency, r.text) for r in result.reasons] == [(urgency, reason)]
    assert result.reasons[0].reference.startswith("Tiny: ")


def test_emergency_wins_over_urgent_over_gp(tiny_library: Library) -> None:
    """However many signs are given, the most urgent decides; every reason is still listed."""
    result = run(
        tiny_library,
        ("duration", "months"),
        ("red_flag", "fever"),
        ("red_flag", "saddle-numbness"),
    )
    assert result.urgency == Urgency.EMERGENCY
    assert [r.urgency for r in result.reasons] == [Urgency.EMERGENCY]
    # Reasons of a lower level follow as "Also", never under the higher heading (8.3).
    assert [r.urgency for r in result.also] == [Urgency.URGENT, Urgency.GP]


def test_urgent_wins_over_gp(tiny_library: Library) -> None:
    """A long-lasting pain (gp) does not soften an urgent sign."""
    result = run(tiny_library, ("red_flag", "fever"), ("duration", "months"))
    assert result.urgency == Urgency.URGENT
    assert [r.urgency for r in result.reasons] == [Urgency.URGENT]
    assert [r.urgency for r in result.also] == [Urgency.GP]


def test_none_of_these_beside_a_sign_is_read_as_the_sign(tiny_library: Library) -> None:
    """Ticking "None of these" and a sign is a slip; the sign is the safe reading."""
    result = run(tiny_library, ("red_flag", "none"), ("red_flag", "fever"))
    assert result.urgency == Urgency.URGENT


@pytest.mark.parametrize(
    "pairs",
    [
        [*regions("left-thigh", "right-thigh"), *feelings("shooting")],
        [*regions("left-calf", "right-thigh"), *feelings("numbness")],
        [*regions("left-thigh", "right-calf", "lower-back"), *feelings("ache", "shooting")],
    ],
)
def test_nerve_symptoms_on_both_sides_are_an_emergency(
    tiny_library: Library, pairs: list[tuple[str, str]]
) -> None:
    """The both-sides rule: nerve symptoms in the legs on the left and the right."""
    result = run(tiny_library, ("red_flag", "none"), *pairs)
    assert result.urgency == Urgency.EMERGENCY
    assert result.reasons[0].text == NERVE_RULE_REASON


@pytest.mark.parametrize(
    "pairs",
    [
        [*regions("left-thigh", "left-calf"), *feelings("shooting", "numbness")],
        [*regions("left-thigh", "right-thigh"), *feelings("ache")],
        [*regions("left-buttock", "right-buttock"), *feelings("shooting")],
        [*regions("left-thigh", "right-thigh")],
    ],
    ids=["one-side", "an-ache", "not-the-legs", "no-feeling"],
)
def test_the_both_sides_rule_needs_both_sides_a_leg_area_and_a_nerve_feeling(
    tiny_library: Library, pairs: list[tuple[str, str]]
) -> None:
    """One-sided leg pain, or an ache on both sides, is not a sign of nerve compression."""
    result = run(tiny_library, ("red_flag", "none"), *pairs)
    assert result.urgency != Urgency.EMERGENCY
    assert NERVE_RULE_REASON not in [r.text for r in result.reasons]


def test_a_long_lasting_pain_is_a_gp_visit(tiny_library: Library) -> None:
    """The gp rule raises self-care to gp, with the rule's reason and no 'nothing urgent'."""
    result = run(tiny_library, ("red_flag", "none"), ("duration", "months"))
    assert result.urgency == Urgency.GP
    assert [r.text for r in result.reasons] == [GP_RULE_REASON]


@pytest.mark.parametrize(
    "pairs",
    [[], [("region", "lower-back")], [("duration", "months")], [("feeling", "ache")]],
    ids=["nothing", "a-place", "a-gp-rule", "a-feeling"],
)
def test_no_red_flag_answer_is_unchecked_never_reassurance(
    tiny_library: Library, pairs: list[tuple[str, str]]
) -> None:
    """Without the warning-sign answer the result may say neither self-care nor GP."""
    result = run(tiny_library, *pairs)
    assert result.urgency == Urgency.UNCHECKED
    assert [(r.urgency, r.text) for r in result.reasons] == [
        (Urgency.UNCHECKED, tiny_library.questionnaire.sentences["unchecked"])
    ]


def test_an_emergency_rule_still_applies_when_the_signs_were_not_checked(
    tiny_library: Library,
) -> None:
    """An emergency found in the other answers outranks 'unchecked', which still follows."""
    result = run(tiny_library, *regions("left-thigh", "right-thigh"), *feelings("shooting"))
    assert result.urgency == Urgency.EMERGENCY
    assert [r.text for r in result.reasons] == [NERVE_RULE_REASON]
    assert [r.text for r in result.also] == [tiny_library.questionnaire.sentences["unchecked"]]


def test_no_red_flags_and_nothing_else_is_self_care(tiny_library: Library) -> None:
    """'None of these' alone: self-care, with the content's 'nothing urgent' sentence."""
    result = run(tiny_library, ("red_flag", "none"))
    assert result.urgency == Urgency.SELF_CARE
    assert [r.text for r in result.reasons] == [
        "Nothing you said is urgent. See a GP if it is not better in a few weeks."
    ]
    assert result.reasons[0].text == sentence(tiny_library, "nothing_urgent")


# Causes: ranking and the sentences that explain it.


@pytest.mark.parametrize(
    ("pairs", "expected", "other"),
    [
        ([*regions("left-calf"), *feelings("shooting", "numbness")], NERVE, KNOT),
        ([*regions("lower-back"), *feelings("ache"), ("duration", "days")], KNOT, NERVE),
    ],
    ids=["nerve-ache", "muscle-knot"],
)
def test_a_typical_picture_narrows_to_its_condition(
    tiny_library: Library, pairs: list[tuple[str, str]], expected: str, other: str
) -> None:
    """A textbook picture of one condition makes it strong, first, and the other not."""
    result = run(tiny_library, ("red_flag", "none"), *pairs)
    assert fit_of(result, expected) == Fit.STRONG
    assert fit_of(result, other) != Fit.STRONG
    assert result.causes[0].condition.slug == expected


def test_with_no_answers_nothing_is_strong(tiny_library: Library) -> None:
    """Nothing said, nothing narrowed: every cause is only possible."""
    result = run(tiny_library)
    assert {c.fit for c in result.causes} == {Fit.POSSIBLE}
    assert all(not c.reasons_for and not c.reasons_against for c in result.causes)


def test_an_answer_a_condition_rules_out_makes_it_unlikely(tiny_library: Library) -> None:
    """'Against' answers rule a condition out, however much else fits."""
    result = run(tiny_library, *regions("lower-back"), *feelings("ache", "shooting"))
    assert fit_of(result, KNOT) == Fit.UNLIKELY
    assert fit_of(result, NERVE) == Fit.UNLIKELY


def test_reasons_are_the_contents_sentences_filled_in(tiny_library: Library) -> None:
    """Every reason is a sentence of self-check.yaml with its blanks filled, in order."""
    result = run(
        tiny_library,
        ("red_flag", "none"),
        *regions("left-calf", "lower-back"),
        *feelings("shooting", "ache"),
        ("duration", "days"),
    )
    nerve, knot = cause(result, NERVE), cause(result, KNOT)
    # The key feature comes first: it is why a cause can fit well.
    assert nerve.reasons_for == (
        sentence(tiny_library, "key_given", about=NERVE, key="shooting pain or numbness"),
        sentence(tiny_library, "region_covered", about=NERVE, places="left calf"),
        sentence(tiny_library, "typical", about=NERVE, said="the pain shoots"),
        sentence(tiny_library, "possible", about=NERVE, said="you have had it for a few days"),
    )
    assert nerve.reasons_against == (
        sentence(tiny_library, "region_not_covered", about=NERVE, place="lower back"),
        sentence(tiny_library, "against", about=NERVE, said="it is a dull ache"),
    )
    assert knot.reasons_for == (
        sentence(tiny_library, "key_given", about=KNOT, key="a dull ache"),
        sentence(tiny_library, "region_covered", about=KNOT, places="lower back"),
        sentence(tiny_library, "typical", about=KNOT, said="it is a dull ache"),
        sentence(tiny_library, "typical", about=KNOT, said="you have had it for a few days"),
    )
    assert knot.reasons_against == (
        sentence(tiny_library, "region_not_covered", about=KNOT, place="left calf"),
        sentence(tiny_library, "against", about=KNOT, said="the pain shoots"),
    )
    # The condition's name goes in as written and in lower case, where the content says.
    assert nerve.reasons_against[0] == "Nerve ache does not reach the lower back."
    assert nerve.reasons_for[2] == "You said the pain shoots: typical of nerve ache."


def test_unlisted_and_missing_typical_answers_are_explained(tiny_library: Library) -> None:
    """An answer a profile does not mention, and a hallmark not given, each count against."""
    result = run(tiny_library, ("age", "50-plus"), *feelings("numbness"))
    knot = cause(result, KNOT)
    assert knot.reasons_for == ()
    assert knot.reasons_against == (
        sentence(tiny_library, "unlisted", about=KNOT, said="you are 50 or over"),
        sentence(tiny_library, "unlisted", about=KNOT, said="you have numbness"),
        sentence(tiny_library, "missing_typical", about=KNOT, usual="it is a dull ache"),
        sentence(tiny_library, "key_missing", about=KNOT, key="a dull ache"),
    )


def test_several_places_are_said_together(tiny_library: Library) -> None:
    """Places a condition covers are listed in one sentence, in the order given."""
    result = run(tiny_library, *regions("left-thigh", "left-calf"))
    assert cause(result, NERVE).reasons_for == (
        sentence(
            tiny_library,
            "region_covered",
            about=NERVE,
            places="back of the left thigh and left calf",
        ),
    )


# Reading the answers: the vocabulary and which answers take one value come from the YAML.


def test_which_answers_take_one_value_comes_from_the_content(tiny_library: Library) -> None:
    """``multiple: false`` in self-check.yaml makes a parameter single-valued."""
    assert tiny_library.questionnaire.single_valued == {"age", "duration"}
    with pytest.raises(QueryError) as caught:
        run(tiny_library, ("age", "16-49"), ("age", "50-plus"))
    assert caught.value.parameter == "age"
    assert caught.value.accepted == ("a whole number from 0 to 120", "16-49", "50-plus")


def test_a_multiple_answer_may_be_repeated(tiny_library: Library) -> None:
    """``multiple: true``: each value counts once, in the order given."""
    answers, _ = parse_answers(
        [("feeling", "ache"), ("feeling", "shooting"), ("feeling", "ache")],
        tiny_library.questionnaire,
    )
    assert answers.get("feeling") == ("ache", "shooting")


@pytest.mark.parametrize(
    ("pairs", "parameter"),
    [
        ([("colour", "blue")], "colour"),
        ([("onset", "gradual")], "onset"),  # a real-site question the tiny YAML does not ask
        ([("feeling", "burning")], "feeling"),
        ([("region", "left-elbow")], "region"),
        ([("red_flag", "chest-pain")], "red_flag"),
        ([("red_flag", "none"), ("duration", "weeks")], "duration"),
    ],
)
def test_an_unknown_name_or_value_is_a_query_error_naming_it(
    tiny_library: Library, pairs: list[tuple[str, str]], parameter: str
) -> None:
    """The 400 must say which part of the address is wrong, so a person can fix it."""
    with pytest.raises(QueryError) as caught:
        run(tiny_library, *pairs)
    assert caught.value.parameter == parameter
    assert parameter in caught.value.message


def test_accepted_values_are_listed_for_an_unknown_value(tiny_library: Library) -> None:
    """The error lists what the content accepts, so the message can offer the choices."""
    with pytest.raises(QueryError) as caught:
        run(tiny_library, ("feeling", "burning"))
    assert caught.value.accepted == ("ache", "numbness", "shooting")


# The result as data.


def test_reasons_written_lazily_equal_reasons_written_at_once(tiny_library: Library) -> None:
    """The HTML page writes sentences on demand, the JSON all at once: they must agree."""
    pairs = (
        ("red_flag", "none"),
        *regions("left-calf", "lower-back"),
        *feelings("shooting", "ache"),
        ("age", "50-plus"),
    )
    lazy = run(tiny_library, *pairs).as_json(url_for=article_url)
    eager = run(tiny_library, *pairs, explain_all=True).as_json(url_for=article_url)
    assert lazy == eager
    assert all(c["reasons_for"] or c["reasons_against"] for c in eager["causes"])


def test_as_json_has_the_shape_of_the_contract(tiny_library: Library) -> None:
    """Other programs read this JSON: exactly the contract's keys, plain strings and lists."""
    result = run(tiny_library, ("red_flag", "none"), *regions("left-calf"), *feelings("shooting"))
    data = result.as_json(url_for=lambda condition: f"/somewhere/{condition.slug}/")
    assert set(data) == {
        "urgency",
        "urgency_reasons",
        "also_reasons",
        "causes",
        "no_clear_match",
    }
    assert data["also_reasons"] == []
    assert data["urgency"] == "self-care"
    assert data["urgency_reasons"] == [sentence(tiny_library, "nothing_urgent")]
    assert [c["slug"] for c in data["causes"]] == [NERVE, KNOT]
    first = data["causes"][0]
    assert set(first) == {"slug", "title", "url", "fit", "reasons_for", "reasons_against"}
    assert first["title"] == "Nerve ache"
    assert first["url"] == "/somewhere/nerve-ache/"
    assert first["fit"] in {"strong", "possible"}
    assert type(first["fit"]) is str and type(data["urgency"]) is str
    assert first["reasons_for"] == [
        sentence(tiny_library, "key_given", about=NERVE, key="shooting pain or numbness"),
        sentence(tiny_library, "region_covered", about=NERVE, places="left calf"),
        sentence(tiny_library, "typical", about=NERVE, said="the pain shoots"),
    ]
    assert isinstance(first["reasons_against"], list)


def test_the_json_view_serves_the_engines_result(tiny_tree: Path) -> None:
    """The view adds nothing of its own: its JSON is the engine's, with article URLs."""
    query = [("red_flag", "fever"), ("region", "left-calf"), ("feeling", "numbness")]
    response = Client(headers={"X-Forwarded-Proto": "https"}).get(
        reverse("self-check-json") + "?" + urlencode(query)
    )
    assert response.status_code == 200
    library = get_library()
    assert [c.slug for c in library.conditions] == [KNOT, NERVE]
    expected = run(library, *query).as_json(url_for=article_url)
    assert response.json() == expected
    assert expected["urgency"] == "urgent"
    assert expected["causes"][0]["url"] == "/conditions/nerve-ache/"


# Properties over every valid set of answers.


@st.composite
def answer_pairs(draw: st.DrawFn, library: Library, *, red_flags: bool = True) -> list:
    """Any valid answers to the tiny questionnaire, in any order."""
    questionnaire = library.questionnaire
    pairs: list[tuple[str, str]] = []
    for name, values in sorted(questionnaire.vocabulary.items()):
        if name == "red_flag":
            if not red_flags:
                continue
            chosen = draw(st.sets(st.sampled_from(sorted(values))))
        elif name in questionnaire.single_valued:
            chosen = set(draw(st.lists(st.sampled_from(sorted(values)), max_size=1)))
        else:
            chosen = draw(st.sets(st.sampled_from(sorted(values))))
        pairs.extend((name, value) for value in sorted(chosen))
    return draw(st.permutations(pairs))


def _valid(data: dict, slugs: Iterable[str]) -> None:
    assert data["urgency"] in Urgency.values
    assert data["urgency_reasons"]
    assert all(isinstance(r, str) and r.strip() for r in data["urgency_reasons"])
    assert sorted(c["slug"] for c in data["causes"]) == sorted(slugs)
    fits = [Fit(c["fit"]) for c in data["causes"]]
    assert [f.rank for f in fits] == sorted(f.rank for f in fits)
    assert fits.count(Fit.STRONG) <= 3
    for item in data["causes"]:
        assert item["url"] == reverse("condition", kwargs={"slug": item["slug"]})
        assert all("{" not in r for r in item["reasons_for"] + item["reasons_against"])


# The library is frozen and read-only, so sharing one across examples is safe.
PROPERTY = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@PROPERTY
@given(data=st.data())
def test_any_valid_answers_give_a_valid_result(tiny_library: Library, data: st.DataObject) -> None:
    """No valid address can crash the engine or give a result outside the contract."""
    pairs = data.draw(answer_pairs(tiny_library))
    answers, _ = parse_answers(pairs, tiny_library.questionnaire)
    result = assess(answers, tiny_library.conditions, tiny_library.questionnaire)
    _valid(result.as_json(url_for=article_url), (c.slug for c in tiny_library.conditions))
    if answers.red_flags_answered:
        assert result.urgency != Urgency.UNCHECKED
    else:
        assert result.urgency in (Urgency.EMERGENCY, Urgency.URGENT, Urgency.UNCHECKED)
        unchecked = tiny_library.questionnaire.sentences["unchecked"]
        assert unchecked in [r.text for r in (*result.reasons, *result.also)]
    assert {r.urgency for r in result.reasons} == {result.urgency}
    assert all(r.urgency.rank > result.urgency.rank for r in result.also)


@PROPERTY
@given(data=st.data())
def test_adding_the_emergency_red_flag_always_gives_emergency(
    tiny_library: Library, data: st.DataObject
) -> None:
    """Safety first: nothing else said can ever lower an emergency sign."""
    pairs = data.draw(answer_pairs(tiny_library, red_flags=False))
    position = data.draw(st.integers(min_value=0, max_value=len(pairs)))
    pairs.insert(position, ("red_flag", "saddle-numbness"))
    result = run(tiny_library, *pairs)
    assert result.urgency == Urgency.EMERGENCY
    assert result.reasons[0].urgency == Urgency.EMERGENCY
