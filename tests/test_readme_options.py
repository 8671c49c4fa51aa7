"""The README's commands and options work as written (parsed by the CLI, not run)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import click
import pytest

from rashomon.cli import cli
from rashomon.options import OPTION_TABLE

README = Path(__file__).resolve().parents[1] / "README.md"
_BLOCK = re.compile(r"```(?:sh|bash|console)\n(.*?)```", re.S)
# Options the README documents for rendering HTML only: `analyze`, `export`, `serve`.
_HTML_ONLY = {"map_tiles"}
# Options of a command that writes the store; `analyze` writes none.
_STORE_ONLY = {"lock_timeout"}


def _examples() -> list[list[str]]:
    """Every `rashomon ...` line of the README's shell blocks, as arguments."""
    found = []
    for block in _BLOCK.findall(README.read_text(encoding="utf-8")):
        for line in block.splitlines():
            words = shlex.split(line.split("#", 1)[0])
            if "rashomon" in words:
                found.append(words[words.index("rashomon") + 1:])
            elif words[:1] and words[0].endswith("bin/rashomon"):
                found.append(words[1:])
    return found


def _concrete(words: list[str]) -> list[str]:
    """A synopsis as arguments: optional parts kept, the first of each choice taken."""
    out = []
    for word in words:
        word = word.strip("[]").split("|")[0]
        out.append("PATH" if word == "PATH..." else word)
    return [w for w in out if w]


EXAMPLES = _examples()


def test_the_readme_has_examples() -> None:
    assert len(EXAMPLES) >= 8 and any("--workers" in e for e in EXAMPLES)


@pytest.mark.parametrize("words", EXAMPLES, ids=[" ".join(e) for e in EXAMPLES])
def test_each_readme_command_parses(words: list[str]) -> None:
    args = _concrete(words)
    if args == ["--help"]:
        return
    command = cli.get_command(click.Context(cli), args[0])
    assert command is not None, f"no command {args[0]}"
    command.make_context(args[0], args[1:])  # raises on an unknown option or a bad value


def _documented_flags(command: str) -> set[str]:
    text = README.read_text(encoding="utf-8")
    skip = _HTML_ONLY | (_STORE_ONLY if command == "analyze" else set())
    flags = {"--" + name.replace("_", "-") for name in OPTION_TABLE if name not in skip}
    return {flag for flag in flags if re.search(re.escape(flag) + r"\b", text)}


@pytest.mark.parametrize("name", ["analyze", "add"])
def test_every_documented_option_works_on_analyze_and_add(name: str) -> None:
    command = cli.get_command(click.Context(cli), name)
    assert command is not None
    accepted = {opt for p in command.params for opt in (*p.opts, *p.secondary_opts)}
    documented = _documented_flags(name)
    assert {"--workers", "--spacy-model", "--extra-geonames"} <= documented
    assert documented - accepted == set()
