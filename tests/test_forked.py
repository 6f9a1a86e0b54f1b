"""Work in a plainly forked child (`extractor.batch.forked`): `Beside`, which runs a
piece of work in another process while this one goes on (the workbook beside the
Parquet files and DuckDB)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from extractor.batch.forked import Beside


def test_beside_runs_in_another_process_and_hands_back_its_value() -> None:
    assert Beside(os.getpid).wait() != os.getpid()


def test_beside_raises_the_exception_of_the_work_here() -> None:
    def work() -> None:
        raise PermissionError(13, "Permission denied", "/out/extractor.xlsx")

    with pytest.raises(PermissionError) as raised:
        Beside(work).wait()
    assert raised.value.filename == "/out/extractor.xlsx"


def test_work_beside_this_process_overlaps_with_it(tmp_path: Path) -> None:
    """The work sees what this process does after starting it: it runs meanwhile, not
    before (no timing: the child waits for a file this process makes afterwards)."""
    marker = tmp_path / "went-on"

    def work() -> bool:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if marker.exists():
                return True
            time.sleep(0.01)
        return False

    pending = Beside(work)
    marker.touch()
    assert pending.wait() is True


def test_a_wait_stopped_by_ctrl_c_stops_the_child_and_its_cleanups_run(tmp_path: Path) -> None:
    marker = tmp_path / "half-written"

    def work() -> None:
        marker.touch()
        try:
            time.sleep(30)
        finally:
            marker.unlink()

    pending = Beside(work)
    while not marker.exists():
        time.sleep(0.01)
    signal.setitimer(signal.ITIMER_REAL, 0.2)
    previous = signal.signal(signal.SIGALRM, signal.default_int_handler)
    try:
        with pytest.raises(KeyboardInterrupt):
            pending.wait()
    finally:
        signal.signal(signal.SIGALRM, previous)
    assert not marker.exists()


def test_a_forked_child_may_import_what_the_command_line_keeps_out_of_its_process() -> None:
    """The command line keeps numpy out of its own process (`cli.app.KEPT_OUT`), but a
    child forked to read a file drops that ban: OCR needs numpy."""
    code = """
import sys
from extractor.batch.forked import call_limited
from extractor.batch.options import Limits
from extractor.cli.app import keep_out
keep_out(("numpy",))
try:
    import numpy
    sys.exit("numpy imported in the parent")
except ModuleNotFoundError:
    pass
print(call_limited(lambda: __import__("numpy").__name__, Limits()))
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "numpy"
