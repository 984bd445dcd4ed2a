"""Which files the site consists of, and what each template is given.

One ``Output`` per written HTML file: its path, its template and the variables
the template sees. The build writes them all; the CMS preview renders just one
(``content_page_output``), so preview and site cannot drift apart.

Every template gets: ``lang``, ``t`` (labels.LABELS[lang]), ``site`` (SiteModel),
``url`` (site-relative), ``canonical`` (absolute), ``alternates`` (list of
(hreflang, absolute URL)), ``switch`` (the other-language link or None),
``title``, ``description``, ``og_image``, ``jsonld`` (dict or None),
``page`` (PageView or None), ``noindex``.
"""

from __future__ import annotations

import datetime as dt
import heapq
from dataclasses import dataclass, field

from .labels import LABELS
from .sitemodel import DEFAULT_OG_IMAGE, LANGUAGES, SiteModel, az_letter
from .structured_data import medical_webpage

CONTENT_TEMPLATES = {"disease": "hub", "explainer": "explainer", "case_story": "case_story"}


@dataclass
class Output:
    save_as: str
    template: str
    vars: dict = field(default_factory=dict)


def other_lang(lang: str) -> str:
    return "en" if lang == "zh" else "zh"


def common(site: SiteModel, lang: str, url: str, title: str, description: str = "",
           per_lang_urls: dict[str, str] | None = None, **extra) -> dict:
    """Variables shared by every page; ``per_lang_urls`` maps lang → URL of this page."""
    per_lang_urls = per_lang_urls or {lang: url}
    alternates = [(LABELS[code]["html_lang"], site.absolute_url(u))
                  for code, u in sorted(per_lang_urls.items())]
    if "zh" in per_lang_urls and len(per_lang_urls) > 1:
        alternates.append(("x-default", site.absolute_url(per_lang_urls["zh"])))
    other = other_lang(lang)
    switch = {"lang": other, "url": per_lang_urls.get(other, f"/{other}/"),
              "label": LABELS[other]["language_name"], "hreflang": LABELS[other]["html_lang"]}
    return {"lang": lang, "t": LABELS[lang], "site": site, "url": url,
            "canonical": site.absolute_url(url), "alternates": alternates, "switch": switch,
            "title": title, "description": description, "og_image": site.absolute_url(
                DEFAULT_OG_IMAGE), "og_image_size": 600, "jsonld": None, "page": None,
            "noindex": False,
            **extra}


def content_page_output(page, site: SiteModel) -> Output:
    urls = {p.lang: p.url for p in page.translations}
    urls[page.lang] = page.url
    extra = {}
    if page.type == "disease":
        extra = {"explainers": site.pages_for(lang=page.lang, disease=page.disease, type="explainer"),
                 "case_stories": site.pages_for(lang=page.lang, disease=page.disease,
                                                type="case_story"),
                 "specialty_experts": site.experts_for_specialty(page.specialty)}
    variables = common(site, page.lang, page.url, page.title, page.summary, urls, page=page,
                       jsonld=medical_webpage(page, site), og_type="article", **extra)
    variables["og_image"] = site.absolute_url(page.og_image)
    variables["og_image_size"] = page.og_image_size
    return Output(page.save_as, CONTENT_TEMPLATES[page.type], variables)


def _expert_channels(site: SiteModel, expert: dict) -> list[dict]:
    listed = set(expert.get("channels") or ())
    return [ch for slug, ch in sorted(site.channels.items())
            if slug in listed or ch.get("expert") == expert.get("slug")]


EXPERT_PAGE_LIMIT = 30


def _expert_work(site: SiteModel, slug: str, lang: str) -> dict:
    """An expert's most recently reviewed pages, and the hubs of all of them.

    Capped so a prolific reviewer's profile stays a light page at 10,000 pages;
    the hubs link to everything else.
    """
    pages = site.pages_for(lang=lang, expert=slug)
    latest = heapq.nlargest(EXPERT_PAGE_LIMIT, pages, key=lambda p: (p.reviewed or dt.date.min, p.url))
    hubs = {p.disease: p.hub for p in pages if p.hub is not None}
    return {"expert_pages": latest, "expert_page_total": len(pages),
            "expert_hubs": sorted(hubs.values(), key=lambda h: h.url)}


def site_outputs(site: SiteModel, *, search_template: str, content_pages: bool = True) -> list[Output]:
    """Every HTML file of the site, in a stable order. ``content_pages=False`` leaves
    out the per-page outputs (incremental.py builds those lazily, issue 9)."""
    both = {code: f"/{code}/" for code in LANGUAGES}
    out = [Output("index.html", "language_chooser",
                  common(site, "zh", "/", "科普 · Kepu", "", both, noindex=False)),
           Output("404.html", "404", common(site, "zh", "/404.html", "找不到这个页面 · Page not found",
                                            noindex=True))]
    for lang in LANGUAGES:
        t = LABELS[lang]

        def here(path: str, lang=lang) -> dict[str, str]:
            return {code: f"/{code}/{path}" for code in LANGUAGES}

        home_channels = [ch for _, ch in sorted(site.channels.items())
                         if ch.get("language") in (None, "", lang)]
        out.append(Output(f"{lang}/index.html", "home", common(
            site, lang, f"/{lang}/", t["home"], t["featured"], both,
            featured=site.latest(lang, 6), hubs=site.hubs_by_lang[lang],
            home_channels=home_channels)))
        letters: dict[str, list] = {}
        for hub in site.hubs_by_lang[lang]:
            letters.setdefault(az_letter(hub), []).append(hub)
        out.append(Output(f"{lang}/a-z/index.html", "az", common(
            site, lang, f"/{lang}/a-z/", t["diseases_az"], t["diseases_az"], here("a-z/"),
            letters=sorted(letters.items()))))
        out.append(Output(f"{lang}/editorial-policy/index.html", "editorial_policy", common(
            site, lang, f"/{lang}/editorial-policy/", t["policy_title"], t["independence"],
            here("editorial-policy/"), policy_experts=[site.experts[s] for s in sorted(site.experts)])))
        out.append(Output(f"{lang}/search/index.html", search_template, common(
            site, lang, f"/{lang}/search/", t["search_title"], t["search_label"], here("search/"),
            noindex=True)))
        out.append(Output(f"{lang}/experts/index.html", "experts", common(
            site, lang, f"/{lang}/experts/", t["experts"], t["experts"], here("experts/"),
            expert_list=[site.experts[s] for s in sorted(site.experts)])))
        for slug in sorted(site.experts):
            expert = site.experts[slug]
            name = expert.get("name_en") if lang == "en" and expert.get("name_en") else expert["name"]
            out.append(Output(f"{lang}/experts/{slug}/index.html", "expert", common(
                site, lang, site.expert_url(slug, lang), name,
                f"{expert.get('title', '')} · {expert.get('hospital', '')}",
                {code: site.expert_url(slug, code) for code in LANGUAGES},
                expert=expert, expert_name=name, **_expert_work(site, slug, lang),
                expert_channels=_expert_channels(site, expert), og_type="profile")))
    for page in site.pages if content_pages else ():
        out.append(content_page_output(page, site))
    for stone in site.withdrawn:
        out.append(Output(stone.save_as, "withdrawn", common(
            site, stone.lang, stone.url, LABELS[stone.lang]["withdrawn_title"], "",
            noindex=True, tombstone=stone)))
    return out
