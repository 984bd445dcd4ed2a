"""Printable A4 posters for clinic walls: one per explainer, one per channel.

A poster carries the title, a one-line summary, a large QR code of the short
link (so the printed link never breaks) and the sign-off line
"审核：<expert>，<date>", with a print stylesheet that fits one A4 page. The
QR code is inline SVG, so the file prints the same from any host or from disk.
"""

from __future__ import annotations

from html import escape

from . import qr
from .digest import one_line
from .entries import Entry

CSS = """
@page { size: A4 portrait; margin: 15mm; }
* { box-sizing: border-box; }
body { margin: 0; font-family: "Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", sans-serif;
       color: #111; background: #fff; }
.poster { width: 180mm; min-height: 260mm; margin: 0 auto; padding: 12mm; display: flex;
          flex-direction: column; align-items: center; text-align: center; border: 1mm solid #0b5cad; }
.poster .site { font-size: 14pt; color: #0b5cad; margin: 0 0 8mm; }
.poster h1 { font-size: 32pt; line-height: 1.25; margin: 0 0 6mm; }
.poster .summary { font-size: 18pt; line-height: 1.5; margin: 0 0 10mm; }
.poster .qr { width: 110mm; height: 110mm; }
.poster .scan { font-size: 16pt; margin: 4mm 0 2mm; }
.poster .link { font-size: 13pt; word-break: break-all; margin: 0 0 8mm; }
.poster .signoff { font-size: 14pt; margin-top: auto; }
.poster .disclaimer { font-size: 11pt; color: #444; }
@media screen { body { background: #eee; padding: 10mm 0; } .poster { background: #fff; } }
@media print { .poster { border-width: 0.6mm; page-break-after: avoid; break-inside: avoid; } }
"""

WORDS = {
    "zh": {"scan": "微信或手机相机扫码阅读", "signoff": "审核：{expert}，{date}",
           "disclaimer": "本内容不能替代医生的诊疗建议。", "channel_scan": "扫码关注",
           "html_lang": "zh-CN"},
    "en": {"scan": "Scan with your phone camera to read", "signoff": "Reviewed by {expert}, {date}",
           "disclaimer": "This does not replace advice from your doctor.", "channel_scan": "Scan to follow",
           "html_lang": "en"},
}


def _page(lang: str, title: str, inner: str) -> str:
    words = WORDS.get(lang, WORDS["zh"])
    return (f'<!doctype html>\n<html lang="{words["html_lang"]}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="robots" content="noindex">\n<title>{escape(title)}</title>\n'
            f"<style>{CSS}</style>\n</head>\n<body>\n{inner}</body>\n</html>\n")


def signoff_line(entry: Entry, credentials: bool = True) -> str:
    """``审核：<expert>（<credentials>），<date>`` / ``Reviewed by <expert>, <date>``."""
    words = WORDS.get(entry.lang, WORDS["zh"])
    date = entry.reviewed.isoformat() if entry.reviewed else ""
    expert = entry.reviewer + (f"（{entry.reviewer_credentials}）" if credentials
                               and entry.reviewer_credentials and entry.lang == "zh" else "")
    return words["signoff"].format(expert=expert, date=date)


def page_poster(entry: Entry, short_url: str, site_name: str = "", qr_svg: str | None = None) -> str:
    """``qr_svg``: the inline QR element when the caller already has it (kepu_qr does)."""
    words = WORDS.get(entry.lang, WORDS["zh"])
    inner = (f'<main class="poster">\n<p class="site">{escape(site_name)}</p>\n'
             f"<h1>{escape(entry.title)}</h1>\n"
             f'<p class="summary">{escape(one_line(entry.summary, 80))}</p>\n'
             f"{qr_svg or qr.svg_inline(short_url, entry.title)}\n"
             f'<p class="scan">{escape(words["scan"])}</p>\n'
             f'<p class="link">{escape(short_url)}</p>\n'
             f'<p class="signoff">{escape(signoff_line(entry))}</p>\n'
             f'<p class="disclaimer">{escape(words["disclaimer"])}</p>\n</main>\n')
    return _page(entry.lang, entry.title, inner)


def channel_poster(channel: dict, url: str, site_name: str = "", qr_svg: str | None = None) -> str:
    lang = channel.get("language") or "zh"
    words = WORDS.get(lang, WORDS["zh"])
    name = str(channel.get("name") or channel.get("slug"))
    description = one_line(channel.get("description") or "", 80)
    inner = (f'<main class="poster">\n<p class="site">{escape(site_name)}</p>\n'
             f"<h1>{escape(name)}</h1>\n"
             + (f'<p class="summary">{escape(description)}</p>\n' if description else "")
             + f"{qr_svg or qr.svg_inline(url, name)}\n"
             f'<p class="scan">{escape(words["channel_scan"])}</p>\n'
             f'<p class="link">{escape(url)}</p>\n'
             f'<p class="disclaimer">{escape(words["disclaimer"])}</p>\n</main>\n')
    return _page(lang, name, inner)


def page_poster_path(entry: Entry) -> str:
    return f"{entry.url.strip('/')}/poster.html"


def channel_poster_path(channel: dict) -> str:
    return f"{channel.get('language') or 'zh'}/channels/{channel['slug']}/poster.html"
