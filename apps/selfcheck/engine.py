"""The self-check engine: answers in, urgency and explained causes out. No HTTP here.

Safety first: the urgency comes only from the red flags and escalation rules of the
content (clinical notes section 3), and an emergency always wins. The causes are then
ranked by how well the answers fit each condition's front-matter profile; every point
given or taken away carries the sentence that explains it, so results explain rather
than diagnose. Every sentence's wording comes from the content.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from apps.content.conditions import Condition
from apps.content.questionnaire import (
    JOIN_AND,
    JOIN_OR,
    NO_RED_FLAG,
    RED_FLAG_PARAM,
    REGION_QUESTION,
    Answers,
    Expectation,
    Question,
    Questionnaire,
    Span,
)
from apps.content.regions import REGIONS_BY_ID, Region, describe, join_words
from apps.content.vocabulary import Fit, Urgency
from apps.query import parse_query

# How much each kind of evidence counts. Typical features point strongly to a condition;
# answers it rules out count strongly against it.
TYPICAL, POSSIBLE, UNLISTED, AGAINST, MISSING_TYPICAL = 2.0, 1.0, -1.0, -3.0, -1.0
REGION_COVERED, REGION_NOT_COVERED = 1.0, -2.0
KEY_FEATURE = 2.0
"""The key feature counts once more, as the condition's hallmark: a sign such as a
swollen calf is not one of the profile's answers, yet it is what points to a clot."""
STRONG_MIN_SCORE, STRONG_WINDOW, MAX_STRONG = 4.0, 2.0, 3


@dataclass(frozen=True, slots=True)
class UrgencyReason:
    urgency: Urgency
    text: str
    reference: str
    source: str = ""
    """The red flag or rule it comes from ("" for the level's own sentence)."""
    speaks_first: bool = False
    """Only a condition that explains this sign may fit well beside it (notes 8.2)."""


@dataclass(frozen=True, slots=True)
class CauseFit:
    condition: Condition
    fit: Fit
    score: float
    reasons: _Reasons = field(repr=False, compare=False)
    context_missing: bool = False
    """The condition's defining context is absent (no pregnancy for pelvic girdle pain):
    it is unlikely, and a page need not list it at all (clinical notes 8.2)."""

    @property
    def reasons_for(self) -> tuple[str, ...]:
        return self.reasons.written()[0]

    @property
    def reasons_against(self) -> tuple[str, ...]:
        return self.reasons.written()[1]


@dataclass(frozen=True, slots=True)
class FitGroup:
    fit: Fit
    shown: tuple[CauseFit, ...]
    more: int
    """How many more causes have this fit but are not shown."""


@dataclass(frozen=True, slots=True)
class Assessment:
    urgency: Urgency
    reasons: tuple[UrgencyReason, ...]
    """The reasons for the final level only (clinical notes 8.3)."""
    causes: tuple[CauseFit, ...]
    no_clear_match: bool = False
    """The places or feelings were given, yet no cause fits well (clinical notes
    section 7): the result says so instead of naming a cause."""
    also: tuple[UrgencyReason, ...] = ()
    """Reasons that on their own would give a lower level: said after, as "Also", never
    under the heading of a higher level."""
    sign_first: bool = False
    """A warning sign applies that only some conditions explain: the others wait until
    it has been checked (clinical notes 8.2)."""

    def by_fit(self, fit: Fit) -> tuple[CauseFit, ...]:
        return tuple(c for c in self.causes if c.fit == fit)

    @property
    def leading(self) -> CauseFit | None:
        """The cause that fits best, when one fits well."""
        return self.causes[0] if self.causes and self.causes[0].fit == Fit.STRONG else None

    def groups(self, *, limit: int) -> tuple[FitGroup, ...]:
        """Causes by fit, at most ``limit`` shown in each; a big library stays readable.
        A cause without its defining context is left out: it cannot apply."""
        groups = []
        for fit in Fit:
            causes = tuple(c for c in self.by_fit(fit) if not c.context_missing)
            groups.append(FitGroup(fit, causes[:limit], max(0, len(causes) - limit)))
        return tuple(groups)

    def as_json(self, *, url_for: Callable[[Condition], str]) -> dict[str, object]:
        """The contract's JSON result; ``url_for`` gives each article's address."""
        return {
            "urgency": self.urgency.value,
            "urgency_reasons": [reason.text for reason in self.reasons],
            "also_reasons": [reason.text for reason in self.also],
            "causes": [
                {
                    "slug": cause.condition.slug,
                    "title": cause.condition.title,
                    "url": url_for(cause.condition),
                    "fit": cause.fit.value,
                    "reasons_for": list(cause.reasons_for),
                    "reasons_against": list(cause.reasons_against),
                }
                for cause in self.causes
            ],
            "no_clear_match": self.no_clear_match,
        }


