"""Live content under the development server: an edit shows on reload, no restart."""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.conf import settings
from django.utils.autoreload import StatReloader, autoreload_started

from tests.perf.bench import free_port

ROOT = Path(settings.BASE_DIR)


def test_the_reloader_watches_every_content_file(content_tree: Path) -> None:
    reloader = StatReloader()
    autoreload_started.send(sender=reloader)
    watched = set(reloader.watched_files())
    content = {path for path in content_tree.rglob("*") if path.suffix in (".md", ".yaml")}
    assert content, "the copied content has no files"
    assert content <= watched, sorted(map(str, content - watched))[:5]


class DevServer:
    """``manage.py runserver`` with its autoreloader, on a free port, serving ``content``."""

    def __init__(self, content: Path) -> None:
        self.port = free_port()
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 (closed in stop())
        env = {**os.environ, "DJANGO_DEBUG": "1", "CONTENT_DIR": str(content)}
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "runserver", f"127.0.0.1:{self.port}"],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def page(self, path: str) -> str:
        url = f"http://127.0.0.1:{self.port}{path}"
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode()

    def output(self) -> str:
        self.log.flush()
        self.log.seek(0)
        return self.log.read().decode(errors="replace")

    def wait_for(
        self, act: Callable[[], None], done: Callable[[], bool], *, what: str, timeout: float = 20
    ) -> float:
        """Seconds from the first ``act()`` until ``done()`` holds; polls (calling ``act``
        each time round), so the test takes only as long as needed."""
        start = time.monotonic()
        while time.monotonic() - start < timeout:
            act()
            try:
                if done():
                    return time.monotonic() - start
            except (OSError, urllib.error.HTTPError):
                pass
            time.sleep(0.1)
        raise AssertionError(f"{what} within {timeout} s:\n{self.output()[-3000:]}")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=10)
        self.log.close()


@pytest.fixture
def dev_server(tmp_path: Path) -> Iterator[tuple[DevServer, Path]]:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    server = DevServer(content)
    try:
        yield server, content
    finally:
        server.stop()


def test_an_edit_shows_on_reload_and_a_broken_edit_says_where(dev_server) -> None:
    server, content = dev_server
    article = content / "conditions" / "sciatica.md"
    original = article.read_text(encoding="utf-8")
    server.wait_for(
        lambda: None, lambda: "Symptoms" in server.page("/conditions/sciatica/"), what="no page"
    )

    seconds = server.wait_for(
        saving(article, original.replace("## Symptoms", "## Signs to look for")),
        lambda: "Signs to look for" in server.page("/conditions/sciatica/"),
        what="the edited heading did not show",
    )
    assert seconds < 10

    broken = original.replace("  - left-calf\n", "  - left-elbow\n", 1)
    assert broken != original
    server.wait_for(
        saving(article, broken),
        lambda: "sciatica.md:" in server.output() and "'left-elbow'" in server.output(),
        what="the broken file was not named with its line",
    )

    server.wait_for(
        saving(article, original.replace("## Symptoms", "## Fixed again")),
        lambda: "Fixed again" in server.page("/conditions/sciatica/"),
        what="the server did not come back once the file was fixed",
    )


def saving(path: Path, text: str) -> Callable[[], None]:
    """Save ``text`` now, and save it again every few seconds, as an editor might.

    A restarted server prints its check before its file watcher takes its first look at
    the files: an edit saved in between (a test is that fast; a person is not) is already
    in that first look, so it is not seen as a change. Saving again gives the watcher a
    change to see; the edit itself is the same.
    """
    last = 0.0

    def save() -> None:
        nonlocal last
        if time.monotonic() - last >= RESAVE_SECONDS:
            path.write_text(text, encoding="utf-8")
            last = time.monotonic()

    return save


RESAVE_SECONDS = 3
