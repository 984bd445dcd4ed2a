"""Field lists of the content format, version 1 (docs/content-format.md).

The order of each tuple is the order fields are written in, so exported files
diff cleanly and two exports of the same data are byte-identical.
"""

FORMAT_VERSION = 1

PAGE_TYPES = ("disease", "explainer", "case_story")

LANGUAGES = ("zh", "en")

# Fields every page file carries, in write order.
COMMON_FIELDS = (
    "format",
    "id",
    "type",
    "lang",
    "translation_key",
    "disease",
    "slug",
    "title",
    "summary",
    "audience",
    "specialty",
    "topics",
    "author",
    "sponsor",
    "ai_disclosure",
    "references",
    "shortcode",
    "first_published",
    "signoff",
)

TYPE_FIELDS = {
    "disease": ("synonyms", "icd10", "icd11"),
    "explainer": ("panels", "key_points", "red_flags", "characters"),
    "case_story": ("patient", "timeline", "lessons", "consent_ref", "treating_doctor"),
}

REQUIRED = {
    "all": ("format", "id", "type", "lang", "translation_key", "disease", "slug", "title",
            "summary", "specialty", "shortcode", "signoff"),
    "disease": (),
    "explainer": ("panels", "references"),
    "case_story": ("patient", "timeline", "consent_ref"),
}

# What the expert's signature covers. Identity and routing fields (id, slug,
# shortcode, topics, first_published) are not medical content and may change
# without a new sign-off; everything a patient reads is in this list.
SIGNED_FIELDS = {
    "disease": ("type", "lang", "title", "summary", "audience", "specialty", "sponsor",
                "ai_disclosure", "references", "synonyms", "icd10", "icd11", "disease"),
    "explainer": ("type", "lang", "title", "summary", "audience", "specialty", "sponsor",
                  "ai_disclosure", "references", "panels", "key_points", "red_flags",
                  "characters", "disease"),
    "case_story": ("type", "lang", "title", "summary", "audience", "specialty", "sponsor",
                   "ai_disclosure", "references", "patient", "timeline", "lessons",
                   "consent_ref", "treating_doctor", "disease"),
}

SIGNOFF_FIELDS = ("id", "expert", "expert_name", "credentials", "specialty", "signed_at",
                  "revision_id", "content_hash", "meaning", "next_review")

REGISTRY_KINDS = ("experts", "channels", "characters", "sponsors")

REGISTRY_REQUIRED = {
    "experts": ("format", "slug", "name", "title", "hospital", "specialties"),
    "channels": ("format", "slug", "name", "kind"),
    "characters": ("format", "slug", "name"),
    "sponsors": ("format", "slug", "name", "disclosure"),
}

CHANNEL_KINDS = ("douyin", "wechat_group", "wechat_official", "bilibili", "xiaohongshu",
                 "weibo", "website")
