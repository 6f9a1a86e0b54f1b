"""The whole archive's stages: the consolidated dataset and the checks.

Both are computed group by group: the reports of one issuer and programme
series (`consolidate.group_key`) are the only ones that can share a series,
so the between-report checks and the dataset rows of a group need only that
group's reports in memory.  Each report's own checks run as its group is
read.  Dataset rows are sorted through temporary files when they are many
(`extractor.spill`), so an archive of any size is checked in bounded memory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from extractor.check_rules import Finding
from extractor.checks import within_report_findings, write_checks
from extractor.consolidate import DatasetRow, consolidate_with_findings, group_key, write_dataset
from extractor.figures import figure_findings
from extractor.models import ReportInfo, ReportResult, Status
from extractor.results_io import load_results, sort_findings


def consolidate_and_check(
    out_dir: Path,
    results: Sequence[ReportResult] | None = None,
    advance: Callable[[int], None] | None = None,
) -> int:
    """Write dataset and checks for the results (read back from `out_dir` if not given);
    the number of error-level findings.  `advance` is told of every result done."""
    loaded = results if results is not None else load_results(out_dir)
    findings: list[Finding] = []
    write_dataset(group_rows(loaded, findings, advance or (lambda n: None)), out_dir)
    ordered = sort_findings(findings)
    write_checks(ordered, out_dir)
    return sum(1 for f in ordered if f.severity == "error")


def group_rows(
    results: Sequence[ReportResult], findings: list[Finding], advance: Callable[[int], None]
) -> Iterator[DatasetRow]:
    """The dataset rows of every group of readable reports, in turn; every finding (each
    report's own, then those between the group's reports) is added to `findings`."""
    readable = 0
    for members in groups(results):
        group = [results[i] for i in members]
        for result in group:
            findings.extend(within_report_findings(result))
            findings.extend(figure_findings(result))
        rows, between = consolidate_with_findings(group)
        findings.extend(between)
        yield from rows
        readable += len(members)
        advance(len(members))
    advance(len(results) - readable)  # the failed ones: nothing to check


def groups(results: Sequence[ReportResult]) -> list[list[int]]:
    """Positions of the readable results, by group, groups in order of first appearance.
    The infos come from `results.infos` when it has them (a `ResultStore`: no result is
    read to group them)."""
    infos: Sequence[ReportInfo] = getattr(results, "infos", None) or [r.info for r in results]
    by_key: dict[tuple[str, str], list[int]] = {}
    for i, info in enumerate(infos):
        if info.status != Status.failed:
            by_key.setdefault(group_key(info), []).append(i)
    return list(by_key.values())
