"""kepu export from the ORM: only signed revisions, nothing rewritten without a change (issue 4.3)."""

import datetime as dt
import os

import pytest

from kepu.contentformat import load_content_tree

from .pagetree import sign


def _export(dest, **kw):
    from cms.exporting.export import export_content

    return export_content(dest, **kw)


def _snapshot(root):
    return {p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def signed(tree):
    for page in (tree.hub, tree.explainer, tree.story):
        sign(page, tree)
    return tree


def test_only_signed_pages_are_exported_and_the_tree_reads_back(tree, tmp_path):
    sign(tree.hub, tree)
    sign(tree.explainer, tree)
    report = _export(tmp_path / "content")
    content = load_content_tree(tmp_path / "content")
    assert sorted(p.path for p in content.pages) == ["zh/gao-xue-ya/index.md",
                                                     "zh/gao-xue-ya/liang-xue-ya.md"]
    assert report.pages == 2
    assert "li-ming" in content.experts and "xiao-hu" in content.characters
    panel_image = content.pages[1]["panels"][0]["image"]
    assert (tmp_path / "content" / panel_image).is_file()


def test_exporting_twice_rewrites_nothing(signed, tmp_path):
    dest = tmp_path / "content"
    first = _export(dest)
    assert first.written and not first.removed
    before = _snapshot(dest)
    os.utime(dest / "zh/gao-xue-ya/index.md", ns=(1, 1))  # a marker an overwrite would reset
    before["zh/gao-xue-ya/index.md"] = (before["zh/gao-xue-ya/index.md"][0], 1)
    second = _export(dest)
    assert second.written == [] and second.removed == []
    assert _snapshot(dest) == before


def test_after_one_edit_and_sign_off_only_that_page_changes(signed, tmp_path):
    dest = tmp_path / "content"
    _export(dest)
    before = _snapshot(dest)
    signed.story.title = "王伯的降压故事（修订）"
    rev = signed.story.save_revision(user=signed.editor)
    report_unsigned = _export(dest)
    assert report_unsigned.written == []  # an unsigned draft changes nothing
    sign(signed.story, signed, revision=rev)
    report = _export(dest)
    assert report.written == ["zh/gao-xue-ya/wang-bo-de-gu-shi.md"]
    after = _snapshot(dest)
    changed = {k for k in after if after[k] != before.get(k)}
    assert changed == {"zh/gao-xue-ya/wang-bo-de-gu-shi.md"}
    assert "（修订）" in (dest / "zh/gao-xue-ya/wang-bo-de-gu-shi.md").read_text(encoding="utf-8")


def test_a_withdrawn_page_is_removed_and_leaves_a_tombstone(signed, tmp_path):
    from cms.review.models import Withdrawal

    dest = tmp_path / "content"
    _export(dest)
    Withdrawal.objects.create(page=signed.explainer, reason="复核中", withdrawn_by=signed.editor)
    report = _export(dest)
    # its illustration goes too: nothing else uses it
    assert [p.split("/")[0] for p in report.removed] == ["media", "zh"]
    assert "zh/gao-xue-ya/liang-xue-ya.md" in report.removed
    content = load_content_tree(dest)
    [tomb] = content.withdrawn
    assert tomb["url"] == "/zh/gao-xue-ya/liang-xue-ya/" and tomb["reason"] == "withdrawn"
    assert tomb["shortcode"] == signed.explainer.shortcode and tomb["withdrawn_at"]
    assert "量血压" not in (dest / "withdrawn.yaml").read_text(encoding="utf-8")


def test_a_withdrawn_hub_takes_its_pages_with_it(signed, tmp_path):
    from cms.review.models import Withdrawal

    dest = tmp_path / "content"
    Withdrawal.objects.create(page=signed.hub, reason="复核中", withdrawn_by=signed.editor)
    report = _export(dest)
    assert report.pages == 0
    assert {t["reason"] for t in report.tombstones} == {"withdrawn", "hub_not_published"}


def test_an_unpublished_page_is_removed(signed, tmp_path):
    dest = tmp_path / "content"
    signed.story.save_revision(user=signed.editor).publish()
    _export(dest)
    assert (dest / "zh/gao-xue-ya/wang-bo-de-gu-shi.md").exists()
    signed.story.refresh_from_db()
    signed.story.unpublish()
    report = _export(dest)
    assert report.removed == ["zh/gao-xue-ya/wang-bo-de-gu-shi.md"]
    assert [t["reason"] for t in report.tombstones] == ["unpublished"]


def test_export_refuses_a_revision_whose_hash_does_not_match(signed, tmp_path):
    from cms.exporting.export import ExportRefused
    from cms.review.models import SignOff

    dest = tmp_path / "content"
    _export(dest)
    before = _snapshot(dest)
    SignOff.objects.filter(page=signed.story).update(content_hash="sha256:" + "0" * 64)
    with pytest.raises(ExportRefused, match="not what li-ming signed"):
        _export(dest)
    assert _snapshot(dest) == before


def test_an_interrupted_export_leaves_the_previous_content(signed, tmp_path, monkeypatch):
    from pathlib import Path

    dest = tmp_path / "content"
    _export(dest)
    before = _snapshot(dest)
    signed.story.title = "改过的标题"
    sign(signed.story, signed, revision=signed.story.save_revision(user=signed.editor))
    real = Path.write_bytes

    def failing(self, data):
        if ".staging-" in str(self) and self.name.endswith(".md"):
            raise OSError("disk full")
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", failing)
    with pytest.raises(OSError, match="disk full"):
        _export(dest, validate=False)
    assert _snapshot(dest) == before
    assert not [p for p in tmp_path.iterdir() if "staging" in p.name]  # no litter


def test_expired_reviews_are_reported_or_withdrawn(tree, tmp_path):
    sign(tree.hub, tree)
    sign(tree.explainer, tree, next_review=dt.date(2020, 1, 1))
    notice = _export(tmp_path / "a", policy="notice")
    assert [e["url"] for e in notice.expired] == ["/zh/gao-xue-ya/liang-xue-ya/"]
    assert notice.pages == 2
    assert any("expired review" in line for line in notice.lines())
    withdraw = _export(tmp_path / "b", policy="withdraw")
    assert withdraw.pages == 1
    assert [t["reason"] for t in withdraw.tombstones] == ["review_expired"]


def test_a_tree_the_build_would_reject_is_never_written(signed, tmp_path):
    from cms.exporting.export import ExportRefused

    dest = tmp_path / "content"
    _export(dest)
    before = _snapshot(dest)
    signed.explainer.references = []
    sign(signed.explainer, signed, revision=signed.explainer.save_revision(user=signed.editor))
    with pytest.raises(ExportRefused, match=r"zh/gao-xue-ya/liang-xue-ya.md:\d+: references: required"):
        _export(dest)
    assert _snapshot(dest) == before


def test_cross_file_rules_are_checked_on_unchanged_files_too(signed, tmp_path):
    """A hub withdrawn while its pages stay unchanged: the pages go too, never orphaned."""
    from cms.review.models import Withdrawal

    dest = tmp_path / "content"
    _export(dest)
    Withdrawal.objects.create(page=signed.hub, reason="复核", withdrawn_by=signed.editor)
    _export(dest)
    assert load_content_tree(dest).pages == []
