"""Render one page exactly as the site would, for the CMS admin preview.

Same pelicanconf settings, same Jinja environment (the kepu_content
generator's), same SiteModel and same template variables as `kepu build`
(kepu_content.content_page_output). Registries and the disease hub are read
from ``content_root`` when there is one; anything missing degrades to plain
text (an unknown expert is shown by the name in the sign-off, a missing hub
drops the breadcrumb link) instead of failing the preview.
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path
from typing import Any

from kepu import paths

_PREVIEW_DEFAULTS = {"format": 1, "type": "explainer", "lang": "zh", "disease": "preview",
                     "slug": "preview", "title": "", "summary": ""}


def _plugins():
    """The kepu_content plugin module, imported by the same name Pelican uses."""
    plugin_dir = str(paths.site_dir() / "plugins")
    if plugin_dir not in sys.path:
        sys.path.insert(0, plugin_dir)
    import kepu_content

    return kepu_content


def _lenient_tree(content_root: Path | None, meta: dict, body: str):
    """A ContentTree holding the registries that read cleanly, the page's hub, and the page."""
    from kepu.contentformat import ContentErrors, read_page_file, read_registry_file
    from kepu.contentformat.model import REGISTRY_KINDS
    from kepu.contentformat.reader import ContentTree, Page

    tree = ContentTree(content_root or Path("."))
    if content_root is not None and content_root.is_dir():
        for kind in REGISTRY_KINDS:
            for path in sorted((content_root / kind).glob("*.yaml")):
                try:
                    tree.registry(kind)[path.stem] = read_registry_file(path, kind, content_root)
                except (ContentErrors, OSError, ValueError):
                    continue  # a broken registry file must not break an editor's preview
        if meta["type"] != "disease":
            hub_path = content_root / meta["lang"] / meta["disease"] / "index.md"
            try:
                tree.pages.append(read_page_file(hub_path, content_root))
            except (ContentErrors, OSError):
                pass
    tree.pages.append(Page("preview", meta, body))
    return tree


def render_preview(meta: dict[str, Any], body: str, content_root=None, *,
                   media_prefix: str = "/", inline_css: bool = True) -> str:
    """The full HTML document for one page (hub, explainer or case story).

    ``media_prefix`` is put before ``media/<file>`` paths (the CMS serves media
    elsewhere); ``inline_css`` embeds the theme stylesheet so the preview needs
    no static files.
    """
    from kepu.build import pelican_settings

    kepu_content = _plugins()
    from kepu_content.filters import install_filters

    meta = {**_PREVIEW_DEFAULTS, **copy.deepcopy(meta)}
    root = Path(content_root) if content_root else None
    read_from = root if root is not None and root.is_dir() else paths.theme_dir()
    settings = pelican_settings(read_from, paths.var_dir() / "preview-unused")
    site = kepu_content.SiteModel.from_tree(
        _lenient_tree(root, meta, body), siteurl=settings.get("SITEURL", ""),
        today=kepu_content.build_date(settings), expiry_policy="notice")
    view = next(p for p in site.pages if p.path == "preview")
    generator = kepu_content.KepuSiteGenerator(
        context=settings.copy(), settings=settings, path=str(read_from),
        theme=settings["THEME"], output_path=str(paths.var_dir() / "preview-unused"))
    install_filters(generator.env)
    output = kepu_content.content_page_output(view, site)
    variables = {**settings, **output.vars, "media_prefix": media_prefix}
    if inline_css:
        variables["inline_css"] = (Path(settings["THEME"]) / "static" / "css" / "kepu.css").read_text(
            encoding="utf-8")
    return generator.get_template(output.template).render(variables)
