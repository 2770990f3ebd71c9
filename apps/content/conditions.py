"""The schema of a condition article: a document plus where it hurts and how it presents."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from apps.content.documents import DOCUMENT_FIELDS, Document, open_document
from apps.content.files import ContentProblem, FileReader
from apps.content.markup import Renderer
from apps.content.questionnaire import Profile, Questionnaire, parse_profile
from apps.content.regions import AREA_LABELS, AREAS, REGIONS_BY_ID, Region
from apps.content.translation import Translation
from apps.content.words import said

CONDITION_FIELDS = (*DOCUMENT_FIELDS, "regions", "region_notes", "related", "self_check")
CONDITION_OPTIONAL = ("sentence_forms",)
NAME_FORM = "name"
"""The form of the name that ``{condition}`` stands for in a sentence (English "a
herniated (slipped) disc"); without it, the title with its first letter lower-cased."""


def in_sentence(title: str) -> str:
    """A title inside a sentence: its first letter lower-cased, unless the title starts
    with an abbreviation; the rest as written ("deep vein thrombosis (DVT)")."""
    if len(title) > 1 and title[1].islower():
        return title[0].lower() + title[1:]
    return title


def capitalised(text: str) -> str:
    """The first letter a capital, the rest as written (never "(dvt)")."""
    return text[:1].upper() + text[1:]


@dataclass(frozen=True)
class Condition(Document):
    """A condition article: a document plus where it hurts and how it presents."""

    regions: tuple[str, ...] = ()
    region_notes: Mapping[str, str] = field(default_factory=dict)
    related: tuple[str, ...] = ()
    profile: Profile = field(default_factory=Profile)
    sentence_forms: Mapping[str, str] = field(default_factory=dict)
    """The name as the self-check's sentences need it: ``name`` for ``{condition}``, and
    any other form a language's sentences use (``of`` for ``{condition_of}``)."""

    @functools.cached_property
    def names(self) -> Mapping[str, str]:
        """Every blank a sentence may fill with this condition's name, capitalised too."""
        name = self.sentence_forms.get(NAME_FORM) or in_sentence(self.title)
        names = {"condition": name, "Condition": capitalised(name)}
        for form, text in self.sentence_forms.items():
            if form != NAME_FORM:
                names[f"condition_{form}"] = text
                names[f"Condition_{form}"] = capitalised(text)
        return names

    def note_for(self, region_id: str) -> str:
        """The sentence on why this condition can hurt in that region."""
        return self.region_notes[REGIONS_BY_ID[region_id].area]


@dataclass(frozen=True, slots=True)
class AffectedArea:
    """One area a condition affects, with both sides' regions and the reason it hurts."""

    label: str
    regions: tuple[Region, ...]
    note: str


def areas_of(condition: Condition) -> tuple[AffectedArea, ...]:
    """Group a condition's regions by area (left and right share one sentence)."""
    areas: dict[str, list[Region]] = {}
    for region_id in condition.regions:
        region = REGIONS_BY_ID[region_id]
        areas.setdefault(region.area, []).append(region)
    return tuple(
        AffectedArea(said(AREA_LABELS[area]), tuple(regions), condition.region_notes[area])
        for area, regions in areas.items()
    )


def read_condition(
    path: Path,
    problems: list[ContentProblem],
    *,
    questionnaire: Questionnaire,
    renderer: Renderer,
    translation: Translation | None = None,
) -> tuple[Condition, FileReader] | None:
    """Read and check one article; None when it cannot be read at all."""
    opened = open_document(
        path,
        problems,
        required=CONDITION_FIELDS,
        optional=CONDITION_OPTIONAL,
        renderer=renderer,
        translation=translation,
    )
    if opened is None:
        return None
    reader, data, fields = opened.reader, opened.data, opened.fields

    regions = reader.id_list(data, "regions")
    if not regions and "regions" in data:
        reader.problem("regions", "must name at least one region")
    for region_id in regions:
        if region_id not in REGIONS_BY_ID:
            reader.problem(
                "regions",
                f"unknown region id '{region_id}' (known: {', '.join(REGIONS_BY_ID)})",
            )
    notes = data.get("region_notes")
    if not isinstance(notes, dict) or not all(
        isinstance(v, str) and v.strip() for v in notes.values()
    ):
        reader.problem("region_notes", "must map each area to one sentence")
        notes = {}
    for area in notes:
        if area not in AREAS:
            reader.problem(
                f"region_notes.{area}",
                f"unknown area '{area}' (known: {', '.join(sorted(AREAS))})",
            )
    needed = {REGIONS_BY_ID[r].area for r in regions if r in REGIONS_BY_ID}
    for area in sorted(needed - set(notes)):
        reader.problem("region_notes", f"needs a sentence for the area '{area}'")

    profile = parse_profile(
        data.get("self_check"),
        questionnaire=questionnaire,
        problem=lambda name, message: reader.problem(f"self_check{name}", message),
    )
    forms = data.get("sentence_forms", {})
    if not isinstance(forms, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and v.strip() for k, v in forms.items()
    ):
        reader.problem("sentence_forms", "must map each form of the name to its words")
        forms = {}
    untranslated = reader.provenance is not None and reader.provenance.is_missing
    for form in sorted(questionnaire.name_forms - set(forms)):
        if untranslated:
            # Shown in English until it is translated: the English name as it is.
            forms[form] = in_sentence(fields["title"])
            continue
        reader.problem(
            "sentence_forms",
            f"needs the form '{form}': the self-check's sentences use {{condition_{form}}}",
        )
    condition = Condition(
        **fields,
        sentence_forms={k: v.strip() for k, v in forms.items()},
        regions=tuple(r for r in regions if r in REGIONS_BY_ID),
        region_notes={k: v.strip() for k, v in notes.items()},
        related=reader.id_list(data, "related"),
        profile=profile,
    )
    return condition, reader
