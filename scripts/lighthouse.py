"""Lighthouse (mobile) scores for the home page, a disease hub and an explainer.

A benchmark, not a CI gate: it prints the four category scores per page and
exits 1 when one is under the bar of issue 5 (performance ≥ 95, accessibility
100, best practices ≥ 95, SEO 100). Lighthouse comes from the npm registry
(installed once under var/tools/lighthouse) and drives Debian's Chromium.

Usage:
  .venv/bin/python scripts/lighthouse.py                  # builds content/ first
  .venv/bin/python scripts/lighthouse.py --output output  # an existing build
  KEPU_LIGHTHOUSE=/path/to/lighthouse .venv/bin/python scripts/lighthouse.py
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BARS = {"performance": 95, "accessibility": 100, "best-practices": 95, "seo": 100}
CHROME = os.environ.get("CHROME_PATH") or shutil.which("chromium") or "/usr/bin/chromium"


def lighthouse_binary() -> str:
    if os.environ.get("KEPU_LIGHTHOUSE"):
        return os.environ["KEPU_LIGHTHOUSE"]
    prefix = ROOT / "var" / "tools" / "lighthouse"
    binary = prefix / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        print("installing lighthouse from npm (once) …", flush=True)
        prefix.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--prefix", str(prefix),
                        "lighthouse@12"], check=True)
    return str(binary)


def pick_pages(output: Path) -> dict[str, str]:
    """Home, the first zh hub and the first zh explainer of a build."""
    pages = {"home": "/zh/"}
    for hub in sorted((output / "zh").glob("*/index.html")):
        if 'class="wrap content-page hub"' in hub.read_text(encoding="utf-8"):
            pages["hub"] = f"/zh/{hub.parent.name}/"
            break
    for page in sorted((output / "zh").glob("*/*/index.html")):
        if 'content-page explainer' in page.read_text(encoding="utf-8"):
            pages["explainer"] = "/" + page.parent.relative_to(output).as_posix() + "/"
            break
    return pages


def run_lighthouse(binary: str, url: str) -> dict[str, int]:
    with tempfile.TemporaryDirectory() as profile:
        result = subprocess.run(
            [binary, url, "--output=json", "--output-path=stdout", "--quiet",
             "--only-categories=performance,accessibility,best-practices,seo",
             f"--chrome-flags=--headless=new --no-sandbox --disable-gpu --user-data-dir={profile}"],
            capture_output=True, text=True, env={**os.environ, "CHROME_PATH": CHROME}, check=False)
    if result.returncode != 0:
        raise SystemExit(f"lighthouse failed for {url}:\n{result.stderr[-2000:]}")
    report = json.loads(result.stdout)
    failing = [f"{a['id']}" for a in report["audits"].values()
               if a.get("score") is not None and a["score"] < 1 and a.get("scoreDisplayMode") == "binary"]
    scores = {k: round(v["score"] * 100) for k, v in report["categories"].items()}
    scores["_failing"] = failing
    return scores


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, help="an existing build to measure")
    parser.add_argument("--content", type=Path, default=ROOT / "content")
    args = parser.parse_args()

    from kepu.preview import make_server

    output = args.output
    if output is None:
        from kepu.build import build_site

        output = ROOT / "var" / "lighthouse-site"
        print(build_site(args.content, output).summary(), flush=True)
    server = make_server(output, "127.0.0.1", 0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    binary = lighthouse_binary()
    below = False
    print(f"{'page':<10} {'perf':>5} {'a11y':>5} {'best':>5} {'seo':>5}  url")
    try:
        for name, path in pick_pages(output).items():
            scores = run_lighthouse(binary, base + path)
            row = [scores.get(k, 0) for k in BARS]
            below |= any(score < BARS[k] for k, score in zip(BARS, row, strict=True))
            print(f"{name:<10} {row[0]:>5} {row[1]:>5} {row[2]:>5} {row[3]:>5}  {path}", flush=True)
            if scores["_failing"]:
                print(f"{'':<10} failing audits: {', '.join(scores['_failing'])}")
    finally:
        server.shutdown()
    return 1 if below else 0


if __name__ == "__main__":
    sys.exit(main())
