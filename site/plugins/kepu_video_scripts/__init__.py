"""kepu_video_scripts: /<lang>/<disease>/<slug>/script.txt and script.srt for
every explainer, from its signed panel captions and bubbles only, stamped with
the sign-off id and content hash (kepu/channels/scripts.py)."""

from __future__ import annotations

import logging

from pelican import signals
from pelican.generators import Generator

from kepu.channels import scripts, sitebridge
from kepu.incremental.parallel import fork_map

log = logging.getLogger(__name__)


class VideoScriptGenerator(Generator):
    def generate_context(self):
        import kepu_content

        self.site = kepu_content.site_model(self.context, self.settings)

    def generate_output(self, writer):
        from kepu_content import incremental

        book = incremental.ledger(self.context, self.settings)
        files = sitebridge.output_files(self.context, self.settings)
        explainers = [e for e in sitebridge.entries(self.site) if e.type == "explainer"]
        count = len(explainers)
        tokens = incremental.entry_tokens(self.site)

        def keyed(entry):
            key = sitebridge.output_key(book, "script", tokens[entry.url])
            return [(path, key) for path in scripts.script_paths(entry)]

        # Issue 9: scripts of a page unchanged since the last build stay as they are.
        todo = book.stale("script", explainers, [e.url for e in explainers], tokens, keyed)

        def write(entry):
            text_path, srt_path = scripts.script_paths(entry)
            files.write(text_path, scripts.script_text(
                entry, self.site.characters, self.site.absolute_url(entry.url)))
            files.write(srt_path, scripts.srt(entry, self.site.characters))

        fork_map(write, todo)
        log.info("kepu_video_scripts: wrote scripts for %d explainers", count)


def get_generators(pelican):
    return VideoScriptGenerator


def register():
    signals.get_generators.connect(get_generators)
