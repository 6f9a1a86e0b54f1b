"""Files written atomically (`extractor.output.atomic`): several files together, synced
side by side, all renamed into place or none."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from extractor.output import atomic
from extractor.output.atomic import atomic_write_texts


def test_files_written_together_are_all_in_place(tmp_path: Path) -> None:
    texts = {tmp_path / f"{name}.csv": f"{name}\n" for name in ("a", "b", "c")}
    atomic_write_texts(texts)
    assert {p.name: p.read_text("utf-8") for p in tmp_path.iterdir()} == {
        p.name: text for p, text in texts.items()
    }


def test_a_file_that_cannot_be_synced_leaves_none_of_the_group(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced: list[int] = []

    def fsync(fd: int) -> None:
        if synced:
            raise OSError(errno.EIO, "Input/output error")
        synced.append(fd)

    monkeypatch.setattr(atomic.os, "fsync", fsync)
    (tmp_path / "b.csv").write_text("old\n", "utf-8")
    with pytest.raises(OSError, match="Input/output"):
        atomic_write_texts({tmp_path / "a.csv": "a\n", tmp_path / "b.csv": "b\n"})
    assert sorted(os.listdir(tmp_path)) == ["b.csv"]
    assert (tmp_path / "b.csv").read_text("utf-8") == "old\n"
