"""The shape the design promises: the core drives no engine but through one adapter, and every
module and function stays small enough to read at once (DESIGN.md, STYLE.md)."""

from __future__ import annotations

import ast

import pytest
from conftest import REPO

pytestmark = pytest.mark.unit

CORE = sorted((REPO / "kb").rglob("*.py"))
ENGINE_ADAPTER = REPO / "kb" / "engine.py"
MAX_MODULE_LINES = 300
MAX_FUNCTION_LINES = 60


def imported_modules(tree: ast.AST) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_only_the_engine_adapter_imports_mkdocs():
    importers = [path.relative_to(REPO).as_posix() for path in CORE
                 if any(name.split(".")[0] == "mkdocs" for name in imported_modules(ast.parse(path.read_text("utf-8"))))]
    assert importers == [ENGINE_ADAPTER.relative_to(REPO).as_posix()]


def test_no_module_or_function_is_too_long():
    too_long = []
    for path in [*CORE, *(REPO / "hooks").glob("*.py")]:
        text = path.read_text("utf-8")
        name = path.relative_to(REPO).as_posix()
        if text.count("\n") > MAX_MODULE_LINES:
            too_long.append(f"{name}: {text.count(chr(10))} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES:
                too_long.append(f"{name}:{node.lineno} {node.name}: {node.end_lineno - node.lineno + 1} lines")
    assert too_long == []
