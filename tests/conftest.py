"""Fixtures shared by every test: a client that arrives over HTTPS, content trees, Chromium."""

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import Client

from apps.conditions import library

REAL_CONTENT = Path(django_settings.BASE_DIR) / "content"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(autouse=True)
def plain_static_storage(settings) -> None:
    """The suite runs with production settings, but nothing has been collected: serve
    static files under their plain names (as live_server does) instead of hashed ones."""
    settings.STORAGES = {
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}
    }


@pytest.fixture
def transactional_db() -> None:
    """The site has no database, so there is nothing to flush around live-server tests.

    pytest-django's live_server asks for this fixture; its own version would try to
    empty a database that does not exist.
    """


@pytest.fixture
def client() -> Client:
    """Requests arrive as they do behind the production proxy, which ends HTTPS."""
    return Client(headers={"X-Forwarded-Proto": "https"})


@pytest.fixture
def htmx_client() -> Callable[..., object]:
    """GET as htmx would, aimed at a target id."""
    plain = Client(headers={"X-Forwarded-Proto": "https"})

    def get(url: str, *, target: str, **headers: str):
        return plain.get(url, headers={"HX-Request": "true", "HX-Target": target, **headers})

    return get


@pytest.fixture
def content_tree(tmp_path: Path, settings) -> Iterator[Path]:
    """A copy of the real content in a temporary folder, served instead of the real one.

    Tests break it on purpose; the library cache is cleared before and after.
    """
    tree = tmp_path / "content"
    shutil.copytree(REAL_CONTENT, tree)
    settings.CONTENT_DIR = tree
    library.clear_cache()
    yield tree
    library.clear_cache()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Debian's Chromium: Playwright cannot download its own browser on these machines."""
    executable = shutil.which("chromium") or "/usr/bin/chromium"
    return {**browser_type_launch_args, "executable_path": executable, "args": CHROMIUM_FLAGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    """The production settings redirect plain HTTP, so say HTTPS ended at a proxy."""
    return {**browser_context_args, "extra_http_headers": {"X-Forwarded-Proto": "https"}}


@pytest.fixture
def console_errors(page) -> Iterator[list[str]]:
    """Console errors, page errors and CSP violations seen during a browser test.

    The test itself asserts the list is empty at the end, so a failure names the error.
    """
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield errors


def axe_violations(page) -> list[str]:
    """Run axe-core in the page and describe each violation (empty list when clean)."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(str(node["target"]) for node in v["nodes"][:3])
        for v in results.response["violations"]
    ]
