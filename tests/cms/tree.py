"""The small CMS world the review tests need: roles, two experts, one hub, one explainer.

Users are put in the groups the migration created, so the tests exercise the
real permission set, not superusers.
"""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.images import ImageFile
from PIL import Image as PILImage

PASSWORD = "kepu-test-password"


def png_file(name="panel.png", size=(40, 30)):
    buf = io.BytesIO()
    PILImage.new("RGB", size, (231, 111, 81)).save(buf, format="PNG")
    return ImageFile(io.BytesIO(buf.getvalue()), name=name)


@dataclass
class Tree:
    editor: object
    editor2: object
    expert_user: object
    other_expert_user: object
    publisher: object
    expert: object
    specialty: object
    image: object
    home: object
    hub: object
    explainer: object


def make_user(username, group=None, **extra):
    user = get_user_model().objects.create_user(username, password=PASSWORD, **extra)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def panel(image, alt="小护给王伯量血压", text="每天早晚各量一次血压。"):
    return ("panel", {"image": image, "alt": alt, "caption": "量血压前先安静坐五分钟。",
                      "bubbles": [{"character": None, "text": text}]})


def build_tree() -> Tree:
    from wagtail.images.models import Image
    from wagtail.models import Locale, Page

    from cms.base.models import HomePage
    from cms.content.models import DiseaseHub, Explainer
    from cms.people.models import Expert, Specialty

    editor = make_user("editor", "Editor", first_name="小张", last_name="编辑")
    editor2 = make_user("editor2", "Editor")
    expert_user = make_user("drli", "Expert", first_name="明", last_name="李")
    other_expert_user = make_user("drchen", "Expert")
    publisher = make_user("publisher", "Publisher")
    cardiology = Specialty.objects.create(slug="cardiology", name_zh="心血管内科", name_en="Cardiology")
    endocrinology = Specialty.objects.create(slug="endocrinology", name_zh="内分泌科",
                                             name_en="Endocrinology")
    expert = Expert.objects.create(slug="li-ming", name="李明", name_en="Li Ming", title="主任医师",
                                   hospital="示例医院", licence_number="110000000000001",
                                   disclosure="无利益冲突。", user=expert_user)
    expert.specialties.add(cardiology)
    other = Expert.objects.create(slug="chen-jing", name="陈静", title="副主任医师", hospital="示例医院",
                                  licence_number="310000000000002", disclosure="无。",
                                  user=other_expert_user)
    other.specialties.add(endocrinology)
    image = Image.objects.create(title="panel", file=png_file())

    zh = Locale.objects.get_or_create(language_code="zh-hans")[0]
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="科普", slug="zh-home", locale=zh))
    hub = home.add_child(instance=DiseaseHub(
        title="高血压", slug="gao-xue-ya", summary="血压长期高于正常范围。", locale=zh,
        specialty=cardiology, synonyms="血压高", owner=editor, live=False,
        references=[("reference", {"title": "中国高血压防治指南", "year": 2024})]))
    explainer = hub.add_child(instance=Explainer(
        title="高血压怎么办", slug="gao-xue-ya-zen-me-ban", summary="在家管好血压的几件事。",
        audience="高血压患者及家属", body="每天固定时间量血压，并记下来。", locale=zh, owner=editor,
        live=False, key_points="按时服药\n少吃盐", red_flags="胸痛时立即就医",
        references=[("reference", {"title": "WHO: Hypertension fact sheet", "year": 2023,
                                   "url": "https://www.who.int/news-room/fact-sheets/detail/hypertension"})],
        panels=[panel(image)]))
    explainer.save_revision(user=editor)
    return Tree(editor, editor2, expert_user, other_expert_user, publisher, expert, cardiology, image,
                home, hub, explainer)


def edit(page, user, **changes):
    """Save a new revision as ``user`` (what the editor's "Save draft" does)."""
    page = page.specific_class.objects.get(pk=page.pk).get_latest_revision_as_object()
    for name, value in changes.items():
        setattr(page, name, value)
    return page.save_revision(user=user)


def submit_and_sign(page, tree: Tree, **kwargs):
    from cms.review import services

    services.submit_for_review(page, tree.editor)
    return services.sign_off(page.specific_class.objects.get(pk=page.pk), tree.expert_user,
                             PASSWORD, kwargs.pop("declaration", "无利益冲突。"), **kwargs)