def parse_answers(
    pairs: Iterable[tuple[str, str]],
    questionnaire: Questionnaire,
    *,
    extra_single: Mapping[str, Sequence[str]] | None = None,
) -> tuple[Answers, dict[str, str]]:
    """Check the query against the vocabulary; return the answers and any extra values.

    Raises QueryError (the 400) for unknown names or values, repeats of a single answer
    and absurd sizes. "None of these" ticked beside a warning sign is read as the sign.
    A number box left empty is no answer. A follow-up's answer counts only while the
    answers that bring it up are given: after a person unticks them, the follow-up is no
    longer asked, so its old answer goes too (it is accepted and ignored, not an error).
    """
    vocabulary = questionnaire.vocabulary
    numbers = {q.id for q in questionnaire.questions if q.is_number}
    pairs = [(name, value) for name, value in pairs if value or name not in numbers]
    single = {name: vocabulary[name] for name in questionnaire.single_valued}
    single.update({name: frozenset(values) for name, values in (extra_single or {}).items()})
    multiple = {name: values for name, values in vocabulary.items() if name not in single}
    parsed = parse_query(pairs, multiple=multiple, single=single)
    flags = parsed.get(RED_FLAG_PARAM, ())
    if NO_RED_FLAG in flags and len(flags) > 1:
        # "None of these" ticked beside a real sign: the sign is what matters (the safe reading).
        parsed[RED_FLAG_PARAM] = tuple(flag for flag in flags if flag != NO_RED_FLAG)
    extras = {name: parsed.pop(name)[0] for name in (extra_single or {}) if name in parsed}
    values: dict[str, tuple[str, ...]] = {}
    spans: dict[str, Span] = {}
    so_far = Answers(values, spans)  # grows as each question is read, in order
    if RED_FLAG_PARAM in parsed:
        values[RED_FLAG_PARAM] = parsed[RED_FLAG_PARAM]
    for question in questionnaire.questions:
        if question.id not in parsed:
            continue
        given = parsed[question.id]
        if not question.is_asked(so_far):
            # A safety answer still counts: it is never cancelled by a milder one.
            given = tuple(
                v for v in given if v in question.option_ids and question.option(v).safety
            )
            if not given:
                continue
        values[question.id] = given
        span = question.span_of(given[0])
        if span is not None:
            spans[question.id] = span
    return Answers(values, spans), extras


def assess(
    answers: Answers,
    conditions: Sequence[Condition],
    questionnaire: Questionnaire,
    *,
    explain_all: bool = False,
) -> Assessment:
    """Urgency first, from red flags and rules; then every condition with its fit.

    A warning sign speaks first: while one applies, only a condition that explains it
    may fit well (clinical notes 8.2). A few rules apply only when no cause fits well (a
    nerve symptom with no clear cause needs a GP), so those are weighed after the causes;
    an emergency still always wins. The sentences behind each fit are written when first
    read; ``explain_all`` writes them all at once, for callers that will read every one.
    """
    found = _urgency_reasons(answers, questionnaire)
    signs = frozenset(r.source for r in found if r.speaks_first)
    causes = _rank(answers, conditions, questionnaire, signs=signs, explain=explain_all)
    no_clear_match = not any(c.fit == Fit.STRONG for c in causes) and any(
        answers.get(name) for name in questionnaire.narrowing_answers
    )
    strong = {c.condition.slug for c in causes if c.fit == Fit.STRONG}
    found += _urgency_reasons(
        answers, questionnaire, late=True, strong=strong, no_clear_match=no_clear_match
    )
    reasons = sorted(found, key=lambda reason: reason.urgency.rank)
    sentences = questionnaire.sentences
    if not answers.red_flags_answered:
        # Warning signs never checked: nothing below urgent may be said (contract), so
        # GP reasons wait until the signs are answered.
        unchecked = UrgencyReason(Urgency.UNCHECKED, sentences["unchecked"], "")
        reasons = [*(r for r in reasons if r.urgency.rank < Urgency.UNCHECKED.rank), unchecked]
    elif not reasons:
        reasons = [UrgencyReason(Urgency.SELF_CARE, sentences["nothing_urgent"], "")]
    level = reasons[0].urgency
    return Assessment(
        urgency=level,
        reasons=tuple(r for r in reasons if r.urgency == level),
        causes=causes,
        no_clear_match=no_clear_match,
        also=tuple(r for r in reasons if r.urgency != level),
        sign_first=bool(signs),
    )


