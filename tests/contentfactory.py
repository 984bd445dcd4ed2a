"""Build small, valid content/ trees for tests (the format of docs/content-format.md).

Every page gets a correct sign-off hash, so a tree from here passes the reader
unless a test breaks it on purpose.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from kepu.contentformat import content_hash, dump_page, page_relpath
from kepu.contentformat.writer import dump_yaml

SVG = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 300" width="400" height="300">'
       '<rect width="400" height="300" fill="#fdf6e3"/><circle cx="200" cy="150" r="80" fill="#e76f51"/></svg>')


def media_name(data: bytes, ext: str) -> str:
    return f"media/{hashlib.sha256(data).hexdigest()[:16]}.{ext}"


SVG_PATH = media_name(SVG.encode(), "svg")

EXPERTS = {
    "li-ming": {"format": 1, "slug": "li-ming", "name": "李明", "name_en": "Li Ming",
                "title": "主任医师", "hospital": "示例市第一人民医院",
                "specialties": ["cardiology"], "licence_number": "110000000000001",
                "disclosure": "无利益冲突。", "bio": "心内科医生。",
                "channel_handles": {"douyin": "@dr_liming"}},
    "wang-fang": {"format": 1, "slug": "wang-fang", "name": "王芳", "name_en": "Wang Fang",
                  "title": "副主任医师", "hospital": "示例市内分泌专科医院",
                  "specialties": ["endocrinology"], "licence_number": "110000000000002",
                  "disclosure": "曾接受示例药业讲课费。", "bio": "内分泌科医生。",
                  "channel_handles": {}},
}
CHARACTERS = {
    "xiao-hu": {"format": 1, "slug": "xiao-hu", "name": "小护", "name_en": "Nurse Hu",
                "voice": "耐心、口语化"},
    "wang-bo": {"format": 1, "slug": "wang-bo", "name": "王伯", "name_en": "Uncle Wang",
                "voice": "退休工人，爱问问题"},
}
SPONSORS = {
    "demo-pharma": {"format": 1, "slug": "demo-pharma", "name": "示例药业",
                    "disclosure": "本页由示例药业提供教育资助。",
                    "independence_statement": "资助方未参与内容撰写与审核。"},
}
CHANNELS = {
    "douyin-xinzang": {"format": 1, "slug": "douyin-xinzang", "name": "心脏健康说", "kind": "douyin",
                       "region": "全国", "specialty": "cardiology", "topics": ["gao-xue-ya"],
                       "language": "zh", "utm_source": "douyin", "utm_medium": "video",
                       "utm_campaign": "heart-2026", "utm_content": "bio-link"},
    "wechat-tnb-beijing": {"format": 1, "slug": "wechat-tnb-beijing", "name": "北京糖友群",
                           "kind": "wechat_group", "region": "北京", "specialty": "endocrinology",
                           "topics": ["tang-niao-bing"], "language": "zh",
                           "utm_source": "wechat", "utm_medium": "group",
                           "utm_campaign": "tnb-bj", "utm_content": "assistant"},
}

_next_id = [100]


def signoff(expert="li-ming", specialty="cardiology", next_review="2029-01-01", revision_id=1):
    return {"id": revision_id, "expert": expert, "expert_name": EXPERTS[expert]["name"],
            "credentials": f"{EXPERTS[expert]['title']}，{EXPERTS[expert]['hospital']}",
            "specialty": specialty, "signed_at": "2026-01-15T10:00:00+08:00",
            "revision_id": revision_id, "content_hash": "",
            "meaning": "我已审核本内容的医学准确性。", "next_review": next_review}


def page(type_: str, lang: str = "zh", disease: str = "gao-xue-ya", slug: str | None = None,
         body: str = "", **fields) -> tuple[dict, str]:
    """One page (meta, body) with a correct sign-off hash; ``fields`` override defaults."""
    _next_id[0] += 1
    pid = fields.pop("id", _next_id[0])
    meta = {
        "format": 1, "id": pid, "type": type_, "lang": lang,
        "translation_key": fields.pop("translation_key", f"tk-{disease}-{slug or type_}"),
        "disease": disease, "slug": slug or (disease if type_ == "disease" else f"page-{pid}"),
        "title": "高血压" if type_ == "disease" else f"页面 {pid}",
        "summary": "血压长期高于正常范围。", "audience": "高血压患者及家属",
        "specialty": "cardiology", "topics": [disease], "author": {"name": "编辑小张"},
        "sponsor": None, "ai_disclosure": "",
        "references": [{"title": "中国高血压防治指南（2024年修订版）", "publisher": "中国高血压联盟",
                        "year": 2024, "url": "https://example.org/guideline"}],
        "shortcode": f"c{pid}", "first_published": "2026-01-15",
        "signoff": signoff(),
    }
    if type_ == "disease":
        meta.update(synonyms=["血压高", "high blood pressure"], icd10="I10", icd11="BA00")
    elif type_ == "explainer":
        meta.update(panels=[{"image": SVG_PATH, "width": 400, "height": 300,
                             "alt": "小护给王伯量血压", "caption": "每天早晚各量一次血压。",
                             "bubbles": [{"character": "wang-bo", "text": "我的血压是150/95，要紧吗？"},
                                         {"character": "xiao-hu", "text": "要去医院复查，别自己停药。"}]}],
                    key_points=["按时服药", "少吃盐"], red_flags=["胸痛、说话不清时立即就医"],
                    characters=["xiao-hu", "wang-bo"])
    elif type_ == "case_story":
        meta.update(patient={"age_band": "60-69", "sex": "male"},
                    timeline=[{"stage": "onset", "when": "最初", "text": "头晕。"},
                              {"stage": "diagnosis", "when": "第 1 周", "text": "确诊高血压。"},
                              {"stage": "treatment", "when": "第 1 个月", "text": "开始服药。"},
                              {"stage": "outcome", "when": "半年后", "text": "血压稳定。"}],
                    lessons=["坚持测量"], consent_ref="CONSENT-2026-001",
                    treating_doctor="li-ming")
    signoff_fields = fields.pop("signoff", None)
    meta.update(fields)
    if signoff_fields:
        meta["signoff"] = {**meta["signoff"], **signoff_fields}
    meta["signoff"]["content_hash"] = content_hash(meta, body)
    return meta, body


def default_pages() -> list[tuple[dict, str]]:
    return [
        page("disease", "zh", translation_key="tk-hub-gxy", body="高血压是最常见的慢性病之一。"),
        page("disease", "en", title="Hypertension", translation_key="tk-hub-gxy",
             summary="Blood pressure that stays high.", body="Hypertension is common."),
        page("explainer", "zh", slug="liang-xue-ya", title="在家怎么量血压", translation_key="tk-bp",
             body="量血压前先安静坐 5 分钟。"),
        page("explainer", "en", slug="measuring-blood-pressure-at-home",
             title="Measuring blood pressure at home", translation_key="tk-bp",
             summary="How to measure your blood pressure at home.", body="Sit quietly for 5 minutes."),
        page("case_story", "zh", slug="wang-bo-de-gu-shi", title="王伯的降压故事",
             translation_key="tk-story", body="王伯的故事。"),
    ]


def write_content_tree(root: Path, pages: list[tuple[dict, str]] | None = None,
                       withdrawn: list[dict] | None = None) -> Path:
    """Write a complete content/ tree under ``root`` and return it."""
    root = Path(root)
    (root / "media").mkdir(parents=True, exist_ok=True)
    (root / SVG_PATH).write_text(SVG, encoding="utf-8")
    for kind, registry in (("experts", EXPERTS), ("characters", CHARACTERS),
                           ("sponsors", SPONSORS), ("channels", CHANNELS)):
        (root / kind).mkdir(exist_ok=True)
        for slug, data in registry.items():
            (root / kind / f"{slug}.yaml").write_text(dump_yaml(data), encoding="utf-8")
    for meta, body in default_pages() if pages is None else pages:
        target = root / page_relpath(meta)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(dump_page(meta, body), encoding="utf-8")
    if withdrawn is not None:
        (root / "withdrawn.yaml").write_text(dump_yaml({"format": 1, "pages": withdrawn}),
                                             encoding="utf-8")
    return root
