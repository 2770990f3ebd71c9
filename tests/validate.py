"""``make validate``: the W3C Nu HTML Checker over every page a person can reach.

Crawls the site in-process from the home page, as a person would: it follows every
internal link and submits every form (the self-check's steps and a result included,
ticking the first choice of each question), then runs the checker (vnu.jar, from the
npm package ``vnu-jar``, on Debian's Java) once over all the pages. Any error fails.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
VNU = ROOT / ".tools" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
MAX_PAGES = 600
"""A bound on the crawl: the site has about 150 distinct pages and steps today."""
SKIPPED_PREFIXES = ("/static/",)
SKIPPED_SUFFIXES = (".json", ".xml", ".txt")
NUMBER_ANSWER = "45"


class _Page(HTMLParser):
    """The links and GET forms of one page, each form with the query a person might send."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.forms: list[tuple[str, list[tuple[str, str]]]] = []
        self._form: tuple[str, list[tuple[str, str]], set[str]] | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {name: value or "" for name, value in attrs}
        if tag == "a" and "href" in a:
            self.links.append(a["href"])
        elif tag == "form" and a.get("method", "get").lower() == "get":
            self._form = (a.get("action", ""), [], set())
        elif self._form is not None and tag == "input" and a.get("name"):
            self._answer(a)
        elif self._form is not None and tag == "select" and a.get("name"):
            self._select = a["name"]
        elif self._select and tag == "option":
            self._choose(self._select, a.get("value", ""))
            self._select = None

    def _answer(self, a: dict[str, str]) -> None:
        kind, name = a.get("type", "text"), a["name"]
        if kind in ("checkbox", "radio"):
            self._choose(name, a.get("value", "on"))
        elif kind == "number":
            self._choose(name, a.get("value") or NUMBER_ANSWER)
        elif kind in ("text", "search"):
            self._choose(name, a.get("value") or "back pain")
        elif kind not in ("submit", "button", "reset", "image"):
            self._choose(name, a.get("value", ""))

    def _choose(self, name: str, value: str) -> None:
        assert self._form is not None
        _, pairs, named = self._form
        if name not in named:
            named.add(name)
            pairs.append((name, value))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self._form is not None:
            self.forms.append(self._form[:2])
            self._form = None


def _internal(url: str, base: str) -> str | None:
    url = urldefrag(url).url
    if not url.startswith("/") or url.startswith("//"):
        return None if url else base
    path = urlsplit(url).path
    if path.startswith(SKIPPED_PREFIXES) or path.endswith(SKIPPED_SUFFIXES):
        return None
    return url


def crawl(client, start: str = "/") -> dict[str, str]:
    """Every page reachable from ``start`` by links and GET forms: address to HTML."""
    pages: dict[str, str] = {}
    queue, seen = deque([start]), {start}
    while queue and len(pages) < MAX_PAGES:
        url = queue.popleft()
        response = client.get(url, headers={"X-Forwarded-Proto": "https"})
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        html = response.content.decode()
        pages[url] = html
        page = _Page()
        page.feed(html)
        found = [_internal(link, url) for link in page.links]
        for action, pairs in page.forms:
            target = _internal(action or url, url)
            if target:
                found.append(f"{urlsplit(target).path}?{urlencode(pairs)}")
        for link in found:
            if link and link not in seen:
                seen.add(link)
                queue.append(link)
    return pages


def check(pages: dict[str, str]) -> list[str]:
    """The checker's errors, each with the address of its page."""
    with tempfile.TemporaryDirectory(prefix="validate-") as folder:
        files = {}
        for number, (url, html) in enumerate(sorted(pages.items())):
            path = Path(folder) / f"page-{number:04d}.html"
            path.write_text(html, encoding="utf-8")
            files[path.name] = url
        result = subprocess.run(
            ["java", "-jar", str(VNU), "--errors-only", "--format", "json", folder],
            capture_output=True,
            text=True,
            check=False,
        )
    messages = json.loads(result.stderr or '{"messages": []}')["messages"]
    return [
        f"{files.get(Path(urlsplit(m.get('url', '')).path).name, '?')}:{m.get('lastLine', '?')}: "
        f"{m.get('message', '')} [{m.get('extract', '').strip()[:80]}]"
        for m in messages
        if m.get("type") == "error" or m.get("subType") == "fatal"
    ]


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "apps.settings")
    os.environ.setdefault("DJANGO_DEBUG", "1")
    import django

    django.setup()
    from django.test import Client

    if not VNU.is_file():
        print(f"vnu.jar is missing ({VNU}): run `make validate`, which installs it.")
        return 2
    pages = crawl(Client(SERVER_NAME="localhost"))
    steps = sum("/self-check/" in url and "step=" in url for url in pages)
    results = sum(url.startswith("/self-check/results/") for url in pages)
    errors = check(pages)
    for line in errors:
        print(line)
    print(
        f"Checked {len(pages)} pages ({steps} self-check steps, {results} results): "
        f"{len(errors)} errors."
    )
    return 1 if errors or not steps or not results else 0


if __name__ == "__main__":
    sys.exit(main())
