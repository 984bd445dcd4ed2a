"""Patient-education pages: disease hubs, explainers and case stories.

Every page type carries what the trust block needs (summary, audience,
references, sponsor) and a stable short code. Publishing is never direct: a
page goes live only through the review workflow (cms.review).
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpResponse
from django.template.response import TemplateResponse
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from cms.base.slugs import pinyin_slug
from cms.base.zh_search import index_text

from .blocks import PanelBlock, ReferenceBlock, TimelineEventBlock
from .forms import KepuPageForm

SHORTCODE_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"  # no 0/o, 1/l: read off posters


class ShortCode(models.Model):
    """A short-link code, allocated once and never reused, even after deletion."""

    code = models.CharField(max_length=12, unique=True)
    translation_key = models.UUIDField(null=True)
    locale = models.CharField(max_length=16, blank=True)
    page = models.ForeignKey("wagtailcore.Page", null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.code

    @classmethod
    def allocate(cls, length=6) -> str:
        while True:
            code = "".join(secrets.choice(SHORTCODE_ALPHABET) for _ in range(length))
            if not cls.objects.filter(code=code).exists():
                return code


class KepuPage(Page):
    """Fields shared by every reviewed page. Not instantiated on its own."""

    summary = models.TextField(max_length=400, help_text="One or two plain sentences; used in listings and feeds.")
    audience = models.CharField(max_length=200, blank=True, help_text="适用人群, e.g. 高血压患者及家属")
    body = models.TextField(blank=True, help_text="Markdown. Raw HTML is sanitized on output.")
    sponsor = models.ForeignKey("people.Sponsor", null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+")
    ai_disclosure = models.CharField(max_length=300, blank=True,
                                     help_text="Say how AI assisted, if it did.")
    references = StreamField([("reference", ReferenceBlock())], blank=True)
    topics = models.JSONField(default=list, blank=True, help_text="Topic tags that route the page to channels.")
    shortcode = models.CharField(max_length=12, blank=True, editable=False, db_index=True)

    is_creatable = False
    base_form_class = KepuPageForm
    # A translation is a different page with its own URL, so its own short code.
    exclude_fields_in_copy = ["shortcode"]
    # search_text_zh: jieba-segmented words, so the admin finds 血压 inside 高血压 (issue 3).
    search_fields = Page.search_fields + [
        index.SearchField("summary"), index.SearchField("body"),
        index.SearchField("search_text_zh"), index.AutocompleteField("search_text_zh"),
    ]

    def full_clean(self, *args, **kwargs):
        # Pinyin, not Unidecode: 血 must become "xue" (issue 3, slugs).
        if not self.slug or not self.slug.isascii():
            self.slug = pinyin_slug(self.title)
        super().full_clean(*args, **kwargs)

    def save(self, *args, **kwargs):
        if not self.shortcode:
            self.shortcode = ShortCode.allocate()
            ShortCode.objects.get_or_create(code=self.shortcode, defaults={
                "translation_key": self.translation_key, "locale": getattr(self.locale, "language_code", "")})
        return super().save(*args, **kwargs)

    @property
    def kepu_type(self) -> str:
        raise NotImplementedError

    def search_text_zh(self) -> str:
        return index_text(self.title, self.summary, getattr(self, "synonyms", ""),
                          getattr(self, "key_points", ""), self.body)

    def serve_preview(self, request, mode_name):
        """Render with the static site's theme (kepu.preview_render), so editors see what patients see."""
        from cms.exporting.serialize import page_document

        try:
            from kepu.preview_render import render_preview
        except ImportError:  # the site side is optional in a CMS-only install
            render_preview = None
        document = None
        if self.path:  # a page not yet in the tree has no disease hub to read
            try:
                document = page_document(self)
            except Exception:  # an unsaved form may lack what the serializer needs; show the fallback
                document = None
        if render_preview is not None and document is not None:
            meta, body = document
            for panel, block in zip(meta.get("panels") or [], getattr(self, "panels", None) or [],
                                    strict=False):
                image = block.value.get("image")
                if image is not None:  # the CMS serves the original file, not content/media/
                    panel["image"] = image.file.url
            html = render_preview(meta, body, content_root=getattr(settings, "KEPU_CONTENT_DIR", None),
                                  media_prefix="")
            return HttpResponse(html)
        return TemplateResponse(request, "content/preview_fallback.html",
                                {"page": self, "meta": document[0] if document else None})

    def serve(self, request, *args, **kwargs):
        # The public site is the static export; the CMS front end shows the same
        # thing: the signed revision, or nothing (DESIGN.md rule 1).
        from django.http import Http404

        from cms.review.signoffs import exportable_signoff

        signoff = exportable_signoff(self)
        if signoff is None:
            raise Http404("no exportable sign-off")
        return signoff.revision.as_object().serve_preview(request, "")

    def get_specialty(self):
        hub = self if isinstance(self.specific, DiseaseHub) else self.get_parent().specific
        return getattr(hub, "specialty", None)


