"""Admin for the people behind the content, under one "People" menu."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Character, Expert, Specialty, Sponsor


class ExpertViewSet(SnippetViewSet):
    model = Expert
    icon = "user"
    menu_label = "专家 Experts"
    list_display = ["name", "title", "hospital", "licence_number", "user"]
    list_filter = ["specialties"]
    search_fields = ["name", "name_en", "hospital"]
    search_backend_name = None  # plain ORM icontains: works for Chinese names


class CharacterViewSet(SnippetViewSet):
    model = Character
    icon = "openquote"
    menu_label = "卡通角色 Characters"
    list_display = ["name", "name_en", "slug"]


class SponsorViewSet(SnippetViewSet):
    model = Sponsor
    icon = "pick"
    menu_label = "资助方 Sponsors"
    list_display = ["name", "slug"]


class SpecialtyViewSet(SnippetViewSet):
    model = Specialty
    icon = "tag"
    menu_label = "专科 Specialties"
    list_display = ["name_zh", "name_en", "slug"]


class PeopleGroup(SnippetViewSetGroup):
    items = (ExpertViewSet, CharacterViewSet, SponsorViewSet, SpecialtyViewSet)
    menu_icon = "group"
    menu_label = "人员 People"
    menu_name = "people"
    menu_order = 210


register_snippet(PeopleGroup)
