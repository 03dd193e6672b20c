"""The package's boundaries hold by themselves: who may import whom, what loads Textual,
and no import loop. (The engine's own purity: tests/engine/test_import_hygiene.py.)"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, cli_command, cli_env, seed_paths
from tests.import_graph import (
    PACKAGE_DIR,
    Import,
    describe_cycle,
    find_cycles,
    import_graph,
    imports_of,
    loop_groups,
    module_name,
    package_modules,
)

SEEDS = {prefix: str(path.relative_to(ROOT)) for prefix, path in seed_paths().items()}

#: Packages (or modules) that must work without Textual: the app is one consumer of them.
HEADLESS = ["tui.engine", "tui.export", "tui.store", "tui.sources", "tui.display"]

_LOADED_TEXTUAL = """
import importlib, json, sys
for name in sys.argv[1:]:
    importlib.import_module(name)
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] == "textual")))
"""


def _modules_under(package: str) -> list[str]:
    """``package`` and every module below it (statically listed; none imported here)."""
    return sorted(
        name for name in package_modules() if name == package or name.startswith(package + ".")
    )


def _textual_after_importing(names: list[str]) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-c", _LOADED_TEXTUAL, *names],
        cwd=ROOT,
        env=cli_env(),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert out.returncode == 0, f"importing {names} failed:\n{out.stderr}"
    return json.loads(out.stdout)


@pytest.mark.parametrize("package", HEADLESS)
def test_headless_packages_never_load_textual(package: str) -> None:
    modules = _modules_under(package)
    assert modules, f"{package} does not exist"
    loaded = _textual_after_importing(modules)
    assert loaded == [], f"importing {package} loads Textual: {loaded[:5]}"


def test_importing_the_cli_does_not_load_textual() -> None:
    loaded = _textual_after_importing(["tui.cli"])
    assert loaded == [], f"importing tui.cli loads Textual: {loaded[:5]}"


def _imported_by_run(args: list[str]) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    """Run paradiff with ``python -X importtime`` and return every module it imported."""
    out = subprocess.run(
        [sys.executable, "-X", "importtime", *cli_command()[1:], *args],
        cwd=ROOT,
        env=cli_env(),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    modules = {
        line.rsplit("|", 1)[1].strip()
        for line in out.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }
    return out, modules


@pytest.mark.parametrize(
    "args",
    [
        ["diff", SEEDS["002"], SEEDS["003"]],
        ["diff", "-f", "html", SEEDS["000"], SEEDS["001"]],
        ["snapshots", "list"],
    ],
    ids=["diff", "diff-html", "snapshots-list"],
)
def test_headless_commands_never_load_textual(args: list[str]) -> None:
    out, modules = _imported_by_run(args)
    assert out.returncode in (0, 1), out.stderr[-2000:]
    assert "tui.cli" in modules  # the probe sees paradiff's own imports
    textual = sorted(m for m in modules if m.split(".")[0] == "textual")
    assert textual == [], f"paradiff {' '.join(args)} loads Textual: {textual[:5]}"


#: What only readers of other kinds than text, or fetching a URL, need: never loaded to
#: diff two text files (issue 9: start-up must not get slower).
READER_LIBRARIES = ("trafilatura", "lxml", "docx", "pdfminer", "http.client", "ssl")


def _reader_libraries(modules: set[str]) -> list[str]:
    return sorted(
        m for m in modules if any(m == lib or m.startswith(lib + ".") for lib in READER_LIBRARIES)
    )


def test_diffing_two_text_files_loads_no_reader_library() -> None:
    out, modules = _imported_by_run(["diff", SEEDS["002"], SEEDS["003"], "--format", "json"])
    assert out.returncode in (0, 1), out.stderr[-2000:]
    assert "tui.sources.readers" in modules  # the probe sees the sources package
    loaded = _reader_libraries(modules)
    assert loaded == [], f"a text diff loads reader libraries: {loaded[:8]}"


def test_a_web_page_loads_its_reader_library() -> None:
    """The probe above can fail: reading a page does load the page reader's library."""
    page = str(Path("tests", "sources", "data", "news_page.html"))
    out, modules = _imported_by_run(["diff", page, SEEDS["002"], "--format", "json"])
    assert out.returncode in (0, 1), out.stderr[-2000:]
    assert {"trafilatura", "lxml"} <= set(_reader_libraries(modules))


