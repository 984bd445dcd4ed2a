"""The admin form of kepu pages: the slug is filled from the Chinese title in pinyin.

Wagtail's browser-side slug sync drops Chinese characters (ASCII slugs are
required: WAGTAIL_ALLOW_UNICODE_SLUGS = False), which would leave an editor
typing 高血压 with an empty, required slug. Here an empty slug becomes the
pinyin of the title, made unique among its siblings; an editor may still type
their own.
"""

from wagtail.admin.forms import WagtailAdminPageForm

from cms.base.slugs import pinyin_slug


class KepuPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = "留空则按标题拼音生成，如 高血压 → gao-xue-ya。Leave empty for the pinyin of the title."

    def clean(self):
        if "slug" in self.fields and not self.cleaned_data.get("slug") and self.cleaned_data.get("title"):
            self.cleaned_data["slug"] = self._free_slug(pinyin_slug(self.cleaned_data["title"]))
        return super().clean()

    def _free_slug(self, base: str) -> str:
        parent = self.parent_page
        if parent is None:
            return base
        taken = set(parent.get_children().exclude(pk=self.instance.pk).values_list("slug", flat=True))
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        return slug
