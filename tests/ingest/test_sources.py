"""Expanding user arguments into inputs."""

from __future__ import annotations

from pathlib import Path

from rashomon.errors import InputError
from rashomon.ingest.sources import InputItem, expand_inputs, is_url


def _items(args: list[str]) -> list[InputItem | InputError]:
    return list(expand_inputs(args, 10_000, fetch=lambda url: b"page"))


def test_folder_is_walked_recursively_skipping_hidden_and_images(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("a")
    (tmp_path / "sub" / "b.md").write_text("b")
    (tmp_path / ".hidden.txt").write_text("h")
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8")
    items = _items([str(tmp_path)])
    assert [i.path for i in items if isinstance(i, InputItem)] == ["a.txt", "sub/b.md"]


def test_missing_and_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    errors = _items([str(tmp_path / "missing.txt"), str(tmp_path / "empty")])
    assert [e.problem for e in errors if isinstance(e, InputError)] == [
        "no such file or directory", "no articles found in this directory"]


def test_url_is_fetched_lazily() -> None:
    [item] = _items(["https://news.example/a"])
    assert isinstance(item, InputItem)
    assert item.url == "https://news.example/a"
    assert item.load() == b"page"


def test_oversized_file_is_an_input_error(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("x" * 20_000)
    [item] = _items([str(big)])
    assert isinstance(item, InputItem)
    try:
        item.load()
    except InputError as exc:
        assert "too large" in exc.problem
    else:
        raise AssertionError("expected InputError")


def test_is_url() -> None:
    assert is_url("HTTPS://x.example") and not is_url("file.txt")
