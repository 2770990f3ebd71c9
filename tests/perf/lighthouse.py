"""Lighthouse audits of the production server: ``make lighthouse``.

Runs the npm ``lighthouse`` package (installed into .tools/ by make) with Debian's
Chromium, mobile settings (Lighthouse's default), on home, an article, the body map, a
self-check step and a result, and prints the four category scores of each page.
Exit status 1 unless every score is 100.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.perf.bench import ANSWERS, ROOT, Server, collect_static

LIGHTHOUSE = ROOT / ".tools" / "lighthouse" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PAGES = {
    "home": "/",
    "article": "/conditions/sciatica/",
    "body map": "/body-map/",
    "self-check step": "/self-check/?red_flag=none&step=feeling&region=right-calf",
    "self-check result": f"/self-check/results/?{ANSWERS}",
}
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking "
    "--disable-component-update --disable-sync --no-first-run --ignore-certificate-errors"
)


def self_signed(folder: Path) -> Path:
    """A throwaway certificate, so the audit sees HTTPS as a visitor would."""
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-keyout",
            str(folder / "key.pem"),
            "-out",
            str(folder / "cert.pem"),
        ],
        check=True,
        capture_output=True,
    )
    return folder


def audit(url: str, out: Path) -> dict[str, int]:
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={out}",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={CHROME_FLAGS}",
        ],
        env={**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")},
        check=True,
        timeout=300,
    )
    report = json.loads(out.read_text())
    return {name: round(report["categories"][name]["score"] * 100) for name in CATEGORIES}


def main() -> int:
    if not LIGHTHOUSE.exists():
        raise SystemExit("lighthouse is missing: run `make lighthouse`, which installs it")
    collect_static()
    scores: dict[str, dict[str, int]] = {}
    with tempfile.TemporaryDirectory() as folder, Server(tls=self_signed(Path(folder))) as server:
        for name, path in PAGES.items():
            scores[name] = audit(server.url + path, Path(folder) / "report.json")
    print(f"\n{'page':20}" + "".join(f"{c:>16}" for c in CATEGORIES))
    for name, row in scores.items():
        print(f"{name:20}" + "".join(f"{row[c]:>16}" for c in CATEGORIES))
    perfect = all(score == 100 for row in scores.values() for score in row.values())
    print("\nPASS  100 in every category on every page" if perfect else "\nMISS  not all 100")
    out = ROOT / "bench-results" / "lighthouse.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(scores, indent=2))
    return 0 if perfect else 1


if __name__ == "__main__":
    sys.exit(main())
