"""Withdrawn pages leave a tombstone; pages past their review date say so (or go)."""

from __future__ import annotations

from .conftest import build, read


def test_withdrawn_url_shows_only_a_notice(output):
    html = read(output, "/zh/gao-xue-ya/che-hui-de-ye-mian/")
    assert "此页面已撤回审核" in html and "This page has been withdrawn for review" in html
    assert '<meta name="robots" content="noindex">' in html
    assert "MedicalWebPage" not in html and 'class="trust"' not in html


def test_withdrawn_entry_overrides_an_exported_page(tmp_path):
    from tests.site.conftest import sample_pages

    withdrawn = [{"path": "zh/gao-xue-ya/liang-xue-ya.md"}]
    report = build(tmp_path, sample_pages(), withdrawn=withdrawn)
    html = read(tmp_path / "output", "/zh/gao-xue-ya/liang-xue-ya/")
    assert "此页面已撤回审核" in html and "量血压前先安静坐" not in html
    assert "liang-xue-ya" not in read(tmp_path / "output", "/zh/gao-xue-ya/")
    assert "liang-xue-ya" not in (tmp_path / "output" / "sitemap.xml").read_text()
    assert report.withdrawn == 1


def test_expired_page_shows_under_review_notice(output):
    html = read(output, "/zh/gao-xue-ya/guo-qi-de-ye-mian/")
    assert "正在重新审核中" in html
    assert "这一页已经过了复审日期。" in html
    assert "复审中" in read(output, "/zh/gao-xue-ya/")      # still listed, marked


def test_current_page_has_no_notice(output):
    assert "正在重新审核中" not in read(output, "/zh/gao-xue-ya/liang-xue-ya/")


def test_withdraw_policy_turns_expired_pages_into_tombstones(tmp_path):
    build(tmp_path, KEPU_EXPIRY_POLICY="withdraw")
    html = read(tmp_path / "output", "/zh/gao-xue-ya/guo-qi-de-ye-mian/")
    assert "此页面已撤回审核" in html and "这一页已经过了复审日期。" not in html
    assert "guo-qi-de-ye-mian" not in read(tmp_path / "output", "/zh/gao-xue-ya/")
