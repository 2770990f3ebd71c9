"""The self-check's schema: questions, warning signs, escalation rules and the sentences.

Everything a person reads (question wording, option labels, the "because you said ..."
phrases, the reason given for each urgency) is content, not code; so are the rules that
raise the urgency, each naming its reference, and which questions take one answer or
several, or count toward the causes. The engine only knows how to apply them.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from apps.content.files import ContentProblem, FileReader
from apps.content.markup import WRITTEN_NUMBER, Snippets, WarningSign
from apps.content.regions import AREAS, REGIONS
from apps.content.vocabulary import Urgency

RED_FLAG_PARAM = "red_flag"
NO_RED_FLAG = "none"
REGION_QUESTION = "region"
"""The question whose options are the body-map regions (labels from the region table)."""
BOTH_SIDES = "both_sides"
"""A rule clause: some of these areas were ticked on the left and on the right."""
UNANSWERED = "unanswered"
"""A rule clause: none of these questions was answered."""

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
}
"""The sentences the engine writes, each with the blanks it fills in."""


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
    counts_toward_causes: bool
    options: tuple[Option, ...]
    ask_when: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """A follow-up: asked only when every earlier answer named here has one of its values."""

    def option(self, option_id: str) -> Option:
        return next(o for o in self.options if o.id == option_id)

    @property
    def option_ids(self) -> frozenset[str]:
        return frozenset(o.id for o in self.options)

    def is_asked(self, answers: Mapping[str, tuple[str, ...]]) -> bool:
        """Whether the answers so far bring this question up (always, if not a follow-up)."""
        return all(
            set(answers.get(name, ())) & set(values) for name, values in self.ask_when.items()
        )


@dataclass(frozen=True, slots=True)
class RedFlag:
    id: str
    urgency: Urgency
    label: str
    reason: str
    reference: str


@dataclass(frozen=True, slots=True)
class Rule:
    """An escalation: when every clause of ``when`` holds, urgency is at least ``urgency``."""

    id: str
    urgency: Urgency
    when: Mapping[str, tuple[str, ...]]
    both_sides: frozenset[str]
    """Areas (e.g. thigh, calf) that must hurt on both sides; empty for no such clause."""
    unanswered: frozenset[str]
    """Questions that must not have been answered (a fallback for when they were not)."""
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
class UrgencyText:
    heading: str
    advice: str
    lead_in: str = ""
    """Introduces this level's warning signs where a page places them."""


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
class Questionnaire:
    urgencies: Mapping[Urgency, UrgencyText] = field(default_factory=dict)
    red_flags: tuple[RedFlag, ...] = ()
    questions: tuple[Question, ...] = ()
    rules: tuple[Rule, ...] = ()
    intro: str = ""
    warning_sign_question: WarningSignQuestion = field(default_factory=WarningSignQuestion)
    sentences: Mapping[str, str] = field(default_factory=dict)
    snippets: Snippets = field(default_factory=lambda: Snippets({}, (), ()))
    vocabulary: Mapping[str, frozenset[str]] = field(default_factory=dict)
    """The accepted values of each parameter (the contract's ids plus any content adds)."""

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
    path: Path, problems: list[ContentProblem], *, emergency_number: str
) -> Questionnaire:
    """Read the self-check file; note problems (file, line, field) in ``problems``."""
    file = FileReader(path, problems)
    data = file.read_yaml()
    if data is None:
        return Questionnaire(snippets=Snippets({"emergency-number": emergency_number}, (), ()))
    inline = _resolve({**_snippets(file, data), "emergency-number": emergency_number}, file)
    fill = Snippets(inline, (), ()).fill
    _scan_lines(file, Snippets(inline, (), ()))
    read = _Reader(file, fill)
    required = ("intro", "warning_sign_question", "snippets", "self_care", "urgencies")
    required += ("sentences", "red_flags")
    file.known_keys(data, (*required, "questions", "rules"), where="", required=required)

    signs: list[WarningSign] = []
    red_flags = []
    flag_items = read.items(data, "red_flags", "must list the red flags")
    file.unique(flag_items)
    for where, item in flag_items:
        keys = ("id", "urgency", "label", "short", "advice", "reason", "reference")
        file.known_keys(item, keys, where=where, required=keys)
        flag = RedFlag(
            id=read.text(item, "id", where),
            urgency=read.urgency(item, where),
            label=read.text(item, "label", where),
            reason=read.text(item, "reason", where),
            reference=read.text(item, "reference", where),
        )
        red_flags.append(flag)
        signs.append(
            WarningSign(
                flag.urgency,
                flag.label,
                read.text(item, "short", where),
                read.text(item, "advice", where),
            )
        )
    questions = _questions(read, data)
    vocabulary: dict[str, frozenset[str]] = {
        q.id: frozenset(o.id for o in q.options) for q in questions
    }
    vocabulary[RED_FLAG_PARAM] = frozenset({f.id for f in red_flags} | {NO_RED_FLAG})
    rules = _rules(read, data, vocabulary, signs)

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
        )
    return Questionnaire(
        urgencies=urgencies,
        red_flags=tuple(red_flags),
        questions=questions,
        rules=rules,
        intro=read.text(data, "intro", ""),
        warning_sign_question=_warning_sign_question(read, data),
        sentences=_sentences(read, data),
        snippets=Snippets(
            inline=inline,
            signs=tuple(signs),
            self_care=tuple(fill(tip) for tip in file.text_list(data, "self_care")),
            lead_ins={level: text.lead_in for level, text in urgencies.items() if text.lead_in},
        ),
        vocabulary=vocabulary,
    )


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
        if used - blanks:
            read.file.problem(
                f"sentences.{name}",
                f"uses unknown blanks {sorted(used - blanks)} (it may use: "
                + (", ".join("{" + b + "}" for b in sorted(blanks)) or "none")
                + ")",
            )
        else:
            try:
                text.format(**dict.fromkeys(blanks, "x"))
            except (ValueError, KeyError, IndexError, AttributeError) as error:
                read.file.problem(f"sentences.{name}", f"cannot be filled in ({error!r})")
        sentences[name] = text
    return sentences


