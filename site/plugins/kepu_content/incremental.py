"""kepu_content's side of incremental builds (issue 9): what each output is made from.

An output's key hashes its template and every variable the template is given
(outputs.py passes page lists explicitly), where a PageView stands for its
*token*: the SHA-256 of its content file plus what the build derives from
elsewhere (expired flag, og:image, URL), together with the tokens of its hub
and translations, which every content page shows (breadcrumb, hreflang). The
SiteModel itself (``site``) stands for the build's global key: code, theme,
settings, registries, media and withdrawals, any change of which makes the
next build a full one (kepu.incremental.manifest).

So one edited explainer changes the keys of: its own page, its translations,
its hub, its expert's page, the home page if it is among the latest, and
nothing else. Templates must therefore get page lists through Output.vars, not
by querying ``site`` for pages themselves.

Other plugins use the same ledger:

    ledger = kepu_content.incremental.ledger(self.context, self.settings)
    if not ledger.reuse(rel, ledger.key("qr-svg", url, title)):
        ...render and write rel...
"""

from __future__ import annotations

import datetime as dt
import json
import os
import pickle
import sys
from pathlib import Path

from kepu import paths
from kepu.incremental.manifest import OutputLedger, digest, var_dir_for
from kepu.incremental.parallel import fork_map

from .sitemodel import PageView, SiteModel, Tombstone

LEDGER_KEY = "kepu_output_ledger"
# Settings that name this build's folders, not what it produces.
_LOCAL_SETTINGS = {"OUTPUT_PATH", "PATH", "KEPU_CONTENT_DIR", "KEPU_PREVIOUS_OUTPUT",
                   "CACHE_PATH", "PLUGIN_PATHS", "THEME"}
_code_cache: dict[str, tuple[tuple, str]] = {}


# --- global key -----------------------------------------------------------------------------------

# Distributions whose version changes what is written (read from their metadata,
# not from modules: whether a module is imported yet depends on the process).
_LIBRARIES = ("pelican", "jinja2", "markdown", "nh3", "segno", "pillow", "feedgenerator", "whoosh",
              "jieba", "rjieba", "pypinyin", "pyyaml")
# The kepu code that decides what a build writes, hashed whole (with its data files).
_BUILD_CODE = ("__init__.py", "build.py", "errors.py", "paths.py",
               "channels", "contentformat", "incremental", "search")

_modules: list[Path] = []
_versions: list[str] = []


def _library_versions() -> list[str]:
    if not _versions:
        from importlib import metadata

        for name in _LIBRARIES:
            try:
                _versions.append(f"{name}={metadata.version(name)}")
            except metadata.PackageNotFoundError:
                _versions.append(f"{name}=")
    return _versions


def _code_files(theme: Path) -> list[Path]:
    """The code this build runs — kepu's build packages and every loaded site plugin,
    each file of them — and the theme.

    Not "the kepu modules this process has imported": `kepu build`, the CMS's
    publishing task and a build worker import different sets (the CLI, the
    preview, the bench harness), so each switch between them looked like a code
    change and made the next build a full one. Editing code outside these
    packages (deploy, CMS, CLI) does not force a full rebuild. Plugins count
    whole, package or module, as loaded by Pelican; the list is taken once per
    process."""
    if not _modules:
        import kepu

        base = Path(kepu.__file__).parent
        roots = [base / name for name in _BUILD_CODE]
        for name, module in list(sys.modules.items()):
            file = getattr(module, "__file__", None)
            if name.startswith("kepu_") and "." not in name and file:
                path = Path(file)
                roots.append(path.parent if path.name == "__init__.py" else path)
        for root in roots:
            if root.is_file():
                _modules.append(root)
            elif root.is_dir():
                _modules.extend(p for p in root.rglob("*")
                                if p.is_file() and "__pycache__" not in p.parts)
    files = set(_modules)
    if Path(theme).is_dir():
        files.update(p for p in Path(theme).rglob("*") if p.is_file())
    return sorted(files)


def code_digest(theme: Path) -> str:
    files = _code_files(theme)
    signature = tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in files if p.exists())
    cached = _code_cache.get(str(theme))
    if cached and cached[0] == signature:
        return cached[1]
    value = digest(*_library_versions(), *(f"{p}\n" + p.read_bytes().hex() for p in files if p.exists()))
    _code_cache[str(theme)] = (signature, value)
    return value


