"""A small CMS world driven through the real review services, tracking marker strings.

Every text an editor types carries a unique marker (``MKR000123Q``), recorded
against the page slot that owns it. After a sequence of actions the property
test asks which markers were ever part of a signed revision and which belong
to a withdrawn page, then greps the whole output for the others.
"""

from __future__ import annotations

import io
import itertools
import json
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.core.files.images import ImageFile

PASSWORD = "kepu-integrity-password"
_counter = itertools.count(1)


def new_marker() -> str:
    return f"MKR{next(_counter):06d}Q"


def make_user(username, group, **extra):
    user = get_user_model().objects.create_user(username, password=PASSWORD, **extra)
    user.groups.add(Group.objects.get(name=group))
    return user


@dataclass
class Slot:
    page_id: int
    kind: str  # "disease" | "explainer" | "case_story"
    lang: str
    markers: set[str] = field(default_factory=set)
    translated: bool = False


class World:
    """Users, one signed hub and one signed explainer; actions add and change pages."""

    def __init__(self, base: dict):
        self.editor, self.expert_user, self.publisher = (
            base["editor"], base["expert_user"], base["publisher"])
        self.image, self.en, self.hub = base["image"], base["en"], base["hub"]
        # Copies: each example mutates its own view of the (rolled back) world.
        self.slots = [Slot(s.page_id, s.kind, s.lang, set(s.markers), s.translated)
                      for s in base["slots"]]

    # --- building the base (setUpTestData) ---------------------------------

    @classmethod
    def create_base(cls) -> dict:
        from wagtail.images.models import Image
        from wagtail.models import Locale, Page

        from cms.base.models import HomePage
        from cms.content.models import DiseaseHub
        from cms.people.models import Expert, Specialty
        from tests.exporting.pagetree import png_bytes

        base = {
            "editor": make_user("editor", "Editor", first_name="小张", last_name="编辑"),
            "expert_user": make_user("drli", "Expert", first_name="明", last_name="李"),
            "publisher": make_user("publisher", "Publisher"),
        }
        specialty = Specialty.objects.create(slug="cardiology", name_zh="心血管内科",
                                             name_en="Cardiology")
        expert = Expert.objects.create(slug="li-ming", name="李明", title="主任医师", hospital="示例医院",
                                       licence_number="110000000000001", disclosure="无利益冲突。",
                                       user=base["expert_user"])
        expert.specialties.add(specialty)
        base["image"] = Image.objects.create(
            title="panel", file=ImageFile(io.BytesIO(png_bytes()), name="panel.png"))
        zh = Locale.objects.get_or_create(language_code="zh-hans")[0]
        base["en"] = Locale.objects.get_or_create(language_code="en")[0]
        root = Page.get_first_root_node()
        home = root.add_child(instance=HomePage(title="科普", slug="zh-home", locale=zh))
        home.copy_for_translation(base["en"])
        hub_markers = [new_marker() for _ in range(3)]
        hub = home.add_child(instance=DiseaseHub(
            title=f"高血压 {hub_markers[0]}", slug="gao-xue-ya", summary=f"血压长期偏高。{hub_markers[1]}",
            body=f"高血压很常见。{hub_markers[2]}", locale=zh, specialty=specialty, owner=base["editor"],
            live=False, references=[("reference", {"title": "中国高血压防治指南", "year": 2024})]))
        base["hub"] = hub
        world = cls({**base, "slots": [Slot(hub.pk, "disease", "zh", set(hub_markers))]})
        world.sign(0)
        world.sign(world.create("explainer"))
        base["slots"] = world.slots
        return base

    # --- helpers ------------------------------------------------------------

    def page(self, i):
        from wagtail.models import Page

        return Page.objects.get(pk=self.slots[i].page_id).specific

    def _text_fields(self, slot: Slot) -> dict:
        """Fresh marked text for every field a patient would read."""
        m = {name: new_marker() for name in ("title", "summary", "body", "extra")}
        slot.markers.update(m.values())
        fields = {"title": f"标题 {m['title']}", "draft_title": f"标题 {m['title']}",
                  "summary": f"摘要 {m['summary']}", "body": f"正文。{m['body']}"}
        if slot.kind == "explainer":
            fields["panels"] = [("panel", {"image": self.image, "alt": "小护给王伯量血压",
                                           "caption": "", "bubbles": [
                                               {"character": None, "text": f"气泡 {m['extra']}"}]})]
            fields["key_points"] = "按时服药"
        elif slot.kind == "case_story":
            fields["timeline"] = [("event", {"stage": "onset", "when": "最初",
                                             "text": f"头晕。{m['extra']}"})]
            fields["lessons"] = "坚持测量"
        else:
            fields["synonyms"] = f"血压高\n{m['extra']}"
        return fields

    # --- actions (each may be refused by the services; that is part of the game) ---

    def create(self, kind: str) -> int:
        from cms.content.models import CaseStory, Explainer

        slot = Slot(0, kind, "zh")
        fields = self._text_fields(slot)
        fields.pop("draft_title")
        n = len(self.slots)
        common = {"slug": f"page-{n}-{kind.replace('_', '-')}", "owner": self.editor, "live": False,
                  "locale": self.hub.locale,
                  "references": [("reference", {"title": "WHO fact sheet", "year": 2023})]}
        if kind == "explainer":
            page = Explainer(**common, **fields)
        else:
            page = CaseStory(**common, **fields, age_band="60-69", sex="male",
                             consent_ref="CONSENT-1")
        self.hub.add_child(instance=page)
        page.save_revision(user=self.editor)
        slot.page_id = page.pk
        self.slots.append(slot)
        return n

    def edit(self, i):
        page = self.page(i).get_latest_revision_as_object()
        for name, value in self._text_fields(self.slots[i]).items():
            setattr(page, name, value)
        page.save_revision(user=self.editor)

    def submit(self, i):
        from cms.review import services

        services.submit_for_review(self.page(i), self.editor)

    def sign(self, i):
        from cms.review import services

        try:
            services.submit_for_review(self.page(i), self.editor)
        except PermissionDenied:
            pass  # already in review: sign what is there
        services.sign_off(self.page(i), self.expert_user, PASSWORD, "无利益冲突。")

    def sign_only(self, i):
        from cms.review import services

        services.sign_off(self.page(i), self.expert_user, PASSWORD, "无利益冲突。")

    def reject(self, i):
        from cms.review import services

        state = services.signoff_task_state(self.page(i))
        services.reject(state, self.expert_user, "请补充参考文献。")

    def revoke(self, i):
        from cms.review import services
        from cms.review.models import SignOff

        signoff = SignOff.objects.valid().filter(page_id=self.slots[i].page_id).first()
        if signoff is None:
            raise PermissionDenied("nothing to revoke")
        services.revoke_signoff(signoff, self.publisher, "指南已更新。")

    def withdraw(self, i):
        from cms.review import services

        services.withdraw_page(self.page(i), self.publisher, "复核中。")

    def lift(self, i):
        from cms.review import services

        services.lift_withdrawal(self.page(i), self.publisher, "复核完毕。")

    def translate(self, i):
        """An English translation: a new page, whose copied text is replaced at once.

        The hub is translated first when needed, as a real page (not an alias):
        an English explainer is published only under a signed English hub.
        """
        slot = self.slots[i]
        if slot.lang != "zh" or slot.translated:
            raise PermissionDenied("only an untranslated Chinese page is translated")
        if slot.kind != "disease" and not self.slots[0].translated:
            self.translate(0)
        copy = self.page(i).copy_for_translation(self.en)
        slot.translated = True
        self.slots.append(Slot(copy.pk, slot.kind, "en", translated=True))
        self.edit(len(self.slots) - 1)

    ACTIONS = ("create", "edit", "submit", "sign", "sign_only", "reject", "revoke", "withdraw",
               "lift", "translate")

    def do(self, action: str, arg: int):
        if action == "create":
            if len(self.slots) >= 6:
                return
            self.create(("explainer", "case_story")[arg % 2])
            return
        i = arg % len(self.slots)
        try:
            getattr(self, action)(i)
        except PermissionDenied:
            pass

    # --- the oracle ---------------------------------------------------------

    def signed_markers(self) -> set[str]:
        """Markers that were part of some revision an expert signed (even if revoked later)."""
        from cms.review.models import SignOff

        signed = set()
        everything = self.all_markers()
        for signoff in SignOff.objects.select_related("revision"):
            content = json.dumps(signoff.revision.content, ensure_ascii=False)
            signed.update(m for m in everything if m in content)
        return signed

    def withdrawn_markers(self) -> set[str]:
        from cms.review.models import Withdrawal

        withdrawn = set(Withdrawal.objects.filter(lifted_at__isnull=True)
                        .values_list("page_id", flat=True))
        return set().union(*(s.markers for s in self.slots if s.page_id in withdrawn))

    def all_markers(self) -> set[str]:
        return set().union(*(s.markers for s in self.slots))
