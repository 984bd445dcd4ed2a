import json
from pathlib import Path

from click.testing import CliRunner

from kepu.cli import main
from tests.contentfactory import default_pages, page, write_content_tree


def _run(*args):
    return CliRunner().invoke(main, ["check", *map(str, args)])


def test_sample_tree_passes_with_exit_0(tmp_path):
    root = write_content_tree(tmp_path / "content")
    result = _run(root)
    assert result.exit_code == 0, result.output
    assert "block" not in result.stdout


def test_cure_rate_in_a_page_exits_1_with_path_and_line(tmp_path):
    pages = default_pages()
    pages[2] = page("explainer", slug="liang-xue-ya", title="在家怎么量血压",
                    body="量血压前先安静坐 5 分钟。\n\n坚持服药，治愈率高达 90%。")
    root = write_content_tree(tmp_path / "content", pages)
    result = _run(root)
    assert result.exit_code == 1
    lines = (root / "zh/gao-xue-ya/liang-xue-ya.md").read_text(encoding="utf-8").split("\n")
    line_no = next(i for i, line in enumerate(lines, 1) if "治愈率" in line)
    assert f"zh/gao-xue-ya/liang-xue-ya.md:{line_no}: ADLAW-16-EFFICACY block: body:" in result.stdout


def test_hand_edit_after_sign_off_reports_finding_and_format_error(tmp_path):
    root = write_content_tree(tmp_path / "content")
    path = Path(root, "zh/gao-xue-ya/liang-xue-ya.md")
    path.write_text(path.read_text(encoding="utf-8").replace("每天早晚各量一次血压。",
                                                             "每天量血压，无效退款。"),
                    encoding="utf-8")
    result = _run(root)
    assert result.exit_code == 1
    assert "ADLAW-16-EFFICACY block: panels.0.caption:" in result.stdout
    assert "CONTENT-FORMAT block: signoff.content_hash: does not match" in result.stdout


def test_warnings_alone_exit_0(tmp_path):
    pages = default_pages()
    pages[2] = page("explainer", slug="liang-xue-ya", title="在家怎么量血压",
                    body="这是最佳疗效的生活方式。")
    result = _run(write_content_tree(tmp_path / "content", pages))
    assert result.exit_code == 0
    assert "ADLAW-9-ABSOLUTE warn:" in result.stdout


def test_json_format_lists_findings_with_rule_basis(tmp_path):
    pages = default_pages() + [page("case_story", slug="bad-story", title="张女士的故事",
                                    body="患者王建国先生，电话 13812345678。")]
    result = _run(write_content_tree(tmp_path / "content", pages), "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    rules = {f["rule"] for f in report["findings"]}
    assert {"PII-FULL-NAME", "PII-PHONE"} <= rules
    phone = next(f for f in report["findings"] if f["rule"] == "PII-PHONE")
    assert phone["path"] == "zh/gao-xue-ya/bad-story.md" and phone["line"] > 1
    assert "13812345678" not in result.stdout
    assert report["summary"]["block"] >= 2
    assert "个人信息保护法" in report["rules"]["PII-PHONE"]["basis"]


def test_brand_list_option_and_missing_folder(tmp_path):
    brands = tmp_path / "brands.txt"
    brands.write_text("量血压\n", encoding="utf-8")
    root = write_content_tree(tmp_path / "content")
    result = _run(root, "--brands", brands)
    assert result.exit_code == 1 and "BRAND-NAME block" in result.stdout
    missing = _run(tmp_path / "nowhere")
    assert missing.exit_code == 1 and "no such content folder" in missing.output


def test_help_shows_an_example():
    result = _run("--help")
    assert result.exit_code == 0 and "kepu check" in result.output
