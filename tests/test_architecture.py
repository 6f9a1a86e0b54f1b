"""The package structure: layers in the order data flows, no cycles, one reader of PDFs.

Packages, in order: model -> read -> layout -> text -> report -> checks -> output ->
batch -> cli; each imports only those before it (import-linter contracts in
pyproject.toml), and says in its `__init__` docstring what it takes, what it gives
and what it may import.
"""

from __future__ import annotations

import ast
import importlib
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "extractor"
LAYERS = ("model", "read", "layout", "text", "report", "checks", "output", "batch", "cli")
PDF_AND_OCR_LIBRARIES = ("pypdfium2", "cv2")  # Tesseract runs as a child process (read.ocr.tess)


@cache
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("extractor", include_external_packages=True, cache_dir=None)


def test_import_contracts_are_kept() -> None:
    """`lint-imports`: the layers contract and no cycles between a package's modules."""
    command = [sys.executable, "-c", "from importlinter.cli import lint_imports_command as c; c()"]
    done = subprocess.run(
        [*command, "--no-cache"], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 broken" in done.stdout


@pytest.mark.parametrize("library", PDF_AND_OCR_LIBRARIES)
def test_only_read_touches_pdf_and_ocr_libraries(library: str) -> None:
    importers = graph().find_modules_that_directly_import(library)
    assert importers, f"nothing imports {library}: is the test still right?"
    assert {m for m in importers if not m.startswith("extractor.read.")} == set()


def package_doc(name: str) -> str:
    doc = importlib.import_module(f"extractor.{name}").__doc__
    assert doc, f"extractor.{name} has no docstring"
    return doc


def imported_packages(name: str) -> set[str]:
    """The other extractor packages that `extractor.NAME` (any of its modules) imports."""
    package = f"extractor.{name}"
    found = set()
    for module in graph().find_descendants(package) | {package}:
        for other in graph().find_modules_directly_imported_by(module):
            parts = other.split(".")
            if parts[0] == "extractor" and len(parts) > 1 and parts[1] in LAYERS:
                found.add(parts[1])
    return found - {name}


@pytest.mark.parametrize("name", LAYERS)
def test_every_package_says_what_it_takes_gives_and_imports(name: str) -> None:
    doc = package_doc(name)
    for heading in ("Takes:", "Gives:", "Imports:"):
        assert heading in doc, f"extractor.{name}: no '{heading}' in its docstring"
    imports_line = doc[doc.index("Imports:") :]
    named = {n for n in re.findall(r"`([a-z]+)`", imports_line) if n in LAYERS}
    below = set(LAYERS[: LAYERS.index(name)])
    assert named <= below, f"extractor.{name} says it imports {sorted(named - below)}"
    actual = imported_packages(name)
    assert actual <= named, f"extractor.{name} imports {sorted(actual - named)} unsaid"


def test_every_rule_has_its_test_beside_it() -> None:
    rules = {p.stem for p in (SRC / "checks" / "rules").glob("*.py")} - {"__init__", "base"}
    tests = {p.stem.removeprefix("test_") for p in (ROOT / "tests" / "checks").glob("test_*.py")}
    assert rules and rules <= tests, sorted(rules - tests)


def own_modules() -> list[Path]:
    return sorted(p for name in LAYERS for p in (SRC / name).rglob("*.py"))


@pytest.mark.parametrize("path", own_modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_modules_and_functions_stay_small(path: Path) -> None:
    text = path.read_text("utf-8")
    assert text.count("\n") <= 400, f"{path.name}: {text.count(chr(10))} lines"
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            assert length <= 50, f"{path.name}: {node.name} has {length} lines"
