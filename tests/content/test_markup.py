"""Snippets and Renderer on small literal inputs: directives in, safe HTML out.

Warning signs are written once (in self-check.yaml) and placed by name; these tests pin
that a placed list shows exactly the signs of its urgency, and that nothing unsafe in a
source survives rendering even if the load-time checks were skipped.
"""

import re

import pytest

from apps.content.markup import (
    Body,
    Heading,
    Renderer,
    Snippets,
    TermLinks,
    WarningSign,
    mark_english_names,
    sanitise,
)
from apps.content.vocabulary import Urgency

SIGNS = (
    WarningSign(Urgency.EMERGENCY, "Label A", "short a", "Advice A"),
    WarningSign(Urgency.URGENT, "Label B", "short b", "Advice B"),
    WarningSign(Urgency.EMERGENCY, "Label C", "short c", "Advice C"),
    WarningSign(Urgency.GP, "Label D", "short d", "Advice D"),
)


@pytest.fixture
def snippets() -> Snippets:
    return Snippets(
        inline={"emergency-number": "112", "not-better": "See a GP if it lasts."},
        signs=SIGNS,
        self_care=("Tip 1", "Tip 2"),
    )


@pytest.fixture
def renderer(snippets: Snippets) -> Renderer:
    return Renderer(snippets)


def _html(renderer: Renderer, source: str) -> str:
    return renderer.render(source)[0]


def _items(html: str) -> list[str]:
    return re.findall(r"<li>(.*?)</li>", html)


@pytest.mark.parametrize("urgency", list(Urgency))
def test_the_list_form_renders_every_sign_of_that_urgency_and_no_other(
    renderer: Renderer, urgency: Urgency
) -> None:
    """A page listing the emergency signs must list all of them, and no lesser ones."""
    html = _html(renderer, f"Intro.\n\n[[warning-signs: {urgency.value}]]\n\nAfter.\n")
    expected = [sign.label for sign in SIGNS if sign.urgency == urgency]
    assert _items(html) == expected
    assert "<p>Intro.</p>" in html and "<p>After.</p>" in html


def test_the_in_detail_form_renders_a_heading_per_sign_with_label_and_advice(
    renderer: Renderer,
) -> None:
    """The urgent-help page explains each sign under its own heading, in file order."""
    html = _html(renderer, "[[warning-signs: emergency, in detail]]\n")
    assert re.findall(r"<h3[^>]*>(.*?)</h3>", html) == ["Short a", "Short c"]
    for sign in (SIGNS[0], SIGNS[2]):
        assert f"<strong>The sign:</strong> {sign.label}" in html
        assert f"<strong>What to do:</strong> {sign.advice}" in html
    assert "Label B" not in html and "Advice D" not in html
    # Each sign's block sits under its own heading.
    assert html.index("Short a") < html.index("Advice A") < html.index("Short c")


def test_self_care_renders_the_tips_as_a_list(renderer: Renderer) -> None:
    """[[self-care]] stands for the one self-care list, even inside other paragraphs."""
    html = _html(renderer, "Try this:\n[[self-care]]\nThen rest.\n")
    assert _items(html) == ["Tip 1", "Tip 2"]
    assert "[[self-care]]" not in html


def test_inline_placeholders_are_filled_anywhere_in_a_line(renderer: Renderer) -> None:
    """The emergency number is a setting: content places it, the renderer writes it in."""
    html = _html(renderer, "Call **[[emergency-number]]** now. [[not-better]]\n")
    assert html == "<p>Call <strong>112</strong> now. See a GP if it lasts.</p>"


def test_an_unknown_placeholder_is_left_visible_for_the_check_to_name(
    snippets: Snippets, renderer: Renderer
) -> None:
    """Filling must not swallow a typo: the check reports it, so it must still be there."""
    assert snippets.fill("Call [[emergncy-number]].") == "Call [[emergncy-number]]."
    assert "[[emergncy-number]]" in _html(renderer, "Call [[emergncy-number]].\n")


def test_raw_html_in_the_source_comes_out_escaped(renderer: Renderer) -> None:
    """No tag written in content reaches the page: it shows as text instead."""
    html = _html(
        renderer,
        '<script>alert(1)</script>\n\nHi <b onclick="steal()">there</b>\n\n<!-- note -->\n',
    )
    assert "<script" not in html and "<b " not in html and "<!--" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;b onclick=" in html


