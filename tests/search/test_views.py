"""/search/ and /search.json through the test client: results, escaping, the contract's
JSON shape, 400s, privacy headers, the htmx partial and the header form on every page.

What people search for is about their health, so the privacy tests matter as much as
the results: never stored, never a referrer, never in the page cache or the access log.
"""

import html
import json
import re
from html.parser import HTMLParser
from urllib.parse import quote, urlencode, urlsplit

import pytest
from django.urls import Resolver404, resolve, reverse
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from apps.content.library import get_library
from apps.content.search import MAX_QUERY_LENGTH
from tests.perf.bench import Server, collect_static
from tests.site import public_urls

KINDS = {"condition", "page", "glossary"}
HELP_LINKS = ["/conditions/", "/body-map/", "/self-check/", "/urgent-help/"]
QUERIES = ["sciatica", "slipped disc", "strains", "pins and needles", "fit note", "sciatca"]


def search_page(client, query: str, **extra: str):
    return client.get(reverse("search") + "?" + urlencode({"q": query, **extra}))


def search_json(client, query: str, **extra: str):
    return client.get(reverse("search-json") + "?" + urlencode({"q": query, **extra}))


def results_div(body: str) -> str:
    """The live region htmx replaces: from its opening tag to the end of main."""
    start = body.index('<div id="search-results"')
    return body[start : body.index("</main>", start)]


def result_items(body: str) -> list[str]:
    return re.findall(r"<li>\s*<h3>.*?</li>", results_div(body), re.DOTALL)


# Results ------------------------------------------------------------------------------------


def test_a_result_shows_its_title_kind_and_a_snippet_with_the_words_marked(client):
    response = search_page(client, "slipped disc")
    assert response.status_code == 200
    first, *_ = result_items(response.content.decode())
    assert '<a href="/conditions/herniated-disc/">Herniated (slipped) disc</a>' in first
    assert '<p class="result-kind">Condition</p>' in first
    marks = re.findall(r"<mark>(.*?)</mark>", first)
    assert marks, first
    assert {m.casefold() for m in marks} <= {"slipped", "disc", "discs"}


def test_every_kind_has_its_plain_label(client):
    """People read "Guide" and "Medical word", not the internal kind names."""
    body = search_page(client, "sciatica").content.decode()
    labels = re.findall(r'<p class="result-kind">(.*?)</p>', results_div(body))
    assert {"Condition", "Guide", "Medical word"} <= set(labels)


def test_marked_words_are_the_words_searched_for_or_their_stems(client):
    """ "strains" marks strain, strains, strained: the stems that matched."""
    body = search_page(client, "strains").content.decode()
    marks = re.findall(r"<mark>(.*?)</mark>", results_div(body))
    assert marks
    assert all(m.casefold().startswith("strain") for m in marks), marks


@pytest.mark.parametrize(
    "query",
    [
        "<script>alert(1)</script>",
        '"><script>alert(1)</script>',
        "<img src=x onerror=alert(1)> sciatica",
        "</title><script>x</script>",
    ],
)
def test_markup_in_the_query_is_shown_as_text_never_run(client, htmx_client, query):
    url = reverse("search") + "?" + urlencode({"q": query})
    for response in (client.get(url), htmx_client(url, target="search-results")):
        body = response.content.decode()
        assert response.status_code == 200
        assert "<script>" not in body and "<img" not in body
        assert "&lt;script&gt;" in body or "&lt;img" in body


def test_an_ampersand_in_a_result_is_escaped(client):
    """ "A&E" is a glossary term: its title and snippet arrive as text, so the & is an
    entity in the page, and no bare & (which would start an entity) is left."""
    body = search_page(client, "accident and emergency").content.decode()
    results = results_div(body)
    assert '<a href="/glossary/#a-and-e">A&amp;E</a>' in results
    assert re.search(r"&(?!amp;|lt;|gt;|quot;|#x27;|#\d+;)", results) is None


def test_snippets_are_built_from_escaped_pieces(client):
    """Only <mark> is markup inside a snippet; everything else is escaped text."""
    body = search_page(client, "sciatica").content.decode()
    for snippet in re.findall(r'<p class="result-snippet">(.*?)</p>', body, re.DOTALL):
        assert re.sub(r"</?mark>", "", snippet).count("<") == 0, snippet


