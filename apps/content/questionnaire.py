"""The self-check's schema: questions, warning signs, escalation rules and the sentences.

Everything a person reads (question wording, option labels, the "because you said ..."
phrases, the reason given for each urgency) is content, not code; so are the rules that
raise the urgency, each naming its reference, and which questions take one answer or
several, or count toward the causes. The engine only knows how to apply them.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils.translation import gettext, pgettext

from apps.content.files import ContentProblem, FileReader
from apps.content.markup import IN_ENGLISH, WRITTEN_NUMBER, Snippets, WarningSign
from apps.content.regions import AREAS, REGIONS, REGIONS_BY_ID
from apps.content.translation import Provenance, Translation
from apps.content.vocabulary import Urgency

RED_FLAG_PARAM = "red_flag"
NO_RED_FLAG = "none"
REGION_QUESTION = "region"
"""The question whose options are the body-map regions (labels from the region table)."""
BOTH_SIDES = "both_sides"
"""A rule clause: some of these areas were ticked on the left and on the right."""
UNANSWERED = "unanswered"
"""A rule clause: none of these questions was answered."""
NOT = "not"
"""A rule clause: none of these values was given (``not: {about: [previous-episodes]}``)."""
EVERY = "all"
"""A rule clause: every one of these values was given (``all: {pattern: [a, b]}``)."""
ONE_SIDE = "one_side"
"""A rule clause: some of these areas hurt, all on the same side (a one-leg picture)."""
NUMBER = "number"
"""A question answered with a whole number (age); its options are older bands."""
SPAN = re.compile(r"(\d{1,3})-(\d{1,3})")
WHOLE_NUMBER = re.compile(r"0|[1-9]\d{0,2}")

FORM_BLANK = re.compile(r"[cC]ondition_([a-z]+)")
"""A blank for one form of a condition's name (``{condition_of}``): each condition gives
its forms in ``sentence_forms``, so a language can decline a name as its grammar needs."""

SENTENCES: dict[str, frozenset[str]] = {
    "nothing_urgent": frozenset(),
    "unchecked": frozenset(),
    "region_covered": frozenset({"places", "condition", "Condition"}),
    "region_not_covered": frozenset({"place", "condition", "Condition"}),
    "typical": frozenset({"said", "condition", "Condition"}),
    "possible": frozenset({"said", "condition", "Condition"}),
    "against": frozenset({"said", "condition", "Condition"}),
    "unlisted": frozenset({"said", "condition", "Condition"}),
    "missing_typical": frozenset({"usual", "condition", "Condition"}),
    "key_missing": frozenset({"key", "condition", "Condition"}),
    "key_given": frozenset({"key", "condition", "Condition"}),
    "sign_first": frozenset({"condition", "Condition"}),
    "sign_first_note": frozenset(),
    "context_missing": frozenset({"context", "condition", "Condition"}),
    "no_clear_match": frozenset(),
    "site_covers": frozenset({"count"}),
    "span_from": frozenset({"low"}),
    "span_under": frozenset({"limit"}),
    "span_between": frozenset({"low", "high"}),
}
"""The sentences the engine writes, each with the blanks it fills in."""


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """Whole numbers from ``low`` to ``high``, both included (an age range: "50-120")."""

    low: int
    high: int

    def within(self, other: Span) -> bool:
        return other.low <= self.low and self.high <= other.high

    def overlaps(self, other: Span) -> bool:
        return self.low <= other.high and other.low <= self.high


@dataclass(frozen=True, slots=True)
class Answers:
    """What the person said: parameter -> values (absent when not answered).

    ``spans`` holds what a number answer means as a range: "34" is 34 to 34, the older
    band "50-plus" is 50 to 120 (its least specific meaning, as the contract says).
    """

    values: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    spans: Mapping[str, Span] = field(default_factory=dict)

    def get(self, name: str) -> tuple[str, ...]:
        return self.values.get(name, ())

    @property
    def red_flags(self) -> tuple[str, ...]:
        return tuple(v for v in self.get(RED_FLAG_PARAM) if v != NO_RED_FLAG)

    @property
    def red_flags_answered(self) -> bool:
        return bool(self.get(RED_FLAG_PARAM))

    @property
    def describes_the_pain(self) -> bool:
        """Whether anything beyond the warning signs was answered (what narrows causes)."""
        return any(values for name, values in self.values.items() if name != RED_FLAG_PARAM)

    def pairs(self, *, without: Iterable[str] = ()) -> list[tuple[str, str]]:
        """The answers as query pairs, in a stable order (for links and hidden fields)."""
        skip = set(without)
        return [
            (name, value)
            for name, values in self.values.items()
            if name not in skip
            for value in values
        ]


@dataclass(frozen=True, slots=True)
class Clauses:
    """Conditions on the answers that must all hold: a rule's ``when``, one way a
    follow-up is asked, one form of a condition's key feature.

    ``given``: at least one of the values was given; ``spans``: the number answer is known
    to lie in one of the ranges (a band only when the whole band does); ``absent``: none
    of the values was given; ``both_sides``: some of these areas hurt on the left and
    some on the right; ``unanswered``: none of these questions was answered; ``every``:
    all of the values were given; ``one_side``: some of these areas hurt, all on one side.
    """

    given: Mapping[str, frozenset[str]] = field(default_factory=dict)
    spans: Mapping[str, tuple[Span, ...]] = field(default_factory=dict)
    absent: Mapping[str, frozenset[str]] = field(default_factory=dict)
    both_sides: frozenset[str] = frozenset()
    unanswered: frozenset[str] = frozenset()
    every: Mapping[str, frozenset[str]] = field(default_factory=dict)
    one_side: frozenset[str] = frozenset()

    def holds(self, answers: Answers) -> bool:
        if not all(set(answers.get(name)) & values for name, values in self.given.items()):
            return False
        if not all(values <= set(answers.get(name)) for name, values in self.every.items()):
            return False
        if self.one_side and len(_sides(answers, self.one_side)) != 1:
            return False
        for name, spans in self.spans.items():
            span = answers.spans.get(name)
            if span is None or not any(span.within(allowed) for allowed in spans):
                return False
        if any(set(answers.get(name)) & values for name, values in self.absent.items()):
            return False
        if self.both_sides and not _both_sides(answers, self.both_sides):
            return False
        return not any(answers.get(name) for name in self.unanswered)


def _sides(answers: Answers, areas: frozenset[str]) -> set[str]:
    """The sides ("left", "right") on which some of these areas were ticked."""
    return {
        REGIONS_BY_ID[r].side
        for r in answers.get(REGION_QUESTION)
        if r in REGIONS_BY_ID and REGIONS_BY_ID[r].area in areas
    }


def _both_sides(answers: Answers, areas: frozenset[str]) -> bool:
    """Whether some of these areas were ticked on the left and some on the right."""
    return {"left", "right"} <= _sides(answers, areas)


def any_holds(alternatives: tuple[Clauses, ...], answers: Answers) -> bool:
    return any(clauses.holds(answers) for clauses in alternatives)


@dataclass(frozen=True, slots=True)
class Option:
    id: str
    label: str
    said: str
    weighs: bool = True
    """False for answers that only ever change the urgency, never the causes."""
    context: bool = False
    """Said by almost everyone (a plain ache): it can raise or lower a fit, never make one."""
    span: Span | None = None
    """For an older band of a number question: the numbers it stands for."""
    safety: bool = False
    """A follow-up's answer that raises the urgency (both legs, new or getting worse):
    it still counts when a later answer means the question is no longer asked, because
    a safety answer is never cancelled by a milder one (clinical notes 8.1)."""


@dataclass(frozen=True)
class NumberChoices:
    """The accepted values of a number question: a whole number in range, or a band."""

    low: int
    high: int
    bands: frozenset[str]

    def __contains__(self, value: object) -> bool:
        if value in self.bands:
            return True
        return (
            isinstance(value, str)
            and WHOLE_NUMBER.fullmatch(value) is not None
            and self.low <= int(value) <= self.high
        )

    def __iter__(self) -> Iterator[str]:
        """The bands (a whole number in range is accepted too, but not listed)."""
        return iter(sorted(self.bands))

    @property
    def accepted(self) -> tuple[str, ...]:
        """How the accepted values are named in a 400."""
        number = gettext("a whole number from %(low)s to %(high)s")
        return (number % {"low": self.low, "high": self.high}, *sorted(self.bands))


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    step: str
    question: str
    hint: str
    multiple: bool
    counts_toward_causes: bool
    options: tuple[Option, ...]
    ask_when: tuple[Clauses, ...] = ()
    """A follow-up: asked only when one of these holds for the earlier answers."""
    kind: str = "choice"
    """``choice`` (options to tick) or ``number`` (a whole number; options are bands)."""
    minimum: int = 0
    maximum: int = 0
    said: str = ""
    """For a number question: how an answer is said, with ``{value}`` ("you are {value}")."""
    context: bool = False
    """Age and how long: they can raise or lower a fit, never make one alone."""
    unlisted_counts: bool = True
    """False where an answer a profile does not list says nothing (being a smoker is
    not evidence against sciatica)."""
    same_step_as: str = ""
    """Asked on the step of that question, below it (other places that hurt)."""

    def option(self, option_id: str) -> Option:
        return next(o for o in self.options if o.id == option_id)

    @property
    def option_ids(self) -> frozenset[str]:
        return frozenset(o.id for o in self.options)

    @property
    def is_number(self) -> bool:
        return self.kind == NUMBER

    @property
    def choices(self) -> frozenset[str] | NumberChoices:
        """The values this question accepts in an address."""
        if self.is_number:
            return NumberChoices(self.minimum, self.maximum, self.option_ids)
        return self.option_ids

    def span_of(self, value: str) -> Span | None:
        """What an answer means as a range (number questions only)."""
        if not self.is_number:
            return None
        if value in self.option_ids:
            return self.option(value).span
        return Span(int(value), int(value))

    def label_of(self, value: str) -> str:
        if self.is_number and value not in self.option_ids:
            return value
        return self.option(value).label

    def said_of(self, value: str) -> str:
        if self.is_number and value not in self.option_ids:
            return self.said.format(value=value)
        return self.option(value).said

    def is_context(self, value: str) -> bool:
        return self.context or (value in self.option_ids and self.option(value).context)

    def weighs(self, value: str) -> bool:
        return value not in self.option_ids or self.option(value).weighs

    def is_asked(self, answers: Answers) -> bool:
        """Whether the answers so far bring this question up (always, if not a follow-up)."""
        return not self.ask_when or any_holds(self.ask_when, answers)


@dataclass(frozen=True, slots=True)
class RedFlag:
    id: str
    urgency: Urgency
    label: str
    reason: str
    reference: str
    lang: str = ""
    """"en" when a translated library shows this sign in English (its translation is
    missing or older than the English): a safety fact is never shown out of date."""


@dataclass(frozen=True, slots=True)
class Rule:
    """An escalation: when the clauses hold, urgency is at least ``urgency``."""

    id: str
    urgency: Urgency
    when: tuple[Clauses, ...]
    """The rule applies when any one of these holds."""
    reason: str
    reference: str
    nothing_fits: bool = False
    """Applies only when no cause fits well (clinical notes section 7)."""
    unless_fits_well: frozenset[str] = frozenset()
    """Applies only when none of these causes (condition slugs) fits well: a nerve
    symptom is still unexplained beside a strong fit that does not explain it."""
    always_first: bool = False
    """While this rule applies, only a condition that explains it may fit well. Every
    urgent or emergency rule and red flag does this (clinical notes 8.2); a lower rule
    says so in the content (pain at night under 20)."""

    def holds(self, answers: Answers) -> bool:
        return any_holds(self.when, answers)

    @property
    def waits_for_causes(self) -> bool:
        """Whether it can only be weighed once the causes are ranked."""
        return self.nothing_fits or bool(self.unless_fits_well)

    @property
    def speaks_first(self) -> bool:
        return self.always_first or self.urgency.rank < Urgency.UNCHECKED.rank


@dataclass(frozen=True, slots=True)
class Expectation:
    """How one answer dimension looks for one condition (ranges for a number question)."""

    typical: frozenset[str] = frozenset()
    possible: frozenset[str] = frozenset()
    against: frozenset[str] = frozenset()
    spans: Mapping[str, tuple[Span, ...]] = field(default_factory=dict)
    """For a number question: kind ("typical", ...) -> the ranges of that kind."""

    def kind_of(self, value: str, span: Span | None) -> str | None:
        """``typical``, ``possible``, ``against`` or None (not listed) for one answer.

        A range answer (an older age band) is typical or against only when the whole
        band is; a band that only overlaps a listed range is possible.
        """
        if span is None:
            for kind in ("typical", "possible", "against"):
                if value in getattr(self, kind):
                    return kind
            return None
        for kind in ("typical", "against", "possible"):
            if any(span.within(s) for s in self.spans.get(kind, ())):
                return kind
        listed = (*self.spans.get("typical", ()), *self.spans.get("possible", ()))
        if any(span.overlaps(s) for s in listed):
            return "possible"
        return None

    @property
    def has_typical(self) -> bool:
        return bool(self.typical or self.spans.get("typical"))


_NOTHING_EXPECTED = Expectation()


@dataclass(frozen=True, slots=True)
class KeyFeature:
    """What must have been said before a condition can fit well (clinical notes section 7)."""

    said: str
    """In plain words, for "the main sign of ... is ..., and you did not say this"."""
    any: tuple[Clauses, ...] = ()
    unless: tuple[Clauses, ...] = ()
    """Pictures that it never is, even with one of ``any`` (a tight calf beside a
    possible clot is not muscle tightness: clinical notes 8.2)."""

    def given(self, answers: Answers) -> bool:
        return any_holds(self.any, answers) and not any_holds(self.unless, answers)


@dataclass(frozen=True, slots=True)
class Context:
    """What a condition cannot be without (pelvic girdle pain: pregnancy or a recent
    birth). Without it the condition is unlikely and is not listed as possible
    (clinical notes 8.2)."""

    said: str
    any: tuple[Clauses, ...] = ()

    def given(self, answers: Answers) -> bool:
        return not self.any or any_holds(self.any, answers)


@dataclass(frozen=True, slots=True)
class Profile:
    """How a condition typically presents, one Expectation per answer dimension."""

    dimensions: Mapping[str, Expectation] = field(default_factory=dict)
    key: KeyFeature = field(default_factory=lambda: KeyFeature(""))
    suggest_exercises: bool = True
    """False where exercises wait for a professional (a clot, a fracture, poor circulation,
    pelvic girdle pain in pregnancy): a plan led by this cause suggests none."""
    requires: Context | None = None
    """The context the condition cannot be without, if any."""
    explains: frozenset[str] = frozenset()
    """The warning signs (red flag and rule ids) this condition explains: beside one of
    them, only a condition that explains it may fit well."""

    def expect(self, dimension: str) -> Expectation:
        return self.dimensions.get(dimension, _NOTHING_EXPECTED)


@dataclass(frozen=True, slots=True)
class UrgencyText:
    heading: str
    advice: str
    lead_in: str = ""
    """Introduces this level's warning signs where a page places them."""
    lang: str = ""
    """"en" when a translated library shows this level in English (see RedFlag.lang)."""


