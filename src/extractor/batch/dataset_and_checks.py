"""The whole archive's stages: the consolidated dataset and the checks.

Both are computed group by group: the reports of one issuer and programme
series (`extractor.checks.series.group_key`) are the only ones that can share a series,
so the between-report checks and the dataset rows of a group need only that
group's reports in memory.  Each report's own checks run as its group is
read.  Dataset rows are sorted through temporary files when they are many
(`extractor.output.external_sort`), so an archive of any size is checked in bounded memory.

Groups are independent: for a large archive kept in a `ResultStore` (the
results on disk), the processes of a `store_pool` check them side by side;
rows and findings come back in group order, so the outputs do not depend on
it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from extractor.batch.store_pool import map_results
from extractor.checks.run import consolidate_with_findings, report_findings, sort_findings
from extractor.checks.series import group_key
from extractor.model.findings import Finding
from extractor.model.records import ReportInfo, ReportResult, Status
from extractor.model.results import LazyResults
from extractor.output.check_files import write_checks
from extractor.output.dataset_files import RenderedRow, render_row, write_rendered_dataset
from extractor.output.folder_results import folder_results

Checked = tuple[list[RenderedRow], list[Finding], int]  # rows, findings, reports checked


def consolidate_and_check(
    out_dir: Path,
    results: Sequence[ReportResult] | None = None,
    advance: Callable[[int], None] | None = None,
    pool: ProcessPoolExecutor | None = None,
) -> int:
    """Write dataset and checks for the results (read back from `out_dir` if not given);
    the number of error-level findings.  `advance` is told of every result done; with
    a `store_pool`, groups are checked in its processes."""
    if results is None:
        with folder_results(out_dir) as loaded:
            return consolidate_and_check(out_dir, loaded, advance, pool)
    findings: list[Finding] = []
    rows = group_rows(results, findings, advance or (lambda n: None), pool)
    write_rendered_dataset(rows, out_dir)
    ordered = sort_findings(findings)
    write_checks(ordered, out_dir)
    return sum(1 for f in ordered if f.severity == "error")


def group_rows(
    results: Sequence[ReportResult],
    findings: list[Finding],
    advance: Callable[[int], None],
    pool: ProcessPoolExecutor | None,
) -> Iterator[RenderedRow]:
    """The dataset rows (rendered) of every group of readable reports, in turn; every
    finding (each report's own, then those between the group's reports) is added to
    `findings`."""
    checked = 0
    for rows, found, size in map_results(pool, check_group, results, groups(results)):
        findings.extend(found)
        yield from rows
        checked += size
        advance(size)
    advance(len(results) - checked)  # the failed ones: nothing to check


def check_group(group: list[ReportResult]) -> Checked:
    """One group's dataset rows and findings (the reports' own, then between them)."""
    findings: list[Finding] = []
    for result in group:
        findings.extend(report_findings(result))
    rows, between = consolidate_with_findings(group)
    return [render_row(row) for row in rows], findings + between, len(group)


def groups(results: Sequence[ReportResult]) -> list[list[int]]:
    """Positions of the readable results, by group, groups in order of first appearance
    (byte-identical copies reported once are left out: their original is checked).
    Results kept on disk (`LazyResults`) are grouped by their infos, none is read."""
    infos: Sequence[ReportInfo]
    if isinstance(results, LazyResults):
        infos = results.infos
    else:
        infos = [r.info for r in results]
    by_key: dict[tuple[str, str], list[int]] = {}
    for i, info in enumerate(infos):
        if info.status != Status.failed and not info.duplicate_of:
            by_key.setdefault(group_key(info), []).append(i)
    return list(by_key.values())
