"""kepu_sitemap: sitemap.xml (lastmod = the date the expert reviewed the page,
hreflang alternates between translations) and robots.txt.

Reads only ``site.pages`` from kepu_content's SiteModel, so a withdrawn or
expired-and-withdrawn page leaves the sitemap in the same publish.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from pelican import signals
from pelican.generators import Generator

HTML_LANG = {"zh": "zh-CN", "en": "en"}


def _url_entry(loc: str, lastmod: str | None, alternates: list[tuple[str, str]]) -> str:
    parts = [f"<url><loc>{escape(loc)}</loc>"]
    if lastmod:
        parts.append(f"<lastmod>{lastmod}</lastmod>")
    if len(alternates) > 1:
        parts.extend(f'<xhtml:link rel="alternate" hreflang={quoteattr(code)} href={quoteattr(href)}/>'
                     for code, href in alternates)
    parts.append("</url>")
    return "".join(parts)


def sitemap_xml(site) -> str:
    entries = []
    newest = {lang: max((p.reviewed for p in site.pages if p.lang == lang and p.reviewed),
                        default=None) for lang in site.languages}
    for path in ("", "a-z/", "experts/", "editorial-policy/"):
        alternates = [(HTML_LANG[lang], site.absolute_url(f"/{lang}/{path}")) for lang in site.languages]
        for lang in site.languages:
            day = newest[lang]
            entries.append(_url_entry(site.absolute_url(f"/{lang}/{path}"),
                                      day.isoformat() if day and path in ("", "a-z/") else None,
                                      alternates))
    for slug in sorted(site.experts):
        alternates = [(HTML_LANG[lang], site.absolute_url(site.expert_url(slug, lang)))
                      for lang in site.languages]
        for lang in site.languages:
            entries.append(_url_entry(site.absolute_url(site.expert_url(slug, lang)), None, alternates))
    for page in site.pages:
        versions = sorted([page, *page.translations], key=lambda p: p.lang)
        alternates = [(HTML_LANG[p.lang], site.absolute_url(p.url)) for p in versions]
        entries.append(_url_entry(site.absolute_url(page.url),
                                  page.reviewed.isoformat() if page.reviewed else None, alternates))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n' + "\n".join(entries) + "\n</urlset>\n")


def robots_txt(site) -> str:
    return ("User-agent: *\nAllow: /\nDisallow: /zh/search/\nDisallow: /en/search/\n\n"
            f"Sitemap: {site.absolute_url('/sitemap.xml')}\n")


class SitemapGenerator(Generator):
    def generate_output(self, writer):
        import kepu_content

        site = kepu_content.site_model(self.context, self.settings)
        out = Path(self.output_path)
        (out / "sitemap.xml").write_text(sitemap_xml(site), encoding="utf-8")
        (out / "robots.txt").write_text(robots_txt(site), encoding="utf-8")


def get_generators(pelican):
    return SitemapGenerator


def register():
    signals.get_generators.connect(get_generators)