@dataclass(frozen=True, slots=True)
class WarningSignQuestion:
    """How the warning-sign question is put: it is not one of the ordinary questions."""

    step: str = ""
    question: str = ""
    hint: str = ""
    none: str = ""
    """The label of "None of these"."""
    first: str = ""
    """Said when a later step is asked for before this one is answered."""


@dataclass(frozen=True, slots=True)
class SelfCareItem:
    text: str
    caution: str = ""
    """Who should check first (the cautions of a medicine): said with the advice on a
    page, one tap away on a result, where a phone screen holds little."""
    only: tuple[Clauses, ...] = ()
    """Shown only when one of these holds (and never on pages, which are for everyone)."""
    unless: tuple[Clauses, ...] = ()
    """Left out when one of these holds."""
    led_by: frozenset[str] = frozenset()
    """Shown only on a result led by one of these causes (condition slugs)."""
    unless_led_by: frozenset[str] = frozenset()
    """Left out of a result led by one of these causes (poor circulation has its own)."""

    @property
    def in_full(self) -> str:
        """The advice with its caution, as a page says it."""
        return f"{self.text} {self.caution}" if self.caution else self.text

    def suits(self, answers: Answers | None, leading: str | None = None) -> bool:
        if answers is None:
            return not self.only and not self.led_by
        if self.only and not any_holds(self.only, answers):
            return False
        if self.led_by and leading not in self.led_by:
            return False
        if leading is not None and leading in self.unless_led_by:
            return False
        return not any_holds(self.unless, answers)


