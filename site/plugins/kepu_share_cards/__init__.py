"""kepu_share_cards: a square Open Graph image per page at /cards/<shortcode>.png.

In generate_context it sets every PageView's ``og_image`` to the card path, so
kepu_content's templates emit ``og:image`` pointing at it; in generate_output
it renders the cards (kepu/channels/sharecards.py).

Setting ``KEPU_SHARE_CARDS = {"size": 600, "cache_dir": None}``. Cards are
cached by a hash of everything drawn on them (kepu/channels/cache.py: by default
var/cache/channels; ``False`` disables), so a rebuild re-renders only the cards
whose text changed.
"""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from kepu_content import incremental
from pelican import signals
from pelican.generators import Generator

from kepu.channels import posters, sharecards, sitebridge
from kepu.channels.cache import FileCache, cache_key
from kepu.channels.shortlinks import write_if_changed
from kepu.incremental.parallel import fork_map

log = logging.getLogger(__name__)
DEFAULTS = {"size": 600, "cache_dir": None}
CARD_VERSION = "2"   # bump when the card layout changes, to invalidate caches


class ShareCardGenerator(Generator):
    def generate_context(self):
        import kepu_content

        self.site = kepu_content.site_model(self.context, self.settings)
        self.config = sitebridge.settings_dict(self.settings, "KEPU_SHARE_CARDS", DEFAULTS,
                                               "kepu_share_cards")
        size = self.config["size"]
        if not isinstance(size, int) or size < sharecards.MIN_SIZE:
            log.warning("kepu_share_cards: size must be an integer ≥ %d, using 600", sharecards.MIN_SIZE)
            self.config["size"] = 600
        for view in self.site.pages:
            if view.shortcode:
                view.og_image = "/" + sharecards.card_path(view.shortcode)

    def _panel(self, entry) -> Path | None:
        panels = entry.meta.get("panels") or []
        root = getattr(self.site, "content_root", None)
        if panels and panels[0].get("image") and root:
            return Path(root) / panels[0]["image"]
        return None

    def generate_output(self, writer):
        out = Path(self.output_path)
        names = sitebridge.site_names(self.settings)
        cache = FileCache.default(self.config["cache_dir"])
        cache.load()   # once, before the workers fork
        entries = sitebridge.entries(self.site)
        panel_hashes: dict[Path, str] = {}   # pages share panel images: read each once

        def hash_of(panel: Path | None) -> str:
            if panel is None or panel.suffix.lower() not in sharecards.RASTER:
                return ""
            if panel not in panel_hashes:
                panel_hashes[panel] = (hashlib.sha256(panel.read_bytes()).hexdigest()
                                       if panel.is_file() else "")
            return panel_hashes[panel]

        def write_card(entry) -> int:
            rendered = 0
            panel = self._panel(entry)
            args = {"title": entry.title, "summary": entry.summary,
                    "footer": posters.signoff_line(entry, credentials=False),
                    "site_name": names.get(entry.lang, ""), "size": self.config["size"]}
            panel_hash = hash_of(panel)
            key = cache_key(CARD_VERSION, sorted(args.items()), panel_hash)
            data = cache.get(key, ".png")
            if data is None:
                data = sharecards.render_card(panel=panel if panel_hash else None, **args)
                cache.put(key, ".png", data)
                rendered += 1
            write_if_changed(out / sharecards.card_path(entry.shortcode), data)
            return rendered

        # Issue 9: a card whose page did not change since the last build stays as it
        # is; the others are drawn over every core (forked workers).
        book = incremental.ledger(self.context, self.settings)
        tokens = incremental.entry_tokens(self.site)
        todo = book.stale("card", entries, [e.url for e in entries], tokens, lambda e: [
            (sharecards.card_path(e.shortcode), book.key("card", tokens[e.url]))])
        rendered = sum(fork_map(write_card, todo))
        log.info("kepu_share_cards: %d cards (%d rendered, the rest from cache)", len(entries), rendered)


def get_generators(pelican):
    return ShareCardGenerator


def register():
    signals.get_generators.connect(get_generators)
