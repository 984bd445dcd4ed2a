"""/api/pages/<id>.json: the full signed content and its sign-off record; an index."""

import json

from kepu.contentformat import content_hash

from .sample import SITEURL, WITHDRAWN


def load(out, rel):
    return json.loads((out / rel).read_text(encoding="utf-8"))


def test_a_page_document_carries_signed_content_signoff_and_a_verifiable_hash(built_site):
    _, out = built_site
    doc = load(out, "api/pages/103.json")
    assert doc["title"] == "在家怎么量血压" and doc["url"] == f"{SITEURL}/zh/gao-xue-ya/liang-xue-ya/"
    assert doc["shortUrl"] == f"{SITEURL}/s/c103/"
    assert doc["signed"]["panels"][0]["caption"] == "每天早晚各量一次血压。"
    assert doc["signed"]["body"] == "量血压前先安静坐 5 分钟。"
    assert doc["signoff"]["expert_name"] == "李明" and doc["signoff"]["next_review"] == "2029-01-01"
    assert doc["contentHashVerified"] is True
    # A partner can recompute the hash from the document alone.
    meta = {k: v for k, v in doc["signed"].items() if k != "body"}
    assert content_hash(meta, doc["signed"]["body"]) == doc["signoff"]["content_hash"]
    assert doc["translations"] == [{"lang": "en", "id": 104, "url": f"{SITEURL}/en/gao-xue-ya/measuring-blood-pressure-at-home/",
                                    "api": f"{SITEURL}/api/pages/104.json"}]


def test_the_index_lists_every_published_page_and_withdrawn_ids(built_site):
    _, out = built_site
    index = load(out, "api/pages/index.json")
    ids = {p["id"] for p in index["pages"]}
    assert ids == {101, 102, 103, 104, 105, 200, 201, 202, 300}
    for item in index["pages"]:
        assert (out / "api/pages" / f"{item['id']}.json").is_file()
    assert index["withdrawn"] == [WITHDRAWN["id"]]


def test_a_withdrawn_id_answers_with_a_status_and_no_content(built_site):
    _, out = built_site
    doc = load(out, f"api/pages/{WITHDRAWN['id']}.json")
    assert doc["status"] == "withdrawn" and "title" not in doc
    assert WITHDRAWN["title"] not in json.dumps(doc, ensure_ascii=False)


def test_sponsor_and_expiry_are_visible_to_partners(built_site):
    _, out = built_site
    assert load(out, "api/pages/201.json")["sponsor"]["name"] == "示例药业"
    assert load(out, "api/pages/300.json")["expired"] is True
