"""The self-check's questions, red flags and escalation rules, read from the content folder.

Everything a person reads (question wording, option labels, the "because you said ..."
phrases, the reason given for each urgency) is content, not code; so are the rules that
raise the urgency, each naming its reference. The engine only knows how to apply them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from apps.bodymap.regions import AREAS, REGIONS

URGENCIES = ("emergency", "urgent", "gp", "self-care")
"""Urgency levels, most urgent first: the order of precedence."""

PROFILE_DIMENSIONS = ("feeling", "onset", "pattern", "about", "age", "duration")
"""The answers a condition's front matter describes (regions come from its own field)."""

REGION_QUESTION = "region"
RED_FLAG_PARAM = "red_flag"
NO_RED_FLAG = "none"
BOTH_SIDES = "both_sides"
"""A rule clause: some of these areas were ticked on the left and on the right."""


@dataclass(frozen=True, slots=True)
class Option:
    id: str
    label: str
    said: str
    weighs: bool = True
    """False for answers that only ever change the urgency, never the causes."""


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    step: str
    question: str
    hint: str
    multiple: bool
    options: tuple[Option, ...]

    def option(self, option_id: str) -> Option:
        return next(o for o in self.options if o.id == option_id)


@dataclass(frozen=True, slots=True)
class RedFlag:
    id: str
    urgency: str
    label: str
    reason: str
    reference: str


@dataclass(frozen=True, slots=True)
class Rule:
    """An escalation: when every clause of ``when`` holds, urgency is at least ``urgency``."""

    id: str
    urgency: str
    when: Mapping[str, tuple[str, ...]]
    both_sides: frozenset[str]
    """Areas (e.g. thigh, calf) that must hurt on both sides; empty for no such clause."""
    reason: str
    reference: str


@dataclass(frozen=True, slots=True)
class Expectation:
    """How one answer dimension looks for one condition."""

    typical: frozenset[str] = frozenset()
    possible: frozenset[str] = frozenset()
    against: frozenset[str] = frozenset()


_NOTHING_EXPECTED = Expectation()


@dataclass(frozen=True, slots=True)
class Profile:
    """How a condition typically presents, one Expectation per answer dimension."""

    dimensions: Mapping[str, Expectation] = field(default_factory=dict)

    def expect(self, dimension: str) -> Expectation:
        return self.dimensions.get(dimension, _NOTHING_EXPECTED)


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """The accepted values of each parameter (the contract's ids plus any the content adds)."""

    values: Mapping[str, frozenset[str]]


@dataclass(frozen=True, slots=True)
class UrgencyText:
    heading: str
    advice: str


@dataclass(frozen=True, slots=True)
class Questionnaire:
    urgencies: Mapping[str, UrgencyText] = field(default_factory=dict)
    red_flags: tuple[RedFlag, ...] = ()
    questions: tuple[Question, ...] = ()
    rules: tuple[Rule, ...] = ()
    intro: str = ""
    self_care: tuple[str, ...] = ()
    vocabulary: Vocabulary = field(default_factory=lambda: Vocabulary({}))

    def question(self, question_id: str) -> Question:
        return next(q for q in self.questions if q.id == question_id)

    def red_flag(self, flag_id: str) -> RedFlag:
        return next(f for f in self.red_flags if f.id == flag_id)


ProblemSink = Callable[[str, str], None]