# The JSON twin ------------------------------------------------------------------------------


@pytest.mark.parametrize("query", QUERIES)
def test_the_json_has_exactly_the_contract_shape(client, query):
    response = search_json(client, query)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    data = response.json()
    assert set(data) == {"query", "results", "suggestion"}
    assert data["query"] == query
    assert data["suggestion"] is None or isinstance(data["suggestion"], str)
    assert data["results"], query
    for result in data["results"]:
        assert set(result) == {"title", "url", "snippet", "kind"}
        assert all(isinstance(result[k], str) and result[k] for k in result)
        assert result["kind"] in KINDS
        parts = urlsplit(result["url"])
        assert not parts.scheme and not parts.netloc and parts.path.startswith("/")
        resolve(parts.path)  # a page of this site (raises Resolver404 otherwise)
        assert "\x02" not in result["snippet"] and "<mark>" not in result["snippet"]


def test_the_json_and_the_page_list_the_same_results_in_the_same_order(client):
    data = search_json(client, "pain down my leg").json()
    body = search_page(client, "pain down my leg").content.decode()
    hrefs = re.findall(r'<h3><a href="([^"]+)">', results_div(body))
    assert hrefs == [result["url"] for result in data["results"]]
    assert data["results"][0] == {
        "title": "Sciatica",
        "url": "/conditions/sciatica/",
        "snippet": data["results"][0]["snippet"],
        "kind": "condition",
    }


def test_glossary_results_link_to_their_term_on_the_glossary_page(client):
    data = search_json(client, "sciatic nerve").json()
    glossary = [r for r in data["results"] if r["kind"] == "glossary"]
    assert {"title": "Sciatic nerve", "kind": "glossary"}.items() <= glossary[0].items()
    assert glossary[0]["url"] == "/glossary/#sciatic-nerve"
    page = client.get("/glossary/").content.decode()
    for result in glossary:
        anchor = urlsplit(result["url"]).fragment
        assert f'id="{anchor}"' in page


def test_a_misspelling_is_corrected_in_json_and_said_on_the_page(client):
    data = search_json(client, "sciatca").json()
    assert data["suggestion"] == "sciatica"
    assert data["results"][0]["url"] == "/conditions/sciatica/"
    body = search_page(client, "sciatca").content.decode()
    assert "Showing results for <strong>sciatica</strong>" in body


def test_a_correctly_spelt_query_has_no_suggestion(client):
    assert search_json(client, "sciatica").json()["suggestion"] is None


@pytest.mark.parametrize("query", ["sciatica", "slipped disc", "fit note", "pins and needles"])
def test_json_snippets_are_plain_text(client, query):
    """The contract promises plain text: no Markdown left over (list dashes, link
    brackets, heading runs) and no gaps where a link was ("such as  sciatica .")."""
    for result in search_json(client, query).json()["results"]:
        snippet = result["snippet"]
        assert not re.search(r"\]\(|\[\[|\*\*|`|(^|\n)\s*(#|[-*+]\s|\d+\.\s)", snippet), snippet
        assert not re.search(r"\s[,.;:)]|\s{2,}|\n", snippet), snippet


# Empty, too long, unknown ---------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/search/", "/search/?q=", "/search/?q=+++"])
def test_an_empty_search_is_200_with_no_results_and_ways_on(client, url):
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "result-list" not in body
    links = results_div(body)
    for href in HELP_LINKS:
        assert f'href="{href}"' in links


def test_a_search_with_no_results_offers_the_same_ways_on(client):
    body = search_page(client, "xyzzyplugh").content.decode()
    assert "No results for “xyzzyplugh”" in body
    for href in HELP_LINKS:
        assert f'href="{href}"' in results_div(body)


