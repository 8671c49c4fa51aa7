"""Turn what the user typed (files, folders, globs, '-', URLs) into inputs to read."""

from __future__ import annotations

import glob
import logging
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError

log = logging.getLogger(__name__)

# Files in a folder that are plainly not articles: skipped with a note, not an error.
_NOT_ARTICLES = frozenset(
    [
        ".png",
        ".jpg",
        ".jpeg",
        ".gif",
        ".webp",
        ".svg",
        ".ico",
        ".bmp",
        ".tif",
        ".tiff",
        ".mp3",
        ".mp4",
        ".mov",
        ".avi",
        ".wav",
        ".ogg",
        ".zip",
        ".gz",
        ".tgz",
        ".bz2",
        ".xz",
        ".7z",
        ".tar",
        ".pdf",
        ".doc",
        ".docx",
        ".xls",
        ".xlsx",
        ".ppt",
        ".pptx",
        ".exe",
        ".dll",
        ".so",
        ".pyc",
        ".db",
        ".sqlite",
        ".css",
        ".js",
        ".woff",
        ".woff2",
        ".ttf",
        ".otf",
        ".ds_store",
    ]
)


@dataclass(frozen=True, slots=True)
class InputItem:
    """One thing to read: ``path`` is relative to its input root; ``group`` its folder."""

    where: str
    path: str
    group: str
    load: Callable[[], bytes]
    url: str | None = None


def is_url(arg: str) -> bool:
    """Whether an argument is an http(s) URL to fetch."""
    return arg.lower().startswith(("http://", "https://"))


def _is_glob(arg: str) -> bool:
    return any(ch in arg for ch in "*?[")


def _file_reader(path: Path, max_bytes: int) -> Callable[[], bytes]:
    def load() -> bytes:
        try:
            size = path.stat().st_size
            if size > max_bytes:
                raise InputError(str(path), f"file too large ({size} bytes, limit {max_bytes})")
            return path.read_bytes()
        except OSError as exc:
            raise InputError(str(path), exc.strerror or str(exc)) from None

    return load


def _item(path: Path, root: Path, group: str, max_bytes: int) -> InputItem:
    rel = path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name
    folder = str(Path(group, rel).parent)
    return InputItem(str(path), rel, folder, _file_reader(path, max_bytes))


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _walk(root: Path, max_bytes: int) -> Iterator[InputItem | InputError]:
    found = False
    for path in sorted(p for p in root.rglob("*") if p.is_file() and not _hidden(p, root)):
        if path.suffix.lower() in _NOT_ARTICLES:
            log.info("%s: skipped, not an article format", path)
            continue
        found = True
        yield _item(path, root, str(root), max_bytes)
    if not found:
        yield InputError(str(root), "no articles found in this directory")


def _expand_glob(pattern: str, max_bytes: int) -> Iterator[InputItem | InputError]:
    matches = sorted(Path(p) for p in glob.glob(pattern, recursive=True))
    files = [p for p in matches if p.is_file()]
    if not files:
        yield InputError(pattern, "no files match this pattern")
        return
    root = Path(os.path.commonpath([str(p.parent) for p in files]))
    for path in files:
        yield _item(path, root, str(root), max_bytes)


def _url_reader(fetch: Callable[[str], bytes], url: str) -> Callable[[], bytes]:
    return lambda: fetch(url)


def _stdin_item() -> InputItem:
    return InputItem("<stdin>", "stdin", "stdin", lambda: sys.stdin.buffer.read())


def expand_inputs(
    args: list[str], max_bytes: int, fetch: Callable[[str], bytes] | None = None
) -> Iterator[InputItem | InputError]:
    """Yield an `InputItem` per file to read, or an `InputError` for an argument that fails."""
    for arg in args:
        if arg == "-":
            yield _stdin_item()
        elif is_url(arg):
            if fetch is None:
                yield InputError(arg, "fetching URLs is not enabled here")
                continue
            yield InputItem(arg, arg, "urls", _url_reader(fetch, arg), url=arg)
        elif os.path.isdir(arg):
            yield from _walk(Path(arg), max_bytes)
        elif os.path.isfile(arg):
            path = Path(arg)
            yield _item(path, path.parent, str(path.parent), max_bytes)
        elif _is_glob(arg):
            yield from _expand_glob(arg, max_bytes)
        else:
            yield InputError(arg, "no such file or directory")
