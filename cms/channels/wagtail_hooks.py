"""Admin for distribution channels (Douyin accounts, WeChat groups, the website)."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Channel


class ChannelViewSet(SnippetViewSet):
    model = Channel
    icon = "globe"
    menu_label = "渠道 Channels"
    menu_name = "channels"
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["name", "kind", "region", "specialty", "language"]
    list_filter = ["kind", "language"]
    search_fields = ["name", "region", "handle"]
    search_backend_name = None  # plain ORM icontains: works for Chinese names


register_snippet(ChannelViewSet)
