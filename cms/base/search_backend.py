"""The database search backend, with Chinese queries segmented like the index.

Use as ``WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "cms.base.search_backend"}}``.
Wraps whichever database backend modelsearch picks for the connection
(SQLite FTS5, PostgreSQL, fallback), so it works on every database kepu runs on.
"""

from modelsearch.backends.database import SearchBackend as database_backend

from .zh_search import query_text

_classes: dict[type, type] = {}


class ChineseQueryMixin:
    def search(self, query, model_or_queryset, *args, **kwargs):
        if isinstance(query, str):
            query = query_text(query)
        return super().search(query, model_or_queryset, *args, **kwargs)

    def autocomplete(self, query, model_or_queryset, *args, **kwargs):
        if isinstance(query, str):
            query = query_text(query)
        return super().autocomplete(query, model_or_queryset, *args, **kwargs)


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks up in a backend module
    base = type(database_backend(params))
    if base not in _classes:
        _classes[base] = type(f"Chinese{base.__name__}", (ChineseQueryMixin, base), {})
    return _classes[base](params)
