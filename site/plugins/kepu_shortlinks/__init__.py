"""kepu_shortlinks: /s/<code>/ and /s/<code>/<channel>/ static redirect pages,
withdrawal notices for withdrawn codes, and s/_redirects.json for the deploy
step (see kepu/channels/shortlinks.py for the convention).

A code claimed twice (two pages, or a page and a tombstone with different
URLs) stops the build: a short link must never point at two things.
"""

from __future__ import annotations

import logging

from pelican import signals
from pelican.generators import Generator

from kepu.channels import shortlinks, sitebridge
from kepu.incremental.parallel import fork_map

log = logging.getLogger(__name__)


class ShortLinkGenerator(Generator):
    def generate_context(self):
        import kepu_content

        self.site = kepu_content.site_model(self.context, self.settings)

    def generate_output(self, writer):
        from kepu_content import incremental

        from kepu.incremental.manifest import digest

        site = self.site
        book = incremental.ledger(self.context, self.settings)
        files = sitebridge.output_files(self.context, self.settings)
        chans = sitebridge.channels(site)
        slugs = sitebridge.channel_slugs(site)
        withdrawn = shortlinks.withdrawn_codes(sitebridge.tombstones(site))
        # Issue 9: a page's links, their ledger keys and their part of the redirect
        # manifest are made once per page and kept while the page (and the global
        # key: code, registries, site URL) stays the same — in a build worker the
        # ~75,000 links of a 10,000-page site are not re-derived on every build.
        _memo.begin(book, book.global_key)
        seen: set[str] = set()
        per_page = []
        for entry in sitebridge.entries(site):
            if entry.shortcode in withdrawn:
                continue  # the tombstone wins: a withdrawn page never gets a live link
            if entry.shortcode in seen:
                raise shortlinks.claimed_twice(entry.shortcode)
            seen.add(entry.shortcode)
            hit = _memo.get(id(entry))
            if hit is None or hit[0] is not entry:
                links = shortlinks.entry_links(entry, [(s, chans[s]) for s in slugs[id(entry)]],
                                               site.absolute_url)
                hit = (entry, links, [(link.file, book.key("short", repr(link))) for link in links],
                       digest(*(f"{link.file}\n{link.target}" for link in links)))
                _memo.put(id(entry), hit)
            per_page.append(hit)
        todo = [hit[1] for hit in book.stale("short", per_page, [h[0].url for h in per_page],
                                               incremental.entry_tokens(site), lambda h: h[2])]
        notices = [link for code, lang in sorted(withdrawn.items())
                   for link in shortlinks.notice_links(code, lang, chans)]
        todo.append([link for link in notices if not book.reuse(link.file, book.key("short", repr(link)))])

        def write(links):
            for link in links:
                files.write(link.file, shortlinks.render(link))

        # Tens of thousands of small files on a full build: over every core.
        fork_map(write, todo)
        # The manifest maps live links only, so its key is their (file, target) pairs.
        if not book.reuse(shortlinks.MANIFEST, book.key("short-manifest", *(h[3] for h in per_page))):
            files.write(shortlinks.MANIFEST,
                        shortlinks.redirects_json(link for h in per_page for link in h[1]))
        count = sum(len(h[1]) for h in per_page) + len(notices)
        log.info("kepu_shortlinks: wrote %d short links and %s", count, shortlinks.MANIFEST)


_memo = sitebridge.Memo()


def get_generators(pelican):
    return ShortLinkGenerator


def register():
    signals.get_generators.connect(get_generators)
