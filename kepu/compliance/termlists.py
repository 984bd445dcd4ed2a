"""Term lists shipped in kepu/compliance/data/, and the configurable brand list.

Lists are plain text, one entry per line, ``#`` starting a comment, so a
compliance officer can review and extend them without reading Python.
Each list is read and compiled once per process.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from functools import cache, lru_cache
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"
DEFAULT_BRANDS_FILE = DATA_DIR / "brands.txt"


def parse_list(text: str) -> list[str]:
    """Entries of a list file: comments and blank lines dropped, whitespace trimmed."""
    out = []
    for line in text.splitlines():
        # A comment is a '#' followed by a space or the line's end, so the
        # term "#1" ("No. 1") can be listed.
        entry = re.split(r"(?:^|\s)#(?=\s|$)", line, maxsplit=1)[0].strip()
        if entry:
            out.append(entry)
    return out


@cache
def shipped(name: str) -> tuple[str, ...]:
    """A list from kepu/compliance/data/ by file name."""
    return tuple(parse_list((DATA_DIR / name).read_text(encoding="utf-8")))


def load_brands(path: str | os.PathLike) -> list[str]:
    """Brand and product names from ``path``: one per line, ``#`` comments.

    Raises OSError if the file cannot be read (callers turn it into a user error).
    """
    return parse_list(Path(path).read_text(encoding="utf-8"))


def default_brands() -> list[str]:
    """The operator's list (``KEPU_BRANDS_FILE``) or else the shipped example list."""
    return load_brands(os.environ.get("KEPU_BRANDS_FILE") or DEFAULT_BRANDS_FILE)


def _term_regex(term: str) -> str:
    body = r"\s*".join(re.escape(part) for part in term.split())
    if term.isascii():
        # Whole words only, so "Crestor" never matches inside another word.
        return rf"(?<![A-Za-z0-9]){body}(?![A-Za-z0-9])"
    return body


@lru_cache(maxsize=64)
def term_pattern(terms: tuple[str, ...]) -> re.Pattern | None:
    """One regex for a list: longer terms first, so 最高级 wins over 最 at one place."""
    terms = tuple(t for t in terms if t)
    if not terms:
        return None
    ordered = sorted(set(terms), key=lambda t: (-len(t), t))
    return re.compile("|".join(_term_regex(t) for t in ordered), re.IGNORECASE)


def find_terms(terms: Iterable[str], text: str) -> list[re.Match]:
    pattern = term_pattern(tuple(terms))
    return list(pattern.finditer(text)) if pattern else []


def covered(span: tuple[int, int], spans: Iterable[tuple[int, int]]) -> bool:
    start, end = span
    return any(s <= start and end <= e for s, e in spans)