@dataclass(frozen=True, slots=True)
class Questionnaire:
    urgencies: Mapping[Urgency, UrgencyText] = field(default_factory=dict)
    red_flags: tuple[RedFlag, ...] = ()
    questions: tuple[Question, ...] = ()
    rules: tuple[Rule, ...] = ()
    intro: str = ""
    warning_sign_question: WarningSignQuestion = field(default_factory=WarningSignQuestion)
    sentences: Mapping[str, str] = field(default_factory=dict)
    words: Mapping[str, str] = field(default_factory=dict)
    """The sentences, with the words that join a list (JOIN_AND, JOIN_OR) beside them."""
    snippets: Snippets = field(default_factory=lambda: Snippets({}, (), ()))
    vocabulary: Mapping[str, frozenset[str] | NumberChoices] = field(default_factory=dict)
    """The accepted values of each parameter (the contract's ids plus any content adds)."""
    self_care_items: tuple[SelfCareItem, ...] = ()
    """The self-care list, each item with the answers it is for or not for."""
    general_guides: tuple[str, ...] = ()
    """Slugs of the pages a plan offers when no cause fits well."""
    narrowing_answers: tuple[str, ...] = ()
    provenance: Provenance | None = field(default=None, repr=False, compare=False)
    """In a translated library: where the words came from, and which entries stay in
    English (``stale_entries``); None in English."""
    """The questions (places, feelings) after which "no cause fits well" can be said."""

    def self_care_for(self, answers: Answers, *, leading: str | None = None) -> tuple[str, ...]:
        """The self-care list for these answers and the cause that leads the result: never
        advice that contradicts them (no anti-inflammatory suggestion for someone who is
        pregnant; poor circulation gets its own list, clinical notes 8.3)."""
        return tuple(item.in_full for item in self.items_for(answers, leading=leading))

    def items_for(
        self, answers: Answers, *, leading: str | None = None
    ) -> tuple[SelfCareItem, ...]:
        """The self-care items for these answers, each with its caution apart."""
        return tuple(item for item in self.self_care_items if item.suits(answers, leading))

    @property
    def name_forms(self) -> frozenset[str]:
        """The forms of a condition's name the sentences use (``of`` for
        ``{condition_of}``): every condition of the library must give each of them."""
        used = set()
        for text in self.sentences.values():
            for _, blank, _, _ in string.Formatter().parse(text):
                if blank and (match := FORM_BLANK.fullmatch(blank)):
                    used.add(match[1])
        return frozenset(used)

    def question(self, question_id: str) -> Question:
        return next(q for q in self.questions if q.id == question_id)

    def red_flag(self, flag_id: str) -> RedFlag:
        return next(f for f in self.red_flags if f.id == flag_id)

    @property
    def profile_questions(self) -> tuple[Question, ...]:
        """The questions whose answers count toward the causes (regions count apart)."""
        return tuple(
            q for q in self.questions if q.counts_toward_causes and q.id != REGION_QUESTION
        )

    @property
    def single_valued(self) -> frozenset[str]:
        return frozenset(q.id for q in self.questions if not q.multiple)

    def companions(self, question_id: str) -> tuple[Question, ...]:
        """The questions asked on the same step, below this one."""
        return tuple(q for q in self.questions if q.same_step_as == question_id)


