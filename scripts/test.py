#!/usr/bin/env python3
"""Run the whole test suite on SQLite: `python3 scripts/test.py [pytest args]`.

Installs the test dependencies into .venv first. Browser tests run when
Debian's Chromium is installed (/usr/bin/chromium) and are skipped with a
notice otherwise; CI (.ci/run) installs Chromium so they always run there.
Add `-m "not slow"` for a quick local run.
"""

import os
import shutil
import sys

from _venv import ROOT, ensure_venv, run

if __name__ == "__main__":
    python = ensure_venv("test")
    chromium = os.environ.get("KEPU_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if os.path.exists(chromium):
        print(f"browser tests: using {chromium}", flush=True)
    else:
        print("browser tests: SKIPPED — Debian's Chromium is not installed "
              "(apt-get install -y chromium fonts-noto-cjk to run them)", flush=True)
    run([str(python), "-m", "pytest", *sys.argv[1:]], cwd=ROOT)
