"""The typer application every command registers on, and how the commands fail:
library errors become one `Error: ...` line on stderr and an exit code (0 success;
1 at least one input file failed, or, with --strict, error-level check findings;
2 usage error; 130 stopped with Ctrl-C)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer

from extractor.model.errors import ExtractorError, InputError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Extract indicator tables of Polish NGO-cooperation reports (PDF) into data.",
)

EXIT_FAILED = 1
EXIT_INTERRUPTED = 130  # as a shell reports Ctrl-C
EXIT_USAGE = 2


def fail(message: str, code: int = EXIT_USAGE) -> None:
    typer.echo(f"Error: {message}", err=True)
    raise typer.Exit(code)


@contextmanager
def reported_errors(name: str = "") -> Iterator[None]:
    """Library errors as one `Error: ...` line: bad input exits 1, anything else 2."""
    try:
        yield
    except InputError as exc:
        fail(f"{name}: {exc}" if name else str(exc), EXIT_FAILED)
    except ExtractorError as exc:
        fail(str(exc))
