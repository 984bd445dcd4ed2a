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


def render(url: str, title: str | None = None, cache=None) -> tuple[bytes, bytes]:
    """(SVG, PNG) of ``url``, from one encoding; through ``cache`` (a FileCache) when given."""
    if cache is not None:
        from .cache import cache_key

        key = cache_key(VERSION, url, title or url)
        svg_bytes, png_bytes = cache.get(key, ".svg"), cache.get(key, ".png")
        if svg_bytes is not None and png_bytes is not None:
            return svg_bytes, png_bytes
    code = make(url)
    result = _svg(code, title or url), _png(code)
    if cache is not None:
        cache.put(key, ".svg", result[0])
        cache.put(key, ".png", result[1])
    return result


def page_qr_paths(code: str) -> tuple[str, str]:
    """Output paths of a page's short-link QR code (SVG, PNG)."""
    return f"qr/{code}.svg", f"qr/{code}.png"


def channel_qr_paths(slug: str) -> tuple[str, str]:
    return f"qr/channel/{slug}.svg", f"qr/channel/{slug}.png"
