"""Illustration sizes, so every <img> carries width and height (no layout shift
on slow phone networks) even when the content file does not state them."""

from __future__ import annotations

import re
from pathlib import Path

_SVG_LENGTH = re.compile(r"""\b(width|height|viewBox)\s*=\s*["']([^"']+)["']""")


def _svg_size(path: Path) -> tuple[int, int] | None:
    head = path.read_text(encoding="utf-8", errors="replace")[:4096]
    svg_tag = head[head.find("<svg"):]
    svg_tag = svg_tag[:svg_tag.find(">") + 1]
    attrs = dict(_SVG_LENGTH.findall(svg_tag))
    try:
        if "width" in attrs and "height" in attrs:
            return round(float(attrs["width"].rstrip("px"))), round(float(attrs["height"].rstrip("px")))
        if "viewBox" in attrs:
            _, _, w, h = (float(x) for x in attrs["viewBox"].replace(",", " ").split())
            return round(w), round(h)
    except ValueError:
        return None
    return None


def image_size(path: Path) -> tuple[int, int] | None:
    """(width, height) of an SVG or raster image, or None when it cannot be told."""
    path = Path(path)
    if not path.is_file():
        return None
    if path.suffix.lower() == ".svg":
        return _svg_size(path)
    try:
        from PIL import Image

        with Image.open(path) as img:
            return img.size
    except Exception:  # an unreadable image keeps the page building; CSS sizes it
        return None


class MediaSizes:
    """Memoised sizes of files under content/, keyed by their content-relative path."""

    def __init__(self, root: Path | None):
        self.root = Path(root) if root else None
        self._cache: dict[str, tuple[int, int] | None] = {}

    def __call__(self, rel: str) -> tuple[int, int] | None:
        if self.root is None:
            return None
        if rel not in self._cache:
            self._cache[rel] = image_size(self.root / rel)
        return self._cache[rel]
