"""kepu_sitemap: sitemap.xml (lastmod = the date the expert reviewed the page,
hreflang alternates between translations) and robots.txt.

Reads only ``site.pages`` from kepu_content's SiteModel, so a withdrawn or
expired-and-withdrawn page leaves the sitemap in the same publish.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from pelican import signals
from pelican.generators import Generator

from kepu.channels import sitebridge

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


def sitemap_xml(site, page_entry=None) -> str:
    """``page_entry(page)``: a page's <url> element (default: made here; the plugin
    passes one that remembers them between builds)."""
    page_entry = page_entry or _page_entry
    entries = []
    newest = _newest(site)
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
    entries.extend(page_entry(page) for page in site.pages)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
            'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n' + "\n".join(entries) + "\n</urlset>\n")


def _newest(site) -> dict:
    return {lang: site.newest_reviewed.get(lang) for lang in site.languages}


def _page_entry(page) -> str:
    versions = sorted([page, *page.translations], key=lambda p: p.lang)
    alternates = [(HTML_LANG[p.lang], page.site.absolute_url(p.url)) for p in versions]
    return _url_entry(page.site.absolute_url(page.url),
                      page.reviewed.isoformat() if page.reviewed else None, alternates)


def robots_txt(site) -> str:
    return ("User-agent: *\nAllow: /\nDisallow: /zh/search/\nDisallow: /en/search/\n\n"
            f"Sitemap: {site.absolute_url('/sitemap.xml')}\n")


class SitemapGenerator(Generator):
    def generate_output(self, writer):
        import kepu_content
        from kepu_content import incremental

        site = kepu_content.site_model(self.context, self.settings)
        book = incremental.ledger(self.context, self.settings)
        files = sitebridge.output_files(self.context, self.settings)
        # Issue 9: a page's <url> element is made from its token (it, its hub, its
        # translations), so it is kept between builds of a build worker; the
        # sitemap is rewritten only when one of them (or the newest dates) changed.
        _memo.begin(book, book.global_key)
        tokens = incremental.entry_tokens(site)  # {url: token} in site.pages' order

        def page_entry(page) -> str:
            token = tokens[page.url]
            hit = _memo.get(token)
            if hit is None:
                hit = _page_entry(page)
                _memo.put(token, hit)
            return hit

        key = book.key("sitemap", repr(sorted(_newest(site).items())), *tokens.values())
        if not book.reuse("sitemap.xml", key):
            files.write("sitemap.xml", sitemap_xml(site, page_entry))
        if not book.reuse("robots.txt", book.key("robots", site.absolute_url("/sitemap.xml"))):
            files.write("robots.txt", robots_txt(site))


_memo = sitebridge.Memo()


def get_generators(pelican):
    return SitemapGenerator


def register():
    signals.get_generators.connect(get_generators)