def _plain(value):
    """JSON for settings values; callables and objects by name, never by address."""
    if isinstance(value, (dt.date, Path)):
        return str(value)
    if isinstance(value, (set, frozenset)):
        return sorted(map(str, value))
    return getattr(value, "__qualname__", None) or getattr(value, "__name__", None) or type(value).__name__


def settings_digest(settings: dict) -> str:
    shown = {k: v for k, v in settings.items() if k.isupper() and k not in _LOCAL_SETTINGS}
    return digest(json.dumps(shown, sort_keys=True, default=_plain, ensure_ascii=False))


def global_parts(site: SiteModel, settings: dict) -> dict[str, str]:
    """What every output may depend on; any change makes the next build a full one."""
    media = site.content_root / "media" if site.content_root else None
    # Every file's size and mtime: a panel replaced by one of the same size must
    # still redraw the cards and posters made from it (they are not keyed by it).
    media_list = sorted((p.relative_to(media).as_posix(), st.st_size, st.st_mtime_ns)
                        for p in media.rglob("*") if p.is_file() for st in (p.stat(),)) \
        if media and media.is_dir() else []
    registries = json.dumps([site.experts, site.channels, site.characters, site.sponsors],
                            sort_keys=True, default=str, ensure_ascii=False)
    return {
        "code and theme": code_digest(Path(settings.get("THEME") or paths.theme_dir())),
        "settings": settings_digest(settings),
        "registries": digest(registries),
        "media": digest(repr(media_list)),
        "withdrawals": digest(repr([(t.url, t.lang, t.title, t.reason, str(t.withdrawn_at))
                                    for t in site.withdrawn])),
        "site": digest(site.siteurl, site.expiry_policy),
    }


def ledger(context: dict, settings: dict) -> OutputLedger:
    """This build's ledger (created on first use, shared by every plugin)."""
    found = context.get(LEDGER_KEY)
    if found is None:
        from . import site_model

        site = site_model(context, settings)
        live = settings.get("KEPU_PREVIOUS_OUTPUT")
        found = OutputLedger.open(Path(settings["OUTPUT_PATH"]), Path(live) if live else None,
                                  global_parts(site, settings))
        context[LEDGER_KEY] = found
    return found


# --- page tokens and output keys ------------------------------------------------------------------

class _Memo:
    """Token digests remembered across the builds of one process (a build worker
    builds a new SiteModel each time, but most pages' inputs are unchanged): a
    dict lookup instead of three digests per page. Only the last two builds'
    entries are kept, so memory stays bounded by the site."""

    def __init__(self):
        self.current: dict = {}
        self.previous: dict = {}

    def get(self, key, make, *args):
        """The value for ``key``, else ``make(*args)`` (no closure made per call:
        this runs ~30,000 times a build)."""
        value = self.current.get(key)
        if value is None:
            value = self.previous.get(key)
            if value is None:
                value = make(*args)
            self.current[key] = value
        return value

    def turn(self, site_size: int) -> None:
        if len(self.current) > 4 * max(site_size, 1000):
            self.previous, self.current = self.current, {}


_tokens = _Memo()


def _file_token(view: PageView) -> str:
    """The page file as read: its bytes' hash (from the content cache) and its URL."""
    token = view.__dict__.get("_kepu_file_token")
    if token is None:
        sha = (getattr(view.site, "_kepu_digests", None) or {}).get(view.path)
        if sha is None:  # a model built without the content cache: hash what was read
            token = digest(digest(json.dumps(view.meta, sort_keys=True, default=str,
                                              ensure_ascii=False), view.body), view.url)
        else:
            token = _tokens.get(("file", sha, view.url), digest, sha, view.url)
        view.__dict__["_kepu_file_token"] = token
    return token


def _own_token(view: PageView) -> str:
    # Taken at output time: og_image is set by kepu_share_cards in generate_context.
    token = view.__dict__.get("_kepu_own_token")
    if token is None:
        parts = (_file_token(view), str(view.expired), str(view.og_image))
        token = _tokens.get(("own", *parts), digest, *parts)
        view.__dict__["_kepu_own_token"] = token
    return token


def page_token(view: PageView) -> str:
    """The page, its hub and its translations: what any template may show of it."""
    token = view.__dict__.get("_kepu_token")
    if token is None:
        site = view.site
        # Only a view of this site model is answered from the bulk computation
        # (a preview's view may share a URL with a page of the site).
        token = entry_tokens(site).get(view.url) if site.by_url.get(view.url) is view else None
        if token is None:  # a view outside site.pages (a preview, a test)
            hub = view.hub
            token = _combined(_own_token(view), _own_token(hub) if hub is not None else "",
                              sorted(_own_token(t) for t in view.translations))
        view.__dict__["_kepu_token"] = token
    return token


