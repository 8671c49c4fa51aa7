"""The README tells the truth: every shell example in it runs (a real run where it is
quick, `--help` and the options it names where a real run is too long or needs a
cluster), and what it says about the example corpus holds."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from rashomon.cli import cli
from rashomon.ingest.sniff import sniff_format
from rashomon.options import Options

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
EXAMPLE = ROOT / "examples" / "ferry-grounding"
NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7}
# Commands of other programs the README shows for a cluster: what they need is checked
# (the `ray` extra in pyproject.toml), since they cannot run here.
ELSEWHERE = ("pip install", "ray start")


def shell_lines() -> list[str]:
    """Every command line of the README's ```sh blocks, comments stripped."""
    lines = []
    for block in re.findall(r"```sh\n(.*?)```", README, re.S):
        for line in block.splitlines():
            command = line.split(" #", 1)[0].strip()
            if command:
                lines.append(command)
    return lines


def _flags(words: list[str]) -> list[str]:
    """The options a synopsis names: `[--db rashomon.db]` -> `--db`."""
    return [w.strip("[]") for w in words if w.strip("[]").startswith("-") and w != "-"]


def _python_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")])
    return env


def check_rashomon(words: list[str]) -> None:
    """`rashomon SUB ...`: the subcommand's help names every option and value shown."""
    sub = words[0]
    result = CliRunner().invoke(cli, [sub, "--help"])
    assert result.exit_code == 0, result.output
    for flag in _flags(words[1:]):
        assert flag in result.output, (sub, flag)
    for word in words[1:]:
        if "|" in word:  # `json|html|md|csv`: each choice is offered
            assert all(v in result.output for v in word.split("|")), word


def check_make(target: str) -> None:
    """`make TARGET`: the target exists (a dry run, so nothing is built)."""
    done = subprocess.run(["make", "-n", target], cwd=ROOT, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("line", shell_lines())
def test_shell_example_runs(line: str) -> None:
    words = shlex.split(line.replace("PATH...", "PATH"))
    if line.startswith(ELSEWHERE):
        extras = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
        assert line.startswith("ray start") or re.search(r"^ray = \[", extras, re.M)
    elif words[0] == "make":
        assert shutil.which("make"), "make is not installed"
        check_make(words[1])
    elif words[0] == ".venv/bin/rashomon":
        check_rashomon(words[1:])
    elif words[:3] == ["python", "-m", "rashomon"]:
        done = subprocess.run([sys.executable, *words[1:]], cwd=ROOT, env=_python_env(),
                              capture_output=True, text=True, timeout=120)
        assert done.returncode == 0 and "analyze" in done.stdout, done.stderr
    else:
        pytest.fail(f"the README shows a command this test does not know: {line}")


def test_make_run_runs_what_the_readme_says(tmp_path: Path) -> None:
    """`make run` for real, minus building the venv: analyse the example into out/."""
    recipe = subprocess.run(["make", "-n", "-W", "pyproject.toml", "run"], cwd=ROOT,
                            capture_output=True, text=True, timeout=60).stdout
    command = next(c for c in recipe.splitlines() if "rashomon analyze" in c)
    args = shlex.split(command)[1:]
    assert args[:2] == ["analyze", "examples/ferry-grounding"]
    outputs = [str(tmp_path / Path(a).name) if a.startswith("out/") else a for a in args]
    result = CliRunner().invoke(cli, outputs[:1] + [str(EXAMPLE)] + outputs[2:])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "report.json").stat().st_size and (tmp_path / "report.html").stat().st_size
    assert "stories" in result.output  # the short summary


def test_example_corpus_is_as_the_readme_says() -> None:
    stated = re.search(r"`examples/ferry-grounding/` \((\w+) fictional reports of one ferry\s+"
                       r"accident, in (\w+) files of (\w+) formats", README)
    assert stated, "the README no longer describes the example corpus"
    reports, files, formats = (NUMBERS[w] for w in stated.groups())
    present = sorted(p for p in EXAMPLE.iterdir() if p.is_file())
    assert len(present) == files
    found = {sniff_format(p.name, p.read_text(encoding="utf-8")) for p in present}
    assert len(found) == formats and found == {"markdown", "text", "html", "rss", "jsonl"}
    from rashomon.ingest import ingest

    result = ingest([str(EXAMPLE)], Options(show_progress=False))
    assert len(result.articles) == reports and not result.problems
