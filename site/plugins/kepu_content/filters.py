"""Jinja filters and globals every kepu template may use (installed on every
generator's environment through signals.generator_init, so other plugins'
templates get them too)."""

from __future__ import annotations

import json

from jinja2 import Template
from markupsafe import Markup
from markupsafe import escape as markup_escape

try:  # markupsafe's C escaper, without the Markup object escape() wraps around it
    from markupsafe import _escape_inner
except ImportError:  # pragma: no cover - another markupsafe: no shortcut
    _escape_inner = None

from .labels import CHANNEL_KINDS, LABELS, MONTHS_EN, SEXES, SPECIALTIES, TIMELINE_STAGES, term
from .sitemodel import PageView, as_date


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


def speaker_names(characters: dict, lang: str) -> dict:
    """Character slug → the name a speech bubble shows (English name on English
    pages when there is one), computed once per page rather than per bubble."""
    return {slug: (c.get("name_en") if lang == "en" and c.get("name_en") else c.get("name"))
            for slug, c in characters.items()}


# What getattr() finds on a plain dict: every other name is a key lookup for Jinja.
_DICT_ATTRIBUTES = frozenset(dir(dict))


def fast_getattr(env):
    """Jinja's ``environment.getattr`` (``x.name`` in a template) with the same
    result, minus the AttributeError Jinja raises and catches for every dict key
    and every front-matter field of a PageView: templates read labels (``t.…``),
    panels and references that way 260 times a page (issue 9)."""
    plain = type(env).getattr
    view_attributes = frozenset(dir(PageView))

    def getattr_(obj, attribute):
        kind = type(obj)
        if kind is dict:
            if attribute not in _DICT_ATTRIBUTES:
                try:
                    return obj[attribute]
                except KeyError:
                    return env.undefined(obj=obj, name=attribute)
        elif kind is PageView and attribute not in view_attributes and attribute not in obj.__dict__:
            try:
                return obj.meta[attribute]
            except (KeyError, TypeError):
                return env.undefined(obj=obj, name=attribute)
        return plain(env, obj, attribute)

    return getattr_


def output_escape(value):
    """What a template's ``{{ value }}`` writes under autoescape: the same text as
    markupsafe.escape, but a plain str stays a plain str. Jinja only joins these
    pieces (and wraps a macro's or a {% set %} block's join in Markup itself), so
    the Markup object escape() builds for every one of a page's ~400 outputs was
    pure cost: ~8 % of rendering the pages (issue 9)."""
    if type(value) is str:
        return _escape_inner(value)
    return markup_escape(value)


class OutputEscapingTemplate(Template):
    """A compiled template whose output expressions use ``output_escape``. The
    compiled module imports ``escape`` from jinja2.runtime and uses that name
    for output expressions only (jinja2.compiler, ``_output_child_pre``)."""

    @classmethod
    def _from_namespace(cls, environment, namespace, globals):
        if _escape_inner is not None and environment.autoescape is True:
            namespace["escape"] = output_escape
        return super()._from_namespace(environment, namespace, globals)


def install_filters(env) -> None:
    env.getattr = fast_getattr(env)
    env.template_class = OutputEscapingTemplate
    # Pelican makes a new environment for every generator and build, so templates
    # cannot change while one is in use: no stat() per {% include %} (11 a page).
    env.auto_reload = False
    env.filters.update(kdate=kdate, isodate=isodate, media_url=media_url, safe_url=safe_url,
                       jsonld=jsonld, speaker_names=speaker_names)
    env.globals.update(
        specialty_name=lambda code, lang: term(SPECIALTIES, code, lang),
        channel_kind=lambda code, lang: term(CHANNEL_KINDS, code, lang),
        stage_name=lambda code, lang: term(TIMELINE_STAGES, code, lang),
        sex_name=lambda code, lang: term(SEXES, code, lang),
    )
