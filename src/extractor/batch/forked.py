"""Work under the per-file limits in a plain forked child: no pool, no fork server.

A fork copies this process, with everything it has imported, in a few
milliseconds; the child sets the same limits as a pool
worker (`extractor.batch.worker.apply_limits`: the memory limit as
`RLIMIT_AS`, no core dumps, death with its parent, a CPU-time backstop),
ignores Ctrl-C (the parent handles it), does one piece of work and sends its
answer back through a pipe (pickled).  The parent waits for the answer with
the wall-clock time limit and kills the child when it runs over.

Used where starting a worker pool costs more than the work: small runs
(`run_forked`, a few files, up to `workers` children at a time) and the
commands and API calls that read one file (`call_limited`).  Where there is
no `fork` (not POSIX), `call_limited` runs the work in this process.  A child
without limits does work beside this process's own (`Beside`: the workbook,
while this process writes the Parquet files and DuckDB).
"""

from __future__ import annotations

import faulthandler
import math
import multiprocessing
import os
import pickle
import select
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.process import BaseProcess
from typing import Any, Generic, TypeVar

from extractor.batch.futures_loop import Job, Outcome
from extractor.batch.options import Limits
from extractor.batch.worker import (
    Target,
    apply_limits,
    cpu_backstop,
    exit_reason,
    memory_message,
    read_one,
    tune_gc,
)
from extractor.model.errors import CrashedError, LimitError

T = TypeVar("T")
Prepare = Callable[[], object] | None  # what a child does before its limits are set
CHUNK = 1 << 20  # bytes of an answer read at a time


@dataclass
class Child:
    """A forked child at work: its process, the pipe its answer comes through, its
    deadline."""

    process: BaseProcess
    fd: int
    deadline: float
    key: str = ""
    started: float = field(default_factory=time.monotonic)
    data: bytearray = field(default_factory=bytearray)

    def read(self) -> bool:
        """Take what the pipe holds; True at the end of the answer."""
        chunk = os.read(self.fd, CHUNK)
        self.data += chunk
        return not chunk

    def reap(self) -> int:
        """Close the pipe and wait for the child; its exit code (-N: killed by signal N)."""
        os.close(self.fd)
        self.process.join()
        return self.process.exitcode or 0

    def kill(self) -> None:
        self.process.kill()
        self.reap()


def fork_available() -> bool:
    """A plain fork can be made here (POSIX, and not inside a daemonic process, such as
    a Dask worker under a nanny, which may have no children)."""
    return "fork" in multiprocessing.get_all_start_methods() and not (
        multiprocessing.current_process().daemon
    )


def spawn(
    work: Callable[[], object], limits: Limits | None, key: str = "", prepare: Prepare = None
) -> Child:
    """Fork a child that runs `work()` under `limits` (None: none, and no deadline) and
    sends back its pickled result (or the exception it raised); `prepare()` runs in it
    first, before the limits (imports every child needs, not the file's own cost).  A
    `multiprocessing` fork, not a bare `os.fork`: the child runs the finalizers it
    registers (e.g. removing OCR temporary folders).  Ctrl-C is held back while
    forking, so that it never lands in the child before the child ignores it; it
    reaches this process right after."""
    read_end, write_end = os.pipe()
    context = multiprocessing.get_context("fork")
    args = (work, limits, write_end, prepare)
    process = context.Process(target=child_main, args=args, daemon=True)
    held = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        process.start()
    except BaseException:
        os.close(read_end)
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
        raise
    finally:
        os.close(write_end)
    seconds = math.inf if limits is None else limits.time_limit
    child = Child(process, read_end, time.monotonic() + seconds, key)
    try:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
    except BaseException:  # Ctrl-C held back during the fork: stop the child too
        child.kill()
        raise
    return child


