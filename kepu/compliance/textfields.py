"""Which parts of a page patients read, named by their dotted field path.

The rules look at text through this one walk, so a new text field in the
content format needs one line here and every rule covers it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class TextField:
    path: str
    text: str
    # "prose" is what patients read as the page's own words; "citation" is a
    # reference entry, checked only for shopping links (a journal title may
    # legitimately say "cure rate").
    kind: str = "prose"


def _items(page: dict, name: str) -> Iterator[tuple[int, Any]]:
    value = page.get(name)
    if isinstance(value, list):
        yield from enumerate(value)


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def text_fields(page: dict[str, Any], body: str = "") -> Iterator[TextField]:
    """Every non-empty text field of a content-format page dict, then the body."""

    def field(path: str, value: Any, kind: str = "prose"):
        text = _text(value)
        return TextField(path, text, kind) if text.strip() else None

    candidates = [field(name, page.get(name)) for name in ("title", "summary", "audience",
                                                           "ai_disclosure")]
    for i, synonym in _items(page, "synonyms"):
        candidates.append(field(f"synonyms.{i}", synonym))
    for i, panel in _items(page, "panels"):
        if not isinstance(panel, dict):
            continue
        candidates += [field(f"panels.{i}.alt", panel.get("alt")),
                       field(f"panels.{i}.caption", panel.get("caption"))]
        for j, bubble in enumerate(panel.get("bubbles") or []):
            if isinstance(bubble, dict):
                candidates.append(field(f"panels.{i}.bubbles.{j}.text", bubble.get("text")))
    for name in ("key_points", "red_flags", "lessons"):
        for i, item in _items(page, name):
            candidates.append(field(f"{name}.{i}", item))
    for i, step in _items(page, "timeline"):
        if isinstance(step, dict):
            candidates += [field(f"timeline.{i}.when", step.get("when")),
                           field(f"timeline.{i}.text", step.get("text"))]
    for i, ref in _items(page, "references"):
        if isinstance(ref, dict):
            for key in ("title", "publisher", "url", "doi"):
                candidates.append(field(f"references.{i}.{key}", ref.get(key), "citation"))
    candidates.append(field("body", body))
    yield from (c for c in candidates if c is not None)
