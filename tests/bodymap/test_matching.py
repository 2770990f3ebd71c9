"""Combining regions: conditions that affect all chosen places first, then some."""

from apps.bodymap.matching import match_regions
from apps.content.library import get_library


def test_one_region_lists_every_condition_that_affects_it_with_its_reason():
    library = get_library()
    result = match_regions(library.conditions, ["left-calf"])
    expected = {c.slug for c in library.conditions if "left-calf" in c.regions}
    assert {m.condition.slug for m in result.all_of} == expected
    assert result.some_of == ()
    for match in result.all_of:
        assert match.notes[0][1] == match.condition.region_notes["calf"]


def test_two_regions_split_into_all_and_some():
    library = get_library()
    result = match_regions(library.conditions, ["right-calf", "lower-back"])
    assert result.chosen_ids == ("lower-back", "right-calf")  # body order
    both = {c.slug for c in library.conditions if {"lower-back", "right-calf"} <= set(c.regions)}
    either = {
        c.slug for c in library.conditions if {"lower-back", "right-calf"} & set(c.regions)
    } - both
    assert {m.condition.slug for m in result.all_of} == both
    assert {m.condition.slug for m in result.some_of} == either
    assert "sciatica" in both
    for match in result.some_of:
        assert len(match.regions) == 1 and len(match.missing) == 1


def test_left_and_right_of_one_area_share_one_sentence():
    library = get_library()
    result = match_regions(library.conditions, ["left-thigh", "right-thigh"])
    sciatica = next(m for m in result.all_of if m.condition.slug == "sciatica")
    assert len(sciatica.notes) == 1
    assert sciatica.where == "back of the left thigh and back of the right thigh"


def test_no_regions_matches_nothing():
    result = match_regions(get_library().conditions, [])
    assert result.chosen == () and result.all_of == () and result.some_of == ()
