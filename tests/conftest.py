from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from extractor.model.records import ReportResult
from extractor.report.pipeline import extract

ROOT = Path(__file__).resolve().parent.parent
INPUT = ROOT / "input_pdfs"
FIXTURES = Path(__file__).parent / "fixtures"
_cache: dict[Path, ReportResult] = {}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        default=False,
        help="rewrite tests/golden/*.json from the current extraction",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: OCR and other long tests")


@pytest.fixture(scope="session")
def extracted() -> object:
    """extract() with a per-session cache (each PDF is read once)."""

    def get(path: Path) -> ReportResult:
        if path not in _cache:
            _cache[path] = extract(path)
        return _cache[path]

    return get


def write_bundled_output(out: Path, get: object) -> None:
    """An output folder of the bundled reports, as `extractor run` writes it."""
    from extractor.batch.dataset_and_checks import consolidate_and_check
    from extractor.output.result_files import write_results

    results = [get(p) for p in sorted(INPUT.glob("*.pdf"))]  # type: ignore[operator]
    write_results(results, out)
    consolidate_and_check(out, results)


def tesseract_with_polish() -> bool:
    """Tesseract and its Polish model are installed (the OCR tests need both)."""
    if shutil.which("tesseract") is None:
        return False
    done = subprocess.run(
        ["tesseract", "--list-langs"], capture_output=True, text=True, timeout=60, check=False
    )
    return "pol" in (done.stdout + done.stderr).split()
