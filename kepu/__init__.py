"""kepu: reviewed patient education, from a Wagtail CMS to a static site."""

__version__ = "0.1.0"
