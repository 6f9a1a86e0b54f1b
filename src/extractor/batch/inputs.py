"""The input files of a batch: the PDFs in the folders given (`find_pdfs`), each one's
cache key (or why it cannot be read), and the name and report id its records carry,
unique within the batch.

Every path a search passes over and cannot use is named, never silently dropped:
an unreadable folder, a link to nothing or to itself named `*.pdf`, a folder link
leading back to a folder it is in.  Each becomes a failed input (`Skipped`: a
line on stderr, a row in failures.csv, exit code 1).  Hidden files and folders
(`.trash/`, macOS's `._name.pdf`) are passed over on purpose.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from extractor.batch.cache import content_key
from extractor.model.errors import UsageError
from extractor.report.results import report_id_for


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
        name = self.name or printable(self.path.name)
        return name, self.report_id or report_id_for(self.path)


Skipped = tuple[Path, str]  # a path the search could not use, and why


@dataclass
class Found:
    """What a search found: the PDF files, and the paths it could not use."""

    files: list[Path] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def find_pdfs(paths: Sequence[Path]) -> Found:
    """The files given, and the PDFs in the folders given (searched recursively, links
    followed, each folder once), in order; a usage error for a path that does not exist."""
    found = Found()
    for path in paths:
        if path.is_dir():
            inside = Found()
            search(path, path, inside, {real(path)})
            found.files += sorted(inside.files)
            found.skipped += sorted(inside.skipped)
        elif path.exists():
            found.files.append(path)
        else:
            raise UsageError(f"no such file or folder: {path}")
    return found


def search(folder: Path, top: Path, found: Found, ancestors: set[str]) -> None:
    """The PDFs under `folder` into `found`; `ancestors` are the real paths of the folders
    the search is in (a link back to one of them is a loop)."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError as exc:
        found.skipped.append((folder, f"cannot read folder: {reason(exc)}"))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue  # hidden (macOS ._name.pdf companions, .trash/)
        path = Path(entry.path)
        if is_folder(entry):
            target = real(path)
            if target in ancestors:
                found.skipped.append((path, f"folder link loop (back to {target})"))
            else:
                search(path, top, found, ancestors | {target})
        elif path.suffix.lower() == ".pdf":
            problem = unusable_pdf(entry)
            if problem:
                found.skipped.append((path, problem))
            elif entry.is_file():
                found.files.append(path)


def is_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def unusable_pdf(entry: os.DirEntry[str]) -> str:
    """Why a `*.pdf` entry cannot be read as a file ("" when it can): a link to nothing,
    a link loop."""
    if not entry.is_symlink():
        return ""
    try:
        os.stat(entry.path)
    except OSError as exc:
        if isinstance(exc, FileNotFoundError):
            return f"dangling link (to {os.readlink(entry.path)}, which does not exist)"
        return f"cannot follow link: {reason(exc)}"
    return ""


def reason(exc: OSError) -> str:
    """An OSError's reason in plain words."""
    if exc.errno == 40:  # ELOOP
        return "link loop (a link to itself)"
    return (exc.strerror or str(exc)).lower()


def real(path: Path) -> str:
    """The real path (links resolved; never raises, even on a link loop)."""
    return os.path.realpath(path)


def plan_entries(files: Sequence[Path], skipped: Sequence[Skipped] = ()) -> list[Entry]:
    """An entry for every distinct file, in order, then one (failed) for each path the
    search could not use."""
    paths = distinct(files)
    labels = file_labels(paths)
    entries = [plan_entry(path, *label) for path, label in zip(paths, labels, strict=True)]
    taken = {entry.labels[1] for entry in entries}
    for path, why in skipped:
        report_id = unique_id(report_id_for(Path(printable(str(path)).replace("/", "_"))), taken)
        entries.append(Entry(path, error=why, name=printable(str(path)), report_id=report_id))
    return entries


def unique_id(base: str, taken: set[str]) -> str:
    report_id, n = base, 1
    while report_id in taken:
        n += 1
        report_id = f"{base}-{n}"
    taken.add(report_id)
    return report_id


def distinct(files: Sequence[Path]) -> list[Path]:
    """The files in order, a file given twice (same real path) only once."""
    seen: set[str] = set()
    unique = []
    for path in files:
        key = real(path)
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique


def printable(name: str) -> str:
    """A name with its control characters (a line break in a file name) written as
    escapes, so that it stays on one line in every output and message."""
    if not any(unicodedata.category(c) == "Cc" for c in name):
        return name
    return "".join(
        c if unicodedata.category(c) != "Cc" else c.encode("unicode_escape").decode("ascii")
        for c in name
    )


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
    reals = [Path(real(path)) for path in paths]
    names = [
        printable(unique_tail(path, [r for r in reals if r.name == path.name])) for path in reals
    ]
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
