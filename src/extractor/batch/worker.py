"""What runs in a worker process, whichever kind starts it (a pebble pool worker,
a plainly forked child, `python -m extractor.batch.isolation`): the per-file
limits (`RLIMIT_AS` for memory: the address space the process may add to the
image it was forked from; no core dumps; death with the parent; a CPU-time
backstop), Ctrl-C left to the parent, a garbage collector tuned for reading,
and one file's answer, which never raises.

No pool library is imported here: a small run forks its children without one
(`extractor.batch.forked`).
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import math
import multiprocessing
import os
import signal
import time
from collections.abc import Callable
from multiprocessing.context import BaseContext
from pathlib import Path

from extractor.batch import settings
from extractor.batch.options import Limits
from extractor.model.records import ReportResult

Target = Callable[[Path], ReportResult]
# result JSON, failure, and (peak resident KB, CPU seconds, wall seconds) of the file
Answer = tuple[str | None, str | None, tuple[int, float, float]]
PRELOAD = [
    "__main__",
    "extractor.report.pipeline",
    "extractor.batch.isolation",
    "extractor.read.ocr.page",
]
MB = 1 << 20
PR_SET_PDEATHSIG = 1


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
    gc.set_threshold(settings.SETTINGS.gc_threshold, 20, 20)


def initialize_worker(limits: Limits) -> None:
    """A worker's start (pebble's initializer): Ctrl-C left to the parent (which stops
    the workers), the limits, and a garbage collector tuned for reading."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    apply_limits(limits)
    tune_gc()


def read_one(path_text: str, limits: Limits, target: Target) -> Answer:
    """A pebble task: one file -> (result JSON, None) or (None, reason), with the worker's
    peak resident memory (KB) and the CPU and wall seconds the file took.  Never raises."""
    cpu_backstop(limits)
    _, cpu_before = usage()
    started = time.monotonic()
    result_json, failure = child_result(Path(path_text), limits, target)
    if result_json is not None and not room_to_send(result_json):
        result_json, failure = None, memory_message(limits)
    rss, cpu_after = usage()
    return result_json, failure, (rss, cpu_after - cpu_before, time.monotonic() - started)


def room_to_send(text: str) -> bool:
    """Sending the answer copies it (pickled): that copy must fit in the memory limit."""
    try:
        import resource
    except ImportError:  # pragma: no cover - not POSIX
        return True
    cap = resource.getrlimit(resource.RLIMIT_AS)[0]
    if cap == resource.RLIM_INFINITY:
        return True
    return address_space_bytes() + 4 * len(text) + 16 * MB < cap


# ------------------------------------------------------------------ the parent


def exit_reason(exitcode: int | None) -> str:
    if exitcode is None:
        return "worker did not finish"
    if exitcode < 0:
        name = signal.Signals(-exitcode).name
        hints = {"SIGXCPU": "CPU time limit", "SIGKILL": "killed, out of memory?"}
        hint = hints.get(name, "crashed; over the memory limit or a bug in a PDF library")
        return f"worker died ({name}: {hint})"
    return f"worker exited with code {exitcode} and no result"


def context() -> BaseContext:
    """How worker pools start their processes: from a fork server with the pipeline
    imported (`PRELOAD`)."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(PRELOAD)
        return ctx
    return multiprocessing.get_context("spawn")  # pragma: no cover
