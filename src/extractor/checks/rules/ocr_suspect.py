"""ocr_suspect: an error found in values read by OCR, told as a warning of its own kind.

On a scan a misread digit breaks a sum, a part or a ratio as surely as a misprint
does, and which of the two it is only the page can tell.  So an error-level finding
of a check within one report (`total_mismatch`, `parts_sum_mismatch`,
`percent_mismatch`, ...) on a table read by OCR becomes an `ocr_suspect` warning,
naming the check, the lowest OCR confidence in the table and the page to look at; a
finding on text-layer values stays what it is.
"""

from __future__ import annotations

from extractor.checks.rules.base import Report, Rule
from extractor.model.findings import Finding

RULE = Rule(
    id="ocr_suspect",
    description="an error in values read by OCR: a digit may be misread (check the page)",
    severity="warning",
)


def demoted(report: Report, found: list[Finding], rule: Rule = RULE) -> list[Finding]:
    """The findings, each error on a table read by OCR turned into an `ocr_suspect`."""
    scanned = ocr_tables(report)
    out = []
    for f in found:
        confidence = scanned.get(f.table_id)
        if f.severity != "error" or confidence is None:
            out.append(f)
            continue
        message = (
            f"{f.message} (read by OCR, lowest confidence {confidence:.2f}: a digit may be "
            f"misread; {f.check} on the text of the page)"
        )
        out.append(f.model_copy(update={"check": rule.id, "severity": rule.severity,
                                        "message": message}))  # fmt: skip
    return out


def ocr_tables(report: Report) -> dict[str, float]:
    """Tables with a value read by OCR, and the lowest confidence among them."""
    tables: dict[str, float] = {}
    for column in report.columns.values():
        for obs in column:
            if obs.source == "ocr":
                tables[obs.table_id] = min(tables.get(obs.table_id, 1.0), obs.confidence)
    return tables
