"""kepu_json_api: /api/pages/<id>.json (full signed content + sign-off record)
and /api/pages/index.json, for partner apps and mini-programs
(kepu/channels/api.py)."""

from __future__ import annotations

import logging
from pathlib import Path

from pelican import signals
from pelican.generators import Generator

from kepu.channels import api, sitebridge
from kepu.channels.shortlinks import write_if_changed

log = logging.getLogger(__name__)


class JsonApiGenerator(Generator):
    def generate_context(self):
        import kepu_content

        self.site = kepu_content.site_model(self.context, self.settings)

    def generate_output(self, writer):
        out, site = Path(self.output_path), self.site
        entries = sitebridge.entries(site)
        by_url = {e.url: e for e in entries}
        from kepu_content import incremental

        book = incremental.ledger(self.context, self.settings)
        for entry in entries:
            # Issue 9: the document of a page unchanged since the last build (it, its
            # hub, its translations) stays as it is.
            if book.reuse(api.page_path(entry.id), book.key("api", incremental.entry_token(site, entry))):
                continue
            view = sitebridge.view_for(site, entry)
            doc = api.page_document(
                entry, site.absolute_url, body_html=view.html if view else None,
                expert=site.experts.get(entry.reviewer_slug),
                sponsor=site.sponsors.get(entry.sponsor) if entry.sponsor else None,
                translations=[by_url[t.url] for t in (view.translations if view else ()) if t.url in by_url],
                expired=bool(view.expired) if view else False)
            write_if_changed(out / api.page_path(entry.id), api.dumps(doc))
        live = {e.id for e in entries}
        withdrawn = []
        for stone in sitebridge.tombstones(site):
            page_id = stone.get("id")
            if page_id is not None and page_id not in live:
                withdrawn.append(page_id)
                write_if_changed(out / api.page_path(page_id),
                                 api.dumps(api.withdrawn_document(page_id, stone.get("lang") or "zh")))
        write_if_changed(out / api.INDEX_PATH,
                         api.dumps(api.index_document(entries, site.absolute_url, withdrawn)))
        log.info("kepu_json_api: wrote %d page documents and the index", len(entries))


def get_generators(pelican):
    return JsonApiGenerator


def register():
    signals.get_generators.connect(get_generators)
