"""A small CMS page tree for export tests: two locales, one hub, an explainer, a story.

Sign-offs go through cms.review.services when they exist (the real workflow);
otherwise ``sign`` creates the SignOff row the way the workflow would.
"""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.files.images import ImageFile
from PIL import Image as PILImage

PASSWORD = "correct horse battery staple"


def png_bytes(color=(231, 111, 81), size=(40, 30)) -> bytes:
    buf = io.BytesIO()
    PILImage.new("RGB", size, color).save(buf, format="PNG")
    return buf.getvalue()


@dataclass
class Tree:
    editor: object
    expert_user: object
    expert: object
    specialty: object
    character: object
    sponsor: object
    image: object
    home: object
    home_en: object
    hub: object
    explainer: object
    story: object


def make_image(title="panel", color=(231, 111, 81)):
    from wagtail.images.models import Image

    return Image.objects.create(title=title, file=ImageFile(io.BytesIO(png_bytes(color)),
                                                            name=f"{title}.png"))


def build_tree() -> Tree:
    from wagtail.models import Locale, Page

    from cms.base.models import HomePage
    from cms.content.models import CaseStory, DiseaseHub, Explainer
    from cms.people.models import Character, Expert, Specialty, Sponsor

    User = get_user_model()
    editor = User.objects.create_user("editor", password=PASSWORD, first_name="小张",
                                      last_name="编辑")
    expert_user = User.objects.create_user("drli", password=PASSWORD, first_name="明",
                                           last_name="李")
    specialty = Specialty.objects.create(slug="cardiology", name_zh="心血管内科",
                                         name_en="Cardiology")
    expert = Expert.objects.create(slug="li-ming", name="李明", name_en="Li Ming", title="主任医师",
                                   hospital="示例市第一人民医院", licence_number="110000000000001",
                                   disclosure="无利益冲突。", user=expert_user)
    expert.specialties.add(specialty)
    character = Character.objects.create(slug="xiao-hu", name="小护", name_en="Nurse Hu")
    sponsor = Sponsor.objects.create(slug="demo-pharma", name="示例药业",
                                     disclosure="本页由示例药业提供教育资助。")
    image = make_image()

    zh = Locale.objects.get_or_create(language_code="zh-hans")[0]
    en = Locale.objects.get_or_create(language_code="en")[0]
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="科普", slug="zh", locale=zh, owner=editor))
    home_en = home.copy_for_translation(en)
    home_en.slug = "en"
    home_en.save()

    hub = home.add_child(instance=DiseaseHub(
        title="高血压", slug="gao-xue-ya", summary="血压长期高于正常范围。", audience="高血压患者及家属",
        body="高血压是最常见的慢性病之一。", locale=zh, specialty=specialty, synonyms="血压高\nhigh blood pressure",
        icd10="I10", icd11="BA00", topics=["gao-xue-ya"], owner=editor, live=False,
        references=[("reference", {"title": "中国高血压防治指南（2024年修订版）",
                                   "publisher": "中国高血压联盟", "year": 2024,
                                   "url": "https://example.org/guideline", "doi": ""})]))
    explainer = hub.add_child(instance=Explainer(
        title="在家怎么量血压", slug="liang-xue-ya", summary="在家量血压的方法。",
        body="量血压前先安静坐 5 分钟。\r\n\r\n再测量。", owner=editor, live=False, sponsor=sponsor, locale=zh,
        key_points="按时服药\n\n少吃盐  ", red_flags="胸痛、说话不清时立即就医",
        references=[("reference", {"title": "WHO fact sheet", "year": 2023})],
        panels=[("panel", {"image": image, "alt": "小护给王伯量血压", "caption": "每天早晚各量一次。",
                           "bubbles": [{"character": character, "text": "要去医院复查。"}]})]))
    explainer.characters.set([character])
    explainer.save()
    story = hub.add_child(instance=CaseStory(
        title="王伯的降压故事", slug="wang-bo-de-gu-shi", summary="王伯如何控制血压。",
        body="王伯的故事。", owner=editor, live=False, locale=zh, age_band="60-69", sex="male",
        consent_ref="CONSENT-2026-001", treating_doctor=expert, lessons="坚持测量\n按时复诊",
        references=[("reference", {"title": "指南"})],
        timeline=[("event", {"stage": "onset", "when": "最初", "text": "头晕。"}),
                  ("event", {"stage": "outcome", "when": "半年后", "text": "血压稳定。"})]))
    return Tree(editor, expert_user, expert, specialty, character, sponsor, image, home, home_en,
                hub, explainer, story)


def sign(page, tree: Tree, *, revision=None, next_review=dt.date(2029, 1, 1)):
    """Sign the page's latest revision (saving one if needed) as the tree's expert."""
    from cms.exporting.serialize import signed_hash
    from cms.review.models import SignOff

    page = page.specific
    if revision is None:
        revision = page.latest_revision or page.save_revision(user=tree.editor)
    return SignOff.objects.create(
        page=page, revision=revision, expert=tree.expert, signed_by=tree.expert_user,
        content_hash=signed_hash(revision), declaration="无利益冲突。", next_review=next_review,
        specialty=tree.specialty)