def entry_token(site: SiteModel, entry) -> str:
    """page_token for a kepu.channels Entry (or anything with the page's ``url``)."""
    view = site.by_url.get(entry.url)
    return page_token(view) if view is not None else digest(repr(entry))


def entry_tokens(site: SiteModel) -> dict[str, str]:
    """{page URL: page_token} for every page, once per build (OutputLedger.stale).

    Computed for all pages together: each translation group's tokens are sorted
    once, not once per member (a view's translations are its group without it).
    Taken at output time, after every plugin's generate_context (og_image)."""
    tokens = site.__dict__.get("_kepu_page_tokens")
    if tokens is not None:
        return tokens
    own = {id(view): _own_token(view) for view in site.pages}
    groups = {key: sorted(own[id(v)] for v in members)
              for key, members in site._by_translation.items()}
    hubs = site._hubs
    tokens = {}
    for view in site.pages:
        mine = own[id(view)]
        hub = hubs.get((view.lang, view.disease))
        others = groups.get(view.meta.get("translation_key")) or ()
        if others:
            others = list(others)
            others.remove(mine)  # the group's sorted tokens without this view's own
        tokens[view.url] = _combined(mine, own[id(hub)] if hub is not None else "", others)
    site.__dict__["_kepu_page_tokens"] = tokens
    return tokens


def _combined(own: str, hub: str, translations) -> str:
    """A page's token from its own, its hub's and its translations' (sorted) tokens."""
    parts = ("page", own, hub, *translations)
    return _tokens.get(parts, digest, *parts[1:])


class _Fingerprint:
    """A stable text for template variables; shared containers are hashed once."""

    def __init__(self):
        self.memo: dict[int, tuple[object, str]] = {}  # holds the object: ids stay unique

    def of(self, value) -> str:
        parts: list[str] = []
        self._walk(value, parts)
        return digest(*parts)

    def _walk(self, value, out: list[str]) -> None:
        if value is None or isinstance(value, (str, int, float, bool)):
            out.append(repr(value))
        elif isinstance(value, PageView):
            out.append("P" + page_token(value))
        elif isinstance(value, SiteModel):
            out.append("S")  # covered by the global key
        elif isinstance(value, (dict, list, tuple)):
            if len(value) > 8:
                hit = self.memo.get(id(value))
                if hit is None:
                    hit = (value, self.of_container(value))
                    self.memo[id(value)] = hit
                out.append(hit[1])
            else:
                out.append(self.of_container(value))
        elif isinstance(value, (dt.date, Tombstone)):
            out.append(repr(value))
        else:
            # Unknown objects must not silently look unchanged: by type and str().
            out.append(f"{type(value).__qualname__}:{value}")

    def of_container(self, value) -> str:
        parts: list[str] = []
        if isinstance(value, dict):
            parts.append("{")
            for key in sorted(value, key=str):
                parts.append(repr(key))
                self._walk(value[key], parts)
        else:
            parts.append("[")
            for item in value:
                self._walk(item, parts)
        return digest(*parts)


def output_key(output, context: dict, fingerprint: _Fingerprint) -> str:
    # kepu_feed_links is keyed by the absolute URL (base.html looks it up by canonical).
    links = (context.get("kepu_feed_links") or {}).get(output.vars.get("canonical"))
    return digest(output.template, fingerprint.of(output.vars),
                  json.dumps(links, sort_keys=True, default=str) if links else "")


# --- rendered Markdown, kept between builds -------------------------------------------------------

def _html_cache_file(settings: dict) -> Path:
    live = settings.get("KEPU_PREVIOUS_OUTPUT") or settings["OUTPUT_PATH"]
    return var_dir_for(Path(live)) / "page-html.pickle"


_html_memory: dict[str, dict] = {}


