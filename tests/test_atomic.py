"""Files written atomically (`extractor.output.atomic`): several files together, synced
side by side, all renamed into place or none."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from extractor.output import atomic
from extractor.output.atomic import atomic_file_path, atomic_write_texts


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


@pytest.mark.parametrize("keep", [True, False])
def test_a_library_writes_a_temporary_file_renamed_into_place_or_removed(
    tmp_path: Path, keep: bool
) -> None:
    target = tmp_path / "table.parquet"
    with atomic_file_path(target, keep) as tmp:
        assert tmp.parent == tmp_path and tmp.name.endswith(".tmp")
        tmp.write_bytes(b"PAR1")
    assert os.listdir(tmp_path) == (["table.parquet"] if keep else [])


def test_a_failed_library_write_leaves_nothing(tmp_path: Path) -> None:
    with pytest.raises(ValueError), atomic_file_path(tmp_path / "table.parquet") as tmp:
        tmp.write_bytes(b"PA")
        raise ValueError("the library failed")
    assert os.listdir(tmp_path) == []
