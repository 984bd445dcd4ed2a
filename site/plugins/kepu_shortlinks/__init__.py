"""kepu_shortlinks: /s/<code>/ and /s/<code>/<channel>/ static redirect pages,
withdrawal notices for withdrawn codes, and s/_redirects.json for the deploy
step (see kepu/channels/shortlinks.py for the convention).

A code claimed twice (two pages, or a page and a tombstone with different
URLs) stops the build: a short link must never point at two things.
"""

from __future__ import annotations

import logging
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from kepu.channels import shortlinks, sitebridge

log = logging.getLogger(__name__)


class ShortLinkGenerator(Generator):
    def generate_context(self):
        import kepu_content

        self.site = kepu_content.site_model(self.context, self.settings)
        self.links = shortlinks.short_links(sitebridge.entries(self.site), self.site.channels,
                                            sitebridge.tombstones(self.site), self.site.absolute_url)
        self.context["kepu_short_links"] = self.links

    def generate_output(self, writer):
        from kepu_content import incremental

        # Issue 9: a short-link page whose link did not change since the last build stays.
        book = incremental.ledger(self.context, self.settings)
        count = shortlinks.write_short_links(
            Path(self.output_path), self.links,
            keep=lambda link: book.reuse(link.file, book.key("short", repr(link))))
        log.info("kepu_shortlinks: wrote %d short links and %s", count, shortlinks.MANIFEST)


def get_generators(pelican):
    return ShortLinkGenerator


def register():
    signals.get_generators.connect(get_generators)
