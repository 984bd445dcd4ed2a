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


def test_a_control_character_in_signed_text_names_the_page_and_field(tmp_path):
    # Signed as it is (the hash matches): XML cannot hold it, so the feeds' writer
    # would stop the build later without saying which page it was. One page has
    # it in a field (written as a YAML escape), another in its body.
    pages = default_pages()
    in_title, in_body = pages[2], pages[3]
    pages[2] = ({**in_title[0], "title": in_title[0]["title"] + "\x01"}, in_title[1])
    pages[3] = (in_body[0], in_body[1] + "\nA second paragraph\x0b.\n")
    root = write_content_tree(tmp_path, pages=pages)
    with pytest.raises(ContentErrors) as exc:
        load_content_tree(root)
    shown = sorted(line for line in str(exc.value).splitlines() if "control character" in line)
    assert len(shown) == 2, str(exc.value)
    assert shown[0].startswith("en/gao-xue-ya/measuring-blood-pressure-at-home.md:")
    assert "body: contains the control character U+000B" in shown[0]
    assert shown[1].startswith("zh/gao-xue-ya/liang-xue-ya.md:")
    assert "title: contains the control character U+0001" in shown[1]
