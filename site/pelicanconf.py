"""Pelican settings for local builds of the kepu site (`kepu build`).

Pelican's own readers are switched off: the kepu_content plugin reads content/
through kepu.contentformat (which validates sign-offs) and writes every page
itself, so Pelican's article/category/i18n machinery never touches kepu pages.
publishconf.py imports this file and overrides what differs in production.
"""

import os
import sys
from pathlib import Path

_HERE = Path(__file__).resolve().parent
_PLUGINS = _HERE / "plugins"

# Plugins import each other by plain name (`import kepu_content`), as Pelican does.
if str(_PLUGINS) not in sys.path:
    sys.path.insert(0, str(_PLUGINS))

SITENAME = "科普"
SITENAME_EN = "Kepu Health Explained"
AUTHOR = "kepu"
# Absolute URLs are needed for canonical, hreflang, sitemap and Open Graph.
SITEURL = os.environ.get("KEPU_SITEURL", "http://127.0.0.1:8001").rstrip("/")
RELATIVE_URLS = False
TIMEZONE = "Asia/Shanghai"
DEFAULT_LANG = "zh"

PATH = os.environ.get("KEPU_CONTENT_DIR", str(_HERE.parent / "content"))
OUTPUT_PATH = os.environ.get("KEPU_OUTPUT_DIR", str(_HERE.parent / "output"))
THEME = str(_HERE.parent / "themes" / "kepu")

# Pelican reads nothing from content/: kepu_content owns it.
ARTICLE_PATHS = []
PAGE_PATHS = []
STATIC_PATHS = []
DIRECT_TEMPLATES = []
PAGINATED_TEMPLATES = {}
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = None
TRANSLATION_FEED_RSS = None
READERS = {"rst": None, "html": None, "htm": None, "md": None, "markdown": None}
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False

# kepu.build writes into a fresh folder and swaps it in whole (DESIGN.md rule 6).
DELETE_OUTPUT_DIRECTORY = False

# Every user-typed string is escaped on output (DESIGN.md rule 5).
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "extensions": [],
                     "autoescape": True}

PLUGIN_PATHS = [str(_PLUGINS)]
# kepu_content first: it builds context["kepu_site"], which the others read.
# Any other package under site/plugins/ is enabled automatically, in name order,
# so a new plugin needs no edit here.
PLUGINS = ["kepu_content"] + sorted(
    p.name for p in _PLUGINS.iterdir()
    if p.is_dir() and (p / "__init__.py").is_file() and p.name != "kepu_content"
)

# --- kepu settings -----------------------------------------------------------
KEPU_CONTENT_DIR = PATH
# Build date used for "next review due" checks (None = today, Asia/Shanghai).
KEPU_TODAY = None
# What happens to a page whose next review date has passed:
#   "notice"   → still published, with an "under review" notice
#   "withdraw" → treated as withdrawn (tombstone at its URL)
KEPU_EXPIRY_POLICY = "notice"
KEPU_PUBLISHER = {"zh": "科普健康教育编辑部", "en": "Kepu patient-education editorial team"}
# Search pages post queries here; the static search page works without it.
KEPU_SEARCH_URL = {"zh": "/zh/search/", "en": "/en/search/"}
