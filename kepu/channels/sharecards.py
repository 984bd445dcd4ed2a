"""Share cards: the square og:image shown when a page is shared in WeChat, Weibo…

Each page gets /cards/<shortcode>.png (600 × 600, keyed by the never-reused
short code so a card URL is as stable as the short link). The card shows the
title, the one-line summary and the reviewer; when the first panel is a raster
image it fills the top half. Chinese text uses Noto Sans CJK when installed
(fonts-noto-cjk); without it the card still renders, with Pillow's own font.

Cards are drawn for thousands of pages per build, so the text is laid out from
glyph bitmaps and advance widths measured once per process (_glyph, _width),
and a card without a raster panel is a palette PNG (see RAMP_LEVELS).
"""

from __future__ import annotations

import functools
import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

SIZE = 600
MIN_SIZE = 300          # Open Graph / WeChat: smaller squares are ignored or blurred
MAX_BYTES = 300_000     # beyond this, chat apps on slow networks drop or time out the preview
FONT_PATHS = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc",
)
RASTER = {".png", ".jpg", ".jpeg", ".webp", ".gif"}
BRAND, INK, PAPER = (11, 92, 173), (17, 17, 17), (253, 250, 243)  # theme-color #0b5cad


def card_path(shortcode: str) -> str:
    return f"cards/{shortcode}.png"


# The card without a raster panel is drawn as a palette image: every text sits on a
# flat background in one ink, so each (background, ink) pair gets a ramp of
# RAMP_LEVELS palette entries, and a glyph's anti-aliasing coverage picks the entry.
# Within half a step (1/168 of the way from background to ink, ≤ 2 of 255 per
# channel: invisible) it is the RGB drawing, at a third of the pixel bytes to
# deflate. With cached glyphs and widths, a card went from ~8 ms to ~1.6 ms
# (PNG encoding of the RGB image had been half of it).
RAMP_LEVELS = 85                                      # 3 ramps × 85 = 255 palette entries
GREY = (60, 60, 60)
TITLE, SUMMARY, ON_BRAND = 0, RAMP_LEVELS, 2 * RAMP_LEVELS   # the ramps' first entries
_RAMPS = ((TITLE, PAPER, INK), (SUMMARY, PAPER, GREY), (ON_BRAND, BRAND, (255, 255, 255)))
_ANY_INK = bytes([0]) + bytes([255]) * 255             # coverage → paste mask (bytes.translate)
_PAD = 4                                              # px around a text block for overhangs


def _palette() -> list[int]:
    colours = []
    for _, background, ink in _RAMPS:
        for level in range(RAMP_LEVELS):
            colours.extend(round(b + (i - b) * level / (RAMP_LEVELS - 1)) for b, i in zip(background, ink, strict=True))
    return colours


PALETTE = _palette()
# coverage → palette entry, as bytes.translate tables (Image.point rounds a list LUT
# in Python on every call)
_LUTS = {base: bytes(base + round(v * (RAMP_LEVELS - 1) / 255) for v in range(256)) for base, _, _ in _RAMPS}


@functools.lru_cache(maxsize=16)
def _font(size: int):
    # Loading a CJK .ttc costs tens of milliseconds: once per size per process.
    for path in FONT_PATHS:
        if Path(path).is_file():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size=size)


_WIDTHS: dict[tuple[int, str], float] = {}


def _width(font, text: str) -> float:
    """Advance width of ``text``, measured once per process per font size: cards share
    most of their characters, and measuring (a HarfBuzz layout) was a quarter of a
    card's cost when every growing line was measured again."""
    key = (font.size, text)
    width = _WIDTHS.get(key)
    if width is None:
        width = _WIDTHS[key] = font.getlength(text)
    return width


def _wrap(text: str, font, width: int, max_lines: int) -> list[str]:
    """Wrap by measured width, character by character (Chinese has no spaces), keeping
    Latin words whole where possible. A line's width is the sum of its tokens' widths
    (the CJK fonts have no kerning between a word and the next character)."""
    lines: list[str] = []
    line, used = "", 0.0
    for token in _tokens(text):
        advance = _width(font, token)
        if used + advance <= width or not line:
            line, used = line + token, used + advance
        else:
            lines.append(line.rstrip())
            line = token.lstrip()
            used = _width(font, line)
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        ellipsis = _width(font, "…")
        used = sum(_width(font, ch) for ch in last)
        while last and used + ellipsis > width:
            used -= _width(font, last[-1])
            last = last[:-1]
        lines[-1] = last + "…"
    return lines


def _tokens(text: str) -> list[str]:
    out, word = [], ""
    for ch in " ".join(str(text).split()):
        if ch.isascii() and not ch.isspace():
            word += ch
            continue
        if word:
            out.append(word)
            word = ""
        out.append(ch)
    if word:
        out.append(word)
    return out


_GLYPHS: dict[tuple[int, str], tuple[Image.Image | None, int, int]] = {}
_GLYPH_BUDGET = 16_000_000     # bytes of cached bitmaps per process (~3,000 CJK characters in
#                                three sizes) before starting afresh: bounds each worker's memory
_glyph_bytes = 0


