"""The integrity property (DESIGN.md rule 1, issue 4.4), tested with hypothesis.

Random sequences of create, edit, submit, reject, sign off, edit-after-sign-off,
revoke, withdraw, lift and translate run through the real review services.
Then the world is exported (incrementally, mid-way and at the end), built, and
served over the export API; no marker that was never in a signed revision, and
no marker of a withdrawn page, may appear in any byte of content/, the built
site (HTML, feeds, sitemap, short links, JSON), the search index or the API.

Each example runs in its own transaction (hypothesis.extra.django.TestCase)
and builds into its own temp folders, so examples are independent and cheap.
KEPU_HYPOTHESIS_EXAMPLES sets the number of examples of the slow variant
(default 200, the CI setting).
"""

from __future__ import annotations

import gzip
import os
import tempfile
from pathlib import Path

import pytest
from django.test import Client, override_settings
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from .world import World

actions = st.lists(st.tuples(st.sampled_from(World.ACTIONS), st.integers(0, 11)),
                   min_size=1, max_size=10)

API_TOKEN = "integrity-token"


def _files_bytes(root: Path):
    if not root.is_dir():
        return
    for path in sorted(root.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if path.suffix == ".gz":
                data = gzip.decompress(data)
            yield path, data


def leaks(roots: list[Path], forbidden: set[str]) -> list[str]:
    """Every (file, marker) where a forbidden marker appears, case-insensitively."""
    wanted = {m.lower().encode(): m for m in forbidden}
    found = []
    for root in roots:
        for path, data in _files_bytes(root):
            low = data.lower()
            found += [f"{path}: {m}" for b, m in wanted.items() if b in low]
    return found


def _api_text(client: Client) -> bytes:
    auth = {"Authorization": f"Bearer {API_TOKEN}"}
    parts = []
    for url in ("/api/kepu/pages/?page_size=200", "/api/kepu/withdrawn/", "/api/kepu/signoffs/"):
        parts.append(client.get(url, headers=auth).content)
    return b"\n".join(parts)


@override_settings(KEPU_API_TOKEN=API_TOKEN, KEPU_PUBLISH_ON_SIGNOFF=False)
class IntegrityProperty(TestCase):
    build = True

    @classmethod
    def setUpClass(cls):
        cls._media = tempfile.TemporaryDirectory(prefix="kepu-integrity-media-")
        cls._media_override = override_settings(MEDIA_ROOT=cls._media.name)
        cls._media_override.enable()
        super().setUpClass()

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        cls._media_override.disable()
        cls._media.cleanup()

    @classmethod
    def setUpTestData(cls):
        cls.base = World.create_base()

    def check_sequence(self, steps):
        from cms.exporting.export import export_content

        world = World(self.base)
        with tempfile.TemporaryDirectory(prefix="kepu-integrity-") as tmp:
            tmp = Path(tmp)
            half = len(steps) // 2
            for n, (action, arg) in enumerate(steps):
                if n == half:
                    export_content(tmp / "content")  # the final export is then incremental
                world.do(action, arg)
            export_content(tmp / "content")
            export_content(tmp / "fresh")
            assert _tree(tmp / "content") == _tree(tmp / "fresh"), \
                "an incremental export differs from a fresh one"

            forbidden = (world.all_markers() - world.signed_markers()) | world.withdrawn_markers()
            roots = [tmp / "content"]
            if self.build:
                from kepu.build import build_site

                old = os.environ.get("KEPU_SEARCH_INDEX_DIR")
                os.environ["KEPU_SEARCH_INDEX_DIR"] = str(tmp / "search-index")
                try:
                    build_site(tmp / "content", tmp / "output")
                finally:
                    if old is None:
                        os.environ.pop("KEPU_SEARCH_INDEX_DIR", None)
                    else:
                        os.environ["KEPU_SEARCH_INDEX_DIR"] = old
                roots += [tmp / "output", tmp / "search-index"]
            if self.build:
                _assert_signed_titles_are_published(tmp / "content", tmp / "output")
            found = leaks(roots, forbidden)
            api = _api_text(Client()).lower()
            found += [f"API: {m}" for m in forbidden if m.lower().encode() in api]
            assert not found, f"unsigned or withdrawn text published after {steps}:\n" + \
                "\n".join(found[:20])


def _assert_signed_titles_are_published(content: Path, output: Path) -> None:
    """The positive control: what was exported does reach the site, so a clean grep means something."""
    from kepu.contentformat import load_content_tree

    html = b"\n".join(d for p, d in _files_bytes(output) if p.suffix == ".html")
    for page in load_content_tree(content).pages:
        marker = page["title"].split()[-1]
        assert marker.encode() in html, f"{page.path}: signed title {marker} is not on the site"


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): d for p, d in _files_bytes(root)}


class TestNoUnsignedTextLeaksQuick(IntegrityProperty):
    """~20 examples on every test run."""

    @settings(max_examples=20, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
    @given(steps=actions)
    def test_no_unsigned_or_withdrawn_text_in_any_output(self, steps):
        self.check_sequence(steps)


@pytest.mark.slow
class TestNoUnsignedTextLeaks(IntegrityProperty):
    """The CI run: KEPU_HYPOTHESIS_EXAMPLES examples (default 200)."""

    @settings(max_examples=int(os.environ.get("KEPU_HYPOTHESIS_EXAMPLES", "200")), deadline=None,
              database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
    @given(steps=actions)
    def test_no_unsigned_or_withdrawn_text_in_any_output(self, steps):
        self.check_sequence(steps)