def seed_html(site: SiteModel, settings: dict) -> None:
    """Give every PageView its rendered body from the last build when its file is unchanged."""
    file = _html_cache_file(settings)
    cache = _html_memory.get(str(file))
    if cache is None:
        try:
            with open(file, "rb") as fh:
                cache = pickle.load(fh)  # noqa: S301 (our own cache in var/)
        except (OSError, pickle.UnpicklingError, EOFError):
            cache = {}
    code = code_digest(Path(settings.get("THEME") or paths.theme_dir()))
    if cache.get("code") != code:
        cache = {"code": code, "html": {}}
    html = cache["html"]
    _tokens.turn(len(site.pages))
    for view in site.pages:
        hit = html.get(_file_token(view))
        if hit is not None:
            view.__dict__["html"] = hit  # functools.cached_property's slot
    _html_memory[str(file)] = cache


def save_html(site: SiteModel, settings: dict) -> None:
    file = _html_cache_file(settings)
    cache = _html_memory.get(str(file)) or {"code": "", "html": {}}
    fresh = {_file_token(v): v.__dict__["html"] for v in site.pages if "html" in v.__dict__}
    if fresh.keys() == cache["html"].keys():
        return
    cache["html"] = fresh
    file.parent.mkdir(parents=True, exist_ok=True)
    tmp = file.with_suffix(".tmp")
    with open(tmp, "wb") as fh:
        pickle.dump(cache, fh, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, file)


# --- compiled templates, kept between builds -------------------------------------------------------

_bytecode: dict[str, object] = {}


def share_compiled_templates(generator) -> None:
    """Pelican makes a new Jinja environment per generator and build, compiling every
    template again (~0.1 s each); a bytecode cache in var/ (and in memory, for a
    build worker) compiles each template once. Jinja checks the source's checksum,
    so an edited template is recompiled."""
    from jinja2 import FileSystemBytecodeCache

    live = generator.settings.get("KEPU_PREVIOUS_OUTPUT") or generator.settings["OUTPUT_PATH"]
    folder = var_dir_for(Path(live)) / "jinja"
    cache = _bytecode.get(str(folder))
    if cache is None:
        folder.mkdir(parents=True, exist_ok=True)
        cache = _bytecode[str(folder)] = FileSystemBytecodeCache(str(folder))
    generator.env.bytecode_cache = cache


# --- writing --------------------------------------------------------------------------------------

def write_site(generator, writer) -> int:
    """Every HTML file of kepu_content, rendering only those whose inputs changed.

    An explainer's or a story's page shows only itself, its hub and translations
    (its page_token) and global data, so its key is known without building its
    template variables — which would cost more than the whole check at 10,000
    pages. Hubs list their disease's pages: they are keyed from their variables,
    like the site-wide pages.
    """
    from .outputs import CONTENT_TEMPLATES, content_page_output

    book = ledger(generator.context, generator.settings)
    site = generator.site
    links = generator.context.get("kepu_feed_links") or {}
    # Pages of one disease share one feed-link list (kepu.channels.feeds): as JSON once.
    as_json: dict[int, tuple[object, str]] = {}
    lazy = []
    for page in site.pages:
        if page.type != "disease":
            found = links.get(site.absolute_url(page.url))
            text = ""
            if found:
                hit = as_json.get(id(found))
                if hit is None:
                    hit = as_json[id(found)] = (found, json.dumps(found, sort_keys=True, default=str))
                text = hit[1]
            key = book.key("page", CONTENT_TEMPLATES[page.type], page_token(page), text)
            if not book.reuse(page.save_as, key):
                lazy.append(page)
    eager = generator.outputs(content_pages=False) + [
        content_page_output(p, site) for p in site.pages if p.type == "disease"]
    return write_outputs(generator, writer, eager, lazy)


def write_outputs(generator, writer, outputs: list, pages: list | None = None) -> int:
    """Render the outputs whose key changed, and the content ``pages`` (already
    found changed), over every core; return how many were rendered."""
    from .outputs import content_page_output

    book = ledger(generator.context, generator.settings)
    fingerprint = _Fingerprint()
    todo = [o for o in outputs
            if not book.reuse(o.save_as, output_key(o, generator.context, fingerprint))]
    todo += pages or []

    def render(output):
        if isinstance(output, PageView):
            output = content_page_output(output, generator.site)
        writer.write_file(output.save_as, generator.get_template(output.template), generator.context,
                          relative_urls=False, **output.vars)
        page = output.vars.get("page")
        # Hand the rendered body back, so feeds and the API do not render it again.
        return (page.url, page.__dict__.get("html")) if isinstance(page, PageView) else None

    by_url = generator.site.by_url
    for done in fork_map(render, todo):
        if done and done[1] is not None and done[0] in by_url:
            by_url[done[0]].__dict__.setdefault("html", done[1])
    return len(todo)
