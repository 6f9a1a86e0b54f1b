"""What a batch needs of a report without reading it: the report id a file name gives,
a file's content hash, a failed result, a result made encodable.

Kept apart from `extractor.report.pipeline` (which imports every stage, and the
PDF and table libraries): a run's main process needs these first, and may leave
the reading to a child that imports the stages itself.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from pathlib import Path

from pydantic_core import PydanticSerializationError

from extractor.model.records import Issue, ReportInfo, ReportResult, Status


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


# Letters that Unicode does not decompose into a base letter and a mark.
LETTERS = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
                         "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE"})  # fmt: skip


def transliterated(text: str) -> str:
    """Latin letters without their diacritics (zażółć gęślą jaźń -> zazolc gesla jazn)."""
    decomposed = unicodedata.normalize("NFKD", text.translate(LETTERS))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def report_id_for(path: Path) -> str:
    """A safe identifier from the file name: letters, digits, '.', '_' and '-' only
    (Polish letters transliterated)."""
    stem = re.sub(r"[^A-Za-z0-9._-]+", "_", transliterated(path.stem)).strip("._") or "report"
    return stem[:120]


def failed_result(path: Path, message: str) -> ReportResult:
    try:
        sha = file_sha256(path)
    except OSError:
        sha = ""
    info = ReportInfo(
        report_id=report_id_for(path),
        file=path.name,
        sha256=sha,
        status=Status.failed,
        issues=(Issue(message=message, severity="error"),),
    )
    return encodable(ReportResult(info=info))


def encodable(result: ReportResult) -> ReportResult:
    """The result, with text that UTF-8 cannot hold repaired.

    A damaged PDF (or a file name in no valid encoding) can yield lone UTF-16
    surrogates; they would make every JSON and CSV writer fail.  Surrogate
    pairs are joined, lone ones become U+FFFD.
    """
    try:
        result.model_dump_json()
    except PydanticSerializationError:
        return ReportResult.model_validate(_repaired(result.model_dump()))
    return result


def _repaired(value: object) -> object:
    if isinstance(value, str):
        return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    if isinstance(value, dict):
        return {key: _repaired(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_repaired(item) for item in value]
    return value