def load_questionnaire(path: Path, problems: list[Any]) -> Questionnaire:
    """Read the self-check file; note problems (file, line, field) in ``problems``."""
    from apps.conditions.library import ContentProblem, parse_yaml

    lines: dict[str, int] = {}

    def problem(name: str, message: str) -> None:
        top = name.split("[")[0].split(".")[0]
        problems.append(ContentProblem(path, lines.get(name, lines.get(top, 1)), name, message))

    try:
        text = path.read_text(encoding="utf-8")
        node, data = parse_yaml(text)
    except OSError as error:
        problems.append(ContentProblem(path, 0, "file", f"cannot be read: {error}"))
        return Questionnaire()
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        problems.append(ContentProblem(path, line, "file", f"is not valid YAML ({error})"))
        return Questionnaire()
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            lines[key.value] = key.start_mark.line + 1
            if isinstance(value, yaml.SequenceNode):
                for index, item in enumerate(value.value):
                    lines[f"{key.value}[{index}]"] = item.start_mark.line + 1
    if not isinstance(data, dict):
        problem("file", "must be a mapping with red_flags, questions and rules")
        return Questionnaire()

    red_flags = tuple(_red_flags(data.get("red_flags"), problem))
    questions = tuple(_questions(data.get("questions"), problem))
    values: dict[str, frozenset[str]] = {
        q.id: frozenset(o.id for o in q.options) for q in questions
    }
    values[RED_FLAG_PARAM] = frozenset({f.id for f in red_flags} | {NO_RED_FLAG})
    vocabulary = Vocabulary(values)
    for dimension in PROFILE_DIMENSIONS:
        if dimension not in values:
            problem("questions", f"needs a question with id '{dimension}'")
    rules = tuple(_rules(data.get("rules"), vocabulary, problem))
    intro = data.get("intro")
    if not isinstance(intro, str) or not intro.strip():
        problem("intro", "must be a non-empty piece of text")
        intro = ""
    self_care = data.get("self_care")
    if not isinstance(self_care, list) or not all(isinstance(s, str) for s in self_care):
        problem("self_care", "must be a list of sentences")
        self_care = []
    urgencies: dict[str, UrgencyText] = {}
    raw_urgencies = data.get("urgencies")
    if not isinstance(raw_urgencies, dict):
        raw_urgencies = {}
    for level in URGENCIES:
        item = raw_urgencies.get(level)
        if not isinstance(item, dict):
            problem("urgencies", f"needs a heading and advice for '{level}'")
            continue
        where = f"urgencies.{level}"
        urgencies[level] = UrgencyText(
            heading=_text(item, "heading", where, problem),
            advice=_text(item, "advice", where, problem),
        )
    return Questionnaire(
        urgencies=urgencies,
        red_flags=red_flags,
        questions=questions,
        rules=rules,
        intro=intro.strip(),
        self_care=tuple(self_care),
        vocabulary=vocabulary,
    )


def _text(item: Mapping[str, Any], key: str, where: str, problem: ProblemSink) -> str:
    value = item.get(key)
    if not isinstance(value, str) or not value.strip():
        problem(where, f"needs a non-empty '{key}'")
        return ""
    return value.strip()


def _known_keys(
    item: Mapping[str, Any], known: tuple[str, ...], where: str, problem: ProblemSink
) -> None:
    """Unknown keys are usually typos or YAML splitting text at a comma: say so."""
    unknown = sorted(str(key) for key in item if key not in known)
    if unknown:
        problem(
            where, f"has unknown keys {unknown} (known: {', '.join(known)}); quote text with commas"
        )


def _urgency(item: Mapping[str, Any], where: str, problem: ProblemSink) -> str:
    urgency = item.get("urgency")
    if urgency not in URGENCIES:
        problem(where, f"urgency {urgency!r} is not one of {', '.join(URGENCIES)}")
        return "self-care"
    return urgency


def _red_flags(raw: Any, problem: ProblemSink) -> list[RedFlag]:
    if not isinstance(raw, list) or not raw:
        problem("red_flags", "must list the red flags")
        return []
    flags = []
    for index, item in enumerate(raw):
        where = f"red_flags[{index}]"
        if not isinstance(item, dict):
            problem(where, "must be a mapping")
            continue
        _known_keys(item, ("id", "urgency", "label", "reason", "reference"), where, problem)
        flags.append(
            RedFlag(
                id=_text(item, "id", where, problem),
                urgency=_urgency(item, where, problem),
                label=_text(item, "label", where, problem),
                reason=_text(item, "reason", where, problem),
                reference=_text(item, "reference", where, problem),
            )
        )
    return flags


def _questions(raw: Any, problem: ProblemSink) -> list[Question]:
    if not isinstance(raw, list) or not raw:
        problem("questions", "must list the questions in the order they are asked")
        return []
    questions = []
    for index, item in enumerate(raw):
        where = f"questions[{index}]"
        if not isinstance(item, dict):
            problem(where, "must be a mapping")
            continue
        _known_keys(item, ("id", "step", "question", "hint", "multiple", "options"), where, problem)
        question_id = _text(item, "id", where, problem)
        if question_id == REGION_QUESTION:
            # Region labels belong to the body-map table, so the drawing and the
            # questionnaire can never disagree about what a region is called.
            options = tuple(
                Option(region.id, region.label, f"it hurts in the {region.label.lower()}")
                for region in REGIONS
            )
        else:
            options = tuple(_options(item.get("options"), where, problem))
        questions.append(
            Question(
                id=question_id,
                step=_text(item, "step", where, problem),
                question=_text(item, "question", where, problem),
                hint=str(item.get("hint", "")).strip(),
                multiple=bool(item.get("multiple", False)),
                options=options,
            )
        )
    return questions


