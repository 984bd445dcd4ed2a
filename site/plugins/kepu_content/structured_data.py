"""schema.org JSON-LD for content pages (DESIGN.md rule 3: MedicalWebPage with
lastReviewed and reviewedBy), built from the same PageView the HTML shows."""

from __future__ import annotations

from .labels import LABELS, SPECIALTIES, term


def _person(expert: dict, lang: str, site) -> dict:
    name = expert.get("name_en") if lang == "en" and expert.get("name_en") else expert.get("name")
    person = {"@type": "Person", "name": name}
    if expert.get("title"):
        person["jobTitle"] = expert["title"]
    if expert.get("hospital"):
        person["affiliation"] = {"@type": "Hospital", "name": expert["hospital"]}
    if expert.get("slug"):
        person["url"] = site.absolute_url(site.expert_url(expert["slug"], lang))
    return person


def medical_condition(hub) -> dict:
    condition = {"@type": "MedicalCondition", "name": hub.title}
    if hub.get("synonyms"):
        condition["alternateName"] = list(hub["synonyms"])
    if hub.get("icd10"):
        condition["code"] = {"@type": "MedicalCode", "code": str(hub["icd10"]),
                             "codingSystem": "ICD-10"}
    return condition


def medical_webpage(page, site) -> dict:
    """The MedicalWebPage object for one published page."""
    lang = page.lang
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": page.title,
        "headline": page.title,
        "description": page.summary,
        "url": site.absolute_url(page.url),
        "inLanguage": LABELS[lang]["html_lang"],
        "medicalAudience": {"@type": "Patient"},
        "audience": {"@type": "PeopleAudience", "audienceType": page.get("audience") or "Patient"},
        "reviewedBy": _person(page.expert, lang, site),
        "specialty": term(SPECIALTIES, page.specialty, "en"),
        "image": site.absolute_url(page.og_image),
        "publisher": {"@type": "Organization", "name": "kepu"},
    }
    if page.reviewed:
        data["lastReviewed"] = page.reviewed.isoformat()
    if page.first_published:
        data["datePublished"] = page.first_published.isoformat()
    author = page.get("author") or {}
    if author.get("name"):
        data["author"] = {"@type": "Person", "name": author["name"]}
    if page.hub is not None:
        data["about"] = medical_condition(page.hub)
    citations = [ref.get("url") or ref.get("title") for ref in page.get("references") or []
                 if isinstance(ref, dict)]
    if citations:
        data["citation"] = citations
    if page.sponsor:
        data["funder"] = {"@type": "Organization", "name": page.sponsor.get("name")}
    return data