ProblemSink = Callable[[str, str], None]


class _Reader:
    """The self-check file, with placeholders filled in as each piece of text is read."""

    def __init__(self, reader: FileReader, fill: Callable[[str], str]) -> None:
        self.file = reader
        self.fill = fill

    def text(self, item: Mapping[str, Any], key: str, where: str) -> str:
        return self.fill(self.file.text(item, key, where=where))

    def optional_text(self, item: Mapping[str, Any], key: str, where: str) -> str:
        return self.fill(self.file.optional_text(item, key, where=where))

    def urgency(self, item: Mapping[str, Any], where: str) -> Urgency:
        """A red flag's or rule's urgency: ``unchecked`` is a result, never a sign's level."""
        value = item.get("urgency")
        levels = [level.value for level in Urgency if level != Urgency.UNCHECKED]
        if value not in levels:
            self.file.problem(f"{where}urgency", f"{value!r} is not one of {', '.join(levels)}")
            return Urgency.SELF_CARE
        return Urgency(value)

    def items(self, data: Mapping[str, Any], key: str, message: str) -> list[tuple[str, dict]]:
        raw = data.get(key)
        if not isinstance(raw, list) or not raw:
            self.file.problem(key, message)
            return []
        items = []
        for index, item in enumerate(raw):
            where = f"{key}[{index}]"
            if not isinstance(item, dict):
                self.file.problem(where, "must be a mapping of field: value")
                continue
            items.append((f"{where}.", item))
        return items


def load_questionnaire(
    path: Path,
    problems: list[ContentProblem],
    *,
    emergency_number: str,
    translation: Translation | None = None,
) -> Questionnaire:
    """Read the self-check file; note problems (file, line, field) in ``problems``.

    Through a translation, each entry's words are the translation's while it is current,
    and the English (marked ``lang="en"``) once the English entry has changed.
    """
    file = FileReader(path, problems, translation=translation)
    data = file.read_yaml(by_entry=True)
    if data is None:
        return Questionnaire(snippets=Snippets({"emergency-number": emergency_number}, (), ()))
    inline = _resolve({**_snippets(file, data), "emergency-number": emergency_number}, file)
    fill = Snippets(inline, (), ()).fill
    _scan_lines(file, Snippets(inline, (), ()))
    read = _Reader(file, fill)
    required = ("intro", "warning_sign_question", "snippets", "self_care", "urgencies")
    required += ("sentences", "red_flags")
    optional = ("questions", "rules", "general_guides", "narrowing_answers")
    file.known_keys(data, (*required, *optional), where="", required=required)

    signs: list[WarningSign] = []
    red_flags = []
    flag_items = read.items(data, "red_flags", "must list the red flags")
    file.unique(flag_items)
    for where, item in flag_items:
        keys = ("id", "urgency", "label", "short", "advice", "reason", "reference")
        file.known_keys(item, (*keys, "critical"), where=where, required=keys)
        flag_id = read.text(item, "id", where)
        flag = RedFlag(
            id=flag_id,
            urgency=read.urgency(item, where),
            label=read.text(item, "label", where),
            reason=read.text(item, "reason", where),
            reference=read.text(item, "reference", where),
            lang=_english_if(file, f"red_flags.{flag_id}"),
        )
        red_flags.append(flag)
        signs.append(
            WarningSign(
                flag.urgency,
                flag.label,
                read.text(item, "short", where),
                read.text(item, "advice", where),
                lang=flag.lang,
                critical=item.get("critical") is True,
            )
        )
        if not isinstance(item.get("critical", False), bool):
            file.problem(f"{where}critical", "must be true or false")
    vocabulary: dict[str, frozenset[str] | NumberChoices] = {
        RED_FLAG_PARAM: frozenset({f.id for f in red_flags} | {NO_RED_FLAG})
    }
    questions = _questions(read, data, vocabulary)
    vocabulary.update({q.id: q.choices for q in questions})
    by_id = {q.id: q for q in questions}
    rules = _rules(read, data, by_id, vocabulary, signs)
    self_care = _self_care(read, data, by_id, vocabulary)
    _check_causes(file, path, rules, self_care)

    urgencies: dict[Urgency, UrgencyText] = {}
    raw_urgencies = data.get("urgencies") if isinstance(data.get("urgencies"), dict) else {}
    for level in Urgency:
        where = f"urgencies.{level.value}"
        item = raw_urgencies.get(level.value)
        if not isinstance(item, dict):
            file.problem("urgencies", f"needs a heading and advice for '{level.value}'")
            continue
        file.known_keys(item, ("heading", "advice", "lead_in"), where=f"{where}.", required=())
        urgencies[level] = UrgencyText(
            heading=read.text(item, "heading", f"{where}."),
            advice=read.text(item, "advice", f"{where}."),
            lead_in=read.optional_text(item, "lead_in", f"{where}."),
            lang=_english_if(file, where),
        )
    return Questionnaire(
        urgencies=urgencies,
        red_flags=tuple(red_flags),
        questions=questions,
        rules=rules,
        intro=read.text(data, "intro", ""),
        warning_sign_question=_warning_sign_question(read, data),
        sentences=(sentences := _sentences(read, data)),
        words=_words(sentences),
        snippets=Snippets(
            inline=inline,
            signs=tuple(signs),
            self_care=tuple(item.in_full for item in self_care if item.suits(None)),
            lead_ins={
                level: (IN_ENGLISH if text.lang else "") + text.lead_in
                for level, text in urgencies.items()
                if text.lead_in
            },
        ),
        vocabulary=vocabulary,
        self_care_items=self_care,
        general_guides=file.id_list(data, "general_guides"),
        narrowing_answers=_narrowing(file, data, vocabulary),
        provenance=file.provenance,
    )


