"""The share-card check for `kepu check`: every page's og:image exists, is a
square PNG/JPEG of at least 300 px, and is not oversized.

It reads a built site (the og:image each HTML page actually declares), so it
catches a card that the build forgot, a template pointing at the wrong path and
a card too heavy for a chat app's preview alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from PIL import Image

from .sharecards import MAX_BYTES, MIN_SIZE

OG_IMAGE = re.compile(r'<meta\s+property="og:image"\s+content="([^"]*)"', re.I)
RULE = "SHARE-CARD"


@dataclass(frozen=True)
class CardProblem:
    path: str          # the HTML page, relative to the output folder
    severity: str      # "error" (missing, unreadable, too small, not square) | "warning" (oversized)
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {RULE} {self.severity}: {self.message}"


def _local(output_dir: Path, url: str, site_url: str) -> Path | None:
    if site_url and url.startswith(site_url):
        url = url[len(site_url):]
    parts = urlsplit(url)
    if parts.scheme and not site_url:
        # Without the site URL any absolute URL is taken to be ours: compare by path.
        url = parts.path
    elif parts.scheme:
        return None
    return output_dir / url.split("?")[0].lstrip("/")


def check_card(image: Path, max_bytes: int = MAX_BYTES, min_size: int = MIN_SIZE) -> list[tuple[str, str]]:
    """(severity, message) problems of one image file."""
    if not image.is_file():
        return [("error", f"share card {image.name} is missing")]
    problems = []
    try:
        with Image.open(image) as img:
            fmt, (w, h) = img.format, img.size
    except OSError:
        return [("error", f"share card {image.name} is not a readable image")]
    if fmt not in ("PNG", "JPEG"):
        problems.append(("error", f"share card {image.name} is {fmt}; chat apps need PNG or JPEG"))
    if w != h:
        problems.append(("error", f"share card {image.name} is {w}×{h}; it must be square"))
    if min(w, h) < min_size:
        problems.append(("error", f"share card {image.name} is {w}×{h}; it must be at least {min_size} px"))
    size = image.stat().st_size
    if size > max_bytes:
        problems.append(("warning", f"share card {image.name} is {size:,} bytes (limit {max_bytes:,})"))
    return problems


def check_share_cards(output_dir: Path, site_url: str = "", *, max_bytes: int = MAX_BYTES,
                      min_size: int = MIN_SIZE, pages_glob: str = "*/**/index.html") -> list[CardProblem]:
    """Problems with the share cards of every content page in a built site."""
    output_dir = Path(output_dir)
    checked: dict[Path, list[tuple[str, str]]] = {}
    problems: list[CardProblem] = []
    for html in sorted(output_dir.glob(pages_glob)):
        rel = html.relative_to(output_dir).as_posix()
        if rel.startswith(("s/", "theme/", "api/", "feeds/")):
            continue
        head = html.read_text(encoding="utf-8", errors="replace")[:20_000]
        if 'name="robots" content="noindex"' in head:
            continue  # tombstones, search: never shared
        match = OG_IMAGE.search(head)
        if not match:
            problems.append(CardProblem(rel, "error", "no og:image meta tag"))
            continue
        image = _local(output_dir, match.group(1), site_url.rstrip("/"))
        if image is None:
            continue  # a card hosted elsewhere (CDN): not ours to check
        if image not in checked:
            checked[image] = check_card(image, max_bytes, min_size)
        problems.extend(CardProblem(rel, sev, msg) for sev, msg in checked[image])
    return problems
