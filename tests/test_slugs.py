from cms.base.slugs import pinyin_slug


def test_chinese_titles_become_pinyin_slugs():
    assert pinyin_slug("高血压") == "gao-xue-ya"
    assert pinyin_slug("血压高，头晕") == "xue-ya-gao-tou-yun"


def test_english_titles_keep_their_words():
    assert pinyin_slug("Asthma in kids!") == "asthma-in-kids"