def _narrowing(
    file: FileReader, data: Mapping[str, Any], vocabulary: Mapping[str, Any]
) -> tuple[str, ...]:
    """The questions after which "no cause fits well" may be said; each must exist."""
    names = file.id_list(data, "narrowing_answers")
    for name in names:
        if name not in vocabulary:
            file.problem("narrowing_answers", f"'{name}' is not a question")
    return names


CONDITIONS_FOLDER = "conditions"


def _check_causes(
    file: FileReader, path: Path, rules: Iterable[Rule], items: Iterable[SelfCareItem]
) -> None:
    """Causes named by rules and self-care items must be articles of the library: each
    article's slug is its file's name, so the folder beside this file says which exist."""
    known = {p.stem for p in (path.parent / CONDITIONS_FOLDER).glob("*.md")}
    named = [
        (f"rules[{index}].unless_fits_well", rule.unless_fits_well)
        for index, rule in enumerate(rules)
    ]
    named += [
        (f"self_care[{index}].{key}", getattr(item, key))
        for index, item in enumerate(items)
        for key in ("led_by", "unless_led_by")
    ]
    for where, slugs in named:
        for slug in sorted(set(slugs) - known):
            file.problem(where, f"'{slug}' is not a condition (known: {', '.join(sorted(known))})")


def _self_care(
    read: _Reader,
    data: Mapping[str, Any],
    questions: Mapping[str, Question],
    vocabulary: Mapping[str, Any],
) -> tuple[SelfCareItem, ...]:
    """The self-care list: text, or ``{text, only, unless}`` where an item suits only
    some people (``unless: {about: [pregnant]}``)."""
    raw = data.get("self_care")
    if not isinstance(raw, list) or not raw:
        read.file.problem("self_care", "must list the self-care advice")
        return ()
    items = []
    for index, item in enumerate(raw):
        where = f"self_care[{index}]"
        if isinstance(item, str):
            item = {"text": item}
        if not isinstance(item, dict):
            read.file.problem(where, "must be text, or a mapping with text, only and unless")
            continue
        read.file.known_keys(
            item,
            ("text", "caution", "only", "unless", "led_by", "unless_led_by"),
            where=f"{where}.",
            required=(),
        )
        alternatives = {}
        for key in ("only", "unless"):
            alternatives[key] = (
                _alternatives(
                    item[key],
                    where=f"{where}.{key}",
                    questions=questions,
                    vocabulary=vocabulary,
                    problem=read.file.problem,
                )
                if key in item
                else ()
            )
        causes = {
            key: frozenset(read.file.id_list(item, key, where=f"{where}."))
            for key in ("led_by", "unless_led_by")
        }
        items.append(
            SelfCareItem(
                read.text(item, "text", f"{where}."),
                read.optional_text(item, "caution", f"{where}."),
                **alternatives,
                **causes,
            )
        )
    return tuple(items)


def parse_span(raw: Any) -> Span | None:
    """``"50-120"`` as a Span; None when it is not a range of whole numbers."""
    match = SPAN.fullmatch(raw) if isinstance(raw, str) else None
    if match is None:
        return None
    span = Span(int(match[1]), int(match[2]))
    return span if span.low <= span.high else None


def _alternatives(
    raw: Any,
    *,
    where: str,
    questions: Mapping[str, Question],
    vocabulary: Mapping[str, Any],
    problem: ProblemSink,
) -> tuple[Clauses, ...]:
    """One mapping of clauses, or a list of them of which any may hold."""
    if isinstance(raw, dict):
        raw = [raw]
    if not isinstance(raw, list) or not raw:
        problem(where, "must be a mapping of answers to values, or a list of such mappings")
        return ()
    return tuple(
        parse_clauses(
            item,
            where=f"{where}[{index}]" if len(raw) > 1 else where,
            questions=questions,
            vocabulary=vocabulary,
            problem=problem,
        )
        for index, item in enumerate(raw)
    )


def parse_clauses(
    raw: Any,
    *,
    where: str,
    questions: Mapping[str, Question],
    vocabulary: Mapping[str, Any],
    problem: ProblemSink,
) -> Clauses:
    """Read ``{answer: [values], not: {...}, all: {...}, both_sides: [...], one_side: [...],
    unanswered: [...]}``.

    A number question's values are ranges written ``"low-high"`` (``"50-120"``).
    """
    if not isinstance(raw, dict) or not raw:
        problem(where, "must map answers to the values that make it hold")
        return Clauses()
    given: dict[str, frozenset[str]] = {}
    spans: dict[str, tuple[Span, ...]] = {}
    absent: dict[str, frozenset[str]] = {}
    both_sides: frozenset[str] = frozenset()
    one_side: frozenset[str] = frozenset()
    unanswered: frozenset[str] = frozenset()
    every: dict[str, frozenset[str]] = {}
    for key, values in raw.items():
        at = f"{where}.{key}"
        if key in (NOT, EVERY):
            into = absent if key == NOT else every
            if not isinstance(values, dict) or not values:
                problem(at, "must map answers to lists of values")
                continue
            for name, listed in values.items():
                read = _values(name, listed, f"{at}.{name}", questions, vocabulary, problem)
                if isinstance(read, frozenset):
                    into[name] = read
            continue
        if not _is_id_list(values) or not values:
            problem(at, "must be a list of ids, such as [shooting, numbness]")
        elif key in (BOTH_SIDES, ONE_SIDE):
            if not set(values) <= AREAS:
                problem(at, f"must list areas of {', '.join(sorted(AREAS))}")
                continue
            if key == BOTH_SIDES:
                both_sides = frozenset(values)
            else:
                one_side = frozenset(values)
        elif key == UNANSWERED:
            if not set(values) <= set(vocabulary):
                problem(at, f"must list questions of {', '.join(sorted(vocabulary))}")
                continue
            unanswered = frozenset(values)
        else:
            read = _values(key, values, at, questions, vocabulary, problem)
            if isinstance(read, frozenset):
                given[key] = read
            elif read is not None:
                spans[key] = read
    return Clauses(given, spans, absent, both_sides, unanswered, every, one_side)


