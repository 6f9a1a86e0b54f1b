"""Per-file isolation: files are read in child processes with limits.

Each child (a worker) reads one file at a time, sent over a pipe, under a
memory limit (`RLIMIT_AS`: the address space the worker may add to the image
it was forked from) and a wall-clock time limit per file that the parent
enforces by killing it.  A crash, a hang or a blow-up therefore costs exactly
one file: it comes back as an `Outcome` with a `failure` reason, the worker
is replaced by a fresh one, and the batch goes on.  Workers are also replaced
after `RECYCLE_AFTER` files, so no state builds up.

Workers are forked from a `forkserver` that has the pipeline already imported
(a fork costs ~10 ms, no import).  Inside a daemonic process (a Dask worker
under a nanny), where `multiprocessing` may not start children, `run_one`
falls back to `python -m extractor.batch.isolation` (one interpreter per file).
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import json
import math
import multiprocessing
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from pathlib import Path

from extractor.model.records import ReportResult
from extractor.report.pipeline import extract_safely

Target = Callable[[Path], ReportResult]
PRELOAD = [
    "__main__",
    "extractor.report.pipeline",
    "extractor.batch.isolation",
    "extractor.read.ocr.page",
]
MB = 1 << 20
PR_SET_PDEATHSIG = 1
RECYCLE_AFTER = 50  # files per child process before a fresh one
GC_THRESHOLD = 20_000  # allocations between young-generation collections (default 700)


@dataclass(frozen=True)
class Limits:
    time_limit: float = 300.0  # wall-clock seconds per file
    memory_limit_mb: int = 2048  # address space a file may add to its worker


@dataclass(frozen=True)
class Outcome:
    """What came back for one job: a result (as JSON) or the reason there is none."""

    key: str
    result_json: str | None = None
    failure: str | None = None
    peak_rss_kb: int = 0
    seconds: float = 0.0  # wall clock
    cpu_seconds: float = 0.0  # user + system time of the child


@dataclass(eq=False)
class Worker:
    """A child process that reads files one at a time, sent over `conn`."""

    process: BaseProcess
    conn: Connection
    busy: bool = False  # reading a file now
    key: str = ""  # the job it is reading
    started: float = 0.0
    done: int = 0  # files read so far


# ------------------------------------------------------------------- the child


def apply_limits(limits: Limits) -> None:
    """A memory limit for this process, no core dumps, death with the parent."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not a POSIX system
        return
    cap = address_space_bytes() + max(1, limits.memory_limit_mb) * MB
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def cpu_backstop(limits: Limits) -> None:
    """SIGXCPU a little after the time limit, should the parent be gone."""
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource

        _, cpu = usage()
        hard = resource.getrlimit(resource.RLIMIT_CPU)[1]
        soft = math.ceil(cpu + limits.time_limit) + 5
        if hard == resource.RLIM_INFINITY or soft <= hard:
            resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))


