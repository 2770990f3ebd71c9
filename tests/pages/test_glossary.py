"""/glossary/: every term A to Z at its own anchor, letter navigation, sources and dates.

Links from articles and search results land on /glossary/#<id>; a term missing from the
page, or an anchor spelt differently, would leave people on the wrong word.
"""

import re

from django.utils.dateformat import format as format_date

from apps.content.library import get_library

GLOSSARY = get_library().glossary


def body(client) -> str:
    response = client.get("/glossary/")
    assert response.status_code == 200
    return response.content.decode()


def test_every_term_has_its_own_anchor_in_a_to_z_order(client):
    terms = re.findall(r'<dt id="([^"]+)">(.*?)</dt>', body(client))
    assert [term_id for term_id, _ in terms] == [t.id for t in GLOSSARY.terms]
    shown = [name.replace("&amp;", "&").replace("&#x27;", "'") for _, name in terms]
    assert shown == [t.term for t in GLOSSARY.terms]
    assert shown == sorted(shown, key=str.casefold)


def test_every_definition_and_other_name_is_shown(client):
    page = body(client).replace("&amp;", "&").replace("&#x27;", "'")
    for term in GLOSSARY.terms:
        assert term.definition in page, term.id
        if term.also_called:
            assert f"Also called: {', '.join(term.also_called)}." in page, term.id


def test_the_letters_link_to_their_sections_and_hold_their_terms(client):
    page = body(client)
    nav = re.search(r'<nav class="letter-nav" aria-label="Letters">(.*?)</nav>', page, re.DOTALL)
    assert nav
    letters = re.findall(r'<a href="#letter-([a-z])">([A-Z])</a>', nav.group(1))
    expected = sorted({t.letter for t in GLOSSARY.terms})
    assert [upper for _, upper in letters] == expected
    assert all(lower == upper.lower() for lower, upper in letters)
    for letter in expected:
        section = re.search(
            rf'<section class="glossary-letter" aria-labelledby="letter-{letter.lower()}">'
            rf'\s*<h2 id="letter-{letter.lower()}"[^>]*>{letter}</h2>(.*?)</section>',
            page,
            re.DOTALL,
        )
        assert section, letter
        ids = re.findall(r'<dt id="([^"]+)">', section.group(1))
        assert ids == [t.id for t in GLOSSARY.terms if t.letter == letter]


def test_references_and_review_dates_are_shown(client):
    page = body(client)
    for reference in GLOSSARY.references:
        assert reference.title in page.replace("&amp;", "&")
        if reference.url:
            assert f'href="{reference.url}"' in page
    for label, date in (
        ("Last reviewed", GLOSSARY.last_reviewed),
        ("Next review due", GLOSSARY.next_review),
    ):
        shown = f'{label}: <time datetime="{date.isoformat()}">{format_date(date, "j F Y")}</time>'
        assert shown in page


def test_the_glossary_is_a_public_cacheable_page(client):
    response = client.get("/glossary/")
    assert "public" in response["Cache-Control"]
    assert client.get("/glossary/", headers={"If-None-Match": response["ETag"]}).status_code == 304
