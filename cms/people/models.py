"""The people behind the content: specialties, experts, cartoon characters, sponsors."""

from django.conf import settings
from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class Specialty(models.Model):
    """A medical specialty; an expert may only sign pages of a specialty they hold."""

    slug = models.SlugField(unique=True)
    name_zh = models.CharField(max_length=100)
    name_en = models.CharField(max_length=100)

    panels = [FieldPanel("slug"), FieldPanel("name_zh"), FieldPanel("name_en")]

    class Meta:
        ordering = ["slug"]
        verbose_name_plural = "specialties"

    def __str__(self):
        return f"{self.name_zh} / {self.name_en}"


class Expert(index.Indexed, models.Model):
    """A reviewing doctor: the public face of the doctor's IP and the signer of pages."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=100)
    name_en = models.CharField(max_length=100, blank=True)
    title = models.CharField(max_length=100, help_text="e.g. 主任医师 / Chief Physician")
    hospital = models.CharField(max_length=200)
    specialties = models.ManyToManyField(Specialty, related_name="experts")
    licence_number = models.CharField(max_length=64, help_text="医师执业证书编码")
    photo = models.ForeignKey("wagtailimages.Image", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+")
    bio = models.TextField(blank=True)
    disclosure = models.TextField(help_text="Conflict-of-interest disclosure shown on every page they sign.")
    channel_handles = models.JSONField(default=dict, blank=True,
                                       help_text='e.g. {"douyin": "@dr_li"}')
    user = models.OneToOneField(settings.AUTH_USER_MODEL, null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="expert")

    panels = [
        FieldPanel("name"), FieldPanel("name_en"), FieldPanel("slug"), FieldPanel("title"),
        FieldPanel("hospital"), FieldPanel("specialties"), FieldPanel("licence_number"),
        FieldPanel("photo"), FieldPanel("bio"), FieldPanel("disclosure"),
        FieldPanel("channel_handles"), FieldPanel("user"),
    ]
    search_fields = [index.SearchField("name"), index.SearchField("hospital")]

    class Meta:
        ordering = ["slug"]

    def __str__(self):
        return f"{self.name} ({self.title}, {self.hospital})"

    def holds(self, specialty) -> bool:
        return specialty is not None and self.specialties.filter(pk=specialty.pk).exists()


class Character(models.Model):
    """A recurring cartoon character; speech bubbles name who is speaking."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=50)
    name_en = models.CharField(max_length=50, blank=True)
    avatar = models.ForeignKey("wagtailimages.Image", null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    voice = models.TextField(blank=True, help_text="How the character speaks, for writers.")

    panels = [FieldPanel("name"), FieldPanel("name_en"), FieldPanel("slug"),
              FieldPanel("avatar"), FieldPanel("voice")]

    class Meta:
        ordering = ["slug"]

    def __str__(self):
        return self.name


class Sponsor(models.Model):
    """Who funded a page; the disclosure and independence statement appear on it."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=200)
    disclosure = models.TextField()
    independence_statement = models.TextField(
        default="资助方未参与内容撰写与审核。The sponsor had no role in writing or reviewing this content.")

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("disclosure"),
              FieldPanel("independence_statement")]

    class Meta:
        ordering = ["slug"]

    def __str__(self):
        return self.name