def address_space_bytes() -> int:
    try:
        with open("/proc/self/statm", encoding="ascii") as fh:
            return int(fh.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return 0


def usage() -> tuple[int, float]:
    """Peak resident memory (KB) and CPU seconds of this process so far."""
    try:
        import resource
    except ImportError:  # pragma: no cover
        return 0, 0.0
    own = resource.getrusage(resource.RUSAGE_SELF)
    return int(own.ru_maxrss), own.ru_utime + own.ru_stime


def memory_message(limits: Limits) -> str:
    return f"memory limit exceeded ({limits.memory_limit_mb} MB)"


def child_result(path: Path, limits: Limits, target: Target) -> tuple[str | None, str | None]:
    """(result JSON, None) or (None, reason): never raises."""
    try:
        return target(path).model_dump_json(), None
    except MemoryError:
        return None, memory_message(limits)
    except BaseException as exc:  # noqa: BLE001 - reported to the parent as the reason
        return None, f"worker error ({type(exc).__name__}: {exc})"


def tune_gc() -> None:
    """Reading allocates hundreds of thousands of small acyclic objects (glyphs, floats):
    collect cycles less often (about 10 % of a worker's time at the default), and never
    scan what the worker inherited (which also keeps those pages shared after the fork)."""
    gc.freeze()
    gc.set_threshold(GC_THRESHOLD, 20, 20)


def worker_main(conn: Connection, limits: Limits, target: Target) -> None:
    """A child: read the files the parent sends until told to stop (None) or after a failure."""
    apply_limits(limits)
    tune_gc()
    while True:
        try:
            path_text = conn.recv()
        except (EOFError, OSError):
            return
        if path_text is None:
            return
        cpu_backstop(limits)
        _, cpu_before = usage()
        result_json, failure = child_result(Path(path_text), limits, target)
        rss, cpu_after = usage()
        try:
            conn.send((result_json, failure, (rss, cpu_after - cpu_before)))
        except MemoryError:
            conn.send((None, memory_message(limits), (rss, cpu_after - cpu_before)))
        if failure is not None:
            return  # a fresh process for the next file


# ------------------------------------------------------------------ the parent

Answer = tuple[str | None, str | None, tuple[int, float]]


def context() -> BaseContext:
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(PRELOAD)
        return ctx
    return multiprocessing.get_context("spawn")  # pragma: no cover


def spawn_worker(ctx: BaseContext, limits: Limits, target: Target) -> Worker:
    here, there = ctx.Pipe(duplex=True)
    process = ctx.Process(  # type: ignore[attr-defined]
        target=worker_main, args=(there, limits, target), daemon=True
    )
    process.start()
    there.close()
    return Worker(process=process, conn=here)


def assign(worker: Worker, key: str, path: Path) -> None:
    worker.busy, worker.key, worker.started = True, key, time.monotonic()
    worker.conn.send(str(path))


def stop(worker: Worker, kill: bool = False) -> None:
    with contextlib.suppress(OSError, ValueError):
        if not kill:
            worker.conn.send(None)
    worker.process.join(0 if kill else 5)
    if worker.process.exitcode is None:
        worker.process.kill()
        worker.process.join()
    worker.conn.close()


def exit_reason(exitcode: int | None) -> str:
    if exitcode is None:
        return "worker did not finish"
    if exitcode < 0:
        name = signal.Signals(-exitcode).name
        hints = {"SIGXCPU": "CPU time limit", "SIGKILL": "killed, out of memory?"}
        hint = hints.get(name, "crashed; over the memory limit or a bug in a PDF library")
        return f"worker died ({name}: {hint})"
    return f"worker exited with code {exitcode} and no result"


def collect(worker: Worker, ready: Sequence[object], limits: Limits) -> Outcome | None:
    """The outcome of a busy worker that answered, died or ran out of time, else None."""
    seconds = time.monotonic() - worker.started
    if worker.conn in ready or worker.process.sentinel in ready:
        answer: Answer | None = None
        with contextlib.suppress(EOFError, OSError):
            answer = worker.conn.recv() if worker.conn.poll() else None
        if answer is None:
            worker.process.join(5)
            return Outcome(
                worker.key, failure=exit_reason(worker.process.exitcode), seconds=seconds
            )
        result_json, failure, (rss, cpu) = answer
        return Outcome(worker.key, result_json, failure, rss, seconds, cpu)
    if seconds >= limits.time_limit:
        worker.process.kill()
        reason = f"time limit exceeded ({limits.time_limit:g} s)"
        return Outcome(worker.key, failure=reason, seconds=seconds)
    return None


def run_isolated(
    jobs: Iterable[tuple[str, Path]],
    workers: int,
    limits: Limits,
    target: Target = extract_safely,
) -> Generator[Outcome, None, None]:
    """Run `target` on every (key, path) job in at most `workers` child processes.

    Outcomes come in the order they finish.  A child that failed (crash, time
    or memory limit, an exception) is replaced by a fresh one, and every child
    by a fresh one after `RECYCLE_AFTER` files.  Children still running when
    the caller stops iterating are killed.
    """
    ctx = context()
    queue = iter(jobs)
    pool: list[Worker] = []
    try:
        while True:
            fill(pool, queue, max(1, workers), lambda: spawn_worker(ctx, limits, target))
            busy = [w for w in pool if w.busy]
            if not busy:
                return
            ready = list(wait(handles(busy), timeout=next_deadline(busy, limits)))
            for worker in busy:
                outcome = collect(worker, ready, limits)
                if outcome is None:
                    continue
                yield outcome
                worker.busy, worker.done = False, worker.done + 1
                if outcome.failure is not None or worker.done >= RECYCLE_AFTER:
                    pool.remove(worker)
                    stop(worker, kill=outcome.failure is not None)
    finally:
        for worker in pool:
            stop(worker, kill=worker.busy)


def fill(
    pool: list[Worker], queue: Iterator[tuple[str, Path]], size: int, spawn: Callable[[], Worker]
) -> None:
    """A job for every idle worker, starting new workers up to `size`."""
    idle = [w for w in pool if not w.busy]
    while idle or len(pool) < size:
        job = next(queue, None)
        if job is None:
            return
        worker = idle.pop() if idle else None
        if worker is not None and not handed(worker, job):  # it died while idle
            pool.remove(worker)
            stop(worker, kill=True)
            worker = None
        if worker is None:
            worker = spawn()
            pool.append(worker)
            assign(worker, *job)


def handed(worker: Worker, job: tuple[str, Path]) -> bool:
    try:
        assign(worker, *job)
    except OSError:
        return False
    return True


def handles(workers: list[Worker]) -> list[Connection | int]:
    return [h for w in workers for h in (w.conn, w.process.sentinel)]


def next_deadline(workers: list[Worker], limits: Limits) -> float:
    now = time.monotonic()
    return max(0.0, min(w.started + limits.time_limit - now for w in workers))


# ------------------------------------------- one file, from any kind of process


def run_one(key: str, path: Path, limits: Limits) -> Outcome:
    """One file in a child; works inside daemonic processes (Dask workers) too."""
    if not multiprocessing.current_process().daemon:
        with contextlib.closing(run_isolated([(key, path)], 1, limits)) as outcomes:
            return next(outcomes)
    return run_subprocess(key, path, limits)


def run_subprocess(key: str, path: Path, limits: Limits) -> Outcome:
    command = [sys.executable, "-m", "extractor.batch.isolation", str(path)]
    command += [str(limits.time_limit), str(limits.memory_limit_mb)]
    started = time.monotonic()
    try:
        done = subprocess.run(command, capture_output=True, timeout=limits.time_limit, check=False)
    except subprocess.TimeoutExpired:
        return Outcome(key, failure=f"time limit exceeded ({limits.time_limit:g} s)")
    seconds = time.monotonic() - started
    if done.returncode != 0:
        return Outcome(key, failure=exit_reason(done.returncode), seconds=seconds)
    answer = json.loads(done.stdout)
    rss, cpu = answer["usage"]
    return Outcome(key, answer["result"], answer["failure"], rss, seconds, cpu)


def main(argv: list[str]) -> int:
    """`python -m extractor.batch.isolation PATH SECONDS MB`: one result as JSON on stdout."""
    limits = Limits(float(argv[1]), int(argv[2]))
    apply_limits(limits)
    tune_gc()
    cpu_backstop(limits)
    result_json, failure = child_result(Path(argv[0]), limits, extract_safely)
    answer = {"result": result_json, "failure": failure, "usage": usage()}
    sys.stdout.write(json.dumps(answer))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