@pytest.mark.parametrize(
    "link",
    [
        "[x](javascript:alert(1))",
        "[x](JavaScript:void(0))",
        "[x](data:text/html;base64,AAAA)",
        "![x](javascript:alert(1))",
        "[x][ref]\n\n[ref]: javascript:alert(1)",
        "[x](http://plain.example/)",
        "[x](//evil.example/path)",
        "![x](//evil.example/pixel.png)",
    ],
)
def test_unsafe_links_are_neutralised(renderer: Renderer, link: str) -> None:
    """Whatever scheme a link uses, only site paths, anchors, https and mailto survive:
    an unsafe address is dropped, and the link's words stay as plain text."""
    html = _html(renderer, link + "\n")
    assert re.findall(r'(?:href|src)="([^"]*)"', html) == []
    assert "javascript:" not in html.lower() and "data:" not in html and "evil" not in html
    assert ">x</a>" in html or 'alt="x"' in html


def test_the_sanitiser_keeps_only_what_the_site_writes() -> None:
    """The second line behind the content check: markup Markdown would never write (say,
    from a future extension) loses its element or attribute, but keeps its words."""
    dirty = (
        '<p onclick="x()" style="color:red">Hi <script>alert(1)</script>'
        '<a href="/overview/" class="term evil" target="_blank">there</a>'
        '<iframe src="https://example.org/"></iframe></p><h2 id="why">Why</h2>'
    )
    assert sanitise(dirty) == (
        '<p>Hi <a href="/overview/" class="term">there</a></p><h2 id="why">Why</h2>'
    )


# English on a translated page --------------------------------------------------------

NAMES = ("A&E", "GP", "GP surgery", "NHS 111")


def test_each_english_name_a_translation_keeps_is_marked_where_it_appears(
    snippets: Snippets,
) -> None:
    """A&E, GP: English words in a Polish sentence, said as English by a screen reader.
    A longer name is marked whole ("GP surgery"), even when a glossary term is inside it;
    a name inside a word, or in code, is not a name."""
    renderer = Renderer(snippets, english_names=NAMES, terms=TermLinks({"gp": "/glossary/#gp"}))
    html, toc = renderer.render(
        "## Wizyta u lekarza (GP)\n\nIdź na A&E albo do przychodni (GP surgery), "
        "zadzwoń pod NHS 111. GPS i `GP` to nie nazwy.\n"
    )
    assert '<h2 id="wizyta-u-lekarza-gp">Wizyta u lekarza (<span lang="en">GP</span>)</h2>' in html
    assert 'Idź na <span lang="en">A&amp;E</span> albo' in html
    assert '(<span lang="en"><a class="term" href="/glossary/#gp">GP</a> surgery</span>)' in html
    assert 'pod <span lang="en">NHS 111</span>.' in html
    assert "GPS i <code>GP</code> to nie nazwy." in html
    assert toc == (Heading("wizyta-u-lekarza-gp", "Wizyta u lekarza (GP)"),)


def test_a_block_shown_in_english_is_marked_whole_not_name_by_name() -> None:
    stale = WarningSign(Urgency.EMERGENCY, "Go to A&E", "a&e", "Advice", lang="en")
    renderer = Renderer(Snippets({}, (stale,), ()), english_names=NAMES)
    html = _html(renderer, "[[warning-signs: emergency]]\n")
    assert '<li lang="en">Go to A&amp;E</li>' in html


def test_an_inline_snippet_shown_in_english_is_marked_as_english(snippets: Snippets) -> None:
    """A stale snippet is a whole sentence in English: in a translated paragraph it is
    marked, never left to read as part of the translation."""
    stale = Snippets(snippets.inline, (), (), english=frozenset({"not-better"}))
    html = _html(Renderer(stale), "Ruszaj się. [[not-better]] Dzwoń pod [[emergency-number]].\n")
    assert html == (
        '<p>Ruszaj się. <span lang="en">See a GP if it lasts.</span> Dzwoń pod 112.</p>'
    )
    # The same snippet filled into text that is not Markdown carries no mark.
    assert stale.fill("[[not-better]]") == "See a GP if it lasts."


