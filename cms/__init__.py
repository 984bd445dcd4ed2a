"""The kepu CMS: a Django project with one Wagtail app per bounded context."""
