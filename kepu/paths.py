"""Where things live in a kepu project, overridable through KEPU_* environment variables."""

import os
from pathlib import Path

ROOT = Path(os.environ.get("KEPU_ROOT", Path(__file__).resolve().parent.parent))


def content_dir() -> Path:
    return Path(os.environ.get("KEPU_CONTENT_DIR", ROOT / "content"))


def output_dir() -> Path:
    return Path(os.environ.get("KEPU_OUTPUT_DIR", ROOT / "output"))


def site_dir() -> Path:
    return ROOT / "site"


def theme_dir() -> Path:
    return ROOT / "themes" / "kepu"


def var_dir() -> Path:
    path = Path(os.environ.get("KEPU_VAR_DIR", ROOT / "var"))
    path.mkdir(parents=True, exist_ok=True)
    return path
