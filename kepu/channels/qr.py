"""QR codes (segno) for short links and channels, as SVG (print) and PNG (chat apps).

Error correction "M" with segno's boost: the short, fixed-length URLs fit in a
small symbol that still scans from a clinic poster at a distance, and a higher
level is used whenever it costs no extra size. segno chooses the mask by the
standard's penalty rules (the slow part, ~25 ms); the PNG is drawn from the
same matrix with Pillow, which is several times faster than a pure-Python PNG
writer. ``render`` makes both files from one encoding.
"""

from __future__ import annotations

import io
from typing import NamedTuple

import segno
from PIL import Image

SCALE_PNG = 10   # 10 px per module: a version-3 code is 370 px with its quiet zone
BORDER = 4       # the quiet zone the QR spec requires
VERSION = "qr-1"  # bump when the output changes, to invalidate cached files


def make(url: str) -> segno.QRCode:
    return segno.make_qr(url, error="m", boost_error=True)


def _svg(code: segno.QRCode, title: str, scale: int = 4, omitsize: bool = False) -> bytes:
    out = io.BytesIO()
    code.save(out, kind="svg", scale=scale, border=BORDER, xmldecl=False, title=title,
              svgclass="qr", lineclass=None, omitsize=omitsize)
    return out.getvalue()


def _png(code: segno.QRCode, scale: int = SCALE_PNG) -> bytes:
    size = len(code.matrix) + 2 * BORDER
    img = Image.new("1", (size, size), 1)
    pixels = img.load()
    for y, row in enumerate(code.matrix):
        for x, dark in enumerate(row):
            if dark:
                pixels[x + BORDER, y + BORDER] = 0
    out = io.BytesIO()
    img.resize((size * scale, size * scale), Image.NEAREST).save(out, format="PNG")
    return out.getvalue()


def svg(url: str, title: str | None = None, scale: int = 4, omitsize: bool = False) -> bytes:
    return _svg(make(url), title or url, scale, omitsize)


def svg_inline(url: str, title: str | None = None) -> str:
    """An SVG element sized by CSS (viewBox only), for posters and channel pages."""
    return svg(url, title, scale=1, omitsize=True).decode("utf-8")


def png(url: str, scale: int = SCALE_PNG) -> bytes:
    return _png(make(url), scale)


class QRFiles(NamedTuple):
    svg: bytes        # fixed-size SVG file (4 px a module)
    png: bytes        # PNG file (10 px a module)
    inline: str       # viewBox-only SVG element for HTML (posters)


def render(url: str, title: str | None = None, cache=None) -> QRFiles:
    """All three forms of ``url``'s QR code from one encoding, through ``cache`` (a
    FileCache) when given."""
    title = title or url
    key = None
    if cache is not None:
        from .cache import cache_key

        key = cache_key(VERSION, url, title)
        parts = [cache.get(key, suffix) for suffix in (".svg", ".png", ".inline.svg")]
        if all(part is not None for part in parts):
            return QRFiles(parts[0], parts[1], parts[2].decode("utf-8"))
    code = make(url)
    files = QRFiles(_svg(code, title), _png(code), _svg(code, title, 1, True).decode("utf-8"))
    if key is not None:
        cache.put(key, ".svg", files.svg)
        cache.put(key, ".png", files.png)
        cache.put(key, ".inline.svg", files.inline.encode("utf-8"))
    return files


def page_qr_paths(code: str) -> tuple[str, str]:
    """Output paths of a page's short-link QR code (SVG, PNG)."""
    return f"qr/{code}.svg", f"qr/{code}.png"


def channel_qr_paths(slug: str) -> tuple[str, str]:
    return f"qr/channel/{slug}.svg", f"qr/channel/{slug}.png"
