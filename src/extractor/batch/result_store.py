"""The results of a batch, kept on disk: the cache, and a sequence read from it.

A result is cached under `OUTPUT/.cache/extractor-VERSION-FORMAT/` by file
content hash and extractor version (never by name: a renamed or duplicated
file is read once), one JSON file per result, written atomically; a run
removes the results of other versions.

`ResultStore` is the batch's list of results, one per input file, in input
order.  It holds each file's `ReportInfo` (a few hundred bytes) and reads the
rest from the cache when a result is asked for, so the main process of an
archive of any size holds one report (or one issuer's reports) at a time.
Only results that must not be cached (limit failures, our own bugs) stay in
memory; they are small.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import overload

from pydantic import BaseModel

from extractor import __version__
from extractor.model.records import Issue, ReportInfo, ReportResult, Status
from extractor.output.writers import atomic_write_text
from extractor.report.pipeline import encodable, failed_result, file_sha256, report_id_for

CACHE_DIR = ".cache"
CACHE_FORMAT = 2  # bump when the cached JSON changes meaning


@dataclass(frozen=True)
class Entry:
    """One input file: its cache key, or the reason it cannot be read; the name and
    report id its records carry (see `file_labels`; default: from the file name)."""

    path: Path
    key: str = ""
    error: str = ""
    name: str = ""
    report_id: str = ""

    @property
    def labels(self) -> tuple[str, str]:
        return self.name or self.path.name, self.report_id or report_id_for(self.path)


def file_labels(paths: Sequence[Path]) -> list[tuple[str, str]]:
    """(name, report id) of each file, unique within the batch.  The name is the file
    name, or, for files of one name in several folders (2022/sprawozdanie.pdf,
    2023/sprawozdanie.pdf), as many trailing folders as tell them apart; a report id
    taken by an earlier name gets "-2", "-3", ..."""
    reals = [path.resolve() for path in paths]
    names = [unique_tail(real, [r for r in reals if r.name == real.name]) for real in reals]
    taken: dict[str, str] = {}
    labels = []
    for name in names:
        base = report_id_for(Path(name.replace("/", "_")))
        report_id, n = base, 1
        while taken.setdefault(report_id, name) != name:
            n += 1
            report_id = f"{base}-{n}"
        labels.append((name, report_id))
    return labels


def unique_tail(path: Path, namesakes: Sequence[Path]) -> str:
    """The fewest trailing parts of `path` that no other of `namesakes` ends with."""
    for k in range(1, len(path.parts) + 1):
        tail = path.parts[-k:]
        if all(other.parts[-k:] != tail for other in namesakes if other != path):
            return "/".join(tail)
    return path.as_posix()  # pragma: no cover - distinct paths always differ somewhere


# ---------------------------------------------------------------------- cache


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


# ---------------------------------------------------------------- the results


class LazyResults(Sequence[ReportResult]):
    """Results kept on disk: each `ReportInfo` in memory (`infos`), a whole result read
    (`load`) only when asked for."""

    infos: list[ReportInfo]

    def load(self, i: int) -> ReportResult:
        raise NotImplementedError

    def __len__(self) -> int:
        return len(self.infos)

    @overload
    def __getitem__(self, index: int) -> ReportResult: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[ReportResult]: ...
    def __getitem__(self, index: int | slice) -> ReportResult | Sequence[ReportResult]:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        return self.load(range(len(self))[index])

    def __iter__(self) -> Iterator[ReportResult]:
        return (self[i] for i in range(len(self)))


class ResultStore(LazyResults):
    """One result per entry, in entry order, each read from the cache when asked.

    `found` gives, per cache key, the info of a cached result, or the whole result
    when it is not cached.  A copy of a content is relabelled to its own file name,
    and says which file it repeats."""

    def __init__(
        self, entries: Sequence[Entry], out_dir: Path, found: dict[str, ReportInfo | ReportResult]
    ) -> None:
        self.entries, self.out_dir, self.found = list(entries), out_dir, found
        originals: dict[str, Entry] = {}
        for entry in sorted(self.entries, key=lambda e: (e.labels[0], str(e.path))):
            originals.setdefault(entry.key, entry)
        self.originals = originals
        self.infos = [self._load(i, info_only=True).info for i in range(len(self.entries))]

    def load(self, i: int) -> ReportResult:
        return self._load(i, info_only=False)

    def output_positions(self) -> list[int]:
        """The results' positions by file name (then content hash): the outputs' order."""
        return sorted(range(len(self)), key=lambda i: (self.infos[i].file, self.infos[i].sha256))

    def _load(self, i: int, info_only: bool) -> ReportResult:
        entry = self.entries[i]
        known = self.found.get(entry.key) if entry.key else None
        if known is None:
            return relabel(failed_result(entry.path, entry.error or "no result"), *entry.labels)
        if isinstance(known, ReportInfo):
            hit = ReportResult(info=known) if info_only else cached(self.out_dir, entry.key)
            if hit is None:  # removed from the cache since: report it, never guess
                failure = failed_result(entry.path, "cached result vanished during the run")
                return relabel(failure, *entry.labels)
            known = hit
        result = relabel(known, *entry.labels)
        original = self.originals[entry.key]
        if original != entry:
            message = f"same content as {original.labels[0]} (read once)"
            result = with_issue(result, message)
        return result


def relabel(result: ReportResult, name: str, report_id: str) -> ReportResult:
    """The result of one content, as the file called `name` (with that report id).

    Every record of the result (observations, footnotes, figures, ...) that
    names its report and source file is renamed; nothing else depends on the name.
    """
    if result.info.file == name and result.info.report_id == report_id:
        return result
    names = {"source_file": name, "report_id": report_id}
    changes: dict[str, object] = {
        "info": result.info.model_copy(update={"file": name, "report_id": report_id})
    }
    for field_name in type(result).model_fields:
        records = getattr(result, field_name)
        if isinstance(records, tuple):
            changes[field_name] = tuple(renamed(record, names) for record in records)
    return encodable(result.model_copy(update=changes))  # a file name may be undecodable


def renamed(record: object, names: dict[str, str]) -> object:
    if not isinstance(record, BaseModel):
        return record
    fields = type(record).model_fields
    return record.model_copy(update={k: v for k, v in names.items() if k in fields})


def with_issue(result: ReportResult, message: str) -> ReportResult:
    issues = (*result.info.issues, Issue(message=message, severity="warning"))
    return result.model_copy(update={"info": result.info.model_copy(update={"issues": issues})})


def is_failed(result: ReportResult | ReportInfo) -> bool:
    info = result.info if isinstance(result, ReportResult) else result
    return info.status == Status.failed
