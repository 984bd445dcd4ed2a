"""kepu_channel_pages: /<lang>/channels/ and /<lang>/channels/<slug>/ — a
channel's description, QR code, today's digest (build date), its feeds and
poster, and the current pages it carries. Templates: themes/kepu/templates/channels/.

Setting ``KEPU_CHANNEL_PAGES = {"digest_count": 3}``.
"""

from __future__ import annotations

import logging

from pelican import signals
from pelican.generators import Generator

from kepu.channels import feeds, sitebridge
from kepu.channels.channel_match import ChannelProblem, channel_entries, channel_topics
from kepu.channels.digest import digest
from kepu.channels.posters import channel_poster_path
from kepu.channels.qr import channel_qr_paths
from kepu.channels.shortlinks import short_path

log = logging.getLogger(__name__)
DEFAULTS = {"digest_count": 3}

LABELS = {
    "zh": {"region": "地区", "qr_alt": "本频道二维码", "qr_caption": "扫码打开本频道", "poster": "打印海报（A4）",
           "feeds": "订阅本频道", "feeds_help": "只包含经专家审核且在复审期内的内容，链接带有本频道的推广参数。",
           "current": "本频道当前内容", "digest_help": "社群小助手可用命令生成每日内容：",
           "all_channels": "频道与社群", "opml": "全部订阅源（OPML）", "no_topics": "本频道尚未设置主题。"},
    "en": {"region": "Region", "qr_alt": "QR code for this channel", "qr_caption": "Scan to open this channel",
           "poster": "Printable poster (A4)", "feeds": "Follow this channel",
           "feeds_help": "Only reviewed pages within their review period; links carry this channel's campaign tags.",
           "current": "Current pages in this channel", "digest_help": "Community assistants can generate the daily list with",
           "all_channels": "Channels and communities", "opml": "Every feed (OPML)",
           "no_topics": "This channel has no topics yet."},
}


class ChannelPageGenerator(Generator):
    def generate_context(self):
        import kepu_content

        self.site = kepu_content.site_model(self.context, self.settings)
        self.config = sitebridge.settings_dict(self.settings, "KEPU_CHANNEL_PAGES", DEFAULTS,
                                               "kepu_channel_pages")

    def generate_output(self, writer):
        from kepu_content.incremental import write_outputs
        from kepu_content.outputs import Output, common

        site = self.site
        # A channel's candidates (whatever the date), found once per build for every
        # channel output: the digest and the current list only look at those.
        members = sitebridge.channel_members(site)
        outputs = []
        by_lang: dict[str, list[dict]] = {}
        for slug, channel in sorted(site.channels.items()):
            channel = {"slug": slug, **channel}
            lang = channel.get("language") if channel.get("language") in LABELS else "zh"
            by_lang.setdefault(lang, []).append(channel)
            url = f"/{lang}/channels/{slug}/"
            ct = LABELS[lang]
            try:
                today = digest(channel, site.today, int(self.config["digest_count"]), members.get(slug, ()),
                               link_for=lambda e, ch: site.absolute_url(short_path(e.shortcode, ch["slug"])))
                digest_html = today.html()
            except ChannelProblem as exc:
                log.warning("kepu_channel_pages: %s", exc)
                digest_html = f"<p>{ct['no_topics']}</p>"
            svg, png = channel_qr_paths(slug)
            feed_links = [{"label": name,
                           "href": site.absolute_url(f"/feeds/channel/{slug}{feeds.FORMATS[fmt]}"),
                           "type": feeds.MIME[fmt]}
                          for fmt, name in (("atom", "Atom"), ("rss", "RSS"), ("json", "JSON Feed"))]
            current = channel_entries(channel, members.get(slug, ()), site.today) if channel_topics(channel) else []
            variables = common(site, lang, url, channel.get("name") or slug,
                               channel.get("description") or "", {lang: url},
                               channel=channel, ct=ct, digest_html=digest_html,
                               qr_svg="/" + svg, qr_png="/" + png,
                               poster="/" + channel_poster_path(channel), feed_links=feed_links,
                               channel_pages=current[:20])
            variables["og_image"] = site.absolute_url("/" + png)
            outputs.append(Output(f"{url.lstrip('/')}index.html", "channels/channel", variables))
        for lang, channels in sorted(by_lang.items()):
            url = f"/{lang}/channels/"
            variables = common(site, lang, url, LABELS[lang]["all_channels"], "", {lang: url},
                               ct=LABELS[lang], channel_list=channels)
            outputs.append(Output(f"{lang}/channels/index.html", "channels/index", variables))
        # Issue 9: through kepu_content's ledger, so a channel page whose variables
        # (digest, current pages …) did not change is not rendered again.
        write_outputs(self, writer, outputs)


def get_generators(pelican):
    return ChannelPageGenerator


def register():
    signals.get_generators.connect(get_generators)
