"""The schema of a condition article: a document plus where it hurts and how it presents."""

from __future__ import annotations

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


@dataclass(frozen=True, slots=True)
class Condition(Document):
    """A condition article: a document plus where it hurts and how it presents."""

    regions: tuple[str, ...] = ()
    region_notes: Mapping[str, str] = field(default_factory=dict)
    related: tuple[str, ...] = ()
    profile: Profile = field(default_factory=Profile)

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
        path, problems, required=CONDITION_FIELDS, renderer=renderer, translation=translation
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
    condition = Condition(
        **fields,
        regions=tuple(r for r in regions if r in REGIONS_BY_ID),
        region_notes={k: v.strip() for k, v in notes.items()},
        related=reader.id_list(data, "related"),
        profile=profile,
    )
    return condition, reader
