"""The words Tesseract's own model of a language knows: its word list, a dictionary.

Takes: a language ("pol").  Gives: the lower-case words of the model's word list
(about 385 000 for Polish), read once per process: the word graph (`*.lstm-word-dawg`)
and its character set are cut out of the installed `.traineddata` with Tesseract's
`combine_tessdata` and listed with `dawg2wordlist`, in a temporary folder; None when
Tesseract, its tools or the model are missing.  Used to tell a printed word from a
misreading (a word the dictionary holds is spelled as printed).  Hand-written: no
Python package reads Tesseract's word graphs, and shipping a word list would copy
what the installed model holds.  Imports: nothing of this project.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

COMMAND_ENV = "EXTRACTOR_TESSERACT"  # another Tesseract binary (tests use a stand-in)
TIMEOUT = 60.0  # s for each tool


@functools.cache
def dictionary(lang: str = "pol") -> frozenset[str] | None:
    """The model's words, lower case; None when they cannot be read."""
    model = traineddata(lang)
    if model is None or not (shutil.which("combine_tessdata") and shutil.which("dawg2wordlist")):
        return None
    with tempfile.TemporaryDirectory(prefix="extractor-lexicon-") as folder:
        base = Path(folder) / lang
        dawg, charset = Path(f"{base}.lstm-word-dawg"), Path(f"{base}.lstm-unicharset")
        listed = Path(f"{base}.txt")
        try:
            quiet(["combine_tessdata", "-e", str(model), str(dawg), str(charset)])
            quiet(["dawg2wordlist", str(charset), str(dawg), str(listed)])
            text = listed.read_text(encoding="utf-8", errors="replace")
        except (OSError, subprocess.SubprocessError):
            return None
    words = frozenset(word.lower() for word in text.split())
    return words or None


def tesseract_binary() -> str | None:
    """The Tesseract to run: `COMMAND_ENV`'s, else the one on the path."""
    return os.environ.get(COMMAND_ENV) or shutil.which("tesseract")


def traineddata(lang: str) -> Path | None:
    """The installed model file of `lang`, where Tesseract says its models are."""
    tesseract = tesseract_binary()
    if tesseract is None:
        return None
    try:
        done = subprocess.run(
            [tesseract, "--list-langs"], capture_output=True, timeout=TIMEOUT, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    said = done.stdout.decode("utf-8", "replace") + done.stderr.decode("utf-8", "replace")
    found = re.search(r'"([^"]+)"', said)
    if found is None:
        return None
    model = Path(found.group(1)) / f"{lang}.traineddata"
    return model if model.is_file() else None


def quiet(argv: list[str]) -> None:
    """Run a tool, its output dropped; a failure raises."""
    subprocess.run(argv, capture_output=True, timeout=TIMEOUT, check=True)
