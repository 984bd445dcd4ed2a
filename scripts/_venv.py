"""Shared set-up for scripts/demo.py, scripts/test.py and scripts/bench.py.

Creates .venv with the machine's Python and installs kepu with pinned
versions (constraints.txt), re-installing only when pyproject.toml or
constraints.txt changed. Uses nothing outside the standard library, so it runs
on a fresh machine with only Python, pip and git.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = Path(os.environ.get("KEPU_VENV", ROOT / ".venv"))
PYTHON = VENV / "bin" / "python"


def _stamp(extras: str) -> str:
    digest = hashlib.sha256(extras.encode())
    for name in ("pyproject.toml", "constraints.txt"):
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def ensure_venv(extras: str = "") -> Path:
    if sys.version_info < (3, 11):  # noqa: UP036 - this script may be run by an older python3
        sys.exit(f"kepu needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    if not PYTHON.exists():
        print(f"creating virtualenv {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    stamp_file = VENV / f".kepu-installed{('-' + extras) if extras else ''}"
    stamp = _stamp(extras)
    if stamp_file.exists() and stamp_file.read_text() == stamp:
        return PYTHON
    target = f".[{extras}]" if extras else "."
    print(f"installing kepu{('[' + extras + ']') if extras else ''} and pinned dependencies…", flush=True)
    run([str(PYTHON), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
         "-c", str(ROOT / "constraints.txt"), "-e", target])
    stamp_file.write_text(stamp)
    return PYTHON


def run(cmd: list[str], **kwargs) -> None:
    result = subprocess.run(cmd, cwd=kwargs.pop("cwd", ROOT), **kwargs)
    if result.returncode:
        sys.exit(result.returncode)
