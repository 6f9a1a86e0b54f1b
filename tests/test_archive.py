"""Whole-archive stages in bounded memory: results read back from the cache, the
dataset and checks computed issuer group by issuer group, rows sorted through spills."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.batch.cache import cache_folder
from extractor.batch.dataset_and_checks import consolidate_and_check, groups
from extractor.batch.options import BatchOptions
from extractor.batch.result_store import ResultStore
from extractor.batch.run_batch import run_batch
from extractor.checks.dataset import consolidate
from extractor.checks.run import run_checks
from extractor.model.records import ReportInfo, ReportResult
from extractor.output.check_files import write_checks
from extractor.output.dataset_files import write_dataset
from extractor.output.external_sort import sorted_spilled

from conftest import INPUT
from truth_results import all_truth_results

ALL = all_truth_results()
OUTPUTS = ("dataset.csv", "dataset.json", "checks.csv", "checks.json", "checks.md")


def whole_archive(results: list[ReportResult], out: Path) -> dict[str, bytes]:
    """The dataset and checks as computed over all results at once."""
    out.mkdir()
    write_dataset(consolidate(results), out)
    write_checks(run_checks(results), out)
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def test_groupwise_dataset_and_checks_equal_the_whole_archive_at_once(tmp_path: Path) -> None:
    results = ALL + ALL[:2]  # several issuers; two reports given twice
    random.Random(5).shuffle(results)
    assert len(groups(results)) >= 2
    expected = whole_archive(results, tmp_path / "whole")
    (tmp_path / "grouped").mkdir()
    errors = consolidate_and_check(tmp_path / "grouped", results)
    grouped = {name: (tmp_path / "grouped" / name).read_bytes() for name in OUTPUTS}
    assert grouped == expected
    assert errors == sum(1 for f in run_checks(results) if f.severity == "error")


def test_groups_never_split_an_issuer_and_skip_failed_reports() -> None:
    found = groups(ALL)
    assert sorted(i for members in found for i in members) == list(range(len(ALL)))
    for members in found:
        issuers = {ALL[i].info.issuer.lower() for i in members}
        assert len(issuers) == 1
    failed = ALL[0].model_copy(update={"info": ALL[0].info.model_copy(update={"status": "failed"})})
    assert all(0 not in members for members in groups([failed, *ALL[1:]]))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 5), st.integers()), max_size=40),
    st.integers(min_value=1, max_value=6),
)
def test_sorted_spilled_sorts_like_sorted_and_stably(
    items: list[tuple[int, int]], run_size: int
) -> None:
    def first(item: tuple[int, int]) -> int:
        return item[0]

    assert list(sorted_spilled(items, key=first, run_size=run_size)) == sorted(items, key=first)


def test_sorted_spilled_leaves_no_temporary_files(tmp_path: Path) -> None:
    items = list(range(100, 0, -1))
    assert list(sorted_spilled(items, key=int, folder=tmp_path, run_size=7)) == sorted(items)
    assert list(tmp_path.iterdir()) == []


def test_batch_keeps_infos_and_reads_results_back_from_the_cache(tmp_path: Path) -> None:
    files = sorted(INPUT.glob("*.pdf"))[:2]
    out = tmp_path / "out"
    summary = run_batch(files, out, BatchOptions(workers=1, quiet=True, formats="csv,json"))
    store = summary.results
    assert isinstance(store, ResultStore)
    assert all(isinstance(known, ReportInfo) for known in store.found.values())
    assert [r.info for r in store] == store.infos
    assert all(r.observations for r in store)  # whole results, read from the cache
    for entry in cache_folder(out).glob("*.json"):
        entry.unlink()
    vanished = store[0]
    assert vanished.info.status == "failed"
    assert "vanished" in vanished.info.issues[0].message


def test_final_stages_in_worker_processes_give_the_same_outputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rendering the results and checking the groups in a pool: the same bytes."""
    import extractor.batch.store_pool as store_pool

    files = sorted(INPUT.glob("*.pdf"))
    run_batch(files, tmp_path / "one", BatchOptions(workers=1, quiet=True, formats="csv,json"))
    pools: list[int] = []
    parallel_from(monkeypatch, 1)
    monkeypatch.setattr(store_pool, "ProcessPoolExecutor", counting_pool(pools))
    run_batch(files, tmp_path / "two", BatchOptions(workers=2, quiet=True, formats="csv,json"))
    assert pools == [2]  # a pool of two processes did the final stages
    written = sorted(p.name for p in (tmp_path / "one").iterdir() if p.is_file())
    assert {"observations.json", "footnotes.csv", "reports.json", *OUTPUTS} <= set(written)
    for name in written:
        if name != "run.json":
            assert (tmp_path / "two" / name).read_bytes() == (tmp_path / "one" / name).read_bytes()


def parallel_from(monkeypatch: pytest.MonkeyPatch, results: int) -> None:
    """The final stages in a pool from so many results on."""
    from extractor.batch import settings

    tuned = settings.SETTINGS.model_copy(update={"parallel_from": results})
    monkeypatch.setattr(settings, "SETTINGS", tuned)


def counting_pool(pools: list[int]) -> type:
    """ProcessPoolExecutor, noting the size of each pool started."""
    from concurrent.futures import ProcessPoolExecutor

    class Pool(ProcessPoolExecutor):
        def __init__(self, workers: int, *args: object, **kwargs: object) -> None:
            pools.append(workers)
            super().__init__(workers, *args, **kwargs)  # type: ignore[arg-type]

    return Pool


def test_a_pool_process_that_dies_leaves_the_final_stages_to_the_main_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Out of memory or killed: the outputs are still written, the same as without a pool."""
    import extractor.batch.store_pool as store_pool

    files = sorted(INPUT.glob("*.pdf"))
    run_batch(files, tmp_path / "one", BatchOptions(workers=1, quiet=True, formats="csv,json"))
    parallel_from(monkeypatch, 1)
    monkeypatch.setattr(store_pool, "ProcessPoolExecutor", dying_pool())
    summary = run_batch(
        files, tmp_path / "two", BatchOptions(workers=2, quiet=True, formats="csv,json")
    )
    assert not summary.failures
    for path in (tmp_path / "one").iterdir():
        if path.is_file() and path.name != "run.json":
            assert (tmp_path / "two" / path.name).read_bytes() == path.read_bytes()


def dying_pool() -> type:
    """ProcessPoolExecutor whose processes are killed as the first work is handed out."""
    import os
    import signal
    from concurrent.futures import ProcessPoolExecutor

    class Pool(ProcessPoolExecutor):
        def map(self, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
            results = super().map(*args, **kwargs)  # type: ignore[arg-type]
            for process in list(self._processes.values()):
                os.kill(process.pid, signal.SIGKILL)
            return results

    return Pool
