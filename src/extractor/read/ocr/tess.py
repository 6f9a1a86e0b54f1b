"""Tesseract as a child process: the image piped in, the result piped out.

No image or result file is ever written: the page image goes to Tesseract's
standard input as an uncompressed PGM and hOCR, TSV or text comes back on its
standard output (faster than pytesseract's PNG files, and nothing to leave
behind).  Whatever Tesseract or Leptonica might still write goes to the
process's own temporary folder (`workdir`, set as the child's TMPDIR), which is
removed when the process exits; a process killed outright (SIGKILL, a batch
time-out) cannot clean up, so its folder is removed by the next process that
starts OCR: every folder carries a lock (`flock`) that the kernel drops when its
owner dies, however it dies.  The Tesseract child itself is killed with its
parent (Linux `PR_SET_PDEATHSIG`), so a killed worker leaves no OCR running.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import fcntl
import os
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np

from extractor.read.lexicon import COMMAND_ENV as COMMAND_ENV  # re-exported: the tests set it
from extractor.read.lexicon import tesseract_binary
from extractor.read.ocr.grid import Grey

# Tesseract's OpenMP threads spin-wait: on a small or busy machine one thread per
# call is 3-4x faster (run pages in parallel instead).  An explicit setting wins.
os.environ.setdefault("OMP_THREAD_LIMIT", "1")
LANG = "pol"
MAX_SIDE = 32767  # Tesseract refuses a larger image side ("Image too large")
STALE_AFTER = 60.0  # s: a folder without its lock this old is a dead process's
PR_SET_PDEATHSIG = 1


class TesseractError(RuntimeError):
    """Tesseract failed on an image (its message in the text)."""


@dataclass
class _Workdir:
    path: Path
    pid: int
    lock: int  # the open lock file: held (flock) for the process's whole life


_current: _Workdir | None = None


def parent_folder() -> Path:
    """Where the per-process folders live: one folder per user in the temporary folder."""
    return Path(tempfile.gettempdir()) / f"extractor-ocr-{os.getuid()}"


def workdir() -> Path:
    """This process's OCR temporary folder, created (and dead processes' folders
    removed) on first use; removed again when the process exits."""
    global _current
    if _current is not None and _current.pid == os.getpid() and _current.path.is_dir():
        return _current.path
    parent = parent_folder()
    parent.mkdir(mode=0o700, exist_ok=True)
    if parent.is_symlink() or parent.stat().st_uid != os.getuid():
        parent = Path(tempfile.gettempdir())  # not ours: no sweeping in a shared folder
    else:
        sweep(parent)
    path = Path(tempfile.mkdtemp(prefix=f"{os.getpid()}-", dir=parent))
    lock = os.open(path / ".lock", os.O_CREAT | os.O_RDWR, 0o600)
    fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    _current = _Workdir(path, os.getpid(), lock)
    atexit.register(remove_workdir)
    with contextlib.suppress(ImportError):  # multiprocessing children skip atexit
        from multiprocessing import util

        util.Finalize(None, remove_workdir, exitpriority=0)
    return path


def remove_workdir() -> None:
    """Remove this process's folder (a forked child leaves its parent's alone)."""
    global _current
    current = _current
    if current is None or current.pid != os.getpid():
        return
    _current = None
    shutil.rmtree(current.path, ignore_errors=True)
    with contextlib.suppress(OSError):
        os.close(current.lock)


def sweep(parent: Path) -> list[Path]:
    """Remove the folders of processes that died without cleaning up: their lock is
    free (the kernel released it), or they have no lock and are not new."""
    removed = []
    for folder in parent.iterdir():
        if folder.is_dir() and not folder.is_symlink() and _abandoned(folder):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _abandoned(folder: Path) -> bool:
    try:
        fd = os.open(folder / ".lock", os.O_RDWR)
    except FileNotFoundError:
        with contextlib.suppress(OSError):
            return time.time() - folder.stat().st_mtime > STALE_AFTER
        return False
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False  # its owner is alive
    finally:
        os.close(fd)
    return True


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def command() -> str:
    return tesseract_binary() or "tesseract"


def run(image: Grey, args: list[str], output: str = "", lang: str = LANG) -> str:
    """Tesseract on one image: `args` (e.g. ["--psm", "6"]), `output` a config
    ("hocr", "tsv", or "" for plain text and OSD), `lang` its model ("osd" for
    orientation detection); its standard output as text."""
    height, width = image.shape[:2]
    if not 0 < max(height, width) <= MAX_SIDE:
        raise TesseractError(f"image of {width}x{height} px: split it first")
    ok, data = cv2.imencode(".pgm", np.ascontiguousarray(image))
    if not ok:  # pragma: no cover - OpenCV encodes any 8-bit image
        raise TesseractError("cannot encode the image")
    env = {**os.environ, "TMPDIR": str(workdir())}
    argv = [command(), "stdin", "stdout", "-l", lang, *args, *([output] if output else [])]
    try:
        done = subprocess.run(
            argv,
            input=data.tobytes(),
            capture_output=True,
            env=env,
            preexec_fn=_die_with_parent,  # noqa: PLW1509 - only prctl, before exec
            check=False,
        )
    except OSError as exc:
        raise TesseractError(f"cannot run {argv[0]}: {exc}") from exc
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise TesseractError(message[-1] if message else f"exit status {done.returncode}")
    return done.stdout.decode("utf-8", "replace")
