"""OCR leaves no temporary files behind, even when its process is killed.

Tesseract reads the image from a pipe and writes to a pipe; whatever it might
still write goes to the process's own folder (its TMPDIR), removed at exit, or,
for a process killed outright, by the next process that starts OCR.  A killed
process's Tesseract child dies with it.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("cv2")

from extractor.read.ocr import tess  # noqa: E402

from conftest import tesseract_with_polish  # noqa: E402

SRC = Path(__file__).resolve().parent.parent / "src"

FAKE = """#!/bin/sh
# a stand-in for tesseract: leaves a file in its TMPDIR, then says where it runs, hangs
touch "$TMPDIR/tess_leftover.png"
echo "$$ $TMPDIR" > "{record}"
exec sleep 60
"""


@pytest.fixture
def private_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """This process's temporary folder is `tmp_path`, with no OCR folder yet."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(tess, "_current", None)
    yield tmp_path
    tess.remove_workdir()


def child(code: str, tmp: Path, **env: str) -> subprocess.Popen[bytes]:
    """A Python process with `tmp` as its temporary folder, running `code`."""
    environ = {**os.environ, "TMPDIR": str(tmp), "PYTHONPATH": str(SRC), **env}
    return subprocess.Popen([sys.executable, "-c", textwrap.dedent(code)], env=environ)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as stat:  # a zombie has died too
        return stat.read().split(")")[-1].split()[0] != "Z"


def wait_for(condition: object, seconds: float = 20.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():  # type: ignore[operator]
            return True
        time.sleep(0.05)
    return False


def test_a_killed_process_leaves_nothing_running_and_its_folder_goes(private_tmp: Path) -> None:
    record = private_tmp / "fake.txt"
    fake = private_tmp / "fake-tesseract"
    fake.write_text(FAKE.format(record=record))
    fake.chmod(0o755)
    worker = child(
        """
        import numpy as np
        from extractor.read.ocr import tess
        tess.run(np.zeros((20, 20), np.uint8), ["--psm", "6"])
        """,
        private_tmp,
        EXTRACTOR_TESSERACT=str(fake),
    )
    assert wait_for(lambda: record.exists() and record.read_text().strip())
    pid, folder = record.read_text().split()
    assert Path(folder).parent == tess.parent_folder()
    assert (Path(folder) / "tess_leftover.png").exists()
    worker.send_signal(signal.SIGKILL)
    worker.wait()
    assert wait_for(lambda: not alive(int(pid)), 5), "tesseract outlived its killed parent"
    assert Path(folder).exists()  # nobody could clean up yet
    mine = tess.workdir()  # the next process to start OCR removes it
    assert not Path(folder).exists()
    assert mine.is_dir() and mine.parent == tess.parent_folder()


def test_folders_of_living_processes_are_kept(private_tmp: Path) -> None:
    holder = child(
        """
        import time
        from extractor.read.ocr import tess
        print(tess.workdir(), flush=True)
        time.sleep(60)
        """,
        private_tmp,
    )
    try:
        parent = tess.parent_folder()
        assert wait_for(lambda: parent.is_dir() and any(parent.iterdir()))
        theirs = next(parent.iterdir())
        assert wait_for(lambda: (theirs / ".lock").exists())
        tess.workdir()
        assert theirs.is_dir()
        assert tess.sweep(parent) == []
    finally:
        holder.kill()
        holder.wait()
    assert tess.sweep(parent) == [theirs]


@pytest.mark.parametrize("how", ["exit", "multiprocessing"])
def test_a_process_that_ends_removes_its_folder(private_tmp: Path, how: str) -> None:
    code = {
        "exit": """
            from extractor.read.ocr import tess
            (tess.workdir() / "tess_x.txt").write_text("x")
            """,
        "multiprocessing": """
            import multiprocessing
            from extractor.read.ocr import tess

            def use():
                (tess.workdir() / "tess_x.txt").write_text("x")

            if __name__ == "__main__":
                ctx = multiprocessing.get_context("fork")
                process = ctx.Process(target=use)
                process.start()
                process.join()
            """,
    }[how]
    assert child(code, private_tmp).wait() == 0
    parent = tess.parent_folder()
    assert not parent.exists() or list(parent.iterdir()) == []


@pytest.mark.skipif(not tesseract_with_polish(), reason="tesseract is not installed")
def test_ocr_writes_no_temporary_files(private_tmp: Path) -> None:
    image = np.full((120, 600), 255, dtype=np.uint8)
    image[40:80, 50:550:20] = 0
    before = set(Path("/tmp").glob("tess_*"))
    tess.run(image, ["--psm", "6"], "hocr")
    tess.run(image, ["--psm", "6"], "tsv")
    assert set(Path("/tmp").glob("tess_*")) == before
    assert [p.name for p in private_tmp.iterdir()] == [tess.parent_folder().name]
    assert [p.name for p in tess.workdir().iterdir()] == [".lock"]


def test_tesseract_failure_is_an_error_not_a_crash(private_tmp: Path) -> None:
    with pytest.raises(tess.TesseractError):
        tess.run(np.zeros((40000, 10), np.uint8), ["--psm", "6"])
    os.environ[tess.COMMAND_ENV] = str(private_tmp / "no-such-tesseract")
    try:
        with pytest.raises(tess.TesseractError):
            tess.run(np.zeros((10, 10), np.uint8), ["--psm", "6"])
    finally:
        del os.environ[tess.COMMAND_ENV]
