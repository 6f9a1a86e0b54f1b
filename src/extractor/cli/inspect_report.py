"""The `inspect` and `report` commands, registered on the typer app of `extractor.cli.app`
(imported by `extractor.cli.main`).  Errors are one `Error: ...` line with the
README's exit codes: 1 for an unreadable input file, 2 for a usage error.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from extractor.cli.app import app, fail, reported_errors


@app.command("inspect")
def inspect_command(
    file: Annotated[Path, typer.Argument(help="A PDF file")],
    page: Annotated[int, typer.Option("--page", "-p", help="1-based page number")] = 1,
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="PNG to write (default: FILE-pN.png)")
    ] = None,
    dpi: Annotated[int, typer.Option("--dpi", help="Resolution of the image")] = 144,
) -> None:
    """Render a page with what was read drawn over it: ruling lines, table cells and
    outlines, captions, footnote markers and (scanned pages) OCR words."""
    from extractor.output.page_overlay import inspect_page

    if not file.is_file():
        fail(f"no such file: {file}")
    target = output or Path(f"{file.stem}-p{page}.png")
    try:
        with reported_errors(file.name):
            overlay = inspect_page(file, page, target, dpi=dpi)
    except OSError as exc:
        fail(f"cannot write {target}: {exc.strerror or exc}")
        return
    typer.echo(f"{target}: {overlay.summary()}")


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
    try:
        with reported_errors():
            target = write_report(output_dir, output)
    except OSError as exc:
        fail(f"cannot write {output or output_dir / 'report.html'}: {exc.strerror or exc}")
        return
    typer.echo(str(target))
