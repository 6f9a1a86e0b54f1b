"""The whole archive's stages: the consolidated dataset and the checks.

Both are computed group by group: the reports of one issuer and programme
series (`consolidate.group_key`) are the only ones that can share a series,
so the between-report checks and the dataset rows of a group need only that
group's reports in memory.  Each report's own checks run as its group is
read.  Dataset rows are sorted through temporary files when they are many
(`extractor.spill`), so an archive of any size is checked in bounded memory.

Groups are independent: for a large archive kept in a `ResultStore` (the
results on disk), `workers` processes check them side by side; the rows and
findings come back in group order, so the outputs do not depend on it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from extractor.check_rules import Finding
from extractor.checks import within_report_findings, write_checks
from extractor.consolidate import DatasetRow, consolidate_with_findings, group_key, write_dataset
from extractor.figures import figure_findings
from extractor.isolation import context
from extractor.models import ReportInfo, ReportResult, Status
from extractor.result_store import ResultStore
from extractor.results_io import load_results, sort_findings

PARALLEL_FROM = 64  # reports: below this, starting processes costs more than it saves
GROUPS_PER_TASK = 16

Checked = tuple[list[DatasetRow], list[Finding], int]  # rows, findings, reports checked


def consolidate_and_check(
    out_dir: Path,
    results: Sequence[ReportResult] | None = None,
    advance: Callable[[int], None] | None = None,
    workers: int = 1,
) -> int:
    """Write dataset and checks for the results (read back from `out_dir` if not given);
    the number of error-level findings.  `advance` is told of every result done."""
    loaded = results if results is not None else load_results(out_dir)
    findings: list[Finding] = []
    rows = group_rows(loaded, findings, advance or (lambda n: None), workers)
    write_dataset(rows, out_dir)
    ordered = sort_findings(findings)
    write_checks(ordered, out_dir)
    return sum(1 for f in ordered if f.severity == "error")


def group_rows(
    results: Sequence[ReportResult],
    findings: list[Finding],
    advance: Callable[[int], None],
    workers: int,
) -> Iterator[DatasetRow]:
    """The dataset rows of every group of readable reports, in turn; every finding (each
    report's own, then those between the group's reports) is added to `findings`."""
    checked = 0
    for rows, found, size in checked_groups(results, groups(results), workers):
        findings.extend(found)
        yield from rows
        checked += size
        advance(size)
    advance(len(results) - checked)  # the failed ones: nothing to check


def checked_groups(
    results: Sequence[ReportResult], members: list[list[int]], workers: int
) -> Iterator[Checked]:
    """`check_group` of every group, in group order: here, or in `workers` processes
    when the results are on disk and many."""
    if workers <= 1 or not isinstance(results, ResultStore) or len(results) < PARALLEL_FROM:
        yield from (check_group(results, group) for group in members)
        return
    pool = ProcessPoolExecutor(workers, context(), initializer=adopt, initargs=(results,))
    with pool:
        yield from pool.map(check_adopted, members, chunksize=GROUPS_PER_TASK)


def check_group(results: Sequence[ReportResult], members: list[int]) -> Checked:
    """One group's dataset rows and findings (the reports' own, then between them)."""
    group = [results[i] for i in members]
    findings: list[Finding] = []
    for result in group:
        findings.extend(within_report_findings(result))
        findings.extend(figure_findings(result))
    rows, between = consolidate_with_findings(group)
    return rows, findings + between, len(group)


_adopted: list[ResultStore] = []  # a pool worker's results (set once, by `adopt`)


def adopt(results: ResultStore) -> None:
    _adopted[:] = [results]


def check_adopted(members: list[int]) -> Checked:
    return check_group(_adopted[0], members)


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