class DiseaseHub(KepuPage):
    """病种: the page patients land on for a disease; explainers and stories live under it."""

    synonyms = models.TextField(blank=True, help_text="Lay names, one per line (血压高, high blood pressure); search uses them.")
    icd10 = models.CharField(max_length=16, blank=True)
    icd11 = models.CharField(max_length=16, blank=True)
    specialty = models.ForeignKey("people.Specialty", on_delete=models.PROTECT, related_name="+")

    parent_page_types = ["kepu_base.HomePage"]
    subpage_types = ["content.Explainer", "content.CaseStory"]
    content_panels = Page.content_panels + [
        FieldPanel("summary"), FieldPanel("audience"),
        MultiFieldPanel([FieldPanel("synonyms"), FieldPanel("icd10"), FieldPanel("icd11"),
                         FieldPanel("specialty")], heading="Disease"),
        FieldPanel("body"), FieldPanel("references"), FieldPanel("topics"),
        FieldPanel("sponsor"), FieldPanel("ai_disclosure"),
    ]
    search_fields = KepuPage.search_fields + [index.SearchField("synonyms")]
    kepu_type = "disease"

    class Meta:
        verbose_name = "disease hub"

    def synonym_list(self):
        return [s.strip() for s in self.synonyms.replace("、", "\n").splitlines() if s.strip()]


class Explainer(KepuPage):
    """A cartoon explainer: comic panels with real-text bubbles, key points, red flags."""

    panels = StreamField([("panel", PanelBlock())], help_text="Comic panels in reading order.")
    key_points = models.TextField(blank=True, help_text="One key point per line.")
    red_flags = models.TextField(blank=True, help_text="'See a doctor now if…', one per line.")
    characters = ParentalManyToManyField("people.Character", blank=True, related_name="+")

    parent_page_types = ["content.DiseaseHub"]
    subpage_types = []
    content_panels = Page.content_panels + [
        FieldPanel("summary"), FieldPanel("audience"), FieldPanel("panels"),
        FieldPanel("body"), FieldPanel("key_points"), FieldPanel("red_flags"),
        FieldPanel("references"), FieldPanel("characters"), FieldPanel("topics"),
        FieldPanel("sponsor"), FieldPanel("ai_disclosure"),
    ]
    search_fields = KepuPage.search_fields + [index.SearchField("key_points")]
    kepu_type = "explainer"

    class Meta:
        verbose_name = "explainer"

    def clean(self):
        super().clean()
        for i, block in enumerate(self.panels or []):
            if not str(block.value.get("alt") or "").strip():
                raise ValidationError({"panels": f"Panel {i + 1} needs alt text."})


# Ten-year bands for adults (a common de-identification grain); finer for
# children, whose advice changes with age (a toddler's catch-up vaccination).
AGE_BANDS = [("<1", "<1")] + [(b, b) for b in (
    "1-2", "3-5", "6-12", "13-17", "18-19", "20-29", "30-39", "40-49", "50-59", "60-69",
    "70-79", "80+")]
SEXES = [("female", "女 Female"), ("male", "男 Male"), ("unspecified", "未说明 Unspecified")]


class CaseStory(KepuPage):
    """A de-identified patient story: age band and sex only, a timeline, lessons."""

    age_band = models.CharField(max_length=8, choices=AGE_BANDS)
    sex = models.CharField(max_length=16, choices=SEXES)
    timeline = StreamField([("event", TimelineEventBlock())])
    lessons = models.TextField(blank=True, help_text="One lesson per line.")
    consent_ref = models.CharField(max_length=100, help_text="Reference of the patient's written consent (not shown publicly).")
    treating_doctor = models.ForeignKey("people.Expert", null=True, blank=True,
                                        on_delete=models.SET_NULL, related_name="+")

    parent_page_types = ["content.DiseaseHub"]
    subpage_types = []
    content_panels = Page.content_panels + [
        FieldPanel("summary"), FieldPanel("audience"),
        MultiFieldPanel([FieldPanel("age_band"), FieldPanel("sex"), FieldPanel("consent_ref"),
                         FieldPanel("treating_doctor")], heading="Patient (de-identified)"),
        FieldPanel("timeline"), FieldPanel("body"), FieldPanel("lessons"),
        FieldPanel("references"), FieldPanel("topics"), FieldPanel("sponsor"),
        FieldPanel("ai_disclosure"),
    ]
    kepu_type = "case_story"

    class Meta:
        verbose_name = "case story"
        verbose_name_plural = "case stories"
