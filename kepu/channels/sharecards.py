"""Share cards: the square og:image shown when a page is shared in WeChat, Weibo…

Each page gets /cards/<shortcode>.png (600 × 600, keyed by the never-reused
short code so a card URL is as stable as the short link). The card shows the
title, the one-line summary and the reviewer; when the first panel is a raster
image it fills the top half. Chinese text uses Noto Sans CJK when installed
(fonts-noto-cjk); without it the card still renders, with Pillow's own font.
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


@functools.lru_cache(maxsize=16)
def _font(size: int):
    # Loading a CJK .ttc costs tens of milliseconds: once per size per process.
    for path in FONT_PATHS:
        if Path(path).is_file():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size=size)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font, width: int, max_lines: int) -> list[str]:
    """Wrap by measured width, character by character (Chinese has no spaces), keeping
    Latin words whole where possible."""
    lines: list[str] = []
    line = ""
    for token in _tokens(text):
        trial = line + token
        if draw.textlength(trial, font=font) <= width or not line:
            line = trial
        else:
            lines.append(line.rstrip())
            line = token.lstrip()
    if line:
        lines.append(line)
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        last = lines[-1]
        while last and draw.textlength(last + "…", font=font) > width:
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


def render_card(title: str, summary: str = "", footer: str = "", site_name: str = "",
                panel: Path | None = None, size: int = SIZE) -> bytes:
    img = Image.new("RGB", (size, size), PAPER)
    draw = ImageDraw.Draw(img)
    margin = size // 15
    top = 0
    if panel is not None and Path(panel).suffix.lower() in RASTER and Path(panel).is_file():
        with Image.open(panel) as art:
            art = art.convert("RGB")
            band = (size, size // 2)
            scale = max(band[0] / art.width, band[1] / art.height)
            art = art.resize((max(1, round(art.width * scale)), max(1, round(art.height * scale))))
            left, upper = (art.width - band[0]) // 2, (art.height - band[1]) // 2
            img.paste(art.crop((left, upper, left + band[0], upper + band[1])), (0, 0))
            top = band[1]
    else:
        draw.rectangle((0, 0, size, size // 9), fill=BRAND)
        draw.text((margin, size // 36), site_name, font=_font(size // 20), fill=(255, 255, 255))
        top = size // 9
    y = top + margin // 2
    title_font = _font(size // 12 if top <= size // 9 else size // 15)
    for line in _wrap(draw, title, title_font, size - 2 * margin, 3 if top <= size // 9 else 2):
        draw.text((margin, y), line, font=title_font, fill=INK)
        y += int(title_font.size * 1.3)
    y += margin // 3
    body_font = _font(size // 22)
    for line in _wrap(draw, summary, body_font, size - 2 * margin, 4 if top <= size // 9 else 2):
        draw.text((margin, y), line, font=body_font, fill=(60, 60, 60))
        y += int(body_font.size * 1.4)
    if footer:
        foot_font = _font(size // 26)
        draw.rectangle((0, size - size // 9, size, size), fill=BRAND)
        draw.text((margin, size - size // 9 + size // 36), footer, font=foot_font, fill=(255, 255, 255))
    out = io.BytesIO()
    # Fast zlib level: ~20 KB a card either way, and card rendering is on the build's
    # critical path at 10,000 pages (the plugin also caches cards by their inputs).
    img.save(out, format="PNG", compress_level=1)
    return out.getvalue()