@pytest.mark.parametrize("url", ["/search.json", "/search.json?q=", "/search.json?q=%20"])
def test_an_empty_json_search_is_200_with_no_results(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response.json() == {"query": "", "results": [], "suggestion": None}


def test_a_query_of_exactly_the_limit_is_answered(client):
    query = ("sciatica " * 40)[:MAX_QUERY_LENGTH]
    assert search_page(client, query).status_code == 200
    assert search_json(client, query).status_code == 200


def test_a_query_over_the_limit_is_a_400_page(client):
    response = search_page(client, "a" * (MAX_QUERY_LENGTH + 1))
    assert response.status_code == 400
    body = response.content.decode()
    assert f"{MAX_QUERY_LENGTH} characters or fewer" in body
    assert "<code>q</code>" in body
    assert 'href="/search/"' in body


def test_a_query_over_the_limit_is_a_400_json_naming_q(client):
    response = search_json(client, "a" * (MAX_QUERY_LENGTH + 1))
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["parameter"] == "q"
    assert str(MAX_QUERY_LENGTH) in error["message"]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [("q=sciatica&page=2", "page"), ("page=2", "page"), ("q=a&q=b", "q"), ("Q=sciatica", "Q")],
)
def test_anything_but_one_q_is_a_400_naming_the_parameter(client, query, parameter):
    page = client.get(f"/search/?{query}")
    assert page.status_code == 400
    assert f"<code>{parameter}</code>" in page.content.decode()
    data = client.get(f"/search.json?{query}")
    assert data.status_code == 400
    assert data.json()["error"]["parameter"] == parameter


# Privacy ------------------------------------------------------------------------------------

PRIVATE_URLS = [
    "/search/?q=slipped+disc",
    "/search/?q=",
    "/search.json?q=slipped+disc",
    "/search/?q=" + "a" * (MAX_QUERY_LENGTH + 1),
    "/search.json?q=" + "a" * (MAX_QUERY_LENGTH + 1),
    "/search/?q=x&page=2",
    "/search.json?page=2",
]


@pytest.mark.parametrize("url", PRIVATE_URLS)
def test_searches_are_never_stored_and_never_sent_as_a_referrer(client, htmx_client, url):
    for response in (client.get(url), htmx_client(url, target="search-results")):
        assert response.status_code in (200, 400)
        assert "no-store" in response["Cache-Control"]
        assert "public" not in response["Cache-Control"]
        assert response["Referrer-Policy"] == "no-referrer"
        assert not response.has_header("ETag")


def test_searches_never_enter_the_page_cache(client, htmx_client, monkeypatch):
    """What the page cache stores: never a search, plain or htmx (see apps.caching)."""
    from tests.test_caching import kept_paths

    kept = kept_paths(monkeypatch)
    for url in PRIVATE_URLS:
        for response in (client.get(url), htmx_client(url, target="search-results")):
            assert response.status_code in (200, 400)
    assert client.get("/conditions/sciatica/").status_code == 200
    assert kept == ["/conditions/sciatica/"]


# htmx -------------------------------------------------------------------------------------------


def test_htmx_aimed_at_the_results_gets_only_the_partial(htmx_client):
    response = htmx_client("/search/?q=sciatica", target="search-results")
    assert response.status_code == 200
    body = response.content.decode().strip()
    assert re.match(r'<title>Search: sciatica – [^<]+</title>\s*<div id="search-results"', body), (
        body[:200]
    )
    assert body.endswith("</div>")
    assert "<html" not in body and "site-header" not in body and "<form" not in body
    assert '<a href="/conditions/sciatica/">Sciatica</a>' in body


def test_htmx_aimed_elsewhere_or_boosted_gets_the_whole_page(htmx_client):
    for response in (
        htmx_client("/search/?q=sciatica", target="main"),
        htmx_client("/search/?q=sciatica", target="search-results", **{"HX-Boosted": "true"}),
    ):
        assert response.content.decode().lstrip().startswith("<!doctype html>")


def test_page_and_partial_vary_on_the_htmx_headers(client, htmx_client):
    for response in (
        client.get("/search/?q=sciatica"),
        htmx_client("/search/?q=sciatica", target="search-results"),
    ):
        vary = {v.strip() for v in response["Vary"].split(",")}
        assert {"HX-Request", "HX-Target"} <= vary


# The header search form on every page -------------------------------------------------------


