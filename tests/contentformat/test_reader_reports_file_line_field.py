from pathlib import Path

import pytest

from kepu.contentformat import ContentErrors, load_content_tree
from tests.contentfactory import default_pages, write_content_tree


def test_a_valid_tree_loads_every_page(tmp_path):
    tree = load_content_tree(write_content_tree(tmp_path))
    assert len(tree.pages) == 5
    assert set(tree.experts) == {"li-ming", "wang-fang"}


def test_text_changed_after_signoff_is_rejected_with_line(tmp_path):
    root = write_content_tree(tmp_path)
    path = root / "zh/gao-xue-ya/liang-xue-ya.md"
    path.write_text(path.read_text().replace("在家怎么量血压", "在家怎么量血压（未审核）"))
    with pytest.raises(ContentErrors) as exc:
        load_content_tree(root)
    message = str(exc.value)
    assert "zh/gao-xue-ya/liang-xue-ya.md:" in message
    assert "signoff.content_hash" in message and "not the text the expert signed" in message


def test_bad_yaml_and_unknown_version_name_file_and_line(tmp_path):
    root = write_content_tree(tmp_path)
    path = root / "zh/gao-xue-ya/index.md"
    lines = path.read_text().split("\n")
    lines[1] = "format: 2"
    path.write_text("\n".join(lines))
    bad = root / "zh/gao-xue-ya/liang-xue-ya.md"
    bad.write_text("---\nformat: 1\ntitle: [unclosed\n---\n")
    with pytest.raises(ContentErrors) as exc:
        load_content_tree(root)
    text = str(exc.value)
    assert "zh/gao-xue-ya/index.md:2: format: unknown format version 2" in text
    assert "zh/gao-xue-ya/liang-xue-ya.md:" in text and "invalid YAML" in text


def test_missing_illustration_and_unknown_expert_are_errors(tmp_path):
    root = write_content_tree(tmp_path)
    for media in Path(root, "media").iterdir():
        media.unlink()
    (root / "experts/li-ming.yaml").unlink()
    with pytest.raises(ContentErrors) as exc:
        load_content_tree(root)
    text = str(exc.value)
    assert "panels.0.image: illustration media/" in text
    assert "signoff.expert: unknown expert 'li-ming'" in text


def test_a_page_without_signoff_never_loads(tmp_path):
    meta, body = default_pages()[2]
    meta = {k: v for k, v in meta.items() if k != "signoff"}
    root = write_content_tree(tmp_path, pages=[default_pages()[0], (meta, body)])
    with pytest.raises(ContentErrors, match="signoff: required field"):
        load_content_tree(root)
