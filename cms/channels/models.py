"""Distribution channels: short-video accounts, community groups, the website."""

from django.db import models
from wagtail.admin.panels import FieldPanel

CHANNEL_KINDS = [
    ("douyin", "抖音 Douyin"),
    ("wechat_group", "微信社群 WeChat group"),
    ("wechat_official", "微信公众号 WeChat official account"),
    ("bilibili", "哔哩哔哩 Bilibili"),
    ("xiaohongshu", "小红书 Xiaohongshu"),
    ("weibo", "微博 Weibo"),
    ("website", "网站 Website"),
]


class Channel(models.Model):
    """A place content is posted; its feed holds pages matching its topics, region and specialty."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=100)
    kind = models.CharField(max_length=32, choices=CHANNEL_KINDS)
    region = models.CharField(max_length=100, blank=True)
    specialty = models.ForeignKey("people.Specialty", null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="channels")
    topics = models.JSONField(default=list, blank=True,
                              help_text="Disease slugs or topic tags this channel posts about.")
    language = models.CharField(max_length=8, default="zh", choices=[("zh", "中文"), ("en", "English")])
    description = models.TextField(blank=True)
    handle = models.CharField(max_length=100, blank=True)
    utm_source = models.CharField(max_length=64, blank=True)
    utm_medium = models.CharField(max_length=64, blank=True)
    utm_campaign = models.CharField(max_length=64, blank=True)
    utm_content = models.CharField(max_length=64, blank=True)

    panels = [FieldPanel(f) for f in (
        "name", "slug", "kind", "region", "specialty", "topics", "language", "description",
        "handle", "utm_source", "utm_medium", "utm_campaign", "utm_content")]

    class Meta:
        ordering = ["slug"]

    def __str__(self):
        return f"{self.name} ({self.get_kind_display()})"
