"""extractor: Polish local-government NGO-cooperation reports (PDF) -> validated data.

Library use::

    from extractor import extract
    result = extract("input_pdfs/kp-2023.pdf")
    result.info.status, len(result.observations)
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from extractor.model.records import ReportResult

__version__ = "0.1.0"

from extractor.output.api import load_dataset, load_table

__all__ = ["__version__", "extract", "load_dataset", "load_table"]


def extract(path: str | Path) -> ReportResult:  # noqa: F821
    """Read one report PDF into a `ReportResult` (see `extractor.model.records`)."""
    from extractor.report.pipeline import extract as _extract

    return _extract(Path(path))
