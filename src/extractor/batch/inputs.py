"""The input files of a batch: each one's cache key (or why it cannot be read), and the
name and report id its records carry, unique within the batch."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from extractor.batch.cache import content_key
from extractor.report.pipeline import report_id_for


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


def plan_entries(files: Sequence[Path]) -> list[Entry]:
    """An entry for every distinct file, in order."""
    paths = distinct(files)
    labels = file_labels(paths)
    return [plan_entry(path, *label) for path, label in zip(paths, labels, strict=True)]


def distinct(files: Sequence[Path]) -> list[Path]:
    """The files in order, a file given twice (same real path) only once."""
    seen: set[Path] = set()
    unique = []
    for path in files:
        real = path.resolve()
        if real not in seen:
            seen.add(real)
            unique.append(path)
    return unique


def plan_entry(path: Path, name: str = "", report_id: str = "") -> Entry:
    try:
        return Entry(path, key=content_key(path), name=name, report_id=report_id)
    except OSError as exc:
        error = f"cannot read file: {exc.strerror or exc}"
        return Entry(path, error=error, name=name, report_id=report_id)


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
