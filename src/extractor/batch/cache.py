"""The results cache of an output folder, and the lock that keeps one run per folder.

A result is cached under `OUTPUT/.cache/extractor-VERSION-FORMAT/` by file
content hash and extractor version (never by name: a renamed or duplicated
file is read once), one JSON file per result, written atomically; a run
removes the results of other versions.  The lock (`OUTPUT/.cache/lock`) is an
OS file lock (filelock): it dies with its process, even on kill -9.
"""

from __future__ import annotations

import contextlib
import hashlib
import shutil
from collections.abc import Iterator
from pathlib import Path

from filelock import FileLock, Timeout

from extractor import __version__
from extractor.model.errors import UsageError
from extractor.model.records import ReportResult
from extractor.output.atomic import atomic_write_text
from extractor.report.results import file_sha256

CACHE_DIR = ".cache"
CACHE_FORMAT = 3  # bump when the cached JSON changes meaning (3: pages isolated)


def cache_key(sha256: str) -> str:
    return hashlib.sha256(f"{sha256}|extractor {__version__}|{CACHE_FORMAT}".encode()).hexdigest()


def content_key(path: Path) -> str:
    """The cache key of a file: its content hash and the extractor version."""
    return cache_key(file_sha256(path))


def cache_folder(out_dir: Path) -> Path:
    """Where this extractor version keeps its results (one folder per version)."""
    return out_dir / CACHE_DIR / f"extractor-{__version__}-{CACHE_FORMAT}"


def cached(out_dir: Path, key: str) -> ReportResult | None:
    path = cache_folder(out_dir) / f"{key}.json"
    try:
        return ReportResult.model_validate_json(path.read_bytes())
    except (OSError, ValueError):
        return None  # missing or damaged: simply recomputed


def store(out_dir: Path, key: str, result: ReportResult) -> None:
    atomic_write_text(cache_folder(out_dir) / f"{key}.json", result.model_dump_json())


def prune_cache(out_dir: Path) -> None:
    """Results of other extractor versions (never read again: their keys hold their
    version), so that an archive's cache does not grow with every upgrade."""
    current = cache_folder(out_dir)
    for path in (out_dir / CACHE_DIR).glob("*"):
        if path.is_dir() and path != current:
            shutil.rmtree(path, ignore_errors=True)
        elif path.suffix == ".json":  # the flat layout of earlier versions
            path.unlink(missing_ok=True)


def remove_stale_temporaries(out_dir: Path) -> None:
    """Half-written temporary files of a killed run (never visible as outputs)."""
    for folder in (out_dir, out_dir / CACHE_DIR, cache_folder(out_dir)):
        for tmp in folder.glob(".*.tmp"):
            tmp.unlink(missing_ok=True)


@contextlib.contextmanager
def exclusive(out_dir: Path) -> Iterator[None]:
    """One run per output folder; the lock dies with its process (even on kill -9)."""
    lock_path = out_dir / CACHE_DIR / "lock"
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    lock = FileLock(lock_path, timeout=0)
    try:
        lock.acquire()
    except Timeout:
        raise UsageError(f"{out_dir} is in use by another extractor run") from None
    try:
        yield
    finally:
        lock.release()
