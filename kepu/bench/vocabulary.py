"""A realistic vocabulary for the benchmark corpus.

The phrase banks (phrases.py) make pages that read like patient education, but
from a few hundred words: a 10,000-page corpus held 949 distinct search terms,
where real sites hold tens of thousands, and nearly every clause repeated. That
flattered everything that grows with the vocabulary or is cached per clause
(jieba's work, postings, the query dictionary, pinyin keys, the zero-server
index) and so the benchmark's search figures.

So some sentences are filled from a large vocabulary drawn the way real text
draws words: by Zipf's law (the r-th commonest word about 1/r as often).

* Chinese: nouns, verbs and adjectives of two to four characters from jieba's
  own dictionary (shipped with the pinned jieba, so the corpus stays the same
  bytes for the same seed), commonest first.
* English: everyday words from the phrase banks and medical terms made from
  Greek and Latin word parts (cardio + pathy, gastro + scopy, ...), which is
  how much of a patient-education vocabulary is built.

Terms the compliance lists flag (superlatives, efficacy claims, brands,
purchase phrases) are left out, so the corpus stays clean for `kepu check`.
"""

from __future__ import annotations

import functools
import itertools
import random
import re
from pathlib import Path

from . import phrases as P

# How many of the commonest words of each kind are drawn from.
ZH_KINDS = {"n": 24_000, "v": 9_000, "a": 2_500, "vn": 2_500}
CJK_WORD = re.compile("[\u4e00-\u9fff]{2,4}")

PREFIXES = ["cardio", "gastro", "neuro", "hepato", "nephro", "osteo", "pneumo", "dermato",
            "haemato", "myo", "arthro", "broncho", "entero", "colo", "cysto", "encephalo",
            "endo", "hystero", "laryngo", "masto", "oto", "rhino", "pharyngo", "spondylo",
            "thoraco", "uro", "vaso", "angio", "cerebro", "chondro", "immuno", "lympho",
            "oesophago", "procto", "pyelo", "sialo", "thrombo", "tracheo", "ophthalmo", "glosso"]
SUFFIXES = ["logy", "pathy", "itis", "osis", "ectomy", "plasty", "scopy", "gram", "graphy",
            "algia", "megaly", "rrhoea", "stomy", "tomy", "penia", "spasm", "malacia", "sclerosis",
            "stenosis", "dynia", "lysis", "cele", "ptosis", "trophy"]


def _banned() -> re.Pattern:
    from kepu.compliance.termlists import shipped

    terms = [t for name in ("absolute_terms.txt", "efficacy_terms.txt", "brands.txt",
                            "purchase_phrases.txt") for t in shipped(name)]
    return re.compile("|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True)),
                      re.IGNORECASE)


def _zipf(words: list[str]) -> tuple[list[str], list[float]]:
    """``words`` (commonest first) with cumulative Zipf weights for random.choices."""
    return words, list(itertools.accumulate(1.0 / (rank + 10) for rank in range(len(words))))


@functools.cache
def zh_words() -> dict[str, tuple[list[str], list[float]]]:
    """{kind: (words, cumulative weights)} from jieba's dictionary."""
    import jieba

    from kepu.search.analysis import ZH_STOP

    banned = _banned()
    found: dict[str, list[tuple[int, str]]] = {kind: [] for kind in ZH_KINDS}
    dictionary = Path(jieba.__file__).parent / "dict.txt"
    with dictionary.open(encoding="utf-8") as lines:
        for line in lines:
            word, freq, kind = line.split()
            if (kind in found and CJK_WORD.fullmatch(word) and word not in ZH_STOP
                    and not banned.search(word)):
                found[kind].append((int(freq), word))
    out = {}
    for kind, limit in ZH_KINDS.items():
        ranked = sorted(found[kind], key=lambda fw: (-fw[0], fw[1]))[:limit]
        out[kind] = _zipf([w for _, w in ranked])
    return out


@functools.cache
def en_words() -> tuple[list[str], list[float]]:
    """Medical compounds, the commoner first (shorter, one part, then two)."""
    banned = _banned()
    simple = [p.rstrip("o") + s if s[0] in "aeiou" else p + s for p in PREFIXES for s in SUFFIXES]
    double = [a + b.rstrip("o") + s if s[0] in "aeiou" else a + b + s
              for a in PREFIXES for b in PREFIXES if a != b for s in SUFFIXES[:12]]
    words = [w for w in dict.fromkeys(simple + double) if not banned.search(w)]
    return _zipf(words)


def _pick(rng: random.Random, pool: tuple[list[str], list[float]]) -> str:
    words, cumulative = pool
    return rng.choices(words, cum_weights=cumulative)[0]


def zh_sentence(rng: random.Random, d: str) -> str:
    """One sentence of everyday Chinese built round the vocabulary's words."""
    pools = zh_words()
    n = functools.partial(_pick, rng, pools["n"])
    v = functools.partial(_pick, rng, pools["v"])
    a = functools.partial(_pick, rng, pools["a"])
    vn = functools.partial(_pick, rng, pools["vn"])
    form = rng.randrange(5)
    if form == 0:
        return f"{n()}和{n()}都会影响{d}患者的{n()}，{rng.choice(P.ZH_WHY)}。"
    if form == 1:
        return f"医生提醒，{v()}{n()}之前，可以先{v()}{n()}。"
    if form == 2:
        return f"{a()}的{n()}需要{vn()}，{v()}{n()}也很重要。"
    if form == 3:
        return f"{rng.choice(P.ZH_WHO)}在{n()}方面常有{a()}的{n()}，可以{v()}。"
    return f"如果出现{n()}或{n()}，{rng.choice(P.ZH_WARN)}。"


def en_sentence(rng: random.Random, d: str) -> str:
    """One English sentence that names terms from the vocabulary."""
    pool = en_words()
    t = functools.partial(_pick, rng, pool)
    form = rng.randrange(3)
    if form == 0:
        return f"Some people with {d} also hear about {t()} or {t()}; ask what they mean for you."
    if form == 1:
        return f"A {t()} is different from a {t()}, and your doctor can explain both."
    return f"Words like {t()}, {t()} and {t()} may appear on a report; {rng.choice(P.EN_WHY)}."
