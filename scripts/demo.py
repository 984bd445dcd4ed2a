#!/usr/bin/env python3
"""Run the demo: `python3 scripts/demo.py`.

Creates .venv, installs kepu, migrates SQLite, loads the demo corpus through
the real review workflow, exports, builds, and serves the CMS admin on
http://127.0.0.1:8000/admin/ and the site on http://127.0.0.1:8001/.
Ctrl-C stops everything.
"""

import sys

from _venv import VENV, ensure_venv, run

if __name__ == "__main__":
    ensure_venv()
    run([str(VENV / "bin" / "kepu"), "demo", *sys.argv[1:]])
