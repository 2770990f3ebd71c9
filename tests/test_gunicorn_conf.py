"""The production server as documented: starts, serves, and logs no health answers."""

import os
import socket
import subprocess
import sys
import time
import urllib.request

from django.conf import settings


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_access_log_leaves_out_query_strings(tmp_path):
    port = _free_port()
    log = tmp_path / "server.log"
    env = {
        **os.environ,
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "log-test-only-key-0123456789abcdefghijklmnopqrstuvwxyz-0123",
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "WEB_CONCURRENCY": "1",
    }
    with log.open("w") as out:
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-c",
                "apps/gunicorn_conf.py",
                "apps.wsgi:application",
            ],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            url = f"http://127.0.0.1:{port}/self-check/results/?red_flag=bladder-bowel&age=16-49"
            request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})
            for _ in range(100):
                try:
                    with urllib.request.urlopen(request, timeout=5) as response:
                        assert response.status == 200
                        assert "no-store" in response.headers["Cache-Control"]
                    break
                except OSError:
                    time.sleep(0.2)
            else:
                raise AssertionError("server did not answer:\n" + log.read_text())
        finally:
            server.terminate()
            server.wait(timeout=30)
    text = log.read_text()
    assert '"GET /self-check/results/ HTTP/1.1" 200' in text
    assert "bladder-bowel" not in text and "red_flag" not in text
