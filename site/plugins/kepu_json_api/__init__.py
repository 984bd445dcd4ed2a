"""kepu_json_api: /api/pages/<id>.json (full signed content + sign-off record)
and /api/pages/index.json, for partner apps and mini-programs
(kepu/channels/api.py)."""

from __future__ import annotations

import logging

from pelican import signals
from pelican.generators import Generator

from kepu.channels import api, sitebridge
from kepu.incremental.parallel import fork_map

log = logging.getLogger(__name__)


class JsonApiGenerator(Generator):
    def generate_context(self):
        import kepu_content

        self.site = kepu_content.site_model(self.context, self.settings)

    def generate_output(self, writer):
        from kepu_content import incremental

        from kepu.incremental.manifest import digest

        site = self.site
        entries = sitebridge.entries(site)
        by_url = {e.url: e for e in entries}
        book = incremental.ledger(self.context, self.settings)
        files = sitebridge.output_files(self.context, self.settings)
        # Issue 9: the document of a page unchanged since the last build (it, its
        # hub, its translations) stays as it is.
        tokens = incremental.entry_tokens(site)
        todo = book.stale("api", entries, [e.url for e in entries], tokens, lambda entry: [
            (api.page_path(entry.id), sitebridge.output_key(book, "api", tokens[entry.url]))])

        def write(entry):
            view = sitebridge.view_for(site, entry)
            doc = api.page_document(
                entry, site.absolute_url, body_html=view.html if view else None,
                expert=site.experts.get(entry.reviewer_slug),
                sponsor=site.sponsors.get(entry.sponsor) if entry.sponsor else None,
                translations=[by_url[t.url] for t in (view.translations if view else ()) if t.url in by_url],
                expired=bool(view.expired) if view else False)
            files.write(api.page_path(entry.id), api.dumps(doc))

        fork_map(write, todo)
        live = {e.id for e in entries}
        withdrawn = []
        for stone in sitebridge.tombstones(site):
            page_id = stone.get("id")
            if page_id is not None and page_id not in live:
                withdrawn.append(page_id)
                lang = stone.get("lang") or "zh"
                if not book.reuse(api.page_path(page_id), book.key("api-withdrawn", str(page_id), lang)):
                    files.write(api.page_path(page_id), api.dumps(api.withdrawn_document(page_id, lang)))
        # The index lists a few fields per page: keyed by those, it stays when a
        # page's text changes and its title, dates and links do not.
        _memo.begin(book, book.global_key)
        rows = []
        for entry in entries:
            hit = _memo.get(id(entry))
            if hit is None or hit[0] is not entry:
                hit = (entry, digest(repr(api.index_row(entry, site.absolute_url))))
                _memo.put(id(entry), hit)
            rows.append(hit[1])
        if not book.reuse(api.INDEX_PATH, book.key("api-index", repr(sorted(withdrawn, key=str)), *rows)):
            files.write(api.INDEX_PATH, api.dumps(api.index_document(entries, site.absolute_url, withdrawn)))
        log.info("kepu_json_api: wrote %d page documents and the index", len(entries))


_memo = sitebridge.Memo()


def get_generators(pelican):
    return JsonApiGenerator


def register():
    signals.get_generators.connect(get_generators)
