"""decode_bytes: BOMs, declared charsets that lie, detection, and refusals."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from rashomon.errors import InputError
from rashomon.ingest.decode import declared_encoding, decode_bytes

FORMATS = Path(__file__).parents[1] / "fixtures" / "formats"


def test_plain_utf8() -> None:
    assert decode_bytes("Ružomberok – “fine”".encode(), "a.txt") == "Ružomberok – “fine”"


def test_empty_file_is_refused() -> None:
    with pytest.raises(InputError) as info:
        decode_bytes((FORMATS / "empty.txt").read_bytes(), "empty.txt")
    assert info.value.where == "empty.txt"
    assert info.value.problem == "empty file"


def test_whitespace_only_counts_as_empty() -> None:
    with pytest.raises(InputError, match="empty file"):
        decode_bytes(b"  \n\t\n", "blank.txt")


def test_binary_file_is_refused(tmp_path: Path) -> None:
    blob = tmp_path / "photo.txt"
    blob.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    with pytest.raises(InputError, match="binary file, not text"):
        decode_bytes(blob.read_bytes(), "photo.txt")


def test_nul_bytes_mean_binary() -> None:
    with pytest.raises(InputError, match="binary"):
        decode_bytes(b"abc\x00\x01\x02def\x00\x00\xff\xfe\x00" * 20, "x.bin")


def test_utf16_with_bom() -> None:
    text = decode_bytes((FORMATS / "utf16_bom.txt").read_bytes(), "utf16_bom.txt")
    assert text.startswith("UTF-16 text: Ružomberok café “quoted”.")
    assert "\ufeff" not in text


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-32"])
def test_every_bom(encoding: str) -> None:
    assert decode_bytes("Zacatecas – día".encode(encoding), "f") == "Zacatecas – día"


def test_utf16_without_bom() -> None:
    assert decode_bytes("Plain words here".encode("utf-16-le"), "f") == "Plain words here"


def test_cp1252_declared_utf8_falls_back_and_warns(caplog: pytest.LogCaptureFixture) -> None:
    data = (FORMATS / "cp1252_declared_utf8.html").read_bytes()
    with caplog.at_level(logging.WARNING, logger="rashomon.ingest.decode"):
        text = decode_bytes(data, "page.html")
    assert "café owner said the “final” price was € 5 – a rise" in text
    assert any("declared" in r.getMessage() for r in caplog.records)


def test_latin1_declared_but_utf8(caplog: pytest.LogCaptureFixture) -> None:
    data = '<?xml version="1.0" encoding="ISO-8859-1"?><rss><t>Peña – “sí”</t></rss>'.encode()
    with caplog.at_level(logging.WARNING, logger="rashomon.ingest.decode"):
        assert "Peña – “sí”" in decode_bytes(data, "feed.xml")
    assert caplog.records


def test_declared_latin1_that_is_latin1() -> None:
    data = '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">'
    data += "<p>Peña said “no”</p>"
    assert "Peña said “no”" in decode_bytes(data.encode("cp1252"), "p.html")


def test_undeclared_cp1252_is_detected() -> None:
    text = "São Paulo’s mayor said the situation is “grave” — nobody knows."
    assert decode_bytes(text.encode("cp1252"), "f.txt") == text


def test_declared_encoding_names() -> None:
    assert declared_encoding(b'<meta charset="UTF-8">') == "utf-8"
    assert declared_encoding(b"<?xml version='1.0' encoding='windows-1252'?>") == "cp1252"
    assert declared_encoding(b"<p>no declaration</p>") is None
    assert declared_encoding(b'<meta charset="no-such-charset">') is None


@pytest.mark.parametrize(("data", "expected", "replaced"), [
    ("Ålesund harbour reopened, officials said.".encode() + b"\xff tail",
     "Ålesund harbour reopened, officials said.\ufffd tail", 1),
    (b"\x80" + "Sørvåg and Ålesund".encode() + b"\xc3", "\ufffdSørvåg and Ålesund\ufffd", 2),
    ("Clean UTF-8: Ålesund".encode(), "Clean UTF-8: Ålesund", 0),
    ("Latin-1 only: Ålesund, Sørvåg".encode("latin-1"), "Latin-1 only: Ålesund, Sørvåg", 0),
])
def test_stray_bytes_in_utf8_are_replaced_and_counted(data: bytes, expected: str,
                                                      replaced: int) -> None:
    from rashomon.ingest.decode import decode_reported

    assert decode_reported(data, "x.txt") == (expected, replaced)