def _questions(read: _Reader, data: Mapping[str, Any]) -> tuple[Question, ...]:
    keys = ("id", "step", "question", "hint", "multiple", "counts_toward_causes", "options")
    keys += ("ask_when",)
    questions: list[Question] = []
    items = read.items(data, "questions", "must list the questions in order")
    read.file.unique(items)
    for where, item in items:
        question_id = read.text(item, "id", where)
        if question_id == REGION_QUESTION:
            # Region labels belong to the region table, so the drawing and the
            # questionnaire can never disagree about what a region is called.
            read.file.known_keys(
                item, [k for k in keys if k != "options"], where=where, required=()
            )
            options = tuple(
                Option(region.id, region.label, f"it hurts in the {region.label.lower()}")
                for region in REGIONS
            )
        else:
            read.file.known_keys(item, keys, where=where, required=("options",))
            options = tuple(_options(read, item, where))
        for flag in ("multiple", "counts_toward_causes"):
            if not isinstance(item.get(flag, False), bool):
                read.file.problem(f"{where}{flag}", "must be true or false")
        ask_when = _ask_when(read, item.get("ask_when", {}), f"{where}ask_when", questions)
        questions.append(
            Question(
                id=question_id,
                step=read.text(item, "step", where),
                question=read.text(item, "question", where),
                hint=read.optional_text(item, "hint", where),
                multiple=item.get("multiple") is True,
                counts_toward_causes=item.get("counts_toward_causes") is True,
                options=options,
                ask_when=ask_when,
            )
        )
    return tuple(questions)


def _ask_when(
    read: _Reader, raw: Any, where: str, earlier: list[Question]
) -> dict[str, tuple[str, ...]]:
    """A follow-up depends only on questions asked before it, so the flow can place it."""
    if not isinstance(raw, dict):
        read.file.problem(where, "must map earlier questions to the answers that bring this up")
        return {}
    before = {q.id: q for q in earlier}
    ask_when: dict[str, tuple[str, ...]] = {}
    for name, values in raw.items():
        if name not in before:
            read.file.problem(
                f"{where}.{name}",
                f"must name a question asked before this one ({', '.join(before)})",
            )
        elif (
            not _is_id_list(values)
            or not values
            or not set(values) <= {o.id for o in before[name].options}
        ):
            read.file.problem(f"{where}.{name}", f"must list values of the question '{name}'")
        else:
            ask_when[name] = tuple(values)
    return ask_when


