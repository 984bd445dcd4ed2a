"""Admin search finds 血压 inside 高血压 (jieba-segmented index and queries, issue 3)."""

from cms.base.zh_search import index_text, query_text
from cms.content.models import Explainer


def test_segmentation_splits_compound_words():
    assert "血压" in index_text("高血压怎么办").split()
    assert query_text("血压怎么办") == "血压 怎么办"
    assert query_text("blood pressure") == "blood pressure"


def test_admin_page_search_finds_a_word_inside_a_title(tree, client):
    client.force_login(tree.editor)
    response = client.get("/admin/pages/search/", {"q": "血压"})
    assert response.status_code == 200
    assert "高血压怎么办" in response.content.decode()


def test_search_api_finds_segmented_text_in_summary_and_title(tree):
    titles = {p.title for p in Explainer.objects.search("血压")}
    assert "高血压怎么办" in titles
    assert {p.title for p in Explainer.objects.autocomplete("血压怎么")} == {"高血压怎么办"}
    assert not list(Explainer.objects.search("糖尿病"))