def _urgency_reasons(
    answers: Answers,
    questionnaire: Questionnaire,
    *,
    late: bool = False,
    strong: Collection[str] = (),
    no_clear_match: bool = False,
) -> list[UrgencyReason]:
    """The red flags given and the rules that hold; with ``late``, only the rules that
    wait for the causes: when no cause fits well, or none of those they name."""
    found: list[UrgencyReason] = []
    if not late:
        for flag_id in answers.red_flags:
            flag = questionnaire.red_flag(flag_id)
            found.append(
                UrgencyReason(
                    flag.urgency,
                    flag.reason,
                    flag.reference,
                    flag.id,
                    flag.urgency.rank < Urgency.UNCHECKED.rank,
                )
            )
    for rule in questionnaire.rules:
        if rule.waits_for_causes != late:
            continue
        if late and not (
            rule.unless_fits_well.isdisjoint(strong) if rule.unless_fits_well else no_clear_match
        ):
            continue
        if rule.holds(answers):
            found.append(
                UrgencyReason(rule.urgency, rule.reason, rule.reference, rule.id, rule.speaks_first)
            )
    return found


@dataclass(frozen=True, slots=True)
class _Given:
    """The weighing answers to one question, worked out once per assessment."""

    question: Question
    values: tuple[str, ...]
    span: Span | None
    """What a number answer means as a range; None for other questions."""

    @property
    def dimension(self) -> str:
        return self.question.id


def _given(answers: Answers, questionnaire: Questionnaire) -> tuple[_Given, ...]:
    given = []
    for question in questionnaire.profile_questions:
        values = tuple(v for v in answers.get(question.id) if question.weighs(v))
        if values:
            given.append(_Given(question, values, answers.spans.get(question.id)))
    return tuple(given)


def _rank(
    answers: Answers,
    conditions: Sequence[Condition],
    questionnaire: Questionnaire,
    *,
    signs: frozenset[str] = frozenset(),
    explain: bool,
) -> tuple[CauseFit, ...]:
    """Score every condition; a few that fit well may be called strong.

    Strong needs the condition's key feature (never mere context: age, how long, a
    plain ache, which the content check refuses as a key feature), no answer that rules
    it out, that it explains every warning sign in ``signs``, and a score near the best of
    those that qualify.
    """
    given = _given(answers, questionnaire)
    regions = tuple(REGIONS_BY_ID[r] for r in answers.get(REGION_QUESTION))
    sentences = questionnaire.words
    scored = [
        _score(condition, answers, regions, given, sentences, signs=signs)
        for condition in conditions
    ]
    eligible = [s for s in scored if s.key_given and not s.ruled_out and not s.held_back]
    best = max((s.score for s in eligible), default=0.0)
    strong_cut = max(STRONG_MIN_SCORE, best - STRONG_WINDOW)
    scored.sort(key=lambda s: (-s.score, s.condition.title.casefold()))
    causes: list[CauseFit] = []
    strong = 0
    for tally in scored:
        if (
            strong < MAX_STRONG
            and tally.key_given
            and tally.score >= strong_cut
            and not tally.ruled_out
            and not tally.held_back
        ):
            fit = Fit.STRONG
            strong += 1
        elif tally.score < 0 or tally.ruled_out:
            fit = Fit.UNLIKELY
        else:
            fit = Fit.POSSIBLE
        reasons = _Reasons(tally)
        if explain:
            reasons.written()
        causes.append(CauseFit(tally.condition, fit, tally.score, reasons, tally.context_missing))
    return tuple(sorted(causes, key=lambda c: (c.fit.rank, -c.score)))


@dataclass(slots=True)
class _Tally:
    condition: Condition
    sentences: Mapping[str, str]
    score: float = 0.0
    key_given: bool = False
    ruled_out: bool = False
    held_back: bool = False
    """A warning sign applies that this condition does not explain."""
    context_missing: bool = False
    notes: list[tuple[bool, str, dict[str, Any]]] = field(default_factory=list)
    """What changed the score, to be said: (for the cause?, sentence, blanks). A blank may
    be a function, called only when the sentence is written."""

    def note(self, for_it: bool, sentence: str, **blanks: Any) -> None:
        self.notes.append((for_it, sentence, blanks))