def _tui_imports(package_dir: Path) -> list[Import]:
    """The imports of ``tui`` modules made by the modules under ``package_dir``."""
    assert package_dir.is_dir(), f"{package_dir.relative_to(ROOT)} does not exist"
    modules = package_modules()
    found: list[Import] = []
    for path in sorted(package_dir.rglob("*.py")):
        name = module_name(path)
        code = path.read_text(encoding="utf-8")
        found += imports_of(name, code, modules, is_package=path.name == "__init__.py")
    return found


def _outside(imports: list[Import], allowed: tuple[str, ...]) -> list[str]:
    return [
        f"{edge.where()}: {edge.target}"
        for edge in imports
        if not any(edge.target == a or edge.target.startswith(a + ".") for a in allowed)
    ]


def test_the_engine_imports_nothing_else_from_tui() -> None:
    wrong = _outside(_tui_imports(PACKAGE_DIR / "engine"), ("tui.engine",))
    assert not wrong, "the engine imports other tui modules:\n" + "\n".join(wrong)


def test_display_imports_only_the_engine_and_the_sanitiser() -> None:
    allowed = ("tui.display", "tui.engine", "tui.sanitise")
    wrong = _outside(_tui_imports(PACKAGE_DIR / "display"), allowed)
    assert not wrong, "tui.display imports beyond engine and sanitise:\n" + "\n".join(wrong)


@pytest.mark.parametrize("folder", ["screens", "widgets"])
def test_screens_and_widgets_do_not_import_the_cli(folder: str) -> None:
    wrong = [
        f"{edge.where()}: {edge.target}"
        for edge in _tui_imports(PACKAGE_DIR / folder)
        if edge.target == "tui.cli" or edge.target.startswith("tui.cli.")
    ]
    assert not wrong, f"tui/{folder} imports the CLI:\n" + "\n".join(wrong)


def test_no_import_loops() -> None:
    edges = import_graph()
    assert len({e.source for e in edges}) > 10  # the graph was read
    cycles = find_cycles(edges)
    groups = loop_groups(edges)
    report = "\n".join(
        f"  among {len(group)} modules ({', '.join(sorted(group))}), e.g.\n"
        f"    {describe_cycle(cycle)}"
        for group, cycle in zip(groups, cycles, strict=True)
    )
    print(f"{len(cycles)} import loop(s)\n{report}")
    assert not cycles, f"{len(cycles)} import loop(s) among tui modules:\n{report}"


# ------------------------------------------------------------------ the checks can fail


def test_imports_are_read_everywhere_and_resolved() -> None:
    """Function-level, relative and TYPE_CHECKING imports are all edges (guards the guard)."""
    modules = ["tui", "tui.cli", "tui.cli.output", "tui.engine", "tui.engine.model", "tui.app"]
    code = (
        "from typing import TYPE_CHECKING\n"
        "import textual\n"
        "from . import output\n"
        "from ..engine import Row\n"
        "if TYPE_CHECKING:\n"
        "    from tui.app import ParadiffApp\n"
        "def run():\n"
        "    import tui.engine.model\n"
    )
    found = imports_of("tui.cli", code, modules, is_package=True)
    assert [(e.target, e.in_function, e.type_checking_only) for e in found] == [
        ("tui.cli.output", False, False),
        ("tui.engine", False, False),
        ("tui.app", False, True),
        ("tui.engine.model", True, False),
    ]
    from_module = imports_of("tui.cli.output", "from . import output\n", modules)
    assert [e.target for e in from_module] == ["tui.cli.output"]


def test_loops_are_found_and_printed() -> None:
    def edge(source: str, target: str, line: int = 1) -> Import:
        return Import(source, target, line, in_function=False, type_checking_only=False)

    chain = [edge("tui.a", "tui.b"), edge("tui.b", "tui.c"), edge("tui.a", "tui.c")]
    assert find_cycles(chain) == []
    loop = [*chain, edge("tui.c", "tui.a", 7), edge("tui.d", "tui.d")]
    (cycle,) = find_cycles(loop)
    assert [(e.source, e.target) for e in cycle] == [
        ("tui.a", "tui.c"),
        ("tui.c", "tui.a"),
    ]
    assert describe_cycle(cycle).startswith("tui.a -> tui.c (tui/a.py:1) -> tui.a (tui/c.py:7)")
