"""The build reads each page file once: its bytes are hashed for the content
cache and then parsed (kepu/incremental/contentcache.py passes them to
read_page_file). A page must come out exactly as reading the file as text
gives it — line ends, a byte-order mark, bad UTF-8 and all."""

import pytest

from kepu.bench.corpus import generate_corpus
from kepu.contentformat import ContentErrors
from kepu.contentformat.reader import read_page_file


def _read(path, root, **kwargs):
    try:
        page = read_page_file(path, root, **kwargs)
    except ContentErrors as exc:
        return ("errors", [str(e) for e in exc.errors])
    return ("page", page.path, page.meta, page.body, page.lines)


@pytest.mark.parametrize("variant", ["as written", "CRLF", "CR", "CRLF in the body only", "BOM",
                                     "bad UTF-8", "NEL and LS"])
def test_a_page_read_from_its_bytes_is_the_page_read_from_its_file(tmp_path, variant):
    root = generate_corpus(tmp_path / "c", pages=6, seed=2).root
    # A page whose body has several lines, so that its line ends matter.
    path = next(p for p in sorted(root.glob("*/*/*.md"))
                if p.name != "index.md" and p.read_bytes().split(b"\n---\n", 1)[1].strip().count(b"\n") > 1)
    data = path.read_bytes()
    front, sep, body = data.partition(b"\n---\n")
    data = {
        "as written": data,
        "CRLF": data.replace(b"\n", b"\r\n"),
        "CR": data.replace(b"\n", b"\r"),
        "CRLF in the body only": front + sep + body.replace(b"\n", b"\r\n") + b"\r",
        "BOM": b"\xef\xbb\xbf" + data,
        "bad UTF-8": data.replace(b"\n---\n", b"\n---\n\xff\xfe", 1),
        "NEL and LS": data + "\u0085a\u2028b\n".encode(),
    }[variant]
    path.write_bytes(data)
    from_file = _read(path, root)
    assert _read(path, root, data=data) == from_file
    if variant == "as written":
        assert from_file[0] == "page"
    if variant == "bad UTF-8":
        assert from_file[0] == "errors" and "not UTF-8" in from_file[1][0]
