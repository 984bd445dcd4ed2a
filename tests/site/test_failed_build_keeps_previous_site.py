"""A bad content file stops the build with file, line and field; the live site is untouched."""

from __future__ import annotations

import shutil

import pytest

from kepu.errors import UserInputError
from tests.contentfactory import default_pages, page

from .conftest import build


def snapshot(folder):
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def leftovers(folder):
    """Staging or old copies of the output left next to it."""
    return [p.name for p in folder.iterdir() if p.name.startswith(".output.")]


@pytest.fixture
def live(tmp_path):
    build(tmp_path, withdrawn=None)
    return tmp_path, snapshot(tmp_path / "output")


def test_missing_illustration_fails_with_file_line_field(live):
    tmp, before = live
    broken = page("explainer", "zh", slug="bad-image")
    broken[0]["panels"][0]["image"] = "media/does-not-exist.svg"
    with pytest.raises(UserInputError) as info:
        build(tmp, default_pages() + [broken], withdrawn=None)
    message = info.value.message
    assert "zh/gao-xue-ya/bad-image.md:" in message
    assert "panels.0.image: illustration media/does-not-exist.svg does not exist" in message
    assert snapshot(tmp / "output") == before
    assert leftovers(tmp) == []                                    # no half-written folder


def test_unknown_expert_fails_with_file_line_field(live):
    tmp, before = live
    broken = page("explainer", "zh", slug="bad-expert", signoff={"expert": "nobody"})
    with pytest.raises(UserInputError) as info:
        build(tmp, default_pages() + [broken], withdrawn=None)
    line = next(text for text in info.value.message.splitlines() if "bad-expert.md" in text)
    path, lineno, field = line.strip().split(":")[:3]
    assert path == "zh/gao-xue-ya/bad-expert.md" and int(lineno) > 1
    assert field.strip() == "signoff.expert"
    assert snapshot(tmp / "output") == before


def test_successful_rebuild_replaces_the_site_whole(live):
    tmp, before = live
    (tmp / "output" / "stale.html").write_text("old")
    shutil.rmtree(tmp / "content")
    build(tmp, default_pages()[:2], withdrawn=None)
    assert not (tmp / "output" / "stale.html").exists()
    assert not (tmp / "output" / "zh" / "gao-xue-ya" / "liang-xue-ya").exists()
    assert leftovers(tmp) == []