def _score(
    condition: Condition,
    answers: Answers,
    regions: tuple[Region, ...],
    given: tuple[_Given, ...],
    sentences: Mapping[str, str],
    *,
    signs: frozenset[str] = frozenset(),
) -> _Tally:
    """Score one condition, once per result, noting what each change to the score will
    say. The sentences themselves are written only for the causes someone reads (see
    ``_Reasons``): scoring runs for every condition of the library on every result."""
    tally = _Tally(condition, sentences)
    note = tally.note
    covered = [r for r in regions if r.id in condition.regions]
    if covered:
        tally.score += REGION_COVERED
        # (region labels are translated when read: only when they are said)
        note(True, "region_covered", places=lambda: describe(covered, and_word=sentences[JOIN_AND]))
    for region in regions:
        if region.id not in condition.regions:
            tally.score += REGION_NOT_COVERED
            note(False, "region_not_covered", place=lambda region=region: region.label.lower())

    profile = condition.profile
    for answer in given:
        question = answer.question
        expect = profile.expect(answer.dimension)
        typical_given = False
        for value in answer.values:
            kind = expect.kind_of(value, answer.span)
            if kind == "typical":
                tally.score += TYPICAL
                typical_given = True
                note(True, "typical", said=(question, value))
            elif kind == "possible":
                tally.score += POSSIBLE
                note(True, "possible", said=(question, value))
            elif kind == "against":
                tally.score += AGAINST
                tally.ruled_out = True
                note(False, "against", said=(question, value))
            elif question.unlisted_counts:
                tally.score += UNLISTED
                note(False, "unlisted", said=(question, value))
        if expect.has_typical and not typical_given:
            tally.score += MISSING_TYPICAL
            note(
                False,
                "missing_typical",
                usual=lambda question=question, expect=expect: _usual(question, expect, sentences),
            )
    tally.key_given = profile.key.given(answers)
    if tally.key_given:
        tally.score += KEY_FEATURE
        note(True, "key_given", key=profile.key.said)
    elif profile.key.said and answers.describes_the_pain:
        note(False, "key_missing", key=profile.key.said)
    context = profile.requires
    if context is not None and answers.describes_the_pain and not context.given(answers):
        tally.ruled_out = tally.context_missing = True
        note(False, "context_missing", context=context.said)
    if not signs <= profile.explains:  # every sign that speaks first must be explained
        tally.held_back = True
        if tally.key_given and not tally.ruled_out:
            note(False, "sign_first")
    return tally


def _write(tally: _Tally) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The sentences behind one cause's fit: for it (the key feature first, as it is why
    a cause can fit well) and against it."""
    names = tally.condition.names
    sentences = tally.sentences
    reasons_for: list[str] = []
    reasons_against: list[str] = []
    for for_it, sentence, blanks in tally.notes:
        filled = {}
        for name, value in blanks.items():
            if callable(value):
                value = value()
            elif isinstance(value, tuple):  # (question, answer): how the answer is said
                value = value[0].said_of(value[1])
            filled[name] = value
        text = sentences[sentence].format(**names, **filled)
        if sentence == "key_given":
            reasons_for.insert(0, text)
        else:
            (reasons_for if for_it else reasons_against).append(text)
    return tuple(reasons_for), tuple(reasons_against)


def _usual(question: Question, expect: Expectation, sentences: Mapping[str, str]) -> str:
    """The typical answers in words: "the pain shoots or you have numbness"."""
    if not question.is_number:
        return join_words([question.said_of(v) for v in sorted(expect.typical)], sentences[JOIN_OR])
    words = []
    for span in expect.spans.get("typical", ()):
        if span.high >= question.maximum:
            words.append(sentences["span_from"].format(low=span.low))
        elif span.low <= question.minimum:
            words.append(sentences["span_under"].format(limit=span.high + 1))
        else:
            words.append(sentences["span_between"].format(low=span.low, high=span.high))
    return join_words([question.said.format(value=w) for w in words], sentences[JOIN_OR])


class _Reasons:
    """The sentences behind one cause's fit, written when first read."""

    __slots__ = ("_tally", "_written")

    def __init__(self, tally: _Tally) -> None:
        self._tally = tally
        self._written: tuple[tuple[str, ...], tuple[str, ...]] | None = None

    def __repr__(self) -> str:
        return f"_Reasons({self._tally.condition.slug})"

    def written(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        if self._written is None:
            self._written = _write(self._tally)
        return self._written
