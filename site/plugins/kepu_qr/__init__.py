"""kepu_qr: QR codes (SVG + PNG) for every page's short link and every channel,
and printable A4 posters per explainer and per channel.

    /qr/<code>.svg|.png             the page's short link /s/<code>/
    /qr/channel/<slug>.svg|.png     the channel's page, with its campaign tags
    /<lang>/<disease>/<slug>/poster.html   explainer poster
    /<lang>/channels/<slug>/poster.html    channel poster

Setting ``KEPU_QR = {"cache_dir": None}`` (see kepu/channels/cache.py).
"""

from __future__ import annotations

import logging
from pathlib import Path

from kepu_content import incremental
from pelican import signals
from pelican.generators import Generator

from kepu.channels import posters, qr, sitebridge
from kepu.channels.cache import FileCache
from kepu.channels.campaign import tag_url
from kepu.channels.shortlinks import short_path, write_if_changed
from kepu.incremental.parallel import fork_map

log = logging.getLogger(__name__)
# cache_dir: None → var/cache/channels (KEPU_VAR_DIR); False → no cache.
DEFAULTS = {"cache_dir": None}


def channel_url(channel: dict) -> str:
    return f"/{channel.get('language') or 'zh'}/channels/{channel['slug']}/"


class QRGenerator(Generator):
    def generate_context(self):
        import kepu_content

        self.site = kepu_content.site_model(self.context, self.settings)

    def generate_output(self, writer):
        out, site = Path(self.output_path), self.site
        names = sitebridge.site_names(self.settings)
        config = sitebridge.settings_dict(self.settings, "KEPU_QR", DEFAULTS, "kepu_qr")
        cache = FileCache.default(config["cache_dir"])
        cache.load()   # once, before the workers fork
        entries = sitebridge.entries(site)
        count = len(entries)

        def write_page_files(entry):
            short = site.absolute_url(short_path(entry.shortcode))
            svg_path, png_path = qr.page_qr_paths(entry.shortcode)
            files = qr.render(short, entry.title, cache)
            write_if_changed(out / svg_path, files.svg)
            write_if_changed(out / png_path, files.png)
            if entry.type == "explainer":
                write_if_changed(out / posters.page_poster_path(entry),
                                 posters.page_poster(entry, short, names.get(entry.lang, ""), files.inline))

        # Issue 9: codes and posters whose inputs did not change since the last build
        # stay as they are; the others are drawn over every core (forked workers).
        book = incremental.ledger(self.context, self.settings)
        fork_map(write_page_files, book.stale("qr", entries, [e.url for e in entries],
                                              incremental.entry_tokens(site),
                                              lambda e: self._page_keys(book, e)))
        for slug, channel in sorted(site.channels.items()):
            channel = {"slug": slug, **channel}
            url = tag_url(site.absolute_url(channel_url(channel)), channel)
            svg_path, png_path = qr.channel_qr_paths(slug)
            lang = channel.get("language") or "zh"
            # The channel registry is part of the global key: only the URL and name matter here.
            key = book.key("channel-qr", url, str(channel.get("name")), names.get(lang, ""))
            if book.reuse_all([(svg_path, key), (png_path, key),
                               (posters.channel_poster_path(channel), key)]):
                continue
            files = qr.render(url, channel.get("name"), cache)
            write_if_changed(out / svg_path, files.svg)
            write_if_changed(out / png_path, files.png)
            write_if_changed(out / posters.channel_poster_path(channel),
                             posters.channel_poster(channel, url, names.get(lang, ""), files.inline))
        log.info("kepu_qr: wrote QR codes for %d pages and %d channels", count, len(site.channels))


    def _page_keys(self, book, entry) -> list[tuple[str, str]]:
        short = self.site.absolute_url(short_path(entry.shortcode))
        code = book.key("qr", short, entry.title)
        pairs = [(path, code) for path in qr.page_qr_paths(entry.shortcode)]
        if entry.type == "explainer":
            pairs.append((posters.page_poster_path(entry),
                          book.key("poster", short, incremental.entry_token(self.site, entry))))
        return pairs


def get_generators(pelican):
    return QRGenerator


def register():
    signals.get_generators.connect(get_generators)
