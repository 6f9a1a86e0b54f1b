"""Files written atomically: a temporary file beside the target, renamed into place
only when complete, so a killed run never leaves a half-written output.  (Not
`tempfile.mkstemp`: its files are readable by their owner alone.)"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TextIO


def atomic_write_text(path: Path, text: str) -> None:
    with atomic_files(path) as [fh]:
        fh.write(text)


def atomic_write_texts(texts: dict[Path, str]) -> None:
    """Files written together: renamed into place only once every one is complete."""
    with atomic_files(*texts) as handles:
        for fh, text in zip(handles, texts.values(), strict=True):
            fh.write(text)


@contextlib.contextmanager
def atomic_files(*paths: Path) -> Iterator[list[TextIO]]:
    """Files written together, streamed: each into a temporary file beside its target,
    all renamed into place only once every one is complete (else all removed)."""
    temporaries: list[str] = []
    handles: list[TextIO] = []
    try:
        for path in paths:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = create_temporary(path)
            temporaries.append(tmp)
            handles.append(os.fdopen(fd, "w", encoding="utf-8", newline=""))
        yield handles
        synced(handles)
        for tmp, path in zip(temporaries, paths, strict=True):
            os.replace(tmp, path)
    except BaseException:
        for fh in handles:
            fh.close()
        for tmp in temporaries:
            Path(tmp).unlink(missing_ok=True)
        raise


def synced(handles: list[TextIO]) -> None:
    """Every file flushed to the disk and closed.  Several are synced side by side, in
    threads: the file system then commits them together (seven files one after the
    other take three to five times as long)."""
    for fh in handles:
        fh.flush()
    if len(handles) > 1:
        with ThreadPoolExecutor(len(handles)) as pool:
            list(pool.map(os.fsync, [fh.fileno() for fh in handles]))
    elif handles:
        os.fsync(handles[0].fileno())
    for fh in handles:
        fh.close()


def create_temporary(path: Path) -> tuple[int, str]:
    """A new file beside `path` (`.NAME.RANDOM.tmp`), open for writing, with the
    permissions any new file gets here (0666 less the umask): `tempfile.mkstemp`
    would make every output readable by its owner alone."""
    while True:
        tmp = str(path.parent / f".{path.name}.{secrets.token_hex(6)}.tmp")
        try:
            return os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666), tmp
        except FileExistsError:  # pragma: no cover - 48 random bits
            continue


@contextlib.contextmanager
def atomic_path(path: Path, keep: bool = True) -> Iterator[Path]:
    """A temporary path beside `path` for a library that writes a file itself, renamed
    onto it when the block succeeds (or, not `keep`, only removed afterwards)."""
    tmp_dir = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}."))
    try:
        tmp = tmp_dir / path.name
        yield tmp
        if keep:
            os.replace(tmp, path)
    finally:
        shutil.rmtree(tmp_dir, ignore_errors=True)


@contextlib.contextmanager
def atomic_file_path(path: Path, keep: bool = True) -> Iterator[Path]:
    """`atomic_path` for a library that writes one file and nothing beside it (pyarrow):
    a temporary file beside `path` (`.NAME.RANDOM.tmp`, like any other, so a killed
    run's is removed by the next), no folder to make and remove."""
    fd, tmp = create_temporary(path)
    os.close(fd)
    try:
        yield Path(tmp)
        if keep:
            os.replace(tmp, path)
    finally:
        Path(tmp).unlink(missing_ok=True)
