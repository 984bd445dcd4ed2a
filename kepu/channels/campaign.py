"""Campaign tagging: every link a channel posts says which channel it came from.

The four utm_* fields of a channel (content/channels/<slug>.yaml) are added to
the link's query, replacing any utm_* already there (a link is tagged for one
channel only) and keeping every other parameter and the #fragment.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

UTM_FIELDS = ("utm_source", "utm_medium", "utm_campaign", "utm_content")


def campaign_params(channel: dict) -> list[tuple[str, str]]:
    """The channel's utm parameters in a fixed order; ``utm_source`` defaults to the slug
    so even a channel registered without tags is still told apart in analytics."""
    params = []
    for name in UTM_FIELDS:
        value = channel.get(name)
        if not value and name == "utm_source":
            value = channel.get("slug")
        if value:
            params.append((name, str(value)))
    return params


def tag_url(url: str, channel: dict) -> str:
    parts = urlsplit(url)
    kept = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if k not in UTM_FIELDS]
    query = urlencode(kept + campaign_params(channel))
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, parts.fragment))
