"""A small, token-authenticated JSON API for headless export (issue 4.2).

It serves exactly what ``kepu export`` would write — signed revisions with
their sign-off records, registries, tombstones and media bytes — and nothing
else: no drafts, no unsigned pages, no editor-only fields. The remote exporter
(cms/exporting/remote.py) turns the responses into the same bytes as the ORM
export, because both feed the same documents to ``export.build_files``.

Authentication: ``Authorization: Bearer <token>`` with either a Wagtail API
token (Settings → API tokens, revocable, tied to an active admin user) or the
shared secret in ``KEPU_API_TOKEN``. Lists are paginated with ``?page=N``
(``page_size`` up to 200).
"""

from __future__ import annotations

import hashlib
import hmac
import mimetypes
from functools import wraps

from django.conf import settings
from django.http import Http404, HttpResponse, JsonResponse
from django.views.decorators.http import require_GET

from kepu.contentformat import FORMAT_VERSION
from kepu.contentformat.model import REGISTRY_KINDS

from .export import ExportRefused, registry_documents, verified_document
from .snapshot import publication_state

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


def _presented_token(request) -> str:
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    return token.strip() if scheme.lower() in ("bearer", "token") else ""


def token_is_valid(token: str) -> bool:
    if not token:
        return False
    shared = getattr(settings, "KEPU_API_TOKEN", "") or ""
    if shared and hmac.compare_digest(token.encode(), shared.encode()):
        return True
    from wagtail.models import APIToken

    api_token = (APIToken.objects.select_related("user")
                 .filter(key_hash__in=APIToken.candidate_key_hashes(token), revoked_at__isnull=True)
                 .first())
    user = api_token.user if api_token else None
    return bool(user and user.is_active and user.has_perm("wagtailadmin.access_admin"))


def token_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not token_is_valid(_presented_token(request)):
            response = JsonResponse({"error": "a valid API token is required "
                                              "(Authorization: Bearer <token>)"}, status=401)
            response["WWW-Authenticate"] = 'Bearer realm="kepu"'
            return response
        return view(request, *args, **kwargs)

    return require_GET(wrapper)


def _int(value, default):
    try:
        return max(1, int(value))
    except (TypeError, ValueError):
        return default


def _paginate(request, items, to_result):
    """``{count, page, next, results}`` for one page of ``items``."""
    size = min(_int(request.GET.get("page_size"), DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE)
    number = _int(request.GET.get("page"), 1)
    start = (number - 1) * size
    chunk = items[start:start + size]
    next_url = None
    if start + size < len(items):
        query = request.GET.copy()
        query["page"] = str(number + 1)
        query["page_size"] = str(size)
        next_url = request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
    return JsonResponse({"count": len(items), "page": number, "next": next_url,
                         "results": [to_result(item) for item in chunk]},
                        json_dumps_params={"ensure_ascii": False})


@token_required
def index(request):
    base = request.build_absolute_uri
    return JsonResponse({
        "format": FORMAT_VERSION,
        "pages": base("pages/"),
        "signoffs": base("signoffs/"),
        "registries": {kind: base(f"registries/{kind}/") for kind in REGISTRY_KINDS},
        "withdrawn": base("withdrawn/"),
        "expired": base("expired/"),
        "media": base("media/"),
    })


def _page_result(entry):
    meta, body, media = verified_document(entry)
    return {"meta": meta, "body": body, "media": sorted(media)}


@token_required
def pages(request):
    """Signed revisions of every exportable page, as content-format documents."""
    from .serialize import lookup_cache

    entries = publication_state().entries
    try:
        with lookup_cache():
            return _paginate(request, entries, _page_result)
    except ExportRefused as exc:
        return JsonResponse({"error": str(exc), "problems": exc.problems}, status=409,
                            json_dumps_params={"ensure_ascii": False})


@token_required
def signoffs(request):
    """The sign-off records behind the exported pages (audit: who signed what, when)."""
    from .serialize import signoff_record

    entries = publication_state().entries
    return _paginate(request, entries, lambda e: {"page": e.page.pk,
                                                  "signoff": signoff_record(e.signoff)})


@token_required
def registry(request, kind):
    if kind not in REGISTRY_KINDS:
        raise Http404(f"unknown registry {kind!r}")
    docs, images = registry_documents()
    by_doc = []
    for data in docs[kind]:
        media = sorted(v for k, v in data.items() if k in ("photo", "avatar") and v)
        by_doc.append({"document": data, "media": media})
    return _paginate(request, by_doc, lambda item: item)


@token_required
def withdrawn(request):
    return _paginate(request, publication_state().tombstones, lambda t: t)


@token_required
def expired(request):
    return _paginate(request, publication_state().expired, lambda e: e)


def _image_for(name: str):
    from wagtail.images import get_image_model

    from .serialize import media_name

    for image in get_image_model().objects.order_by("pk"):
        if media_name(image) == f"media/{name}":
            return image
    return None


@token_required
def media(request, name):
    """Bytes of one illustration by its content-hashed name (from a page's ``media`` list)."""
    from .serialize import read_image_bytes

    image = _image_for(name)
    if image is None:
        raise Http404("no such media file")
    data = read_image_bytes(image)
    response = HttpResponse(data, content_type=mimetypes.guess_type(name)[0]
                            or "application/octet-stream")
    response["ETag"] = '"' + hashlib.sha256(data).hexdigest() + '"'
    response["Cache-Control"] = "private, max-age=31536000, immutable"
    return response
