"""The batch engine: parallel, cached, resumable after kill -9, isolated, on Dask."""

from __future__ import annotations

import csv
import fcntl
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from extractor.batch import read_files, settings
from extractor.batch.cache import CACHE_DIR, cache_folder, content_key
from extractor.batch.isolation import run_isolated, run_subprocess
from extractor.batch.options import BatchOptions, Limits
from extractor.batch.run_batch import run_batch
from extractor.model.errors import UsageError
from extractor.model.records import Status

import hostile_pdfs
from conftest import INPUT

BUNDLED = sorted(INPUT.glob("*.pdf"))
QUIET = BatchOptions(workers=2, quiet=True, formats="csv,json")


def variants(folder: Path, count: int) -> list[Path]:
    """`count` distinct files: the bundled reports, each with a trailing comment."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        source = BUNDLED[i % len(BUNDLED)]
        path = folder / f"v{i:02d}-{source.name}"
        path.write_bytes(source.read_bytes() + b"\n%variant " + str(i).encode() + b"\n")
        paths.append(path)
    return paths


def data_files(out: Path) -> dict[str, bytes]:
    """Every output file but the run manifest and the cache."""
    return {
        str(p.relative_to(out)): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.name != "run.json" and CACHE_DIR not in p.parts
    }


def cache_entries(out: Path) -> set[str]:
    return {p.name for p in cache_folder(out).glob("*.json")}


def test_runs_are_byte_identical_serial_parallel_and_cached(tmp_path: Path) -> None:
    first = run_batch(BUNDLED, tmp_path / "a", QUIET)
    assert first.computed == len(BUNDLED) and not first.failures
    assert first.pages == sum(r.info.pages for r in first.results) > 20
    run_batch(BUNDLED, tmp_path / "b", BatchOptions(workers=1, quiet=True, formats="csv,json"))
    files = data_files(tmp_path / "a")
    assert {"observations.csv", "reports.json", "failures.csv", "dataset.csv"} <= set(files)
    assert files == data_files(tmp_path / "b")
    again = run_batch(BUNDLED, tmp_path / "a", QUIET)
    assert again.computed == 0  # every file from the cache
    assert data_files(tmp_path / "a") == files
    manifest = json.loads((tmp_path / "a" / "run.json").read_text("utf-8"))
    assert manifest["files"] == len(BUNDLED) and manifest["from_cache"] == len(BUNDLED)
    assert manifest["started"] <= manifest["finished"]


def test_rerun_on_a_grown_archive_reads_only_new_and_changed_files(tmp_path: Path) -> None:
    files = variants(tmp_path / "in", 3)
    out = tmp_path / "out"
    assert run_batch(files[:2], out, QUIET).computed == 2
    files[0].write_bytes(files[0].read_bytes() + b"%changed\n")
    summary = run_batch(files, out, QUIET)
    assert summary.computed == 2  # the changed file and the new one
    assert {r.info.file for r in summary.results} == {f.name for f in files}
    assert cache_entries(out) >= {f"{content_key(f)}.json" for f in files}


def test_renamed_file_comes_from_the_cache_under_its_new_name(tmp_path: Path) -> None:
    [path] = variants(tmp_path / "in", 1)
    out = tmp_path / "out"
    run_batch([path], out, QUIET)
    renamed = path.rename(path.with_name("renamed report.pdf"))
    summary = run_batch([renamed], out, QUIET)
    assert summary.computed == 0
    [result] = summary.results
    assert result.info.file == "renamed report.pdf" and result.info.report_id == "renamed_report"
    assert {o.source_file for o in result.observations} == {"renamed report.pdf"}
    assert {o.report_id for o in result.observations} == {"renamed_report"}


def test_a_file_given_twice_is_read_and_written_once(tmp_path: Path) -> None:
    [path] = variants(tmp_path / "in", 1)
    again = tmp_path / "in" / ".." / "in" / path.name
    summary = run_batch([path, again, path], tmp_path / "out", QUIET)
    assert [r.info.file for r in summary.results] == [path.name]
    assert not summary.results[0].info.issues


def test_damaged_cache_entry_is_recomputed(tmp_path: Path) -> None:
    files = variants(tmp_path / "in", 2)
    out = tmp_path / "out"
    run_batch(files, out, QUIET)
    before = data_files(out)
    (cache_folder(out) / f"{content_key(files[0])}.json").write_text('{"info": 1', "utf-8")
    (out / ".observations.csv.dead.tmp").write_text("half-written", "utf-8")
    summary = run_batch(files, out, QUIET)
    assert summary.computed == 1
    assert data_files(out) == before  # and the stale temporary file is gone


@pytest.mark.parametrize("readers", ["forked", "pool"])
def test_crash_hang_and_blow_up_fail_only_their_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, readers: str
) -> None:
    """Small runs read each file in a child forked for it, larger ones in a worker pool:
    the same isolation, the same reasons."""
    monkeypatch.setattr(read_files, "EXTRACT", hostile_pdfs.misbehaving)
    fork_up_to = 8 if readers == "forked" else 0
    monkeypatch.setattr(
        settings, "SETTINGS", settings.SETTINGS.model_copy(update={"fork_up_to": fork_up_to})
    )
    folder = tmp_path / "in"
    [good] = variants(folder, 1)
    bad = []
    for name in ("hang", "segfault", "exit", "balloon"):
        bad.append(folder / f"{name}.pdf")
        bad[-1].write_bytes(f"%PDF-1.7 {name}".encode())
    options = BatchOptions(workers=2, quiet=True, time_limit=4, memory_limit_mb=256)
    started = time.monotonic()
    summary = run_batch([good, *bad], tmp_path / "out", options)
    assert time.monotonic() - started < 120  # the hang (3600 s) was cut at its limit
    reasons = dict(summary.failures)
    assert reasons["hang.pdf"] == "time limit exceeded (4 s)"
    assert "SIGSEGV" in reasons["segfault.pdf"]
    assert reasons["exit.pdf"] == "worker exited with code 3 and no result"
    assert reasons["balloon.pdf"] == "memory limit exceeded (256 MB)"
    assert [r.info.status for r in summary.results][0] == Status.ok
    with (tmp_path / "out" / "failures.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert {r["file"]: r["reason"] for r in rows} == reasons
    assert cache_entries(tmp_path / "out") == {f"{content_key(good)}.json"}


def test_a_worker_reads_many_files_and_is_replaced_after_a_crash(tmp_path: Path) -> None:
    names = ["a.pdf", "b.pdf", "segfault.pdf", "c.pdf", "d.pdf"]
    jobs = [(name, tmp_path / name) for name in names]
    outcomes = {
        o.key: o for o in run_isolated(jobs, 1, Limits(30, 256), target=hostile_pdfs.report_pid)
    }
    assert list(outcomes) == names  # one worker: in order
    pids = {
        k: o.result_json and json.loads(o.result_json)["info"]["issues"][0]["message"]
        for k, o in outcomes.items()
    }
    assert pids["a.pdf"] == pids["b.pdf"] and pids["c.pdf"] == pids["d.pdf"]
    assert pids["a.pdf"] != pids["c.pdf"]
    assert "SIGSEGV" in (outcomes["segfault.pdf"].failure or "")


def test_a_worker_killed_while_idle_is_replaced(tmp_path: Path) -> None:
    jobs = [(name, tmp_path / name) for name in ("a.pdf", "b.pdf")]
    outcomes = run_isolated(jobs, 1, Limits(30, 256), target=hostile_pdfs.report_pid)
    first = next(outcomes)
    pid = int(json.loads(first.result_json or "")["info"]["issues"][0]["message"].split()[1])
    os.kill(pid, signal.SIGKILL)
    time.sleep(0.3)
    second = next(outcomes)
    assert second.key == "b.pdf" and second.failure is None
    assert f"pid {pid}" not in (second.result_json or "")


def cli_run_until_cached(folder: Path, out: Path, count: int, stderr: int) -> subprocess.Popen:  # type: ignore[type-arg]
    """`extractor run` on `folder` in a process of its own, once `count` files are cached."""
    command = [sys.executable, "-c", "from extractor.cli.main import app; app()", "run", "-q"]
    command += ["--workers", "1", "--format", "csv,json", "-o", str(out), str(folder)]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr)
    deadline = time.monotonic() + 60
    while len(cache_entries(out)) < count and time.monotonic() < deadline:
        time.sleep(0.02)
    return process


def test_kill_9_then_rerun_loses_nothing_and_duplicates_nothing(tmp_path: Path) -> None:
    files = variants(tmp_path / "in", 10)
    out = tmp_path / "out"
    run_batch(files[:3], out, QUIET)
    before = data_files(out)
    process = cli_run_until_cached(tmp_path / "in", out, 5, stderr=subprocess.DEVNULL)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    done = len(cache_entries(out))
    assert 5 <= done < 10, "the run was not killed half-way"
    assert data_files(out) == before  # the killed run left the earlier outputs whole
    summary = run_batch(files, out, QUIET)
    assert summary.computed == 10 - done  # what the killed run had read is kept
    fresh = run_batch(files, tmp_path / "fresh", QUIET)
    assert fresh.computed == 10
    assert data_files(out) == data_files(tmp_path / "fresh")


def test_ctrl_c_says_what_is_kept_and_the_rerun_goes_on(tmp_path: Path) -> None:
    files = variants(tmp_path / "in", 10)
    out = tmp_path / "out"
    process = cli_run_until_cached(tmp_path / "in", out, 3, stderr=subprocess.PIPE)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    done = len(cache_entries(out))
    assert process.returncode == 130 and 3 <= done < 10, "the run was not stopped half-way"
    assert err.decode().startswith("Interrupted: every file read so far is cached")
    assert "Traceback" not in err.decode()
    assert run_batch(files, out, QUIET).computed == 10 - done


def test_a_run_stopped_after_its_database_was_opened_leaves_none_of_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """extractor.duckdb is opened while the files are read; stopped then, nothing stays."""

    def interrupted(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(read_files, "to_result", interrupted)
    out = tmp_path / "out"
    with pytest.raises(KeyboardInterrupt):
        run_batch(BUNDLED[:1], out, BatchOptions(workers=1, quiet=True))
    assert sorted(p.name for p in out.iterdir()) == [CACHE_DIR]


IMPORTED_AFTER_RUNS = """
import sys
from pathlib import Path
from extractor.batch.options import BatchOptions
from extractor.batch.run_batch import run_batch
pdf, out = Path(sys.argv[1]), Path(sys.argv[2])
reading = ("extractor.report.pipeline", "pdfplumber", "pypdfium2")
run_batch([pdf], out / "a", BatchOptions(quiet=True, formats="csv", single_run=True))
print(*(name in sys.modules for name in reading))
run_batch([pdf], out / "b", BatchOptions(quiet=True, formats="csv"))
print(*(name in sys.modules for name in reading))
"""


def test_the_reading_stages_are_imported_here_only_for_a_later_run(tmp_path: Path) -> None:
    """A small run's child imports the reading stages (and the PDF libraries) itself; the
    main process imports them too unless it runs no other batch (`single_run`, the
    command line), so that a later run's children are forked with them."""
    command = [sys.executable, "-c", IMPORTED_AFTER_RUNS, str(BUNDLED[0]), str(tmp_path)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=True)
    assert done.stdout.splitlines() == ["False False False", "True True True"]


