"""page_document: the content-format view of a revision, and the hash an expert signs."""

from kepu.contentformat import content_hash, dump_page, page_relpath
from kepu.contentformat.model import COMMON_FIELDS, TYPE_FIELDS

from .pagetree import sign


def test_explainer_document_has_every_field_of_the_format(tree):
    from cms.exporting.serialize import page_document

    rev = tree.explainer.save_revision(user=tree.editor)
    meta, body = page_document(rev.as_object())
    assert set(meta) == set(COMMON_FIELDS) | set(TYPE_FIELDS["explainer"])
    assert meta["lang"] == "zh" and meta["disease"] == "gao-xue-ya"
    assert meta["specialty"] == "cardiology" and meta["sponsor"] == "demo-pharma"
    assert meta["author"] == {"name": "小张 编辑"}
    assert meta["key_points"] == ["按时服药", "少吃盐"]
    assert meta["references"] == [{"title": "WHO fact sheet", "year": 2023}]
    panel = meta["panels"][0]
    assert panel["image"].startswith("media/") and panel["image"].endswith(".png")
    assert (panel["width"], panel["height"]) == (40, 30)
    assert panel["bubbles"] == [{"character": "xiao-hu", "text": "要去医院复查。"}]
    assert meta["characters"] == ["xiao-hu"]
    assert "\r" not in body and body.startswith("量血压前")
    assert meta["signoff"] is None


def test_hub_and_story_documents(tree):
    from cms.exporting.serialize import page_document

    hub, _ = page_document(tree.hub.save_revision(user=tree.editor).as_object())
    assert hub["disease"] == "gao-xue-ya" and hub["synonyms"] == ["血压高", "high blood pressure"]
    assert hub["references"][0] == {"title": "中国高血压防治指南（2024年修订版）",
                                    "publisher": "中国高血压联盟", "year": 2024,
                                    "url": "https://example.org/guideline"}
    story, _ = page_document(tree.story.save_revision(user=tree.editor).as_object())
    assert story["patient"] == {"age_band": "60-69", "sex": "male"}
    assert story["treating_doctor"] == "li-ming"
    assert [e["stage"] for e in story["timeline"]] == ["onset", "outcome"]
    assert story["lessons"] == ["坚持测量", "按时复诊"]


def test_signed_hash_survives_the_file_round_trip(tree, tmp_path):
    from cms.exporting.serialize import page_document
    from kepu.contentformat import read_page_file

    signoff = sign(tree.explainer, tree)
    meta, body = page_document(signoff.revision.as_object(), signoff=signoff)
    assert content_hash(meta, body) == signoff.content_hash
    assert meta["signoff"]["expert"] == "li-ming"
    assert meta["signoff"]["revision_id"] == signoff.revision_id
    path = tmp_path / page_relpath(meta)
    path.parent.mkdir(parents=True)
    path.write_text(dump_page(meta, body), encoding="utf-8")
    page = read_page_file(path)  # recomputes the hash from the file
    assert page["title"] == "在家怎么量血压"


def test_a_later_draft_does_not_change_the_signed_view(tree):
    from cms.exporting.serialize import page_document

    signoff = sign(tree.explainer, tree)
    tree.explainer.title = "DRAFT TITLE"
    tree.explainer.save_revision(user=tree.editor)
    meta, _ = page_document(signoff.revision.as_object(), signoff=signoff)
    assert meta["title"] == "在家怎么量血压"