def _values(
    name: str,
    values: Any,
    at: str,
    questions: Mapping[str, Question],
    vocabulary: Mapping[str, Any],
    problem: ProblemSink,
) -> frozenset[str] | tuple[Span, ...] | None:
    """The values of one clause: ids, or ranges for a number question."""
    if name not in vocabulary:
        problem(at, f"names an unknown answer (known: {', '.join(sorted(vocabulary))})")
        return None
    if not isinstance(values, list) or not values:
        problem(at, "must be a list")
        return None
    question = questions.get(name)
    if question is not None and question.is_number:
        spans = tuple(parse_span(v) for v in values)
        if None in spans:
            problem(
                at,
                f'must list ranges of {name} written low-high, such as "50-120" '
                f"(from {question.minimum} to {question.maximum})",
            )
            return None
        return tuple(s for s in spans if s is not None)
    if not _is_id_list(values):
        problem(at, "must be a list of ids, such as [shooting, numbness]")
        return None
    unknown = set(values) - set(vocabulary[name])
    if unknown:
        problem(at, f"has unknown values {sorted(unknown)}")
    return frozenset(values)


def _english_if(file: FileReader, entry: str) -> str:
    """ "en" for an entry a translated library shows in English, else ""."""
    return "en" if file.translation is not None and entry in file.english_only else ""


def _resolve(inline: dict[str, str], file: FileReader) -> dict[str, str]:
    """Fill snippets that place other snippets, however deep; a loop is a problem."""
    for _ in range(len(inline)):
        filled = {name: Snippets(inline, (), ()).fill(text) for name, text in inline.items()}
        if filled == inline:
            return inline
        inline = filled
    for name, text in inline.items():
        if f"[[{name}]]" in text or any(f"[[{other}]]" in text for other in inline):
            file.problem(f"snippets.{name}", "places itself, through other snippets")
    return inline


def _warning_sign_question(read: _Reader, data: Mapping[str, Any]) -> WarningSignQuestion:
    raw = data.get("warning_sign_question")
    keys = ("step", "question", "hint", "none", "first")
    if not isinstance(raw, dict):
        read.file.problem("warning_sign_question", f"must give {', '.join(keys)}")
        return WarningSignQuestion()
    read.file.known_keys(raw, keys, where="warning_sign_question.", required=keys)
    return WarningSignQuestion(
        **{key: read.text(raw, key, "warning_sign_question.") for key in keys}
    )


def _snippets(file: FileReader, data: Mapping[str, Any]) -> dict[str, str]:
    """Facts said once, each placed anywhere with [[name]]."""
    raw = data.get("snippets")
    if not isinstance(raw, dict):
        file.problem("snippets", "must map each name to the text it stands for")
        return {}
    snippets = {}
    for name in raw:
        if not isinstance(name, str) or not re.fullmatch(r"[a-z][a-z-]*", name):
            file.problem(f"snippets.{name}", "a name is lower-case words joined by hyphens")
            continue
        if name == "emergency-number":
            file.problem(
                f"snippets.{name}", "is the EMERGENCY_NUMBER setting; it cannot be a snippet"
            )
            continue
        snippets[name] = file.text(raw, name, where="snippets.")
    return snippets


def _is_id_list(values: Any) -> bool:
    return isinstance(values, list) and all(isinstance(value, str) for value in values)


