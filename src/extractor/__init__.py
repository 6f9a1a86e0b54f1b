"""extractor: Polish local-government NGO-cooperation reports (PDF) -> validated data.

Library use::

    from extractor import extract
    result = extract("input_pdfs/kp-2023.pdf")
    result.info.status, len(result.observations)

Packages, in the order data flows (each imports only the ones before it; see
each package's docstring for what it takes and gives): `model` (records,
tables, errors) -> `read` (PDF, OCR) -> `layout` -> `text` -> `report` ->
`checks` -> `output` -> `batch` -> `cli`.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from extractor.model.records import ReportResult
    from extractor.output.read_tables import load_dataset, load_table

__version__ = "0.1.0"

__all__ = ["__version__", "extract", "load_dataset", "load_table"]


def extract(
    path: str | Path,
    *,
    time_limit: float = 300.0,
    memory_limit_mb: int = 2048,
    isolated: bool = True,
) -> ReportResult:  # noqa: F821
    """Read one report PDF into a `ReportResult` (see `extractor.model.records`).

    The file is read in a forked child process under the limits of `extractor run`
    (`time_limit` seconds, `memory_limit_mb` MB): a file over them raises `LimitError`,
    a crash in a PDF library `CrashedError`, a file that is no readable PDF an
    `InputError`; this process is never at risk.  `isolated=False` reads it here,
    without limits.
    """
    from extractor.report.pipeline import extract as _extract

    if not isolated:
        return _extract(Path(path))
    # By name: this facade sits above the layers; a static import would make every
    # module that imports `extractor` (for __version__) depend on the batch engine.
    forked = importlib.import_module("extractor.batch.forked")
    options = importlib.import_module("extractor.batch.options")
    limits = options.Limits(time_limit, memory_limit_mb)
    result: ReportResult = forked.call_limited(lambda: _extract(Path(path)), limits)
    return result


def __getattr__(name: str) -> Any:
    """`load_dataset` and `load_table`, imported when first asked for (the command line
    starts without pandas, pyarrow or pydantic)."""
    if name in ("load_dataset", "load_table"):
        from extractor.output import read_tables

        return getattr(read_tables, name)
    raise AttributeError(f"module 'extractor' has no attribute {name!r}")
