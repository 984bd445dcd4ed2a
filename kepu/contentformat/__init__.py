"""The content/ contract between the CMS and the static site.

Everything that crosses from the CMS to the build passes through here: the
writer used by ``kepu export`` and the reader used by the Pelican plugins and
``kepu check``. Keeping both halves in one package is what makes "the CMS and
the site agree on what was signed" checkable. See docs/content-format.md.
"""

from .errors import ContentError, ContentErrors
from .hashing import content_hash, signed_view
from .model import FORMAT_VERSION, PAGE_TYPES
from .reader import load_content_tree, read_page_file, read_registry_file
from .writer import dump_page, page_relpath, write_tree

__all__ = [
    "FORMAT_VERSION",
    "PAGE_TYPES",
    "ContentError",
    "ContentErrors",
    "content_hash",
    "dump_page",
    "load_content_tree",
    "page_relpath",
    "read_page_file",
    "read_registry_file",
    "signed_view",
    "write_tree",
]
