"""Which conditions affect the chosen regions: all of them first, then some of them.

Plain Python over the content library; which condition affects which region is read only
from the articles' front matter.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from apps.content.conditions import Condition
from apps.content.regions import REGIONS, Region, describe


@dataclass(frozen=True, slots=True)
class Match:
    """A condition and the chosen regions it can cause pain in, each with its reason."""

    condition: Condition
    regions: tuple[Region, ...]
    notes: tuple[tuple[Region, str], ...]
    missing: tuple[Region, ...] = ()
    """The chosen regions this condition does not usually affect."""

    @property
    def where(self) -> str:
        return describe(self.regions)

    @property
    def missing_label(self) -> str:
        return describe(self.missing)


@dataclass(frozen=True, slots=True)
class MapResult:
    chosen: tuple[Region, ...]
    all_of: tuple[Match, ...]
    """Conditions that affect every chosen region (with one region: every match)."""
    some_of: tuple[Match, ...]
    """Conditions that affect at least one, but not all, of the chosen regions."""

    @property
    def chosen_ids(self) -> tuple[str, ...]:
        return tuple(r.id for r in self.chosen)

    @property
    def chosen_label(self) -> str:
        return describe(self.chosen)


def match_regions(conditions: Iterable[Condition], region_ids: Sequence[str]) -> MapResult:
    """Split the conditions by how many of ``region_ids`` (known ids) they affect."""
    wanted = set(region_ids)
    chosen = tuple(r for r in REGIONS if r.id in wanted)  # body order, not click order
    all_of: list[Match] = []
    some_of: list[Match] = []
    for condition in conditions:
        hit = tuple(r for r in chosen if r.id in condition.regions)
        if not hit:
            continue
        notes = _distinct_notes(condition, hit)
        missing = tuple(r for r in chosen if r not in hit)
        match = Match(condition=condition, regions=hit, notes=notes, missing=missing)
        (all_of if len(hit) == len(chosen) else some_of).append(match)
    some_of.sort(key=lambda m: (-len(m.regions), m.condition.title.casefold()))
    return MapResult(chosen=chosen, all_of=tuple(all_of), some_of=tuple(some_of))


def _distinct_notes(condition: Condition, hit: Sequence[Region]) -> tuple[tuple[Region, str], ...]:
    """One sentence per area (left and right share theirs)."""
    seen: set[str] = set()
    notes = []
    for region in hit:
        if region.area not in seen:
            seen.add(region.area)
            notes.append((region, condition.note_for(region.id)))
    return tuple(notes)
