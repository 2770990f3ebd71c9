"""Load soak: ``make soak``.

Runs the production server on loopback and drives a mix of pages with wrk for 60 seconds
at 64 connections, after a 10-second warm-up. Reports requests, errors, non-2xx answers
and the memory (resident set) of the server's processes before and after. Exit status 1
on any error or non-2xx answer, or memory growth of 10% or more.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.perf.bench import ANSWERS, Server, collect_static

SECONDS = int(os.environ.get("SOAK_SECONDS", "60"))
CONNECTIONS = int(os.environ.get("SOAK_CONNECTIONS", "64"))
MIX = [
    "/",
    "/conditions/",
    "/conditions/sciatica/",
    "/conditions/arthritis/",
    "/overview/",
    "/urgent-help/",
    "/body-map/",
    "/body-map/right-calf/",
    "/body-map/?region=lower-back&region=left-thigh",
    "/self-check/?red_flag=none&step=feeling&region=left-calf",
    f"/self-check/results/?{ANSWERS}",
    f"/self-check/results.json?{ANSWERS}",
    "/self-check/results/?red_flag=fever&age=50-plus&region=lower-back&duration=months",
    "/static/css/site.css",
]
SCRIPT = """
local paths = {%s}
local counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1], {["X-Forwarded-Proto"] = "https"})
end
"""


def server_rss_kib(server: Server) -> int:
    """Resident memory of the gunicorn master and its workers, in KiB."""
    pids = [server.process.pid]
    children = subprocess.run(
        ["pgrep", "-P", str(server.process.pid)], capture_output=True, text=True, check=False
    ).stdout.split()
    pids += [int(pid) for pid in children]
    total = 0
    for pid in pids:
        status = Path(f"/proc/{pid}/status").read_text()
        total += int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1))
    return total


def drive(server: Server, script: Path, seconds: int) -> str:
    return subprocess.run(
        [
            "wrk",
            "-t2",
            f"-c{CONNECTIONS}",
            f"-d{seconds}s",
            "--latency",
            "-s",
            str(script),
            server.url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def main() -> int:
    collect_static()
    with tempfile.TemporaryDirectory() as folder, Server() as server:
        script = Path(folder) / "mix.lua"
        script.write_text(SCRIPT % ", ".join(f'"{path}"' for path in MIX))
        drive(server, script, 10)  # warm-up: every worker has loaded and cached what it serves
        before = server_rss_kib(server)
        out = drive(server, script, SECONDS)
        after = server_rss_kib(server)
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    error_count = sum(int(n) for n in errors.groups()) if errors else 0
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    non_2xx_count = int(non_2xx.group(1)) if non_2xx else 0
    p99 = re.search(r"^\s*99%\s+(\S+)", out, re.M).group(1)
    growth = (after - before) / before * 100
    print(f"\nSoak: {SECONDS}s, {CONNECTIONS} connections, {len(MIX)} pages in turn")
    print(
        f"requests {requests}, {rps:.0f}/s, p99 {p99},"
        f" errors {error_count}, non-2xx {non_2xx_count}"
    )
    print(
        f"server memory: {before / 1024:.1f} MiB before,"
        f" {after / 1024:.1f} MiB after ({growth:+.1f}%)"
    )
    ok = error_count == 0 and non_2xx_count == 0 and growth < 10
    print("PASS" if ok else "MISS")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
