"""Which pages leave the CMS now, and which leave a tombstone behind.

A page is exported when cms.review.signoffs.exportable_signoff gives it a
sign-off (DESIGN.md rule 1), it has not been unpublished in Wagtail, its
disease hub is exported too, and — under the "withdraw" expiry policy — its
review is not overdue. A page that was once signed but is no longer exported
leaves a tombstone in withdrawn.yaml so its URL and short link show a
"withdrawn for review" notice instead of breaking (issue 4.6).

Deciding this is cheap (a few queries per page, no serialization), so the
API can paginate over the result without rendering every page per request.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.utils import timezone

EXPIRY_POLICIES = ("notice", "withdraw")


@dataclass
class Entry:
    page: Any  # the specific page (live row, not a revision)
    signoff: Any  # the SignOff whose revision is exported


@dataclass
class PublicationState:
    entries: list[Entry] = field(default_factory=list)
    tombstones: list[dict[str, Any]] = field(default_factory=list)
    expired: list[dict[str, Any]] = field(default_factory=list)


def expiry_policy() -> str:
    policy = getattr(settings, "KEPU_EXPIRY_POLICY", "notice") or "notice"
    if policy not in EXPIRY_POLICIES:
        from django.core.exceptions import ImproperlyConfigured

        raise ImproperlyConfigured(
            f"KEPU_EXPIRY_POLICY must be one of {', '.join(EXPIRY_POLICIES)}, not {policy!r}")
    return policy


def _stamp(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    return value.isoformat()


def _was_unpublished(page) -> bool:
    # A page Wagtail never published is still exportable once signed (sign-off,
    # not Wagtail's live flag, is what publishes); one taken offline is not.
    return not page.live and page.first_published_at is not None


def _unpublished_at(page):
    from wagtail.models import PageLogEntry

    entry = (PageLogEntry.objects.filter(page_id=page.pk, action="wagtail.unpublish")
             .order_by("-timestamp", "-pk").first())
    return entry.timestamp if entry else None


def _lang(page) -> str:
    code = page.locale.language_code.lower()
    return "zh" if code.startswith("zh") else code.split("-")[0]


def url_of(lang: str, ptype: str, disease: str, slug: str) -> str:
    """The page's public URL path (DESIGN.md output map)."""
    return f"/{lang}/{disease}/" if ptype == "disease" else f"/{lang}/{disease}/{slug}/"


def _identity(page, hub_slug: str, signoff) -> dict[str, Any]:
    """Where the page was published: from the last signed revision, not a later draft."""
    content = signoff.revision.content if signoff is not None else {}
    slug = content.get("slug") or page.slug
    ptype = page.kepu_type
    disease = slug if ptype == "disease" else hub_slug
    lang = _lang(page)
    return {"id": page.pk, "type": ptype, "lang": lang, "disease": disease, "slug": slug,
            "url": url_of(lang, ptype, disease, slug), "shortcode": page.shortcode}


def _reason(page, hub_reason):
    """Why a once-signed page is not exported: (reason, when)."""
    from cms.review.models import SignOff, Withdrawal

    withdrawal = Withdrawal.objects.filter(page_id=page.pk, lifted_at__isnull=True).first()
    if withdrawal is not None:
        return "withdrawn", withdrawal.withdrawn_at
    if _was_unpublished(page):
        return "unpublished", _unpublished_at(page)
    if hub_reason is not None:
        return "hub_not_published", hub_reason[1]
    latest = SignOff.objects.filter(page_id=page.pk).first()
    if latest is not None and latest.revoked_at is not None:
        return "signoff_revoked", latest.revoked_at
    return "signoff_invalid", None


def publication_state(today: dt.date | None = None, policy: str | None = None) -> PublicationState:
    """Exported entries (hubs first, in tree order), tombstones and expired reviews."""
    from cms.content.models import DiseaseHub, KepuPage
    from cms.review.models import SignOff
    from cms.review.signoffs import exportable_signoff

    today = today or timezone.localdate()
    policy = policy or expiry_policy()
    state = PublicationState()
    ever_signed = set(SignOff.objects.values_list("page_id", flat=True).distinct())
    # hub path → None when exported, else (reason, when) for its children's tombstones.
    # Pages come in tree order, so a hub is always decided before its children.
    hub_status: dict[str, tuple | None] = {}
    hub_slugs: dict[str, str] = {}
    pages = KepuPage.objects.specific().select_related("locale").order_by("path")
    for page in pages:
        is_hub = isinstance(page, DiseaseHub)
        hub_path = page.path if is_hub else page.path[:-page.steplen]
        signoff = exportable_signoff(page)
        if is_hub:
            hub_slugs[hub_path] = page.slug  # children name their disease by the hub's slug
        hub_slug = hub_slugs.get(hub_path, "")
        hub_reason = None if is_hub else hub_status.get(hub_path, ("hub_not_published", None))
        blocked = signoff is None or _was_unpublished(page) or hub_reason is not None
        expired = signoff is not None and signoff.next_review < today
        if not blocked and expired:
            ident = _identity(page, hub_slug, signoff)
            state.expired.append({**ident, "next_review": signoff.next_review.isoformat(),
                                  "expert": signoff.expert.slug,
                                  "action": "withdrawn" if policy == "withdraw" else "notice"})
        if not blocked and not (expired and policy == "withdraw"):
            state.entries.append(Entry(page, signoff))
            if is_hub:
                hub_status[hub_path] = None
            continue
        if not blocked:
            reason = ("review_expired", signoff.next_review)
        else:
            reason = _reason(page, hub_reason) if page.pk in ever_signed else None
        if is_hub:
            hub_status[hub_path] = reason or ("hub_not_published", None)
        if reason is not None:
            last = signoff or SignOff.objects.filter(page_id=page.pk).select_related("revision").first()
            state.tombstones.append({**_identity(page, hub_slug, last), "reason": reason[0],
                                     "withdrawn_at": _stamp(reason[1])})
    # A URL that is published again (e.g. a new page took over the slug) is no tombstone.
    live_urls = {_identity(e.page, hub_slugs.get(_hub_path(e.page), ""), e.signoff)["url"]
                 for e in state.entries}
    state.tombstones = sorted((t for t in state.tombstones if t["url"] not in live_urls),
                              key=lambda t: (t["lang"], t["url"], t["id"]))
    return state


def _hub_path(page) -> str:
    return page.path if page.kepu_type == "disease" else page.path[:-page.steplen]
