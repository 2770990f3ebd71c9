"""The A to Z of conditions: every article under its own name and its other names.

Plain Python over the content library: "Slipped disc: see Herniated disc" comes from the
article's ``also_called`` front matter, never from a list written here.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from apps.content.conditions import Condition


@dataclass(frozen=True, slots=True)
class IndexEntry:
    label: str
    condition: Condition
    other_name: bool
    """True when ``label`` is another name for the condition ("see ...")."""

    @property
    def letter(self) -> str:
        return self.label[:1].upper()


def a_to_z(
    conditions: Iterable[Condition], *, order: Callable[[str], Any] = str.casefold
) -> tuple[IndexEntry, ...]:
    """Every condition and every other name, sorted A to Z by ``order``, the language's
    alphabet (a name shared with a title is left out, so no entry points to itself)."""
    conditions = tuple(conditions)
    titles = {c.title.casefold() for c in conditions}
    entries = [IndexEntry(c.title, c, other_name=False) for c in conditions]
    entries += [
        IndexEntry(name[:1].upper() + name[1:], c, other_name=True)
        for c in conditions
        for name in c.also_called
        if name.casefold() not in titles
    ]
    return tuple(sorted(entries, key=lambda e: (order(e.label), e.other_name)))
