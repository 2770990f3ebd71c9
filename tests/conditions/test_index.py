"""The A to Z of conditions (apps.conditions.index), in each language's own alphabet."""

from apps.conditions.index import a_to_z
from apps.content.library import get_library


def test_a_to_z_follows_each_languages_own_alphabet(client):
    """Polish letters sort as Polish readers expect (ł after l, ś after s, ż last), not
    by their code points after z."""
    polish = get_library("pl")
    order = polish.language.order
    labels = [entry.label for entry in a_to_z(polish.conditions, order=order)]
    assert labels == sorted(labels, key=order)
    assert [c.title for c in polish.conditions] == sorted(
        (c.title for c in polish.conditions), key=order
    )
    assert order("łydka") > order("lżejszy") and order("żebro") > order("zwężenie")
    response = client.get("/pl/conditions/")
    assert [entry.label for entry in response.context["entries"]] == labels
