"""ASCII slugs for Chinese titles (高血压 → gao-xue-ya), via pypinyin.

Pelican's and Django's slugify drop or transliterate Chinese badly (Unidecode
gives 血 → "xie"); pypinyin knows the reading in context (血压 → xue ya).
"""

import re

from pypinyin import Style, lazy_pinyin

_NON_SLUG = re.compile(r"[^a-z0-9]+")


def pinyin_slug(text: str, max_length: int = 80) -> str:
    words = lazy_pinyin(text or "", style=Style.NORMAL, errors="default")
    slug = _NON_SLUG.sub("-", "-".join(w.lower() for w in words)).strip("-")
    slug = re.sub(r"-{2,}", "-", slug)
    return slug[:max_length].rstrip("-") or "page"