def _scan_lines(file: FileReader, snippets: Snippets) -> None:
    """Unknown placeholders, and the emergency number written out instead of placed."""
    for number, line in enumerate(file.path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.lstrip().startswith("#"):
            continue
        for message in snippets.problems_in(line, inline_only=True):
            file.problem("text", message, line=number)
        if WRITTEN_NUMBER.search(line.split("#", 1)[0]):
            file.problem(
                "text",
                "the emergency number is a setting: write [[emergency-number]] instead of 999",
                line=number,
            )


def _sentences(read: _Reader, data: Mapping[str, Any]) -> dict[str, str]:
    raw = data.get("sentences")
    if not isinstance(raw, dict):
        read.file.problem("sentences", "must map each sentence the self-check writes to its text")
        return {}
    read.file.known_keys(raw, SENTENCES, where="sentences.", required=SENTENCES)
    sentences = {}
    for name, blanks in SENTENCES.items():
        text = read.text(raw, name, "sentences.")
        try:
            used = {b for _, b, _, _ in string.Formatter().parse(text) if b is not None}
        except ValueError as error:
            read.file.problem(f"sentences.{name}", f"has a stray brace ({error})")
            continue
        forms = {b for b in used if "condition" in blanks and FORM_BLANK.fullmatch(b)}
        if used - blanks - forms:
            read.file.problem(
                f"sentences.{name}",
                f"uses unknown blanks {sorted(used - blanks - forms)} (it may use: "
                + (", ".join("{" + b + "}" for b in sorted(blanks)) or "none")
                + (
                    ", or a form of the name, such as {condition_of}"
                    if "condition" in blanks
                    else ""
                )
                + ")",
            )
        else:
            try:
                text.format(**dict.fromkeys(blanks | forms, "x"))
            except (ValueError, KeyError, IndexError, AttributeError) as error:
                read.file.problem(f"sentences.{name}", f"cannot be filled in ({error!r})")
        sentences[name] = text
    return sentences


JOIN_AND, JOIN_OR = "join:and", "join:or"
"""Keys of ``Questionnaire.words`` that hold the words joining a list (not content)."""


def _words(sentences: Mapping[str, str]) -> dict[str, str]:
    """The sentences, and the words that join a list in the language the library is
    loaded in: the engine joins a list on nearly every cause of every result, and a
    gettext call each time was measured (see apps.content.words)."""
    return {
        **sentences,
        JOIN_AND: pgettext("joining the last two of a list", "and"),
        JOIN_OR: pgettext("joining the last two of a list", "or"),
    }


QUESTION_KEYS = (
    "id",
    "step",
    "question",
    "hint",
    "multiple",
    "counts_toward_causes",
    "options",
    "ask_when",
    "kind",
    "minimum",
    "maximum",
    "said",
    "context",
    "unlisted_counts",
    "same_step_as",
)


def _questions(
    read: _Reader, data: Mapping[str, Any], vocabulary: dict[str, Any]
) -> tuple[Question, ...]:
    questions: list[Question] = []
    items = read.items(data, "questions", "must list the questions in order")
    read.file.unique(items)
    for where, item in items:
        question_id = read.text(item, "id", where)
        kind = item.get("kind", "choice")
        if kind not in ("choice", NUMBER):
            read.file.problem(f"{where}kind", "must be choice or number")
            kind = "choice"
        if question_id == REGION_QUESTION:
            # Region labels belong to the region table, so the drawing and the
            # questionnaire can never disagree about what a region is called.
            read.file.known_keys(
                item, [k for k in QUESTION_KEYS if k != "options"], where=where, required=()
            )
            # Said in the library's language (it is loaded with that language active).
            options = tuple(
                Option(
                    region.id,
                    str(region.label),
                    gettext("it hurts in the %(place)s") % {"place": str(region.label).lower()},
                )
                for region in REGIONS
            )
        else:
            required = ("options",) if kind == "choice" else ("minimum", "maximum", "said")
            read.file.known_keys(item, QUESTION_KEYS, where=where, required=required)
            options = tuple(_options(read, item, where, number=kind == NUMBER))
        for flag in ("multiple", "counts_toward_causes", "context", "unlisted_counts"):
            if not isinstance(item.get(flag, False), bool):
                read.file.problem(f"{where}{flag}", "must be true or false")
        minimum, maximum = item.get("minimum", 0), item.get("maximum", 0)
        if kind == NUMBER and not (
            isinstance(minimum, int) and isinstance(maximum, int) and 0 <= minimum < maximum
        ):
            read.file.problem(f"{where}minimum", "minimum and maximum must be whole numbers")
            minimum, maximum = 0, 0
        if kind == NUMBER and item.get("multiple") is True:
            read.file.problem(f"{where}multiple", "a number question takes one answer")
        same_step_as = item.get("same_step_as", "")
        earlier = {q.id: q for q in questions}
        if same_step_as and (
            same_step_as not in earlier or earlier[same_step_as].same_step_as or "ask_when" in item
        ):
            read.file.problem(
                f"{where}same_step_as",
                "must name a question asked just before, which is not itself on another's "
                "step, and a question on another's step cannot be a follow-up",
            )
            same_step_as = ""
        ask_when = ()
        if "ask_when" in item:
            ask_when = _alternatives(
                item["ask_when"],
                where=f"{where}ask_when",
                questions=earlier,
                vocabulary={name: vocabulary.get(name, q.choices) for name, q in earlier.items()},
                problem=read.file.problem,
            )
        question = Question(
            id=question_id,
            step=read.text(item, "step", where),
            question=read.text(item, "question", where),
            hint=read.optional_text(item, "hint", where),
            multiple=item.get("multiple") is True,
            counts_toward_causes=item.get("counts_toward_causes") is True,
            options=options,
            ask_when=ask_when,
            kind=kind,
            minimum=minimum,
            maximum=maximum,
            said=read.optional_text(item, "said", where),
            context=item.get("context") is True,
            unlisted_counts=item.get("unlisted_counts", True) is not False,
            same_step_as=same_step_as,
        )
        if kind == NUMBER and "{value}" not in question.said:
            read.file.problem(f"{where}said", "must hold {value}, such as: you are {value}")
        questions.append(question)
    return tuple(questions)


def _options(
    read: _Reader, item: Mapping[str, Any], where: str, *, number: bool = False
) -> list[Option]:
    raw = item.get("options", [] if number else None)
    if not isinstance(raw, list) or (not raw and not number):
        read.file.problem(f"{where}options", "needs a list of options")
        return []
    read.file.unique(
        [(f"{where}options[{i}].", o) for i, o in enumerate(raw) if isinstance(o, dict)]
    )
    options = []
    keys = ("id", "label", "said", "weighs", "context", "span", "safety")
    for index, option in enumerate(raw):
        at = f"{where}options[{index}]."
        if not isinstance(option, dict):
            read.file.problem(at.rstrip("."), "must be a mapping with id, label and said")
            continue
        read.file.known_keys(option, keys, where=at, required=("span",) if number else ())
        span = None
        if number:
            span = parse_span(option.get("span"))
            if span is None:
                read.file.problem(f"{at}span", 'must be a range written low-high, such as "16-49"')
        elif "span" in option:
            read.file.problem(f"{at}span", "only the options of a number question have a span")
        options.append(
            Option(
                id=read.text(option, "id", at),
                label=read.text(option, "label", at),
                said=read.text(option, "said", at),
                weighs=option.get("weighs", True) is not False,
                context=option.get("context") is True,
                span=span,
                safety=option.get("safety") is True,
            )
        )
        for flag in ("weighs", "context", "safety"):
            if not isinstance(option.get(flag, False), bool):
                read.file.problem(f"{at}{flag}", "must be true or false")
    return options


def _rules(
    read: _Reader,
    data: Mapping[str, Any],
    questions: Mapping[str, Question],
    vocabulary: Mapping[str, Any],
    signs: list[WarningSign],
) -> tuple[Rule, ...]:
    rules = []
    keys = (
        "id",
        "urgency",
        "when",
        "reason",
        "reference",
        "sign",
        "nothing_fits",
        "speaks_first",
        "unless_fits_well",
    )
    items = read.items(data, "rules", "must list the escalation rules")
    read.file.unique(items)
    for where, item in items:
        read.file.known_keys(item, keys, where=where, required=keys[:5])
        for flag in ("nothing_fits", "speaks_first"):
            if not isinstance(item.get(flag, False), bool):
                read.file.problem(f"{where}{flag}", "must be true or false")
        rule = Rule(
            id=read.text(item, "id", where),
            urgency=read.urgency(item, where),
            when=_alternatives(
                item.get("when"),
                where=f"{where}when",
                questions=questions,
                vocabulary=vocabulary,
                problem=read.file.problem,
            ),
            reason=read.text(item, "reason", where),
            reference=read.text(item, "reference", where),
            nothing_fits=item.get("nothing_fits") is True,
            unless_fits_well=frozenset(read.file.id_list(item, "unless_fits_well", where=where)),
            always_first=item.get("speaks_first") is True,
        )
        rules.append(rule)
        sign = item.get("sign")
        if sign is not None:
            at = f"{where}sign."
            if not isinstance(sign, dict):
                read.file.problem(f"{where}sign", "must be a mapping with label, short and advice")
                continue
            read.file.known_keys(sign, ("label", "short", "advice"), where=at, required=())
            signs.append(
                WarningSign(
                    rule.urgency,
                    read.text(sign, "label", at),
                    read.text(sign, "short", at),
                    read.text(sign, "advice", at),
                    lang=_english_if(read.file, f"rules.{rule.id}"),
                )
            )
    return tuple(rules)


PROFILE_KINDS = ("typical", "possible", "against")
PROFILE_KEYS = ("key_feature", "suggest_exercises", "requires", "explains")


def parse_profile(raw: Any, *, questionnaire: Questionnaire, problem: ProblemSink) -> Profile:
    """Read a condition's ``self_check`` block; ``problem('.dimension', message)`` on errors."""
    names = [q.id for q in questionnaire.profile_questions]
    if not isinstance(raw, dict):
        problem("", "must give key_feature and map each of " + ", ".join(names) + " to its lists")
        return Profile()
    dimensions: dict[str, Expectation] = {}
    for key in raw:
        if key not in names and key not in PROFILE_KEYS:
            problem(f".{key}", f"is not a known answer (known: {', '.join(names)})")
    for question in questionnaire.profile_questions:
        dimension = question.id
        block = raw.get(dimension)
        if not isinstance(block, dict):
            problem(
                f".{dimension}", "is missing (needs 'typical', optionally 'possible', 'against')"
            )
            continue
        accepted = questionnaire.vocabulary.get(dimension, frozenset())
        lists: dict[str, frozenset[str]] = {}
        spans: dict[str, tuple[Span, ...]] = {}
        for kind in PROFILE_KINDS:
            values = block.get(kind, [] if kind != "typical" else None)
            if values is None:
                problem(f".{dimension}.typical", "is missing (use [] for none)")
                values = []
            if not _is_id_list(values):
                problem(f".{dimension}.{kind}", "must be a list of ids")
                values = []
            if question.is_number:
                read = tuple(parse_span(v) for v in values)
                if None in read:
                    problem(
                        f".{dimension}.{kind}",
                        f'must list ranges written low-high, such as "50-{question.maximum}"',
                    )
                spans[kind] = tuple(s for s in read if s is not None)
                lists[kind] = frozenset()
                continue
            for value in values:
                if value not in accepted:
                    problem(
                        f".{dimension}.{kind}",
                        f"unknown value {value!r} (known: {', '.join(sorted(accepted))})",
                    )
            lists[kind] = frozenset(v for v in values if v in accepted)
        for key in block:
            if key not in PROFILE_KINDS:
                problem(f".{dimension}.{key}", "is not typical, possible or against")
        overlap = (
            (lists["typical"] & lists["possible"])
            | (lists["typical"] & lists["against"])
            | (lists["possible"] & lists["against"])
        )
        if overlap:
            problem(f".{dimension}", f"values {sorted(overlap)} appear in more than one list")
        dimensions[dimension] = Expectation(**lists, spans=spans)
    suggest = raw.get("suggest_exercises", True)
    if not isinstance(suggest, bool):
        problem(".suggest_exercises", "must be true or false")
    return Profile(
        dimensions,
        key=_key_feature(raw.get("key_feature"), questionnaire, problem),
        suggest_exercises=suggest is not False,
        requires=_context(raw.get("requires"), questionnaire, problem),
        explains=_explains(raw.get("explains", []), questionnaire, problem),
    )


def _explains(raw: Any, questionnaire: Questionnaire, problem: ProblemSink) -> frozenset[str]:
    """The warning signs (red flags and rules) a condition explains; each must exist."""
    known = {f.id for f in questionnaire.red_flags} | {r.id for r in questionnaire.rules}
    if not _is_id_list(raw):
        problem(".explains", "must be a list of red flag and rule ids")
        return frozenset()
    for value in raw:
        if value not in known:
            problem(".explains", f"'{value}' is not a red flag or rule of the self-check")
    return frozenset(v for v in raw if v in known)


def _context(raw: Any, questionnaire: Questionnaire, problem: ProblemSink) -> Context | None:
    """What the condition cannot be without: ``{said, any}``, like a key feature."""
    if raw is None:
        return None
    if not isinstance(raw, dict) or not isinstance(raw.get("said"), str) or "any" not in raw:
        problem(
            ".requires",
            "must give 'said' (the context in plain words) and 'any' (a list of answers)",
        )
        return None
    for key in raw:
        if key not in ("said", "any"):
            problem(f".requires.{key}", "is not a known field (known: said, any)")
    alternatives = _alternatives(
        raw["any"],
        where=".requires.any",
        questions={q.id: q for q in questionnaire.questions},
        vocabulary=questionnaire.vocabulary,
        problem=problem,
    )
    return Context(raw["said"].strip(), alternatives)


def _key_feature(raw: Any, questionnaire: Questionnaire, problem: ProblemSink) -> KeyFeature:
    """What must be said before the condition can fit well; never context alone (age,
    how long, a plain ache), which almost everyone with back pain gives."""
    if not isinstance(raw, dict) or not isinstance(raw.get("said"), str) or "any" not in raw:
        problem(
            ".key_feature",
            "is missing: give 'said' (the key feature in plain words) and 'any' (a list of "
            "answers, such as {walking: [eases-sitting]})",
        )
        return KeyFeature("")
    for key in raw:
        if key not in ("said", "any", "unless"):
            problem(f".key_feature.{key}", "is not a known field (known: said, any, unless)")
    questions = {q.id: q for q in questionnaire.questions}

    def read(key: str) -> tuple[Clauses, ...]:
        return _alternatives(
            raw[key],
            where=f".key_feature.{key}",
            questions=questions,
            vocabulary=questionnaire.vocabulary,
            problem=problem,
        )

    alternatives = read("any")
    for index, clauses in enumerate(alternatives):
        if clauses.unanswered or not _says_something(clauses, questions):
            problem(
                f".key_feature.any[{index}]",
                "must name an answer that is more than age, how long or a plain ache",
            )
    unless = read("unless") if "unless" in raw else ()
    return KeyFeature(raw["said"].strip(), alternatives, unless)


def _says_something(clauses: Clauses, questions: Mapping[str, Question]) -> bool:
    """Whether the clauses ask for an answer that is not context (age, duration, ache)."""
    for name, values in (*clauses.given.items(), *clauses.every.items()):
        question = questions.get(name)
        if question is None or any(not question.is_context(v) for v in values):
            return True
    return bool(clauses.both_sides or clauses.one_side)