class Forms(HTMLParser):
    """Every form of a page: its attributes and the names of its inputs."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[tuple[dict[str, str | None], list[str]]] = []
        self._open = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "form":
            self.forms.append((dict(attrs), []))
            self._open = True
        elif tag == "input" and self._open:
            self.forms[-1][1].append(dict(attrs).get("name") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._open = False


def header_search_form(body: str) -> tuple[dict[str, str | None], list[str]]:
    parser = Forms()
    parser.feed(body)
    found = [form for form in parser.forms if "site-search" in (form[0].get("class") or "")]
    assert len(found) == 1, f"{len(found)} header search forms"
    return found[0]


EVERY_PAGE = list(
    dict.fromkeys(
        [
            *public_urls(get_library()),
            "/glossary/",
            "/exercises/",
            "/search/",
            "/search/?q=sciatica",
            "/self-check/",
            "/no-such-page/",
        ]
    )
)


@pytest.mark.parametrize("url", EVERY_PAGE)
def test_every_page_carries_the_header_search_form(client, url):
    """A GET form to /search/ with one box named q: it works without JavaScript, and
    what is typed goes only into the search's own (private) address."""
    response = client.get(url)
    assert response.status_code in (200, 404)
    attrs, inputs = header_search_form(response.content.decode())
    assert (attrs.get("method") or "get").lower() == "get"
    assert attrs.get("action") == "/search/"
    assert attrs.get("role") == "search"
    assert inputs == ["q"]
    assert 'for="site-search"' in response.content.decode()


# Fuzzing ----------------------------------------------------------------------------------------

FTS_SYNTAX = ['"', "AND", "OR", "NOT", "NEAR(", "*", "(", ")", "-", "^", ":", "{", "}", "%", "+"]
words = st.one_of(
    st.sampled_from(FTS_SYNTAX),
    st.sampled_from(["sciatica", "slipped", "disc", "the", "é", "ß", "%2", "%ZZ", "%E2%82"]),
    st.text(max_size=15),
)
view_queries = st.one_of(
    st.text(max_size=250), st.lists(words, max_size=40).map(" ".join).map(lambda q: q[:250])
)


@hypothesis_settings(
    max_examples=300, deadline=2000, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=view_queries, raw=st.booleans(), as_json=st.booleans())
@example(query="x" * (MAX_QUERY_LENGTH + 1), raw=False, as_json=True)
@example(query=" " * 250, raw=False, as_json=False)
@example(query='sciatica" OR "NEAR(disc* ^x:{a}', raw=True, as_json=False)
@example(query="%E2%82%ZZ%", raw=True, as_json=True)
def test_any_query_is_answered_with_200_or_400_never_500(client, query, raw, as_json):
    """Raw: the text put in the address as it is (stray % and all); otherwise encoded as a
    browser would, when the status is known exactly: 400 only over the limit."""
    path = "/search.json" if as_json else "/search/"
    encoded = quote(query, safe="%&=+") if raw else quote(query, safe="")
    response = client.get(f"{path}?q={encoded}")
    if raw:
        assert response.status_code in (200, 400), (query, response.status_code)
    else:
        expected = 400 if len(query.strip()) > MAX_QUERY_LENGTH else 200
        assert response.status_code == expected, (query, response.status_code)
    assert "no-store" in response["Cache-Control"]


# The access log ---------------------------------------------------------------------------------


def test_the_access_log_leaves_out_what_was_searched(tmp_path):
    """The production server logs paths only: a search is not written down anywhere."""
    collect_static(tmp_path)  # the documented deployment step; the server needs the manifest
    with Server(static_root=tmp_path) as server:
        assert b"Herniated (slipped) disc" in server.get("/search/?q=slipped+disc")
        assert json.loads(server.get("/search.json?q=slipped%20disc"))["results"]
        server.wait_for_output('"GET /search/ HTTP/1.1" 200')
        log = server.wait_for_output('"GET /search.json HTTP/1.1" 200')
    assert "slipped" not in log and "q=" not in log


def test_result_links_lead_to_pages_that_exist(client):
    """Every result of the everyday queries opens a page (and a glossary anchor exists)."""
    glossary = client.get("/glossary/").content.decode()
    for query in QUERIES:
        for result in search_json(client, query).json()["results"]:
            parts = urlsplit(html.unescape(result["url"]))
            try:
                resolve(parts.path)
            except Resolver404:
                pytest.fail(f"{result['url']} is not a page of the site")
            assert client.get(parts.path).status_code == 200, result["url"]
            if parts.fragment and parts.path == "/glossary/":
                assert f'id="{parts.fragment}"' in glossary
