"""The typer application every command registers on, and how the commands fail:
library errors become one `Error: ...` line on stderr and an exit code (0 success;
1 at least one input file failed, a file or folder could not be read or written,
or, with --strict, error-level check findings; 2 usage error; 130 stopped with
Ctrl-C).

Every command runs inside `GuardedGroup.invoke`, the top-level handler: an
`OSError` anywhere (permission denied, a read-only or full disk, a folder given
where a file is expected) is one `Error: PATH: reason` line and exit 1; any other
exception is one `Error: internal error (...)` line, never a traceback
(`EXTRACTOR_DEBUG=1` lets it through, with its traceback).
"""

from __future__ import annotations

import errno
import importlib.abc
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, NoReturn

import typer
from typer.core import TyperGroup
from typer.exceptions import TyperException

from extractor.model.errors import ExtractorError, InputError, UsageError

EXIT_FAILED = 1
EXIT_INTERRUPTED = 130  # as a shell reports Ctrl-C
EXIT_USAGE = 2
# What the command line's own process never uses, though libraries it imports would load
# it (pyarrow looks for pandas objects in every array it builds: 0.35 s of the command's
# start; pyarrow and DuckDB import numpy, 0.15 s, when it is there).  Children forked to
# read files drop the ban (`extractor.batch.forked`): OCR needs numpy.
KEPT_OUT = ("pandas", "numpy")
OS_REASONS = {
    errno.EACCES: "permission denied",
    errno.EPERM: "operation not permitted",
    errno.EROFS: "read-only file system",
    errno.ENOSPC: "no space left on the device",
    errno.EDQUOT: "disk quota exceeded",
    errno.EISDIR: "is a folder, not a file",
    errno.ENOTDIR: "is not a folder",
    errno.ENOENT: "no such file or folder",
    errno.ELOOP: "too many levels of symbolic links (a link loop)",
}


def one_line(text: str) -> str:
    """A message as one line (library messages may hold line breaks)."""
    return " ".join(text.split())


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    typer.echo(f"Error: {one_line(message)}", err=True)
    raise typer.Exit(code)


def os_error_message(exc: OSError) -> str:
    """`PATH: reason` for an OSError (the reason in plain words where it is a common one)."""
    reason = OS_REASONS.get(exc.errno or 0) or exc.strerror or str(exc) or type(exc).__name__
    paths = [p for p in (exc.filename, exc.filename2) if p is not None]
    where = " -> ".join(os.fsdecode(p) for p in paths)
    return f"{where}: {reason}" if where else reason


@contextmanager
def reported_errors(name: str = "") -> Iterator[None]:
    """Library errors as one `Error: ...` line: bad input exits 1, anything else 2."""
    try:
        yield
    except InputError as exc:
        fail(f"{name}: {exc}" if name else str(exc), EXIT_FAILED)
    except UsageError as exc:
        fail(str(exc))
    except ExtractorError as exc:
        fail(str(exc), EXIT_FAILED)


class GuardedGroup(TyperGroup):
    """The command group, with the top-level handler around every command."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, TyperException):
            raise
        except KeyboardInterrupt:
            typer.echo("Interrupted.", err=True)
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except Exception as exc:
            if os.environ.get("EXTRACTOR_DEBUG"):
                raise
            handle(exc)


def handle(exc: Exception) -> NoReturn:
    """One `Error:` line and the exit code for an exception no command handled."""
    if isinstance(exc, OSError):
        fail(os_error_message(exc), EXIT_FAILED)
    if isinstance(exc, UsageError):
        fail(str(exc))
    if isinstance(exc, ExtractorError):
        fail(str(exc), EXIT_FAILED)
    if isinstance(exc, MemoryError):
        fail("out of memory", EXIT_FAILED)
    fail(f"internal error ({type(exc).__name__}: {exc})", EXIT_FAILED)


class ExtractorApp(typer.Typer):
    """The `extractor` command: keeps out of its process what it never uses (`KEPT_OUT`)."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        keep_out(KEPT_OUT)
        return super().__call__(*args, **kwargs)


class KeptOut(importlib.abc.MetaPathFinder):
    """An import finder that refuses `names` (ModuleNotFoundError, as if not installed),
    in this process only (`parent_only`: a forked child removes it)."""

    parent_only = True

    def __init__(self, names: tuple[str, ...]) -> None:
        self.names = names

    def find_spec(self, fullname: str, path: object = None, target: object = None) -> None:
        if fullname.partition(".")[0] in self.names:
            raise ModuleNotFoundError(f"{fullname} is not used by the command line", name=fullname)
        return None


def keep_out(modules: tuple[str, ...]) -> None:
    """Make `import NAME` fail in this process for modules not imported yet: optional
    users of them (pyarrow, cv2) then go without."""
    names = tuple(name for name in modules if name not in sys.modules)
    if names and not any(isinstance(f, KeptOut) for f in sys.meta_path):
        sys.meta_path.insert(0, KeptOut(names))


app = ExtractorApp(
    cls=GuardedGroup,
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="Extract indicator tables of Polish NGO-cooperation reports (PDF) into data.",
)
