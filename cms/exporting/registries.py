"""Registry documents: experts, channels, characters, sponsors (content/<kind>/<slug>.yaml).

Like page documents, these are JSON-native dicts so the API can send them and
the remote exporter writes the same bytes. Pictures (expert photos, character
avatars) become content-hashed media paths, like panel illustrations.
"""

from __future__ import annotations

from typing import Any

from kepu.contentformat import FORMAT_VERSION

from .serialize import _text, media_name


def _clean(value) -> str:
    return _text(value).strip()


def expert_document(expert) -> dict[str, Any]:
    return {
        "format": FORMAT_VERSION, "slug": expert.slug, "name": _clean(expert.name),
        "name_en": _clean(expert.name_en), "title": _clean(expert.title),
        "hospital": _clean(expert.hospital),
        "specialties": sorted(s.slug for s in expert.specialties.all()),
        "licence_number": _clean(expert.licence_number), "disclosure": _clean(expert.disclosure),
        "bio": _clean(expert.bio),
        "channel_handles": {str(k): str(v) for k, v in sorted((expert.channel_handles or {}).items())},
        "photo": media_name(expert.photo) if expert.photo_id else None,
    }


def channel_document(channel) -> dict[str, Any]:
    return {
        "format": FORMAT_VERSION, "slug": channel.slug, "name": _clean(channel.name),
        "kind": channel.kind, "region": _clean(channel.region),
        "specialty": channel.specialty.slug if channel.specialty_id else None,
        "topics": [str(t) for t in channel.topics or []], "language": channel.language,
        "description": _clean(channel.description), "handle": _clean(channel.handle),
        "utm_source": channel.utm_source, "utm_medium": channel.utm_medium,
        "utm_campaign": channel.utm_campaign, "utm_content": channel.utm_content,
    }


def character_document(character) -> dict[str, Any]:
    return {
        "format": FORMAT_VERSION, "slug": character.slug, "name": _clean(character.name),
        "name_en": _clean(character.name_en), "voice": _clean(character.voice),
        "avatar": media_name(character.avatar) if character.avatar_id else None,
    }


def sponsor_document(sponsor) -> dict[str, Any]:
    return {
        "format": FORMAT_VERSION, "slug": sponsor.slug, "name": _clean(sponsor.name),
        "disclosure": _clean(sponsor.disclosure),
        "independence_statement": _clean(sponsor.independence_statement),
    }


def registry_querysets():
    """kind → (queryset in slug order, document function)."""
    from cms.channels.models import Channel
    from cms.people.models import Character, Expert, Sponsor

    return {
        "experts": (Expert.objects.select_related("photo").prefetch_related("specialties")
                    .order_by("slug"), expert_document),
        "channels": (Channel.objects.select_related("specialty").order_by("slug"), channel_document),
        "characters": (Character.objects.select_related("avatar").order_by("slug"),
                       character_document),
        "sponsors": (Sponsor.objects.order_by("slug"), sponsor_document),
    }


def registry_media(kind: str, obj) -> list:
    """Images a registry entry shows, to be copied into content/media/."""
    image = getattr(obj, "photo" if kind == "experts" else "avatar", None) if kind in (
        "experts", "characters") else None
    return [image] if image is not None else []