def test_marking_names_in_html_leaves_tags_attributes_and_english_alone() -> None:
    """The site's own words and a page's fields go through the same marking in
    templates (the ``english`` filter): only text is touched."""
    fragment = (
        '<p title="GP">Idź do GP (<a href="/gp/">GP surgery</a>).</p>'
        '<p lang="en">See a GP</p><title>GP</title><!-- GP -->'
        "<p>Zadzwoń pod NHS 111 &amp; idź na A&amp;E<br>GP</p>"
    )
    assert mark_english_names(fragment, NAMES) == (
        '<p title="GP">Idź do <span lang="en">GP</span> (<a href="/gp/">'
        '<span lang="en">GP surgery</span></a>).</p>'
        '<p lang="en">See a GP</p><title>GP</title><!-- GP -->'
        '<p>Zadzwoń pod <span lang="en">NHS 111</span> &amp; idź na '
        '<span lang="en">A&amp;E</span><br><span lang="en">GP</span></p>'
    )
    assert mark_english_names(fragment, ()) == fragment


def test_safe_links_are_kept(renderer: Renderer) -> None:
    """Neutralising must not break ordinary links."""
    html = _html(
        renderer,
        "[a](/conditions/sciatica/) [b](#symptoms) [c](https://www.nhs.uk/) [d](mailto:x@y.z)\n",
    )
    assert re.findall(r'href="([^"]*)"', html) == [
        "/conditions/sciatica/",
        "#symptoms",
        "https://www.nhs.uk/",
        "mailto:x@y.z",
    ]


def test_second_level_headings_make_the_table_of_contents(renderer: Renderer) -> None:
    """The contents list shows the ## sections only, with the anchors the page uses."""
    html, toc = renderer.render("## What it is\n\nText.\n\n### Detail\n\n## Symptoms\n")
    assert toc == (Heading("what-it-is", "What it is"), Heading("symptoms", "Symptoms"))
    assert '<h2 id="what-it-is">What it is</h2>' in html
    assert '<h3 id="detail">Detail</h3>' in html


def test_one_renderer_serves_many_documents_without_leaking_between_them(
    renderer: Renderer,
) -> None:
    """The converter is shared per library; each render must start afresh."""
    renderer.render("## First\n\n## Second\n")
    html, toc = renderer.render("## Only\n")
    assert toc == (Heading("only", "Only"),)
    assert html == '<h2 id="only">Only</h2>'


def test_body_renders_once_on_first_use() -> None:
    """Bodies render lazily and keep the result: a thousand pages must load quickly."""
    calls: list[str] = []

    def render(source: str) -> tuple[str, tuple[Heading, ...]]:
        calls.append(source)
        return f"<p>{source}</p>", ()

    body = Body("hello", render)
    assert calls == []
    first = body.rendered()
    assert body.rendered() is first
    assert calls == ["hello"]


@pytest.mark.parametrize(
    "line",
    [
        "Call [[emergency-number]] now.",
        "[[warning-signs: emergency]]",
        "  [[warning-signs: urgent, in detail]]  ",
        "[[self-care]]",
    ],
)
def test_known_directives_have_no_problems(snippets: Snippets, line: str) -> None:
    """The check must accept every form the content guide documents."""
    assert list(snippets.problems_in(line)) == []


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("Say [[nope]] here.", "unknown directive [[nope]]"),
        ("[[warning-signs: soon]]", "[[warning-signs: soon]] must name an urgency"),
        ("[[warning-signs: urgent, briefly]]", "must name an urgency"),
        ("[[warning-signs]]", "unknown directive [[warning-signs]]"),
        ("[[self-care: more]]", "unknown directive [[self-care: more]]"),
        ("[[emergency-number: 112]]", "unknown directive [[emergency-number: 112]]"),
        ("Tips: [[self-care]]", "[[self-care]] must stand alone on its line"),
    ],
)
def test_wrong_directives_are_named(snippets: Snippets, line: str, message: str) -> None:
    """Each mistake gets one message that says what is wrong with which directive."""
    problems = list(snippets.problems_in(line))
    assert len(problems) == 1
    assert message in problems[0]


def test_signs_of_keeps_file_order(snippets: Snippets) -> None:
    """The order in self-check.yaml is the order people read the signs in."""
    assert snippets.signs_of(Urgency.EMERGENCY) == (SIGNS[0], SIGNS[2])
    assert snippets.signs_of(Urgency.SELF_CARE) == ()
