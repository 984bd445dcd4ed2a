"""The language roots of the page tree: one HomePage per locale."""

from wagtail.models import Page


class HomePage(Page):
    """Root of one language's tree; disease hubs live directly below it."""

    subpage_types = ["content.DiseaseHub"]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "home page (language root)"