def _options(raw: Any, where: str, problem: ProblemSink) -> list[Option]:
    if not isinstance(raw, list) or not raw:
        problem(where, "needs a list of options")
        return []
    options = []
    for item in raw:
        if not isinstance(item, dict):
            problem(where, "each option must be a mapping with id, label and said")
            continue
        _known_keys(item, ("id", "label", "said", "weighs"), where, problem)
        options.append(
            Option(
                id=_text(item, "id", where, problem),
                label=_text(item, "label", where, problem),
                said=_text(item, "said", where, problem),
                weighs=bool(item.get("weighs", True)),
            )
        )
    return options


def _rules(raw: Any, vocabulary: Vocabulary, problem: ProblemSink) -> list[Rule]:
    if not isinstance(raw, list):
        problem("rules", "must list the escalation rules")
        return []
    rules = []
    for index, item in enumerate(raw):
        where = f"rules[{index}]"
        if not isinstance(item, dict) or not isinstance(item.get("when"), dict):
            problem(where, "must be a mapping with id, urgency, when, reason and reference")
            continue
        _known_keys(item, ("id", "urgency", "when", "reason", "reference"), where, problem)
        when: dict[str, tuple[str, ...]] = {}
        both_sides: frozenset[str] = frozenset()
        for key, values in item["when"].items():
            if key == BOTH_SIDES:
                if not isinstance(values, list) or not set(values) <= AREAS:
                    problem(where, f"'when.{BOTH_SIDES}' must list areas of {sorted(AREAS)}")
                    continue
                both_sides = frozenset(values)
                continue
            if key not in vocabulary.values or not isinstance(values, list):
                problem(where, f"'when' names unknown answer '{key}'")
                continue
            unknown = set(values) - vocabulary.values[key]
            if unknown:
                problem(where, f"'when.{key}' has unknown values {sorted(unknown)}")
            when[key] = tuple(values)
        rules.append(
            Rule(
                id=_text(item, "id", where, problem),
                urgency=_urgency(item, where, problem),
                when=when,
                both_sides=both_sides,
                reason=_text(item, "reason", where, problem),
                reference=_text(item, "reference", where, problem),
            )
        )
    return rules


def parse_profile(raw: Any, *, vocabulary: Vocabulary, problem: ProblemSink) -> Profile:
    """Read a condition's ``self_check`` block; ``problem('.dimension', message)`` on errors."""
    if not isinstance(raw, dict):
        problem("", "must map each of " + ", ".join(PROFILE_DIMENSIONS) + " to its lists")
        return Profile()
    dimensions: dict[str, Expectation] = {}
    for key in raw:
        if key not in PROFILE_DIMENSIONS:
            problem(f".{key}", f"is not a known answer (known: {', '.join(PROFILE_DIMENSIONS)})")
    for dimension in PROFILE_DIMENSIONS:
        block = raw.get(dimension)
        if not isinstance(block, dict):
            problem(
                f".{dimension}", "is missing (needs 'typical', optionally 'possible', 'against')"
            )
            continue
        accepted = vocabulary.values.get(dimension, frozenset())
        lists: dict[str, frozenset[str]] = {}
        for kind in ("typical", "possible", "against"):
            values = block.get(kind, [] if kind != "typical" else None)
            if values is None:
                problem(f".{dimension}.typical", "is missing (use [] for none)")
                values = []
            if not isinstance(values, list):
                problem(f".{dimension}.{kind}", "must be a list")
                values = []
            for value in values:
                if value not in accepted:
                    problem(
                        f".{dimension}.{kind}",
                        f"unknown value {value!r} (known: {', '.join(sorted(accepted))})",
                    )
            lists[kind] = frozenset(v for v in values if v in accepted)
        for key in block:
            if key not in ("typical", "possible", "against"):
                problem(f".{dimension}.{key}", "is not typical, possible or against")
        overlap = (
            (lists["typical"] & lists["possible"])
            | (lists["typical"] & lists["against"])
            | (lists["possible"] & lists["against"])
        )
        if overlap:
            problem(f".{dimension}", f"values {sorted(overlap)} appear in more than one list")
        dimensions[dimension] = Expectation(**lists)
    return Profile(dimensions)