def _glyph(font, run: str) -> tuple[Image.Image | None, int, int]:
    """``run``'s coverage bitmap and its offset from the pen, rasterised once per
    process per font size (FreeType rendering was most of a card's drawing time, and
    cards share most of their characters and words)."""
    global _glyph_bytes
    key = (font.size, run)
    found = _GLYPHS.get(key)
    if found is None:
        left, top, right, bottom = font.getbbox(run)
        if right <= left or bottom <= top:
            found = (None, 0, 0)                          # a space
        else:
            bitmap = Image.new("L", (right - left, bottom - top), 0)
            ImageDraw.Draw(bitmap).text((-left, -top), run, font=font, fill=255)
            found = (bitmap, left, top)
            _glyph_bytes += bitmap.width * bitmap.height
            if _glyph_bytes > _GLYPH_BUDGET:
                _GLYPHS.clear()
                _glyph_bytes = bitmap.width * bitmap.height
        _GLYPHS[key] = found
    return found


def _runs(line: str) -> list[str]:
    """A line as drawn: Latin words whole (kerning inside a word is kept) and every
    other character alone. A final "…" stays with the text before it, whose script
    picks its glyph (on the baseline after Latin)."""
    runs = _tokens(line)
    if len(runs) > 1 and runs[-1] == "…":
        runs[-2:] = [runs[-2] + "…"]
    return runs


def _text(card: Image.Image, lines: list[str], font, x: int, y: int, step: int, ramp: int) -> None:
    """Draw ``lines`` (``step`` px apart) at (x, y) on the palette ``card`` in ``ramp``'s
    ink: the glyphs' coverage is laid out in greyscale over the block only (cached
    glyphs at the rounded pen position, as Pillow places them), then mapped onto
    the ramp and pasted where there is ink."""
    if not lines:
        return
    ascent, descent = font.getmetrics()
    left, top = max(0, x - _PAD), max(0, y - _PAD)
    box = (card.width - left, min(card.height - top, step * (len(lines) - 1) + ascent + descent + 2 * _PAD))
    if box[1] <= 0:
        return
    coverage = Image.new("L", box, 0)
    for i, line in enumerate(lines):
        pen, baseline = float(x - left), y - top + i * step
        for run in _runs(line):
            bitmap, dx, dy = _glyph(font, run)
            if bitmap is not None:
                coverage.paste(255, (round(pen) + dx, baseline + dy), bitmap)
            pen += _width(font, run)
    pixels = coverage.tobytes()
    card.paste(Image.frombytes("P", box, pixels.translate(_LUTS[ramp])), (left, top),
               Image.frombytes("L", box, pixels.translate(_ANY_INK)))


def render_card(title: str, summary: str = "", footer: str = "", site_name: str = "",
                panel: Path | None = None, size: int = SIZE) -> bytes:
    card = Image.new("P", (size, size), TITLE)        # entry 0 of the title ramp: paper
    card.putpalette(PALETTE)
    draw = ImageDraw.Draw(card)
    margin = size // 15
    art = None
    if panel is not None and Path(panel).suffix.lower() in RASTER and Path(panel).is_file():
        art = _panel_band(Path(panel), (size, size // 2))
        top = size // 2
    else:
        draw.rectangle((0, 0, size, size // 9), fill=ON_BRAND)
        _text(card, [site_name], _font(size // 20), margin, size // 36, 0, ON_BRAND)
        top = size // 9
    y = top + margin // 2
    title_font = _font(size // 12 if top <= size // 9 else size // 15)
    step = int(title_font.size * 1.3)
    lines = _wrap(title, title_font, size - 2 * margin, 3 if top <= size // 9 else 2)
    _text(card, lines, title_font, margin, y, step, TITLE)
    y += step * len(lines) + margin // 3
    body_font = _font(size // 22)
    lines = _wrap(summary, body_font, size - 2 * margin, 4 if top <= size // 9 else 2)
    _text(card, lines, body_font, margin, y, int(body_font.size * 1.4), SUMMARY)
    if footer:
        draw.rectangle((0, size - size // 9, size, size), fill=ON_BRAND)
        _text(card, [footer], _font(size // 26), margin, size - size // 9 + size // 36, 0, ON_BRAND)
    out = io.BytesIO()
    if art is None:
        # A palette PNG: a third of the RGB bytes to deflate (~20 KB a card).
        card.save(out, format="PNG", compress_level=1)
    else:
        card = card.convert("RGB")
        card.paste(art, (0, 0))
        # Fast zlib level: ~20 KB a card either way, and card rendering is on the build's
        # critical path at 10,000 pages (the plugin also caches cards by their inputs).
        card.save(out, format="PNG", compress_level=1)
    return out.getvalue()


def _panel_band(panel: Path, band: tuple[int, int]) -> Image.Image:
    """The panel scaled to cover ``band`` and cropped to its centre."""
    with Image.open(panel) as art:
        art.draft("RGB", band)          # JPEG: decode at a reduced scale when it is large
        art = art.convert("RGB")
        scale = max(band[0] / art.width, band[1] / art.height)
        art = art.resize((max(1, round(art.width * scale)), max(1, round(art.height * scale))))
        left, upper = (art.width - band[0]) // 2, (art.height - band[1]) // 2
        return art.crop((left, upper, left + band[0], upper + band[1]))
