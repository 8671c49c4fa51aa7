"""The package layout holds: stages import only earlier stages, no import circles, small
modules, and each stage package imports on its own."""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import rashomon

ROOT = Path(rashomon.__file__).parent
# The order of the layers: a module may import its own package and any earlier layer.
LAYERS = (
    ("", "models", "options", "errors", "common", "embeddings"),
    ("ingest",), ("annotate",), ("claims",), ("stories",), ("crosscheck",), ("report",),
    ("engine",), ("store",), ("web",), ("cli", "__main__"),
)
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}
STAGES = ("ingest", "annotate", "claims", "stories", "crosscheck", "report", "store",
          "engine", "web")
MAX_LINES = 500


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(ROOT.rglob("*.py"))}


def _imports(name: str, path: Path, known: set[str]) -> Iterator[str]:
    """The rashomon modules ``name`` imports, anywhere in its code (lazy imports too)."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names if a.name.split(".")[0] == "rashomon")
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[:len(parts) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            if base.split(".")[0] != "rashomon":
                continue
            for alias in node.names:  # `from pkg import module` imports the module
                sub = f"{base}.{alias.name}"
                yield sub if sub in known else base


def _graph() -> dict[str, set[str]]:
    modules = _modules()
    known = set(modules)
    return {name: set(_imports(name, path, known)) - {name} for name, path in modules.items()}


def _layer(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def test_no_module_imports_a_later_layer() -> None:
    wrong = [f"{a} imports {b}" for a, targets in _graph().items() for b in targets
             if RANK[_layer(b)] > RANK[_layer(a)]]
    assert wrong == []


def test_there_is_no_import_circle() -> None:
    graph = _graph()
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    circles: list[list[str]] = []

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                circles.append([*path[path.index(target):], target])
            elif target not in state:
                visit(target, [*path, target])
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module, [module])
    # A package's __init__ re-exporting its modules is no circle of code.
    real = [c for c in circles if not any(_is_package(m) for m in c)]
    assert real == []


def _is_package(module: str) -> bool:
    return (ROOT.parent / module.replace(".", "/") / "__init__.py").is_file()


@pytest.mark.parametrize("name", sorted(_modules()))
def test_modules_stay_small(name: str) -> None:
    lines = _modules()[name].read_text(encoding="utf-8").count("\n")
    assert lines <= MAX_LINES, f"{name} has {lines} lines"


@pytest.mark.parametrize("stage", STAGES)
def test_each_stage_package_imports_alone_and_says_what_it_does(stage: str) -> None:
    module = f"rashomon.{stage}"
    proc = subprocess.run([sys.executable, "-c", f"import {module}; print({module}.__doc__)"],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert len(proc.stdout.strip()) > 40