def child_main(
    work: Callable[[], object], limits: Limits | None, fd: int, prepare: Prepare = None
) -> None:  # pragma: no cover
    """The child: what it needs, its limits, the work, the answer (its coverage is not
    collected).  Import bans of the parent alone (`parent_only`, e.g. the command line's
    numpy, which OCR needs) are lifted."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    faulthandler.disable()  # a crash is reported by the parent, in one line
    sys.meta_path[:] = [f for f in sys.meta_path if not getattr(f, "parent_only", False)]
    try:
        if prepare is not None:
            prepare()
        if limits is not None:
            apply_limits(limits)
            cpu_backstop(limits)
            tune_gc()
        answer: tuple[str, object] = ("value", work())
    except MemoryError as exc:
        answer = ("error", LimitError(memory_message(limits)) if limits else exc)
    except BaseException as exc:  # noqa: BLE001 - handed to the parent
        answer = ("error", exc)
    try:
        send(fd, answer)
    except MemoryError as exc:
        send(fd, ("error", LimitError(memory_message(limits)) if limits else exc))
    except OSError:
        pass  # the parent is gone (killed, or stopped waiting)
    finally:
        os.close(fd)


def send(fd: int, answer: tuple[str, object]) -> None:  # pragma: no cover - in the child
    try:
        data = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
    except MemoryError:
        raise
    except Exception as exc:  # noqa: BLE001 - an exception that does not pickle
        error = answer[1]
        text = f"{type(error).__name__}: {error}" if answer[0] == "error" else str(exc)
        data = pickle.dumps(("error", RuntimeError(text)))
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def wait_any(children: Iterable[Child]) -> tuple[list[Child], list[Child]]:
    """(children whose answer is complete, children over their time limit), waiting at
    most until the nearest deadline."""
    pending = {child.fd: child for child in children}
    timeout = max(0.0, min(c.deadline for c in pending.values()) - time.monotonic())
    ready, _, _ = select.select(list(pending), [], [], None if timeout == math.inf else timeout)
    done = [pending[fd] for fd in ready if pending[fd].read()]
    now = time.monotonic()
    late = [c for c in pending.values() if c not in done and c.deadline <= now]
    return done, late


def answer_of(child: Child, code: int) -> tuple[str, Any]:
    """What a finished child sent: ("value", x) or ("error", exception)."""
    if code != 0 or not child.data:
        return "error", CrashedError(exit_reason(code) if code else "the child sent no answer")
    try:
        kind, value = pickle.loads(bytes(child.data))
    except Exception as exc:  # noqa: BLE001 - a damaged answer
        return "error", CrashedError(f"unreadable answer from the child ({exc})")
    return str(kind), value


def call_limited(work: Callable[[], T], limits: Limits) -> T:
    """`work()` in a forked child under `limits`: its value, or the exception it raised
    (a `LimitError` over a limit, `CrashedError` when the child crashed).  Where no fork
    can be made, `work()` runs here."""
    if not fork_available():  # pragma: no cover - not POSIX, or a daemonic process
        return work()
    child = spawn(work, limits)
    try:
        while True:
            done, late = wait_any([child])
            if late:
                raise LimitError(f"time limit exceeded ({limits.time_limit:g} s)")
            if done:
                break
    except BaseException:
        child.kill()
        raise
    kind, value = answer_of(child, child.reap())
    if kind == "error":
        raise value
    return value  # type: ignore[no-any-return]


class Beside(Generic[T]):
    """`work()` started in a forked child, beside what this process does meanwhile, with
    no limits: `wait()` for its value (or the exception it raised), or `stop()` it.
    Where no fork can be made, `work()` runs here, at once.  A child stopped (`stop`,
    or Ctrl-C while waiting) gets SIGTERM, which runs its cleanups (a half-written
    file is removed)."""

    def __init__(self, work: Callable[[], T]) -> None:
        self.child: Child | None = None
        if fork_available():
            self.child = spawn(lambda: stoppable(work), None)
        else:  # pragma: no cover - not POSIX, or a daemonic process
            self.value = work()

    def wait(self) -> T:
        if self.child is None:  # pragma: no cover - no fork
            return self.value
        try:
            while not wait_any([self.child])[0]:
                pass
        except BaseException:
            self.stop()
            raise
        child, self.child = self.child, None
        kind, value = answer_of(child, child.reap())
        if kind == "error":
            raise value
        self.value = value
        return value  # type: ignore[no-any-return]

    def stop(self) -> None:
        """The child stopped (SIGTERM: its cleanups run) and waited for, if still there."""
        child, self.child = self.child, None
        if child is not None:
            child.process.terminate()  # harmless when it has just finished
            child.reap()


def stoppable(work: Callable[[], T]) -> T:  # pragma: no cover - in the child
    """`work()`, SIGTERM raising SystemExit in it (so that `finally` blocks run)."""

    def stop(signum: int, frame: object) -> None:
        raise SystemExit(1)

    signal.signal(signal.SIGTERM, stop)
    return work()


# ------------------------------------------------------------- files of a batch


def run_forked(
    jobs: Iterable[Job],
    workers: int,
    limits: Limits,
    target: Target,
    meanwhile: Callable[[], None] = lambda: None,
    prepare: Prepare = None,
) -> Iterator[Outcome]:
    """Run `target` on every (key, path) job, each in a child forked for it, at most
    `workers` at a time; outcomes as the pool's (`extractor.batch.isolation`), in the
    order they finish.  `prepare()` runs first in each child, before its limits (see
    `spawn`); `meanwhile()` runs here once the first children are at work (e.g.
    imports the later stages need: never while a fork is made).  Children still
    running when the caller stops are killed."""
    fresh = iter(jobs)
    running: list[Child] = []
    waiting = [meanwhile]
    try:
        while True:
            while len(running) < max(1, workers):
                job = next(fresh, None)
                if job is None:
                    break
                running.append(start(job, limits, target, prepare))
            if not running:
                return
            while waiting:
                waiting.pop()()
            done, late = wait_any(running)
            for child in done:
                running.remove(child)
                yield outcome_of(child, child.reap())
            for child in late:
                running.remove(child)
                child.kill()
                reason = f"time limit exceeded ({limits.time_limit:g} s)"
                yield Outcome(child.key, failure=reason, seconds=limits.time_limit)
    finally:
        for child in running:
            child.kill()


def start(job: Job, limits: Limits, target: Target, prepare: Prepare = None) -> Child:
    """A child reading one file, as a pool worker would (`read_one`)."""
    key, path = job
    return spawn(lambda: read_one(str(path), limits, target), limits, key, prepare)


def outcome_of(child: Child, status: int) -> Outcome:
    """A finished child's answer as the outcome of its file."""
    seconds = time.monotonic() - child.started
    kind, value = answer_of(child, status)
    if kind == "error":
        return Outcome(child.key, failure=str(value), seconds=seconds)
    result_json, failure, (rss, cpu, _) = value
    return Outcome(child.key, result_json, failure, rss, seconds, cpu)
