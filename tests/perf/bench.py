"""The benchmark: ``make bench``.

Starts the production server (gunicorn with apps/gunicorn_conf.py, DEBUG off, collected
static files) on loopback and measures, with wrk, in one run:

- an article page, and the same article's HTML saved as a static file and served by
  whitenoise through the same server (the ceiling for this stack);
- a body-map region page, a self-check result page and the JSON result;
- content load time and result-page throughput with the real library and with a
  synthetic library of 1,000 conditions.

Every figure is printed beside its ratio to the static copy (or to the real library), so
the comparison holds whatever the machine. Exit status 1 if a target is missed.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SECONDS = int(os.environ.get("BENCH_SECONDS", "8"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "16"))
ANSWERS = (
    "red_flag=none&age=16-49&region=right-thigh&region=right-calf&feeling=shooting"
    "&feeling=tingling&onset=gradual&pattern=below-knee&duration=weeks"
)
ENV = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "benchmark-only-key-0123456789abcdefghijklmnopqrstuvwxyz-0123",
    "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
    "WEB_CONCURRENCY": "2",
    "HOST": "127.0.0.1",
}
HEADERS = ["-H", "X-Forwarded-Proto: https"]
SEARCH = "q=slipped+disc"
SEARCH_PL = "q=rwa+kulszowa"
QUERIES = (
    "slipped disc",
    "pins and needles",
    "sciatca",
    "when should I worry about back pain",
    "pulled hamstring",
    "stiff in the morning",
)


@dataclass
class Run:
    name: str
    path: str
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int
    non_2xx: int


def collect_static(static_root: Path | None = None) -> None:
    """Collect static files as a deployment does (compressed, with hashed names), into
    ``static_root`` when given (the tests write nothing into the checkout)."""
    env = {**os.environ, **ENV}
    if static_root is not None:
        env["DJANGO_STATIC_ROOT"] = str(static_root)
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
        cwd=ROOT,
        env=env,
        check=True,
    )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """gunicorn as in production, on a free loopback port."""

    def __init__(
        self,
        *,
        content_dir: Path | None = None,
        tls: Path | None = None,
        static_root: Path | None = None,
    ) -> None:
        self.port = free_port()
        env = {**os.environ, **ENV, "PORT": str(self.port)}
        if content_dir:
            env["CONTENT_DIR"] = str(content_dir)
        if static_root:
            env["DJANGO_STATIC_ROOT"] = str(static_root)
        tls_args = (
            ["--certfile", str(tls / "cert.pem"), "--keyfile", str(tls / "key.pem")] if tls else []
        )
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 (closed in stop())
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "-c",
                "apps/gunicorn_conf.py",
                *tls_args,
                "apps.wsgi:application",
            ],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.url = f"{'https' if tls else 'http'}://127.0.0.1:{self.port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                self.get("/")
                return
            except OSError:
                if self.process.poll() is not None:
                    break
                time.sleep(0.2)
        output = self.output()[-2000:]
        self.stop()
        raise SystemExit("the server did not start:\n" + output)

    def get(self, path: str) -> bytes:
        request = urllib.request.Request(self.url + path, headers={"X-Forwarded-Proto": "https"})
        context = ssl._create_unverified_context() if self.url.startswith("https") else None
        with urllib.request.urlopen(request, timeout=10, context=context) as response:
            return response.read()

    def output(self) -> str:
        """What the server has written so far (its access and error logs)."""
        self.log.flush()
        self.log.seek(0)
        return self.log.read().decode()

    def wait_for_output(self, text: str, *, timeout: float = 10) -> str:
        """The output once it holds ``text`` (gunicorn logs a request after answering it)."""
        deadline = time.monotonic() + timeout
        while text not in (output := self.output()):
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise AssertionError(f"no {text!r} in the server output:\n{output[-2000:]}")
            time.sleep(0.05)
        return output

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)
        self.log.close()

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def wrk(server: Server, name: str, path: str) -> Run:
    """Warm up for a second, then measure for SECONDS."""
    url = server.url + path
    subprocess.run(["wrk", "-t1", "-c4", "-d1s", *HEADERS, url], capture_output=True, check=True)
    out = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--latency", *HEADERS, url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    def latency(label: str) -> float:
        value, unit = re.search(rf"^\s*{label}\s+([\d.]+)(us|ms|s)\b", out, re.M).groups()
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return Run(
        name=name,
        path=path,
        requests_per_second=float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        p50_ms=latency("50%"),
        p99_ms=latency("99%"),
        errors=sum(int(n) for n in errors.groups()) if errors else 0,
        non_2xx=int(non_2xx.group(1)) if non_2xx else 0,
    )


def load_seconds(content_dir: Path) -> float:
    """Best of three cold loads of the library, in a fresh interpreter each time."""
    code = (
        "import time, pathlib, django; django.setup();"
        "from apps.content.library import load_library;"
        f"t = time.perf_counter(); load_library(pathlib.Path({str(content_dir)!r}),"
        " emergency_number='999');"
        "print(time.perf_counter() - t)"
    )
    env = {**os.environ, **ENV, "DJANGO_SETTINGS_MODULE": "apps.settings"}
    times = [
        float(
            subprocess.run(
                [sys.executable, "-c", code],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                check=True,
            ).stdout
        )
        for _ in range(3)
    ]
    return min(times)


def query_median_ms(content_dir: Path) -> float:
    """Median time of everyday queries against the index of ``content_dir``, in a fresh
    interpreter (the index is built inside the content load)."""
    code = (
        "import statistics, time, pathlib, django; django.setup();"
        "from apps.content.library import load_library;"
        f"s = load_library(pathlib.Path({str(content_dir)!r}), emergency_number='999').search;"
        f"qs = {QUERIES!r};"
        "t = [];"
        "[t.append((lambda a: (s.search(q), time.perf_counter() - a)[1])(time.perf_counter()))"
        " for _ in range(20) for q in qs];"
        "print(statistics.median(t) * 1000)"
    )
    env = {**os.environ, **ENV, "DJANGO_SETTINGS_MODULE": "apps.settings"}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return float(done.stdout)


def main() -> int:
    if not shutil.which("wrk"):
        raise SystemExit("wrk is missing: apt-get install wrk (make bench installs it)")
    sys.path.insert(0, str(ROOT))
    # The synthetic library is made from the real self-check, read with the site's settings.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "apps.settings")
    for name, value in ENV.items():
        os.environ.setdefault(name, value)
    import django

    django.setup()
    from tests.perf.synthetic import write_library

    collect_static()
    static_copy = ROOT / "staticfiles" / "bench" / "article.html"
    article = "/conditions/sciatica/"
    with Server() as server:
        html = server.get(article)
    static_copy.parent.mkdir(parents=True, exist_ok=True)
    static_copy.write_bytes(html)  # whitenoise indexes the folder when the server starts

    runs: list[Run] = []
    with Server() as server:
        assert server.get("/static/bench/article.html") == html
        runs.append(
            wrk(server, "static copy of the article (ceiling)", "/static/bench/article.html")
        )
        runs.append(wrk(server, "article", article))
        runs.append(wrk(server, "body-map region", "/body-map/right-calf/"))
        runs.append(wrk(server, "self-check result", f"/self-check/results/?{ANSWERS}"))
        runs.append(wrk(server, "self-check JSON", f"/self-check/results.json?{ANSWERS}"))
        runs.append(wrk(server, "search JSON", f"/search.json?{SEARCH}"))
        # The same pages in Polish (/pl/): each language is kept apart, at the same speed.
        runs.append(wrk(server, "article, Polish", "/pl" + article))
        runs.append(wrk(server, "body-map region, Polish", "/pl/body-map/right-calf/"))
        runs.append(wrk(server, "self-check result, Polish", f"/pl/self-check/results/?{ANSWERS}"))
        runs.append(wrk(server, "search JSON, Polish", f"/pl/search.json?{SEARCH_PL}"))

    with tempfile.TemporaryDirectory() as folder:
        big = write_library(Path(folder) / "content", 1000)
        with Server(content_dir=big) as server:
            runs.append(
                wrk(
                    server, "self-check result, 1,000 conditions", f"/self-check/results/?{ANSWERS}"
                )
            )
        load_real = load_seconds(ROOT / "content")
        load_big = load_seconds(big)
        query_ms = query_median_ms(big)

    ceiling = runs[0].requests_per_second
    print(
        f"\nBenchmark: {SECONDS}s per page, {CONNECTIONS} connections, wrk on loopback,"
        " gunicorn with 2 workers\n"
    )
    print(
        f"{'page':42} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8}"
        f" {'errors':>7} {'non-2xx':>8} {'ratio':>6}"
    )
    for run in runs:
        ratio = run.requests_per_second / ceiling
        print(
            f"{run.name:42} {run.requests_per_second:9.0f} {run.p50_ms:8.2f} {run.p99_ms:8.2f}"
            f" {run.errors:7d} {run.non_2xx:8d} {ratio:6.2f}"
        )
    by_name = {run.name: run for run in runs}
    result_9 = by_name["self-check result"].requests_per_second
    result_1000 = by_name["self-check result, 1,000 conditions"].requests_per_second
    cost_ratio = result_9 / result_1000
    print(f"\ncontent load: real library {load_real:.3f}s, 1,000 conditions {load_big:.3f}s")
    print(f"result page cost, 1,000 conditions vs 9: {cost_ratio:.1f}x")
    print(f"search query median in the process, 1,000 conditions: {query_ms:.2f} ms")

    def ratio(name: str) -> float:
        return by_name[name].requests_per_second / ceiling

    targets = [
        (f"article {ratio('article'):.2f} >= 0.9 of static", ratio("article") >= 0.9),
        (
            f"region page {ratio('body-map region'):.2f} >= 0.9 of static",
            ratio("body-map region") >= 0.9,
        ),
        (
            f"Polish article {ratio('article, Polish'):.2f} >= 0.9 of static",
            ratio("article, Polish") >= 0.9,
        ),
        (
            f"Polish region page {ratio('body-map region, Polish'):.2f} >= 0.9 of static",
            ratio("body-map region, Polish") >= 0.9,
        ),
        (
            f"result page {ratio('self-check result'):.2f} >= 0.4 of static",
            ratio("self-check result") >= 0.4,
        ),
        (
            f"JSON result {ratio('self-check JSON'):.2f} >= 0.7 of static",
            ratio("self-check JSON") >= 0.7,
        ),
        (
            f"search JSON {ratio('search JSON'):.2f} >= 0.5 of static",
            ratio("search JSON") >= 0.5,
        ),
        ("zero errors and zero non-2xx", all(r.errors == 0 and r.non_2xx == 0 for r in runs)),
        (f"1,000 conditions load (search index included) in {load_big:.2f}s < 2s", load_big < 2),
        (f"1,000-condition result {cost_ratio:.1f}x <= 10x of 9", cost_ratio <= 10),
        (f"search query median {query_ms:.2f} ms < 5 ms", query_ms < 5),
    ]
    print()
    for label, met in targets:
        print(f"{'PASS' if met else 'MISS'}  {label}")
    out = ROOT / "bench-results" / "latest.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(
        json.dumps(
            {
                "runs": [asdict(r) for r in runs],
                "load_seconds": {"real": load_real, "synthetic_1000": load_big},
                "result_cost_ratio_1000_vs_9": cost_ratio,
                "targets": dict(targets),
            },
            indent=2,
        )
    )
    return 0 if all(met for _, met in targets) else 1


if __name__ == "__main__":
    sys.exit(main())
