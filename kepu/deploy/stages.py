"""The order a deploy stores things in, so the live site is whole at every moment.

A page must never link to an asset that is not there yet, a feed or the
search index to a page that is not there yet, and a short link to a target
that is not there yet; and nothing is deleted until everything new is in place.
"""

from __future__ import annotations

from .patterns import matches_any

ASSETS, PAGES, INDEXES, REDIRECTS, DELETES = "assets", "pages", "indexes", "redirects", "deletes"
UPLOAD_STAGES = (ASSETS, PAGES, INDEXES, REDIRECTS)
STAGE_TITLES = {
    ASSETS: "assets (css, js, images, media)",
    PAGES: "pages (html)",
    INDEXES: "feeds, sitemap, search index",
    REDIRECTS: "short-link redirects",
    DELETES: "deletes",
}

# Checked in this order; everything else is an asset.
REDIRECT_PATTERNS = ("s/**",)
INDEX_PATTERNS = (
    "feeds/**", "search/**", "api/**",
    "*.{xml,json,atom,rss,opml,xsl}", "robots.txt",
)
PAGE_PATTERNS = ("*.html", "*.htm")


def stage_of(rel_key: str) -> str:
    """Which upload stage the file at `rel_key` (relative to the prefix) belongs to."""
    if matches_any(REDIRECT_PATTERNS, rel_key):
        return REDIRECTS
    if matches_any(INDEX_PATTERNS, rel_key):
        return INDEXES
    if matches_any(PAGE_PATTERNS, rel_key):
        return PAGES
    return ASSETS
