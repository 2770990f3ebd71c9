"""The self-check engine: answers in, urgency and explained causes out. No HTTP here.

Safety first: the urgency comes only from the red flags and escalation rules of the
content (clinical notes section 3), and an emergency always wins. The causes are then
ranked by how well the answers fit each condition's front-matter profile; every point
given or taken away carries the sentence that explains it, so results explain rather
than diagnose.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from apps.bodymap.regions import REGIONS_BY_ID, Region, describe
from apps.conditions.library import Condition
from apps.query import parse_query
from apps.selfcheck.questionnaire import (
    NO_RED_FLAG,
    PROFILE_DIMENSIONS,
    RED_FLAG_PARAM,
    REGION_QUESTION,
    URGENCIES,
    Questionnaire,
)

# How much each kind of evidence counts. Typical features point strongly to a condition;
# answers it rules out count strongly against it.
TYPICAL, POSSIBLE, UNLISTED, AGAINST, MISSING_TYPICAL = 2.0, 1.0, -1.0, -3.0, -1.0
REGION_COVERED, REGION_NOT_COVERED = 1.0, -2.0
STRONG_MIN_SCORE, STRONG_MIN_TYPICAL, STRONG_WINDOW, MAX_STRONG = 4.0, 2, 2.0, 3
FITS = ("strong", "possible", "unlikely")

SINGLE_VALUED = ("age", "onset", "duration")


@dataclass(frozen=True, slots=True)
class Answers:
    """What the person said: parameter -> values (absent when not answered)."""

    values: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

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
class UrgencyReason:
    urgency: str
    text: str
    reference: str


@dataclass(frozen=True, slots=True)
class CauseFit:
    condition: Condition
    fit: str
    score: float
    reasons: _Reasons = field(repr=False, compare=False)

    @property
    def reasons_for(self) -> tuple[str, ...]:
        return tuple(self.reasons.explained().reasons_for or ())

    @property
    def reasons_against(self) -> tuple[str, ...]:
        return tuple(self.reasons.explained().reasons_against or ())


@dataclass(frozen=True, slots=True)
class FitGroup:
    fit: str
    shown: tuple[CauseFit, ...]
    more: int
    """How many more causes have this fit but are not shown."""


@dataclass(frozen=True, slots=True)
class Assessment:
    urgency: str
    reasons: tuple[UrgencyReason, ...]
    causes: tuple[CauseFit, ...]

    def by_fit(self, fit: str) -> tuple[CauseFit, ...]:
        return tuple(c for c in self.causes if c.fit == fit)

    def groups(self, *, limit: int) -> tuple[FitGroup, ...]:
        """Causes by fit, at most ``limit`` shown in each; a big library stays readable."""
        groups = []
        for fit in FITS:
            causes = self.by_fit(fit)
            groups.append(FitGroup(fit, causes[:limit], max(0, len(causes) - limit)))
        return tuple(groups)

    def as_json(self) -> dict[str, object]:
        """The contract's JSON result."""
        return {
            "urgency": self.urgency,
            "urgency_reasons": [reason.text for reason in self.reasons],
            "causes": [
                {
                    "slug": cause.condition.slug,
                    "title": cause.condition.title,
                    "url": cause.condition.url,
                    "fit": cause.fit,
                    "reasons_for": list(cause.reasons_for),
                    "reasons_against": list(cause.reasons_against),
                }
                for cause in self.causes
            ],
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
    """
    vocabulary = questionnaire.vocabulary.values
    single = {name: vocabulary[name] for name in SINGLE_VALUED}
    single.update({name: frozenset(values) for name, values in (extra_single or {}).items()})
    multiple = {name: values for name, values in vocabulary.items() if name not in single}
    parsed = parse_query(pairs, multiple=multiple, single=single)
    flags = parsed.get(RED_FLAG_PARAM, ())
    if NO_RED_FLAG in flags and len(flags) > 1:
        # "None of these" ticked beside a real sign: the sign is what matters (the safe reading).
        parsed[RED_FLAG_PARAM] = tuple(flag for flag in flags if flag != NO_RED_FLAG)
    extras = {name: parsed.pop(name)[0] for name in (extra_single or {}) if name in parsed}
    order = [RED_FLAG_PARAM, *(q.id for q in questionnaire.questions)]
    values = {name: parsed[name] for name in order if name in parsed}
    return Answers(values), extras


def assess(
    answers: Answers,
    conditions: Sequence[Condition],
    questionnaire: Questionnaire,
    *,
    explain_all: bool = False,
) -> Assessment:
    """Urgency first, from red flags and rules; then every condition with its fit.

    The sentences behind each fit are written when first read; ``explain_all`` writes
    them all at once, for callers that will read every one (the JSON result).
    """
    reasons = _urgency_reasons(answers, questionnaire)
    urgency = reasons[0].urgency if reasons else "self-care"
    if not answers.red_flags_answered:
        reasons = (*reasons, _UNCHECKED)
    elif urgency == "self-care":
        reasons = (*reasons, _SELF_CARE)
    causes = _rank(answers, conditions, questionnaire, explain=explain_all)
    return Assessment(urgency=urgency, reasons=reasons, causes=causes)


def _urgency_reasons(answers: Answers, questionnaire: Questionnaire) -> tuple[UrgencyReason, ...]:
    found: list[UrgencyReason] = []
    for flag_id in answers.red_flags:
        flag = questionnaire.red_flag(flag_id)
        found.append(UrgencyReason(flag.urgency, flag.reason, flag.reference))
    for rule in questionnaire.rules:
        if all(set(answers.get(name)) & set(values) for name, values in rule.when.items()) and (
            not rule.both_sides or _both_sides(answers, rule.both_sides)
        ):
            found.append(UrgencyReason(rule.urgency, rule.reason, rule.reference))
    return tuple(sorted(found, key=lambda reason: URGENCIES.index(reason.urgency)))


def _both_sides(answers: Answers, areas: frozenset[str]) -> bool:
    """Whether some of these areas were ticked on the left and some on the right."""
    sides = {
        REGIONS_BY_ID[r].side
        for r in answers.get(REGION_QUESTION)
        if REGIONS_BY_ID[r].area in areas
    }
    return {"left", "right"} <= sides


_NG59 = "NICE NG59: Low back pain and sciatica in over 16s"
_UNCHECKED = UrgencyReason(
    "self-care",
    "You have not answered the questions about warning signs, so this result cannot rule "
    "them out. Check the list of signs that need urgent help.",
    _NG59,
)
_SELF_CARE = UrgencyReason(
    "self-care",
    "Nothing you said needs urgent help. Most back and leg pain gets better within a few "
    "weeks with self-care. See a GP or physiotherapist if it is not getting better after "
    "a few weeks.",
    _NG59,
)


@dataclass(frozen=True, slots=True)
class _Given:
    """The weighing answers to one question, worked out once per assessment."""

    dimension: str
    values: tuple[str, ...]
    said: Mapping[str, str]
    """How to say each option of the question, given or not ("the pain shoots")."""


def _given(answers: Answers, questionnaire: Questionnaire) -> tuple[_Given, ...]:
    given = []
    for dimension in PROFILE_DIMENSIONS:
        options = questionnaire.question(dimension).options
        weighs = {option.id for option in options if option.weighs}
        values = tuple(v for v in answers.get(dimension) if v in weighs)
        if values:
            given.append(_Given(dimension, values, {o.id: o.said for o in options}))
    return tuple(given)


def _rank(
    answers: Answers,
    conditions: Sequence[Condition],
    questionnaire: Questionnaire,
    *,
    explain: bool,
) -> tuple[CauseFit, ...]:
    given = _given(answers, questionnaire)
    regions = tuple(REGIONS_BY_ID[r] for r in answers.get(REGION_QUESTION))
    scored = [_score(condition, regions, given, explain=explain) for condition in conditions]
    best = max((s.score for s in scored), default=0.0)
    strong_cut = max(STRONG_MIN_SCORE, best - STRONG_WINDOW)
    scored.sort(key=lambda s: (-s.score, s.condition.title.casefold()))
    causes: list[CauseFit] = []
    strong = 0
    for tally in scored:
        if (
            strong < MAX_STRONG
            and tally.score >= strong_cut
            and tally.typical_hits >= STRONG_MIN_TYPICAL
            and not tally.ruled_out
        ):
            fit = "strong"
            strong += 1
        elif tally.score < 0 or tally.ruled_out:
            fit = "unlikely"
        else:
            fit = "possible"
        causes.append(CauseFit(tally.condition, fit, tally.score, _Reasons(tally)))
    return tuple(sorted(causes, key=lambda c: (FITS.index(c.fit), -c.score)))


@dataclass(slots=True)
class _Tally:
    condition: Condition
    regions: tuple[Region, ...]
    given: tuple[_Given, ...]
    score: float = 0.0
    typical_hits: int = 0
    ruled_out: bool = False
    reasons_for: list[str] | None = None
    reasons_against: list[str] | None = None


def _score(
    condition: Condition,
    regions: tuple[Region, ...],
    given: tuple[_Given, ...],
    *,
    explain: bool = False,
) -> _Tally:
    """Score one condition; with ``explain``, every change to the score gets its sentence.

    Scoring runs for every condition of the library on every result, so the sentences
    are only written for the causes someone reads (see ``_Reasons``).
    """
    tally = _Tally(condition, regions, given)
    reasons_for: list[str] = []
    reasons_against: list[str] = []
    name = condition.title
    lowered = name.lower()

    covered = [r for r in regions if r.id in condition.regions]
    if covered:
        tally.score += REGION_COVERED
        if explain:
            places = describe(covered)
            reasons_for.append(
                f"You said it hurts in the {places}, where {lowered} can cause pain."
            )
    for region in regions:
        if region.id not in condition.regions:
            tally.score += REGION_NOT_COVERED
            if explain:
                reasons_against.append(
                    f"{name} does not usually cause pain in the {region.label.lower()}."
                )

    profile = condition.profile
    for answer in given:
        expect = profile.expect(answer.dimension)
        for value in answer.values:
            if value in expect.typical:
                tally.score += TYPICAL
                tally.typical_hits += 1
                if explain:
                    reasons_for.append(
                        f"You said {answer.said[value]}, which is typical of {lowered}."
                    )
            elif value in expect.possible:
                tally.score += POSSIBLE
                if explain:
                    reasons_for.append(f"You said {answer.said[value]}, which fits with {lowered}.")
            elif value in expect.against:
                tally.score += AGAINST
                tally.ruled_out = True
                if explain:
                    reasons_against.append(
                        f"You said {answer.said[value]}, which points away from {lowered}."
                    )
            else:
                tally.score += UNLISTED
                if explain:
                    reasons_against.append(
                        f"You said {answer.said[value]}, which is not usual with {lowered}."
                    )
        if expect.typical and expect.typical.isdisjoint(answer.values):
            tally.score += MISSING_TYPICAL
            if explain:
                usual = _join_or([answer.said[v] for v in sorted(expect.typical)])
                reasons_against.append(
                    f"{name} is more typical when {usual}, which you did not say."
                )
    if explain:
        tally.reasons_for, tally.reasons_against = reasons_for, reasons_against
    return tally


class _Reasons:
    """The sentences behind one cause's fit, written when first read."""

    __slots__ = ("_tally",)

    def __init__(self, tally: _Tally) -> None:
        self._tally = tally

    def __repr__(self) -> str:
        return f"_Reasons({self._tally.condition.slug})"

    def explained(self) -> _Tally:
        if self._tally.reasons_for is None:
            tally = self._tally
            self._tally = _score(tally.condition, tally.regions, tally.given, explain=True)
        return self._tally


def _join_or(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]
