"""The consistency rules, one module each, with the rule's description, parameters
and code together (as frictionless keeps one check per file).

A rule never names a table id, a page, a file or a known value: it selects
operands by what printed texts mean (`extractor.checks.vocabulary`) and by row
structure (a Razem row; part rows "4a", "4b" of row "4").  Three kinds, by
what a rule looks at:

- `WITHIN_REPORT`: one report's tables (`base.Report`);
- `OF_FIGURES`: one report's figures in prose against its tables;
- `BETWEEN_REPORTS`: one indicator's statements across reports (`series.Series`);
- `ACROSS_SOURCES`: one office's vocabulary indicators across tables, sentences and
  reports (`comparison`).

`RULES` declares every check id the findings can carry.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from extractor.checks.rules import (
    figure_mismatch,
    footnote_amount_exceeds_value,
    goal_attainment,
    indicator_conflict,
    indicator_renamed,
    ocr_suspect,
    parts_sum_mismatch,
    per_capita_mismatch,
    percent_mismatch,
    restatement,
    stage_order,
    total_mismatch,
    used_exceeds_allocated,
    yoy_jump,
)
from extractor.checks.rules.base import Report, Rule
from extractor.checks.series import Series
from extractor.model.findings import Finding
from extractor.model.records import ReportResult

WITHIN_REPORT: tuple[Callable[[Report], list[Finding]], ...] = (
    percent_mismatch.findings, parts_sum_mismatch.findings, used_exceeds_allocated.findings,
    per_capita_mismatch.findings, total_mismatch.findings,
    footnote_amount_exceeds_value.findings, goal_attainment.findings, stage_order.findings,
)  # fmt: skip
OF_FIGURES: tuple[Callable[[ReportResult], list[Finding]], ...] = (figure_mismatch.findings,)
BETWEEN_REPORTS: tuple[Callable[[Series], list[Finding]], ...] = (
    restatement.findings, indicator_renamed.findings, yoy_jump.findings,
)  # fmt: skip
ACROSS_SOURCES: tuple[Callable[[Sequence[ReportResult]], list[Finding]], ...] = (
    indicator_conflict.findings,
)

RULES: tuple[Rule, ...] = (
    percent_mismatch.RULE, parts_sum_mismatch.RULE, used_exceeds_allocated.RULE,
    *per_capita_mismatch.RULES, total_mismatch.RULE, ocr_suspect.RULE,
    footnote_amount_exceeds_value.RULE,
    goal_attainment.RULE, stage_order.RULE, restatement.RULE, restatement.BASELINE,
    restatement.COPIES, yoy_jump.RULE, indicator_renamed.RULE, figure_mismatch.RULE,
    indicator_conflict.RULE,
)  # fmt: skip

demoted = ocr_suspect.demoted

__all__ = [
    "ACROSS_SOURCES", "BETWEEN_REPORTS", "OF_FIGURES", "RULES", "WITHIN_REPORT", "Report", "Rule",
    "demoted",
]  # fmt: skip
