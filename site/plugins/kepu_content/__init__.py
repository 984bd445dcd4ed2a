"""kepu_content: reads content/ through kepu.contentformat and writes the site.

Pelican's own readers are off (pelicanconf.py); this plugin's generator builds
the SiteModel (see sitemodel.py, "For other plugins") into
``context["kepu_site"]`` during generate_context and writes every page with the
theme's templates during generate_output. Invalid content raises
kepu.contentformat.ContentErrors out of ``Pelican.run()``; kepu.build turns
that into a user error and keeps the previous output live.
"""

from __future__ import annotations

import datetime as dt
import logging
import shutil
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from . import incremental
from .filters import install_filters
from .outputs import Output, content_page_output, site_outputs
from .sitemodel import PageView, SiteModel, Tombstone

__all__ = ["KepuSiteGenerator", "Output", "PageView", "SiteModel", "Tombstone",
           "content_page_output", "site_model"]

log = logging.getLogger(__name__)
CONTEXT_KEY = "kepu_site"
EXPIRY_POLICIES = ("notice", "withdraw")


def build_date(settings) -> dt.date:
    value = settings.get("KEPU_TODAY")
    if value:
        return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))
    # Review dates are Beijing dates; a build at 01:00 in Shanghai is already "today" there.
    return dt.datetime.now(dt.timezone(dt.timedelta(hours=8))).date()


def expiry_policy(settings) -> str:
    policy = settings.get("KEPU_EXPIRY_POLICY", "notice")
    if policy not in EXPIRY_POLICIES:
        log.warning("kepu_content: KEPU_EXPIRY_POLICY %r unknown, using 'notice'", policy)
        return "notice"
    return policy


def site_model(context: dict, settings: dict) -> SiteModel:
    """The build's SiteModel, loading content/ the first time it is asked for."""
    if CONTEXT_KEY not in context:
        from kepu.incremental.contentcache import load_tree
        from kepu.incremental.manifest import var_dir_for

        root = settings.get("KEPU_CONTENT_DIR") or settings["PATH"]
        # load_content_tree plus a parse cache in var/ (issue 9); same errors:
        # raises ContentErrors: path:line: field: message
        var = var_dir_for(Path(settings.get("KEPU_PREVIOUS_OUTPUT") or settings["OUTPUT_PATH"]))
        tree = load_tree(Path(root), var)
        site = context[CONTEXT_KEY] = SiteModel.from_tree(
            tree, siteurl=settings.get("SITEURL", ""), today=build_date(settings),
            expiry_policy=expiry_policy(settings))
        site._kepu_digests = getattr(tree, "digests", None)  # page identity for incremental builds
        incremental.seed_html(site, settings)
    return context[CONTEXT_KEY]


class KepuSiteGenerator(Generator):
    """Writes every kepu page; Pelican's article machinery is never involved."""

    def generate_context(self):
        self.site = site_model(self.context, self.settings)

    def search_template(self) -> str:
        # search.html belongs to the search engineer; until it exists, a plain form page.
        theme_templates = Path(self.theme) / "templates"
        return "search" if (theme_templates / "search.html").is_file() else "search_fallback"

    def outputs(self, content_pages: bool = True) -> list[Output]:
        return site_outputs(self.site, search_template=self.search_template(),
                            content_pages=content_pages)

    def generate_output(self, writer):
        # Only outputs whose inputs changed since the last build are rendered, over
        # every core (incremental.py, issue 9); the rest stay as they are.
        incremental.write_site(self, writer)
        incremental.save_html(self.site, self.settings)
        self.copy_media()

    def copy_media(self):
        """content/media/ → media/; in an incremental build the files stay as they
        are (issue 9): any change under content/media changes the global key
        (incremental.global_parts), which makes the build a full one."""
        source = Path(self.settings.get("KEPU_CONTENT_DIR") or self.settings["PATH"]) / "media"
        if not source.is_dir():
            return
        book = incremental.ledger(self.context, self.settings)
        out = Path(self.output_path)
        for path in sorted(source.rglob("*")):
            if not path.is_file():
                continue
            rel = "media/" + path.relative_to(source).as_posix()
            if not book.reuse(rel, book.key("media", rel)):
                (out / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, out / rel)


def get_generators(pelican):
    return KepuSiteGenerator


def add_filters(generator):
    install_filters(generator.env)
    incremental.share_compiled_templates(generator)  # compile each template once (issue 9)


def register():
    signals.get_generators.connect(get_generators)
    signals.generator_init.connect(add_filters)
