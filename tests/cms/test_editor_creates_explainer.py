"""Editors can create an explainer with a comic panel through the admin form;
raw HTML in panel text is refused with a form error and nothing is saved."""

from django.urls import reverse
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, streamfield

from cms.content.models import DiseaseHub, Explainer

from .tree import build_tree


def explainer_form(tree, title="在家量血压", bubble="坐好，别说话。"):
    panel = {
        "image": tree.image.pk, "alt": "小护给王伯量血压", "caption": "安静坐五分钟再量。",
        "bubbles": {"count": 1, "0": {"value": {"character": "", "text": bubble},
                                      "deleted": "", "order": 0, "id": ""}},
    }
    return nested_form_data({
        "title": title, "slug": "", "summary": "在家量血压的三个要点。", "audience": "高血压患者",
        "panels": streamfield([("panel", panel)]),
        "body": "量之前安静坐五分钟。", "key_points": "固定时间\n记录结果", "red_flags": "",
        "references": streamfield([("reference", {"title": "WHO: Hypertension", "publisher": "WHO",
                                                  "year": 2023, "url": "", "doi": ""})]),
        "topics": "[]", "sponsor": "", "ai_disclosure": "",
        "comments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0, "MIN_NUM_FORMS": 0, "MAX_NUM_FORMS": 1000},
    })


class EditorCreatesExplainer(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.tree = build_tree()

    def setUp(self):
        self.client.force_login(self.tree.editor)

    def test_explainer_can_be_created_under_a_hub_with_a_pinyin_slug(self):
        self.assertCanCreateAt(DiseaseHub, Explainer)
        self.assertCanNotCreateAt(Explainer, Explainer)
        self.assertCanCreate(self.tree.hub, Explainer, explainer_form(self.tree), publish=False)
        page = Explainer.objects.get(title="在家量血压")
        self.assertEqual(page.slug, "zai-jia-liang-xue-ya")
        self.assertEqual(page.panels[0].value["bubbles"][0]["text"], "坐好，别说话。")
        self.assertFalse(page.live, "editors save drafts; only a sign-off publishes")

    def test_script_in_a_speech_bubble_is_a_form_error(self):
        url = reverse("wagtailadmin_pages:add", args=("content", "explainer", self.tree.hub.pk))
        data = explainer_form(self.tree, title="坏输入", bubble="<script>alert(1)</script>")
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "HTML tags are not allowed")
        self.assertFalse(Explainer.objects.filter(title="坏输入").exists())

    def test_editor_has_no_publish_button_but_can_submit(self):
        response = self.client.get(reverse("wagtailadmin_pages:edit", args=(self.tree.explainer.pk,)))
        self.assertContains(response, 'name="action-submit"')
        self.assertNotContains(response, 'name="action-publish"')
