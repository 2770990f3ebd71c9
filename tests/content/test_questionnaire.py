"""The self-check schema on a small literal file: what loads, and what each part becomes.

The real self-check.yaml is long and changes with clinical review; this minimal file pins
how the loader reads each part (so a test failing here is about the loader, not the
content), and that each problem in it names its YAML line.
"""

from pathlib import Path

import pytest

from apps.content.files import ContentError, ContentProblem
from apps.content.library import load_library
from apps.content.markup import WarningSign
from apps.content.questionnaire import (
    NO_RED_FLAG,
    RED_FLAG_PARAM,
    SENTENCES,
    Questionnaire,
    load_questionnaire,
)
from apps.content.vocabulary import Urgency

NUMBER = "112"
"""Not the default 999, so a filled-in number is known to come from the argument."""

URGENCY_TEXTS: dict[str, tuple[str, str]] = {
    "emergency": ('"Emergency: call [[emergency-number]]"', "Do not wait. Go to A&E."),
    "urgent": (
        '"Urgent: get advice today"',
        "Call your GP today, or [[emergency-number]] if it gets worse.",
    ),
    "self-care": ('"Self-care"', "Look after yourself. [[not-better]]"),
}
"""Text for some urgencies; any other level of the vocabulary gets plain text below."""


def _urgencies_block() -> str:
    """Every level of Urgency needs a heading and advice: the file lists them all."""
    lines = ["urgencies:"]
    for level in Urgency:
        heading, advice = URGENCY_TEXTS.get(level.value, (f'"{level.label}"', "Book a visit."))
        lines += [f"  {level.value}:", f"    heading: {heading}", f"    advice: {advice}"]
    return "\n".join(lines) + "\n"


SENTENCE_TEXTS: dict[str, str] = {
    "nothing_urgent": "Nothing urgent.",
    "region_covered": "It hurts in the {places}, where {condition} can cause pain.",
    "typical": "You said {said}, typical of {condition}.",
    "against": "You said {said}, which points away from {condition}.",
}
"""Text for some sentences; every other sentence the engine writes gets its blanks below."""


def _sentences_block() -> str:
    """Every sentence the engine writes (SENTENCES), each using only its own blanks."""
    lines = ["sentences:"]
    for name, blanks in SENTENCES.items():
        text = SENTENCE_TEXTS.get(name) or " ".join(
            [f"The {name} sentence.", *("{" + blank + "}" for blank in sorted(blanks))]
        )
        lines.append(f'  {name}: "{text}"')
    return "\n".join(lines) + "\n"


MINIMAL = """\
intro: A short self-check. Call [[emergency-number]] if you are very unwell.
warning_sign_question:
  step: Warning signs
  question: Do you have any of these?
  hint: Tick every one you have.
  none: None of these
  first: Please answer this first.

snippets:
  not-better: See a GP if it is not better in a few weeks.
  call-now: "Call [[emergency-number]] now."

self_care:
  - Keep moving.
  - "[[not-better]]"

"""
MINIMAL += _urgencies_block()
MINIMAL += _sentences_block()
MINIMAL += """
red_flags:
  - id: chest-pain
    urgency: emergency
    label: Chest pain as well
    short: chest pain as well
    advice: "Call [[emergency-number]] now."
    reason: "You said you have chest pain. Call [[emergency-number]]."
    reference: "NHS: Back pain"
  - id: fever
    urgency: urgent
    label: A high temperature
    short: a high temperature
    advice: Get advice today.
    reason: You said you have a fever.
    reference: "NHS: Back pain"

questions:
  - id: onset
    step: How it started
    question: How did it start?
    multiple: false
    counts_toward_causes: false
    options:
      - {id: injury, label: "With a fall", said: "it started with a fall"}
      - {id: gradual, label: "Gradually", said: "it came on gradually"}
  - id: feeling
    step: What it feels like
    question: What does the pain feel like?
    hint: Tick all that fit.
    multiple: true
    counts_toward_causes: true
    options:
      - {id: sharp, label: "Sharp", said: "the pain is sharp"}
      - {id: weakness, label: "Weak", said: "your leg feels weak"}

rules:
  - id: weak-after-injury
    urgency: urgent
    when:
      onset: [injury]
      feeling: [weakness]
    reason: "You said your leg is weak after a fall. If it gets worse, call [[emergency-number]]."
    reference: "NHS: Back pain"
    sign:
      label: Weakness in the leg after a fall
      short: leg weakness after a fall
      advice: "Get checked today, or call [[emergency-number]] if both legs are weak."
"""


