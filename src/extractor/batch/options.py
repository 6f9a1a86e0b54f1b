"""What a batch run is asked for (`BatchOptions`, the command line's options, with the
per-file `Limits` defined here once) and what it reports back (`BatchSummary`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from extractor.model.errors import UsageError

if TYPE_CHECKING:  # the command line reads the defaults without loading the models
    from extractor.model.records import ReportResult


@dataclass(frozen=True)
class Limits:
    """What one file may take: the one definition of the default limits."""

    time_limit: float = 300.0  # wall-clock seconds per file
    memory_limit_mb: int = 2048  # address space a file may add to its worker (MB)

    def __post_init__(self) -> None:
        if not self.time_limit > 0:
            raise UsageError(f"--time-limit must be more than 0 seconds, not {self.time_limit}")
        if self.memory_limit_mb < MIN_MEMORY_MB:
            raise UsageError(
                f"--memory-limit is in MB and must be at least {MIN_MEMORY_MB}, "
                f"not {self.memory_limit_mb} (the default is {DEFAULT_MEMORY_MB})"
            )


MIN_MEMORY_MB = 64  # less is a mistake (megabytes meant as gigabytes): no page fits
DEFAULT_MEMORY_MB = 2048
DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class BatchOptions:
    workers: int = 0  # 0: one per core
    quiet: bool = False
    executor: str = "local"  # "local" (processes) or "dask"
    scheduler: str | None = None  # dask scheduler address
    time_limit: float = DEFAULT_LIMITS.time_limit  # seconds per file
    memory_limit_mb: int = DEFAULT_LIMITS.memory_limit_mb  # per file
    formats: str = "all"  # extra output formats (see extractor.output.exports)
    excel: bool = False  # also Polish-locale CSV
    keep_duplicates: bool = False  # byte-identical copies kept as reports of their own
    # This process runs no other batch (the command line): the reading stages are left to
    # the children that read (else imported here too, so that a later run's have them).
    single_run: bool = False

    def __post_init__(self) -> None:
        if self.workers < 0:
            raise UsageError(f"--workers must be 0 (one per core) or more, not {self.workers}")
        self.limits  # noqa: B018 - validates them

    @property
    def limits(self) -> Limits:
        return Limits(self.time_limit, self.memory_limit_mb)


@dataclass
class BatchSummary:
    results: Sequence[ReportResult] = field(default_factory=list)  # a ResultStore after a run
    failures: list[tuple[str, str]] = field(default_factory=list)
    error_findings: int = 0
    computed: int = 0  # files read in this run (the rest came from the cache)
    pages: int = 0
    peak_rss_mb: float = 0.0  # the largest peak resident memory of one file's worker
    read_seconds: float = 0.0  # wall time spent reading files (the rest: writing, checks)
    cpu_seconds: float = 0.0  # CPU time of the worker processes that read them