def _options(read: _Reader, item: Mapping[str, Any], where: str) -> list[Option]:
    raw = item.get("options")
    if not isinstance(raw, list) or not raw:
        read.file.problem(f"{where}options", "needs a list of options")
        return []
    read.file.unique(
        [(f"{where}options[{i}].", o) for i, o in enumerate(raw) if isinstance(o, dict)]
    )
    options = []
    for index, option in enumerate(raw):
        at = f"{where}options[{index}]."
        if not isinstance(option, dict):
            read.file.problem(at.rstrip("."), "must be a mapping with id, label and said")
            continue
        read.file.known_keys(option, ("id", "label", "said", "weighs"), where=at, required=())
        options.append(
            Option(
                id=read.text(option, "id", at),
                label=read.text(option, "label", at),
                said=read.text(option, "said", at),
                weighs=option.get("weighs", True) is not False,
            )
        )
    return options


def _rules(
    read: _Reader,
    data: Mapping[str, Any],
    vocabulary: Mapping[str, frozenset[str]],
    signs: list[WarningSign],
) -> tuple[Rule, ...]:
    rules = []
    keys = ("id", "urgency", "when", "reason", "reference", "sign")
    items = read.items(data, "rules", "must list the escalation rules")
    read.file.unique(items)
    for where, item in items:
        read.file.known_keys(item, keys, where=where, required=keys[:5])
        raw_when = item.get("when")
        if not isinstance(raw_when, dict) or not raw_when:
            read.file.problem(f"{where}when", "must map answers to the values that trigger it")
            raw_when = {}
        when: dict[str, tuple[str, ...]] = {}
        both_sides: frozenset[str] = frozenset()
        unanswered: frozenset[str] = frozenset()
        for key, values in raw_when.items():
            at = f"{where}when.{key}"
            if not _is_id_list(values) or not values:
                read.file.problem(at, "must be a list of ids, such as [shooting, numbness]")
            elif key == BOTH_SIDES:
                if not set(values) <= AREAS:
                    read.file.problem(at, f"must list areas of {', '.join(sorted(AREAS))}")
                    continue
                both_sides = frozenset(values)
            elif key == UNANSWERED:
                if not set(values) <= set(vocabulary):
                    read.file.problem(at, f"must list questions of {', '.join(sorted(vocabulary))}")
                    continue
                unanswered = frozenset(values)
            elif key not in vocabulary:
                read.file.problem(
                    at, f"names an unknown answer (known: {', '.join(sorted(vocabulary))})"
                )
            else:
                unknown = set(values) - vocabulary[key]
                if unknown:
                    read.file.problem(at, f"has unknown values {sorted(unknown)}")
                when[key] = tuple(values)
        rule = Rule(
            id=read.text(item, "id", where),
            urgency=read.urgency(item, where),
            when=when,
            both_sides=both_sides,
            unanswered=unanswered,
            reason=read.text(item, "reason", where),
            reference=read.text(item, "reference", where),
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
                )
            )
    return tuple(rules)


def parse_profile(raw: Any, *, questionnaire: Questionnaire, problem: ProblemSink) -> Profile:
    """Read a condition's ``self_check`` block; ``problem('.dimension', message)`` on errors."""
    names = [q.id for q in questionnaire.profile_questions]
    if not isinstance(raw, dict):
        problem("", "must map each of " + ", ".join(names) + " to its lists")
        return Profile()
    dimensions: dict[str, Expectation] = {}
    for key in raw:
        if key not in names:
            problem(f".{key}", f"is not a known answer (known: {', '.join(names)})")
    for dimension in names:
        block = raw.get(dimension)
        if not isinstance(block, dict):
            problem(
                f".{dimension}", "is missing (needs 'typical', optionally 'possible', 'against')"
            )
            continue
        accepted = questionnaire.vocabulary.get(dimension, frozenset())
        lists: dict[str, frozenset[str]] = {}
        for kind in ("typical", "possible", "against"):
            values = block.get(kind, [] if kind != "typical" else None)
            if values is None:
                problem(f".{dimension}.typical", "is missing (use [] for none)")
                values = []
            if not _is_id_list(values):
                problem(f".{dimension}.{kind}", "must be a list of ids")
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
