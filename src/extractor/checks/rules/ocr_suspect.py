"""ocr_suspect: a Razem (total) row that does not add up, in a table read by OCR.

On a scan a misread digit breaks a sum as surely as a misprint does; which of the two
it is only the page can tell.  Such a mismatch is a warning of its own kind, pointing
at the page, never an error-level `total_mismatch` (which leaves these alone).
"""

from __future__ import annotations

from extractor.checks.rules.base import SCALED, Report, Rule, finding, value
from extractor.checks.rules.total_mismatch import read_by_ocr, summed
from extractor.checks.vocabulary import where
from extractor.model.findings import Finding
from extractor.text.printed import fmt_value, plain

RULE = Rule(
    id="ocr_suspect",
    description="a total that does not add up in a table read by OCR (check the page)",
    severity="warning",
    tolerance=SCALED,
)


def findings(report: Report, rule: Rule = RULE) -> list[Finding]:
    found = []
    for total, rows, rows_sum, slack in summed(report):
        if abs(rows_sum - value(total)) > slack and read_by_ocr([total, *rows]):
            confidence = min(o.confidence for o in [total, *rows])
            message = (
                f"{where(total)}: rows {rows[0].row}–{rows[-1].row} add up to "
                f"{fmt_value(total, rows_sum)}, the page reads {fmt_value(total)} "
                f"(read by OCR, lowest confidence {confidence:.2f}: a digit may be misread)"
            )
            expected, printed = plain(rows_sum, total), plain(value(total), total)
            found.append(finding(rule, total, expected, printed, message))
    return found
