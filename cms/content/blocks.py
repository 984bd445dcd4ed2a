"""The StreamField vocabulary of patient-education pages.

Speech bubbles are real text next to the illustration, never baked into it:
screen readers, large-text mode, search and translation all need the words.
"""

import re

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!?]")


def no_html(value):
    """Panel text is plain text: a tag here is a paste accident or an attack (issue 3, bad input)."""
    if value and _TAG.search(str(value)):
        raise ValidationError("不能包含 HTML 标签，请输入纯文本。HTML tags are not allowed here; use plain text.")


class SpeechBubbleBlock(blocks.StructBlock):
    character = SnippetChooserBlock("people.Character", required=False)
    text = blocks.TextBlock(max_length=500, validators=[no_html])

    class Meta:
        icon = "openquote"
        template = "content/blocks/speech_bubble.html"
        description = "What a character says in this panel, as real text."
        preview_value = {"text": "医生，我量血压是 150/95，要紧吗？"}


class PanelBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt = blocks.CharBlock(max_length=300, required=True, validators=[no_html],
                           help_text="Describe what the picture shows for people who cannot see it.")
    caption = blocks.TextBlock(required=False, max_length=600, validators=[no_html])
    bubbles = blocks.ListBlock(SpeechBubbleBlock(), default=[])

    class Meta:
        icon = "image"
        template = "content/blocks/panel.html"
        description = "One comic panel: illustration, alt text, caption and speech bubbles."
        preview_value = {"alt": "小护士在给老人量血压", "caption": "每天固定时间量血压。"}


class ReferenceBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=300, validators=[no_html])
    publisher = blocks.CharBlock(max_length=200, required=False)
    year = blocks.IntegerBlock(required=False, min_value=1900, max_value=2100)
    url = blocks.URLBlock(required=False)
    doi = blocks.CharBlock(max_length=100, required=False)

    class Meta:
        icon = "doc-full"
        template = "content/blocks/reference.html"
        description = "A public source that supports the page (guideline, WHO fact sheet, paper)."
        preview_value = {"title": "中国高血压防治指南（2024年修订版）", "publisher": "中国高血压联盟", "year": 2024}


TIMELINE_STAGES = [("onset", "起病 Onset"), ("diagnosis", "诊断 Diagnosis"),
                   ("treatment", "治疗 Treatment"), ("outcome", "结局 Outcome")]


class TimelineEventBlock(blocks.StructBlock):
    stage = blocks.ChoiceBlock(choices=TIMELINE_STAGES)
    when = blocks.CharBlock(max_length=60, required=False,
                            help_text="Relative time only (e.g. '第 3 个月'), never an exact date.")
    text = blocks.TextBlock(max_length=1000, validators=[no_html])

    class Meta:
        icon = "date"
        template = "content/blocks/timeline_event.html"
        description = "One step of a de-identified patient's story."
        preview_value = {"stage": "onset", "when": "最初", "text": "经常口渴、夜里起床小便。"}