def _load(tmp_path: Path, text: str = MINIMAL) -> tuple[Questionnaire, list[ContentProblem]]:
    path = tmp_path / "self-check.yaml"
    path.write_text(text, encoding="utf-8")
    problems: list[ContentProblem] = []
    return load_questionnaire(path, problems, emergency_number=NUMBER), problems


def _line_of(text: str, needle: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in the fixture text")


def _edit(old: str, new: str) -> str:
    assert old in MINIMAL, f"fixture text {old!r} not found"
    return MINIMAL.replace(old, new, 1)


def test_the_minimal_file_loads_every_part(tmp_path: Path) -> None:
    """Every part the engine reads is present; a minimal valid file has no problems."""
    questionnaire, problems = _load(tmp_path)
    assert problems == []
    assert set(questionnaire.urgencies) == set(Urgency)
    assert [f.id for f in questionnaire.red_flags] == ["chest-pain", "fever"]
    assert [q.id for q in questionnaire.questions] == ["onset", "feeling"]
    assert [r.id for r in questionnaire.rules] == ["weak-after-injury"]
    assert set(questionnaire.sentences) == set(SENTENCES)
    assert questionnaire.question("feeling").hint == "Tick all that fit."
    assert questionnaire.question("onset").hint == ""


def test_single_valued_comes_from_multiple(tmp_path: Path) -> None:
    """Which answers take one value is content (``multiple:``), not a list in code."""
    questionnaire, _ = _load(tmp_path)
    assert questionnaire.single_valued == frozenset({"onset"})
    assert questionnaire.question("feeling").multiple is True


def test_profile_questions_come_from_counts_toward_causes(tmp_path: Path) -> None:
    """Only questions marked counts_toward_causes weigh causes (and need a profile block)."""
    questionnaire, _ = _load(tmp_path)
    assert [q.id for q in questionnaire.profile_questions] == ["feeling"]

    text = MINIMAL.replace("counts_toward_causes: false", "counts_toward_causes: maybe")
    text = text.replace("counts_toward_causes: true", "counts_toward_causes: false")
    text = text.replace("counts_toward_causes: maybe", "counts_toward_causes: true")
    flipped, problems = _load(tmp_path, text)
    assert problems == []
    assert [q.id for q in flipped.profile_questions] == ["onset"]


def test_placeholders_are_filled_with_the_given_number(tmp_path: Path) -> None:
    """Headings, reasons and advice people read carry the configured number, never a
    placeholder and never a number written in the file."""
    questionnaire, _ = _load(tmp_path)
    emergency = questionnaire.urgencies[Urgency.EMERGENCY]
    assert emergency.heading == f"Emergency: call {NUMBER}"
    assert questionnaire.urgencies[Urgency.SELF_CARE].advice == (
        "Look after yourself. See a GP if it is not better in a few weeks."
    )
    assert questionnaire.urgencies[Urgency.URGENT].advice.endswith(f"or {NUMBER} if it gets worse.")
    assert (
        questionnaire.red_flag("chest-pain").reason
        == f"You said you have chest pain. Call {NUMBER}."
    )
    assert questionnaire.rules[0].reason.endswith(f"call {NUMBER}.")
    assert questionnaire.intro.endswith(f"Call {NUMBER} if you are very unwell.")
    assert questionnaire.snippets.inline["emergency-number"] == NUMBER
    assert questionnaire.snippets.inline["call-now"] == f"Call {NUMBER} now."
    assert questionnaire.snippets.self_care == (
        "Keep moving.",
        "See a GP if it is not better in a few weeks.",
    )
    texts = [
        questionnaire.intro,
        *(t.heading + t.advice for t in questionnaire.urgencies.values()),
        *(f.reason for f in questionnaire.red_flags),
        *(r.reason for r in questionnaire.rules),
        *(s.advice for s in questionnaire.snippets.signs),
    ]
    assert not [text for text in texts if "[[" in text]


def test_red_flags_and_a_rules_sign_are_the_warning_signs(tmp_path: Path) -> None:
    """self-check.yaml is the one home of the warning signs: flags first, then rule signs."""
    questionnaire, _ = _load(tmp_path)
    assert questionnaire.snippets.signs == (
        WarningSign(
            Urgency.EMERGENCY, "Chest pain as well", "chest pain as well", f"Call {NUMBER} now."
        ),
        WarningSign(
            Urgency.URGENT, "A high temperature", "a high temperature", "Get advice today."
        ),
        WarningSign(
            Urgency.URGENT,
            "Weakness in the leg after a fall",
            "leg weakness after a fall",
            f"Get checked today, or call {NUMBER} if both legs are weak.",
        ),
    )
    assert [s.label for s in questionnaire.snippets.signs_of(Urgency.URGENT)] == [
        "A high temperature",
        "Weakness in the leg after a fall",
    ]


def test_the_vocabulary_accepts_each_question_and_red_flag(tmp_path: Path) -> None:
    """Query parameters are checked against these sets; 'none' is always a red-flag answer."""
    questionnaire, _ = _load(tmp_path)
    assert questionnaire.vocabulary == {
        "onset": frozenset({"injury", "gradual"}),
        "feeling": frozenset({"sharp", "weakness"}),
        RED_FLAG_PARAM: frozenset({"chest-pain", "fever", NO_RED_FLAG}),
    }
    assert questionnaire.rules[0].when[0].given == {
        "onset": frozenset({"injury"}),
        "feeling": frozenset({"weakness"}),
    }


@pytest.mark.parametrize(
    ("old", "new", "at", "field", "message"),
    [
        ("urgency: urgent\n    label: A high", "urgency: soon\n    label: A high",
         "urgency: soon", "red_flags[1].urgency", "'soon' is not one of"),
        ("multiple: true", "multiple: maybe",
         "multiple: maybe", "questions[1].multiple", "must be true or false"),
        ("typical of {condition}", "typical of {nope}",
         "typical of {nope}", "sentences.typical", "uses unknown blanks ['nope']"),
        ("onset: [injury]", "onset: [falling]",
         "onset: [falling]", "rules[0].when.onset", "has unknown values ['falling']"),
        ("onset: [injury]", "mood: [low]",
         "mood: [low]", "rules[0].when.mood", "names an unknown answer"),
        ("short: leg weakness after a fall", "short: leg weakness after a fall\n      colour: red",
         "colour: red", "rules[0].sign.colour", "is not a known field"),
    ],
)  # fmt: skip
def test_problems_name_the_yaml_line(
    tmp_path: Path, old: str, new: str, at: str, field: str, message: str
) -> None:
    """Each problem names the line holding the field at fault, so it is fixed in one go."""
    text = _edit(old, new)
    _, problems = _load(tmp_path, text)
    line = _line_of(text, at)
    path = tmp_path / "self-check.yaml"
    assert any(str(p).startswith(f"{path}:{line}: field '{field}': {message}") for p in problems), (
        "\n".join(map(str, problems))
    )


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("Keep moving.", "Keep moving. Call 999 if worse.", "instead of 999"),
        ("Go to A&E.", "Go to A&E. [[nope]]", "unknown directive [[nope]]"),
    ],
)
def test_written_numbers_and_unknown_placeholders_name_their_line(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    """The number is a setting and placeholders must exist, in this file as in articles."""
    text = _edit(old, new)
    _, problems = _load(tmp_path, text)
    line = _line_of(text, new)
    assert [(p.line, p.field) for p in problems if message in p.message] == [(line, "text")]


def test_a_missing_urgency_and_sentence_are_each_named(tmp_path: Path) -> None:
    """The engine needs a heading for every urgency and every sentence it writes."""
    text = _edit("  urgent:\n", "  not-a-level:\n")
    text = text.replace('  nothing_urgent: "Nothing urgent."\n', "")
    _, problems = _load(tmp_path, text)
    messages = [f"{p.field}: {p.message}" for p in problems]
    assert "urgencies: needs a heading and advice for 'urgent'" in messages
    assert "sentences.nothing_urgent: is missing" in messages


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        (
            "unless_fits_well: [sciatica,",
            "unless_fits_well: [sciatika,",
            "unless_fits_well",
        ),
        (
            "led_by: [peripheral-arterial-disease]",
            "led_by: [poor-blood-flow]",
            "led_by",
        ),
    ],
)
def test_a_cause_named_by_a_rule_or_advice_must_be_an_article(content_tree, old, new, field):
    """A misspelt slug would silently never match: the check names its file and line."""
    path = content_tree / "self-check.yaml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    line = next(n for n, row in enumerate(path.read_text().splitlines(), 1) if new in row)
    with pytest.raises(ContentError) as caught:
        load_library(content_tree, emergency_number="999")
    assert f"self-check.yaml:{line}:" in str(caught.value)
    assert field in str(caught.value) and new.split("[")[1].rstrip("]").rstrip(",") in str(
        caught.value
    )
