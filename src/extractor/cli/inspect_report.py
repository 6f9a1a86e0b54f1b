"""The `inspect` and `report` commands, registered on the typer app of `extractor.cli.app`
(imported by `extractor.cli.main`).  Errors are one `Error: ...` line with the
README's exit codes: 1 for an unreadable input file (or over the time or memory limit:
`inspect` reads its page in a child process under the limits of `run`), 2 for a
usage error; a file that cannot be written is an `OSError` for the top-level
handler (`extractor.cli.app`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from extractor.batch.options import DEFAULT_LIMITS
from extractor.cli.app import app, fail, reported_errors
from extractor.model.errors import ExtractorError


@app.command("inspect")
def inspect_command(
    file: Annotated[Path, typer.Argument(help="A PDF file")],
    page: Annotated[int, typer.Option("--page", "-p", help="1-based page number")] = 1,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="PNG to write (default: FILE-pN.png)")
    ] = None,
    dpi: Annotated[int, typer.Option("--dpi", help="Resolution of the image")] = 144,
    time_limit: Annotated[
        float, typer.Option("--time-limit", help="Seconds allowed")
    ] = DEFAULT_LIMITS.time_limit,
    memory_limit: Annotated[
        int, typer.Option("--memory-limit", help="MB of memory allowed")
    ] = DEFAULT_LIMITS.memory_limit_mb,
) -> None:
    """Render a page with what was read drawn over it: ruling lines, table cells and
    outlines, captions, footnote markers and (scanned pages) OCR words."""
    from extractor.batch.forked import call_limited
    from extractor.batch.options import Limits
    from extractor.output.page_overlay import inspect_page

    if file.is_dir():
        fail(f"{file} is a folder: give one PDF file")
    if not file.is_file():
        fail(f"no such file: {file}")
    target = output or Path(f"{file.stem}-p{page}.png")
    if target.suffix.lower() != ".png":
        fail(f"the image is a PNG: -o must name a .png file, not {target.name}")
    with reported_errors(file.name):
        limits = Limits(time_limit, memory_limit)
        try:
            summary = call_limited(
                lambda: inspect_page(file, page, target, dpi=dpi).summary(), limits
            )
        except (ExtractorError, OSError):
            raise
        except Exception as exc:  # the page could not be read, rendered or OCRed
            fail(f"{file.name}: page {page} cannot be read ({type(exc).__name__}: {exc})", 1)
    typer.echo(f"{target}: {summary}")


@app.command("report")
def report_command(
    output_dir: Annotated[Path, typer.Argument(help="An output folder of `extractor run`")] = Path(
        "output"
    ),
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="HTML file to write (default: OUTPUT_DIR/report.html)"),
    ] = None,
) -> None:
    """Write one self-contained HTML file: per issuer and indicator the values over the
    years as charts, the consistency findings beside them, page references."""
    from extractor.output.html_report import write_report

    if not output_dir.is_dir():
        fail(f"no such output folder: {output_dir}")
    with reported_errors():
        target = write_report(output_dir, output)
    typer.echo(str(target))
