"""kepu_feeds: Atom, RSS and JSON Feed for the site, each disease, type, expert
and channel, plus /feeds/index.opml (URL scheme in kepu/channels/feeds.py).

Setting ``KEPU_FEEDS = {"max_items": 100}``. In generate_context it puts
``kepu_feed_links`` ({absolute page URL: [{type, title, href}]}) into the
context, which base.html turns into <link rel="alternate"> feed discovery tags.
"""

from __future__ import annotations

import logging
from html import escape

from pelican import signals
from pelican.generators import Generator

from kepu.channels import feeds, sitebridge
from kepu.channels.channel_match import channel_topics
from kepu.incremental.parallel import fork_map

log = logging.getLogger(__name__)
DEFAULTS = {"max_items": feeds.DEFAULT_MAX_ITEMS}


def item_html(site, entry) -> str:
    """The signed text of a page as feed content: summary, body, panels, key points."""
    view = sitebridge.view_for(site, entry)
    meta = entry.meta
    parts = [f"<p>{escape(entry.summary)}</p>"]
    if view is not None:
        parts.append(view.html)
    for panel in meta.get("panels") or []:
        src = site.absolute_url("/" + panel["image"]) if panel.get("image") else ""
        parts.append(f'<figure><img src="{escape(src)}" alt="{escape(panel.get("alt") or "")}">'
                     f'<figcaption>{escape(panel.get("caption") or "")}</figcaption></figure>')
        for bubble in panel.get("bubbles") or []:
            who = (site.characters.get(bubble.get("character")) or {}).get(
                "name_en" if entry.lang == "en" else "name") or ""
            parts.append(f"<p>{escape(who + '：' if who else '')}{escape(bubble.get('text') or '')}</p>")
    for name in ("key_points", "red_flags", "lessons"):
        if meta.get(name):
            parts.append("<ul>" + "".join(f"<li>{escape(str(x))}</li>" for x in meta[name]) + "</ul>")
    for step in meta.get("timeline") or []:
        parts.append(f"<p>{escape(str(step.get('when') or ''))}：{escape(str(step.get('text') or ''))}</p>")
    return "\n".join(parts)


class FeedGenerator(Generator):
    def generate_context(self):
        import kepu_content

        self.site = kepu_content.site_model(self.context, self.settings)
        config = sitebridge.settings_dict(self.settings, "KEPU_FEEDS", DEFAULTS, "kepu_feeds")
        for slug, channel in sorted(self.site.channels.items()):
            if not channel_topics(channel):
                log.warning("kepu_feeds: channel %r has no topics; its feed is empty", slug)
        entries = sitebridge.entries(self.site)
        self.specs = feeds.feed_specs(
            entries, on=self.site.today, channels=self.site.channels,
            experts=self.site.experts, site_names=sitebridge.site_names(self.settings),
            expert_url=self.site.expert_url, max_items=int(config["max_items"]),
            members=sitebridge.channel_members(self.site))
        self.context["kepu_feeds"] = self.specs
        self.context["kepu_feed_links"] = feeds.discovery_links(self.specs, self.site.absolute_url, entries)

    def generate_output(self, writer):
        absolute = self.site.absolute_url
        html_cache: dict[str, str] = {}

        def html_for(entry):
            if entry.url not in html_cache:
                html_cache[entry.url] = item_html(self.site, entry)
            return html_cache[entry.url]

        def image_for(entry):
            return absolute("/" + f"cards/{entry.shortcode}.png")

        from kepu_content import incremental

        book = incremental.ledger(self.context, self.settings)
        files = sitebridge.output_files(self.context, self.settings)
        tokens = incremental.entry_tokens(self.site)
        todo = []
        for spec in self.specs:
            who = sitebridge.publisher(self.settings, spec.lang)
            # Issue 9: a feed whose items (and their pages) did not change stays as it is.
            key = book.key("feed", spec.key, spec.kind, spec.title, spec.lang, spec.home, who,
                           repr(sorted((spec.channel or {}).items())),
                           *(tokens.get(e.url) or incremental.entry_token(self.site, e)
                             for e in spec.entries))
            if not book.reuse_all([(spec.path(fmt), key) for fmt in ("atom", "rss", "json")]):
                todo.append(spec)

        def write(spec):
            who = sitebridge.publisher(self.settings, spec.lang)
            files.write(spec.path("atom"), feeds.atom(spec, absolute, html_for, who))
            files.write(spec.path("rss"), feeds.rss(spec, absolute, html_for, who))
            files.write(spec.path("json"), feeds.json_feed(spec, absolute, html_for, who, image_for))

        # feedgenerator's XML writer is the costly part of a full build's feeds: every core.
        fork_map(write, todo, weight=10)  # a feed: ~50 items in three formats
        title = f"{self.settings.get('SITENAME', 'kepu')} feeds"
        # The OPML lists feeds by title and URL only.
        opml_key = book.key("opml", title, *(f"{s.kind}\n{s.key}\n{s.title}\n{s.home}\n{s.lang}" for s in self.specs))
        if not book.reuse("feeds/index.opml", opml_key):
            files.write("feeds/index.opml", feeds.opml(self.specs, absolute, title))
        log.info("kepu_feeds: wrote %d feeds × 3 formats and feeds/index.opml", len(self.specs))


def get_generators(pelican):
    return FeedGenerator


def register():
    signals.get_generators.connect(get_generators)