def test_one_run_per_output_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (out / CACHE_DIR).mkdir(parents=True)
    with (out / CACHE_DIR / "lock").open("a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(UsageError, match="in use by another extractor run"):
            run_batch(BUNDLED[:1], out, QUIET)


def test_bad_executor_options_are_usage_errors(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="unknown executor"):
        run_batch(BUNDLED[:1], tmp_path / "a", BatchOptions(executor="spark", quiet=True))
    pytest.importorskip("distributed")
    with pytest.raises(UsageError, match="--scheduler"):
        run_batch(BUNDLED[:1], tmp_path / "b", BatchOptions(executor="dask", quiet=True))


def test_subprocess_fallback_reads_and_times_out() -> None:
    done = run_subprocess("k", BUNDLED[0], Limits(120, 1024))
    assert done.failure is None and done.result_json and '"status":"ok"' in done.result_json
    assert done.peak_rss_kb > 10_000
    late = run_subprocess("k", BUNDLED[0], Limits(0.05, 1024))
    assert late.failure == "time limit exceeded (0.05 s)"


def test_dask_cluster_output_is_byte_identical_to_local(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    folder = tmp_path / "in"
    files = variants(folder, 5)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 broken")
    files.append(folder / "broken.pdf")
    local = run_batch(files, tmp_path / "local", QUIET)
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, dashboard_address=None
    ) as cluster:
        address = cluster.scheduler_address
        options = BatchOptions(quiet=True, executor="dask", scheduler=address, formats="csv,json")
        remote = run_batch(files, tmp_path / "dask", options)
    assert remote.computed == len(files)
    assert remote.failures == local.failures == [("broken.pdf", remote.failures[0][1])]
    assert data_files(tmp_path / "dask") == data_files(tmp_path / "local")


def test_progress_follows_every_stage_after_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Writing, dataset and checks, exports: each stage has its line, run to the end."""
    from extractor.batch.progress import BatchProgress

    stages: dict[str, list[int]] = {}
    original = BatchProgress.stage

    def recorded(
        self: BatchProgress, description: str, total: int | None, unit: str = "files"
    ) -> Callable[[int], None]:
        advance = original(self, description, total, unit)
        stages[description] = [total or 0, 0]

        def counting(n: int) -> None:
            stages[description][1] += n
            advance(n)

        return counting

    monkeypatch.setattr(BatchProgress, "stage", recorded)
    files = [*BUNDLED[:2], hostile_pdfs.not_a_pdf(tmp_path)]
    run_batch(files, tmp_path / "out", BatchOptions(workers=1, quiet=True, formats="csv"))
    assert list(stages) == ["writing results", "dataset and checks", "exports (csv)"]
    assert stages["writing results"] == [3, 3]
    assert stages["dataset and checks"] == [3, 3]  # the failed file too


def test_outputs_get_the_usual_permissions_not_owner_only(tmp_path: Path) -> None:
    """Outputs are shared (a team folder, a web server): 0666 less the umask, as any new
    file, not the owner-only mode of a private temporary file."""
    out = tmp_path / "out"
    old = os.umask(0o022)
    try:
        run_batch(BUNDLED[:1], out, QUIET)
    finally:
        os.umask(old)
    modes = {p.name: p.stat().st_mode & 0o777 for p in out.iterdir() if p.is_file()}
    assert modes and set(modes.values()) == {0o644}, modes


def test_files_of_one_name_in_several_folders_stay_apart(tmp_path: Path) -> None:
    """Archives keep 2022/sprawozdanie.pdf and 2023/sprawozdanie.pdf: two reports, each
    with its own name and report id, consolidated as two years of one issuer."""
    for year, source in (("2022", "kp-2022.pdf"), ("2023", "kp-2023.pdf")):
        (tmp_path / year).mkdir()
        shutil.copy(INPUT / source, tmp_path / year / "sprawozdanie.pdf")
    files = sorted(tmp_path.rglob("*.pdf"))
    summary = run_batch(files, tmp_path / "out", QUIET)
    labels = sorted((r.info.file, r.info.report_id) for r in summary.results)
    assert labels == [
        ("2022/sprawozdanie.pdf", "2022_sprawozdanie"),
        ("2023/sprawozdanie.pdf", "2023_sprawozdanie"),
    ]
    rows = json.loads((tmp_path / "out" / "dataset.json").read_text("utf-8"))
    agreed = [row for row in rows if row["status"] == "agreed"]
    assert agreed and all(len(row["report_ids"]) == 2 for row in agreed)
    observations = json.loads((tmp_path / "out" / "observations.json").read_text("utf-8"))
    assert {o["source_file"] for o in observations} == {name for name, _ in labels}


def test_file_labels_are_unique_names_and_report_ids(tmp_path: Path) -> None:
    from extractor.batch.inputs import file_labels

    paths = [tmp_path / "a b.pdf", tmp_path / "a_b.pdf", tmp_path / "x" / "r.pdf"]
    paths.append(tmp_path / "y" / "r.pdf")
    assert file_labels(paths) == [
        ("a b.pdf", "a_b"), ("a_b.pdf", "a_b-2"), ("x/r.pdf", "x_r"), ("y/r.pdf", "y_r"),
    ]  # fmt: skip


def test_a_run_removes_the_cached_results_of_other_versions(tmp_path: Path) -> None:
    out = tmp_path / "out"
    run_batch(BUNDLED[:1], out, QUIET)
    older = out / CACHE_DIR / "extractor-0.0.1-1"
    older.mkdir()
    (older / "abc.json").write_text("{}", "utf-8")
    (out / CACHE_DIR / "flat-layout.json").write_text("{}", "utf-8")
    kept = cache_entries(out)
    summary = run_batch(BUNDLED[:1], out, QUIET)
    assert summary.computed == 0 and cache_entries(out) == kept
    assert not older.exists() and not (out / CACHE_DIR / "flat-layout.json").exists()
