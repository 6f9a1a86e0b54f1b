"""Exception hierarchy: bad input (the file's fault) versus bugs (ours).

`InputError` and its subclasses are expected and become a per-file status
with a message; anything else escaping a stage is a bug and is reported as
such (still per file, never stopping a batch).
"""

from __future__ import annotations


class ExtractorError(Exception):
    """Base class of every error the library raises on purpose."""


class InputError(ExtractorError):
    """The input file cannot be read as a report (the file's fault)."""


class NotAPdfError(InputError):
    """The file is not a PDF (wrong signature, empty, unreadable)."""


class EncryptedPdfError(InputError):
    """The PDF is encrypted and cannot be opened without a password."""


class DamagedPdfError(InputError):
    """The PDF is truncated or damaged beyond what the reader repairs."""


class NoTablesError(InputError):
    """The PDF holds no indicator tables."""


class UsageError(ExtractorError):
    """The caller asked for something impossible (bad page range, missing path)."""


class LimitError(InputError):
    """Reading the file needed more time or memory than allowed (`--time-limit`,
    `--memory-limit`)."""


class CrashedError(InputError):
    """Reading the file ended its process without an answer (a crash in a PDF library
    set off by the file, or the process killed)."""
