"""The engine is pure: no Textual, no Rich, no file I/O of its own."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

ENGINE_DIR = ROOT / "tui" / "engine"
ENGINE_FILES = sorted(ENGINE_DIR.glob("*.py"))

_PROBE = """
import json, sys
import tui.engine as engine
from tui.engine import diff_texts, load_article, diff_articles, result_to_dict
a = load_article("Putin in China.\\n\\nThe officials said 15.".encode(), "a")
b = load_article("The officers said 16.\\n\\nPutin in Chinа.\\n\\nNew.".encode(), "b")
result = diff_articles(a, b)
result_to_dict(result)
diff_texts("x", "y")
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "rich"))
print(json.dumps({"loaded": loaded, "rows": len(result.rows)}))
"""

#: Calls and attributes that read or write files, sockets or processes.
FORBIDDEN_CALLS = {"open", "input", "exec", "eval", "__import__"}
FORBIDDEN_ATTRIBUTES = {
    "read_text",
    "read_bytes",
    "write_text",
    "write_bytes",
    "open",
    "stdin",
    "stdout",
    "listdir",
    "scandir",
    "walk",
    "system",
    "popen",
    "urlopen",
    "mkdir",
    "unlink",
}
FORBIDDEN_MODULES = {
    "textual",
    "rich",
    "os",
    "io",
    "pathlib",
    "shutil",
    "socket",
    "subprocess",
    "tempfile",
    "urllib",
    "http",
    "glob",
    "sqlite3",
    "pickle",
    "builtins",
}


def test_engine_files_exist() -> None:
    names = {p.name for p in ENGINE_FILES}
    assert {"__init__.py", "model.py", "loading.py", "pipeline.py"} <= names


def test_importing_and_diffing_loads_neither_textual_nor_rich() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", _PROBE],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    report = json.loads(out.stdout)
    assert report["rows"] >= 2
    assert report["loaded"] == [], f"the engine pulled in UI modules: {report['loaded']}"


def _imported_modules(tree: ast.AST) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("path", ENGINE_FILES, ids=[p.name for p in ENGINE_FILES])
def test_engine_source_does_no_io(path: Path) -> None:
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source, filename=str(path))
    modules = _imported_modules(tree)
    assert not modules & FORBIDDEN_MODULES, f"{path.name} imports {modules & FORBIDDEN_MODULES}"
    problems: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id in FORBIDDEN_CALLS | {"Path", "print"}:
                problems.append(f"line {node.lineno}: {func.id}(...)")
        if isinstance(node, ast.Attribute) and node.attr in FORBIDDEN_ATTRIBUTES:
            problems.append(f"line {node.lineno}: .{node.attr}")
    for needle in ("open(", "Path(", ".read(", "print("):
        for lineno, line in enumerate(source.splitlines(), 1):
            code = line.split("#", 1)[0]
            if needle in code and not code.lstrip().startswith(('"', "'")):
                problems.append(f"line {lineno}: {needle!r} in {line.strip()!r}")
    assert not problems, f"{path.name} does I/O:\n" + "\n".join(problems)


def test_the_source_check_can_fail(tmp_path: Path) -> None:
    """The scanner flags a file that reads a path (guards the guard)."""
    bad = "from pathlib import Path\n\ndef f():\n    return Path('x').read_text()\n"
    tree = ast.parse(bad)
    assert "pathlib" in _imported_modules(tree)
    assert any(isinstance(n, ast.Attribute) and n.attr == "read_text" for n in ast.walk(tree))
