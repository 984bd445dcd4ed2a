"""Jinja filters and globals every kepu template may use (installed on every
generator's environment through signals.generator_init, so other plugins'
templates get them too)."""

from __future__ import annotations

import json

from markupsafe import Markup

from .labels import CHANNEL_KINDS, LABELS, MONTHS_EN, SEXES, SPECIALTIES, TIMELINE_STAGES, term
from .sitemodel import as_date


def kdate(value, lang: str = "zh") -> str:
    """A date as patients read it: 2026年1月15日 / 15 January 2026."""
    day = as_date(value)
    if day is None:
        return ""
    return LABELS[lang]["date_format"].format(y=day.year, m=day.month, d=day.day,
                                              month=MONTHS_EN[day.month - 1])


def isodate(value) -> str:
    day = as_date(value)
    return day.isoformat() if day else ""


def media_url(rel: str) -> str:
    return "/" + str(rel).lstrip("/")


def safe_url(url) -> str:
    """Only web and mail links leave an editor's reference list (no javascript: URLs)."""
    text = str(url or "").strip()
    return text if text.lower().startswith(("https://", "http://", "mailto:")) else ""


def jsonld(data) -> Markup:
    """JSON for a <script type="application/ld+json">: readable CJK, and no "</script>"
    or "<!--" can be formed by an editor's text."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(text)


def install_filters(env) -> None:
    env.filters.update(kdate=kdate, isodate=isodate, media_url=media_url, safe_url=safe_url,
                       jsonld=jsonld)
    env.globals.update(
        specialty_name=lambda code, lang: term(SPECIALTIES, code, lang),
        channel_kind=lambda code, lang: term(CHANNEL_KINDS, code, lang),
        stage_name=lambda code, lang: term(TIMELINE_STAGES, code, lang),
        sex_name=lambda code, lang: term(SEXES, code, lang),
    )
