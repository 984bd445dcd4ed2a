"""Glob patterns over bucket keys, shared by cache rules, stages and excludes.

Python 3.11 has no `**`-aware glob matcher for plain strings (fnmatch lets `*`
cross `/`), so patterns are translated here, with two rules operators know
from .gitignore and `hugo deploy`:

- a pattern without `/` matches the file name at any depth (`*.html`);
- `**` crosses folders, `*` and `?` do not, `{a,b}` is an alternation.

`{hash}` stands for a content hash (8+ hex digits), so "immutable for a year"
can be said of `*.{hash}.css` and `media/{hash}.*` without a regex.
"""

from __future__ import annotations

import re
from functools import lru_cache

HASH = "[0-9a-f]{8,}"


@lru_cache(maxsize=512)
def compile_glob(pattern: str) -> re.Pattern[str]:
    anchored = "/" in pattern.strip("/")
    body = pattern.strip("/")
    regex = _translate(body)
    prefix = "" if anchored else "(?:.*/)?"
    return re.compile(rf"^{prefix}{regex}$")


def matches(pattern: str, key: str) -> bool:
    return compile_glob(pattern).match(key) is not None


def matches_any(patterns, key: str) -> bool:
    return _compile_any(tuple(patterns)).match(key) is not None


@lru_cache(maxsize=64)
def _compile_any(patterns: tuple[str, ...]) -> re.Pattern[str]:
    # One alternation instead of a loop: a 10,000-file site is checked against
    # the excludes and stages tens of thousands of times per deploy.
    if not patterns:
        return re.compile(r"(?!)")
    return re.compile("|".join(f"(?:{compile_glob(p).pattern})" for p in patterns))


def _translate(glob: str) -> str:
    out, i, n = [], 0, len(glob)
    while i < n:
        if glob.startswith("{hash}", i):
            out.append(HASH)
            i += len("{hash}")
        elif glob.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif glob.startswith("**", i):
            out.append(".*")
            i += 2
        elif glob[i] == "*":
            out.append("[^/]*")
            i += 1
        elif glob[i] == "?":
            out.append("[^/]")
            i += 1
        elif glob[i] == "{":
            end = glob.find("}", i)
            if end < 0:
                out.append(re.escape(glob[i]))
                i += 1
                continue
            options = glob[i + 1:end].split(",")
            out.append("(?:" + "|".join(_translate(o) for o in options) + ")")
            i = end + 1
        elif glob[i] == "[":
            end = glob.find("]", i + 1)
            if end < 0:
                out.append(re.escape(glob[i]))
                i += 1
                continue
            out.append(glob[i:end + 1].replace("[!", "[^", 1))
            i = end + 1
        else:
            out.append(re.escape(glob[i]))
            i += 1
    return "".join(out)
