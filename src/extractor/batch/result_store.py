"""The results of a batch, kept on disk (in the cache, `extractor.batch.cache`).

`ResultStore` is the batch's list of results, one per input file, in input
order.  It holds each file's `ReportInfo` (a few hundred bytes) and reads the
rest from the cache when a result is asked for, so the main process of an
archive of any size holds one report (or one issuer's reports) at a time.
Only results that must not be cached (limit failures, our own bugs) stay in
memory; they are small.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel

from extractor.batch.cache import cached
from extractor.batch.inputs import Entry
from extractor.model.records import Issue, ReportInfo, ReportResult, Status
from extractor.model.results import LazyResults
from extractor.report.results import encodable, failed_result


class ResultStore(LazyResults):
    """One result per entry, in entry order, each read from the cache when asked.

    `found` gives, per cache key, the info of a cached result, or the whole result
    when it is not cached.  A byte-identical copy of another input (the first by name
    is the original) is its info alone, relabelled to its own name, with
    `duplicate_of` naming the original: no records of its own, kept out of the
    dataset and the checks; with `keep_duplicates`, it is the whole result under its
    own name, a report of its own that says which file it repeats."""

    def __init__(
        self,
        entries: Sequence[Entry],
        out_dir: Path,
        found: dict[str, ReportInfo | ReportResult],
        keep_duplicates: bool = False,
    ) -> None:
        self.entries, self.out_dir, self.found = list(entries), out_dir, found
        self.keep_duplicates = keep_duplicates
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
        original = self.originals[entry.key]
        if original != entry and not self.keep_duplicates:
            info = known if isinstance(known, ReportInfo) else known.info
            return duplicate(info, original.labels[0], *entry.labels)
        if isinstance(known, ReportInfo):
            hit = ReportResult(info=known) if info_only else cached(self.out_dir, entry.key)
            if hit is None:  # removed from the cache since: report it, never guess
                failure = failed_result(entry.path, "cached result vanished during the run")
                return relabel(failure, *entry.labels)
            known = hit
        result = relabel(known, *entry.labels)
        if original != entry:
            message = f"same content as {original.labels[0]} (read once, kept as a report)"
            result = with_issue(result, message)
        return result


def duplicate(info: ReportInfo, original: str, name: str, report_id: str) -> ReportResult:
    """A byte-identical copy of `original`, reported once: its info under its own name,
    no records.  A copy of a failed file keeps the reason (it failed as well)."""
    message = f"byte-identical copy of {original}: reported once, as {original}"
    note = Issue(message=message, severity="info")
    issues = (*info.issues, note) if info.status == Status.failed else (note,)
    update = {"file": name, "report_id": report_id, "duplicate_of": original, "issues": issues}
    return encodable(ReportResult(info=info.model_copy(update=update)))


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
