"""Command line: a thin layer over the library (`extractor run`, `tables`, `check`; the
`inspect` and `report` commands are in `extractor.cli.inspect_report`).

Library errors become one `Error: ...` line on stderr and an exit code
(`extractor.cli.app`).  The batch engine is imported when a run starts.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from extractor.batch.options import DEFAULT_LIMITS
from extractor.cli.app import (
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    app,
    fail,
    one_line,
    reported_errors,
)
from extractor.model.errors import ExtractorError, UsageError

if TYPE_CHECKING:  # the batch engine is imported when a run starts
    from extractor.batch.inputs import Found
    from extractor.batch.options import BatchSummary
    from extractor.model.records import Issue

__all__ = ["app", "main"]


def collect_pdfs(paths: list[Path]) -> list[Path]:
    """The files given, and the PDFs in the folders given (searched recursively; hidden
    files and folders, such as macOS's `._name.pdf` companions, are skipped)."""
    from extractor.batch.inputs import find_pdfs

    return find_pdfs(paths).files


def parse_pages(spec: str | None) -> list[int] | None:
    if not spec:
        return None
    pages: list[int] = []
    try:
        for part in spec.split(","):
            lo, _, hi = part.partition("-")
            start, end = int(lo), int(hi or lo)
            if start < 1 or end < start:
                raise ValueError
            pages.extend(range(start, end + 1))
    except ValueError:
        raise UsageError(f"bad page range '{spec}' (use e.g. 1-3,5)") from None
    return pages


PathsArgument = Annotated[
    list[Path] | None, typer.Argument(help="PDF files and/or folders (default: input_pdfs/)")
]
OutputOption = Annotated[Path, typer.Option("-o", "--output", help="Output folder")]
WorkersOption = Annotated[
    int, typer.Option("--workers", help="Parallel worker processes (0 = one per core)")
]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar")]
StrictOption = Annotated[bool, typer.Option("--strict", help="Exit 1 on error-level findings")]
ExecutorOption = Annotated[
    str, typer.Option("--executor", help="local (processes) or dask (a dask.distributed cluster)")
]
SchedulerOption = Annotated[
    str | None, typer.Option("--scheduler", help="Dask scheduler address, tcp://HOST:8786")
]
TimeLimitOption = Annotated[float, typer.Option("--time-limit", help="Seconds allowed per file")]
MemoryLimitOption = Annotated[
    int, typer.Option("--memory-limit", help="MB of memory allowed per file")
]
FormatOption = Annotated[
    str,
    typer.Option(
        "--format",
        help="Comma-separated: csv,json,parquet,duckdb,datapackage,xlsx or all; "
        "excel-csv adds CSV for Polish-locale spreadsheets (;, decimal comma, BOM)",
    ),
]
ExcelOption = Annotated[
    bool,
    typer.Option(
        "--excel", help="The Excel workbook extractor.xlsx even if --format leaves it out"
    ),
]
KeepDuplicatesOption = Annotated[
    bool,
    typer.Option(
        "--keep-duplicates",
        help="Keep byte-identical copies of a file as reports of their own (in the dataset "
        "and the checks); by default a copy is listed once, as a duplicate of its first name",
    ),
]


@app.command()
def run(
    paths: PathsArgument = None,
    output: OutputOption = Path("output"),
    workers: WorkersOption = 0,
    quiet: QuietOption = False,
    strict: StrictOption = False,
    executor: ExecutorOption = "local",
    scheduler: SchedulerOption = None,
    time_limit: TimeLimitOption = DEFAULT_LIMITS.time_limit,
    memory_limit: MemoryLimitOption = DEFAULT_LIMITS.memory_limit_mb,
    formats: FormatOption = "all",
    excel: ExcelOption = False,
    keep_duplicates: KeepDuplicatesOption = False,
) -> None:
    """Extract every report into OUTPUT: observations, footnotes, reports, dataset, checks."""
    from extractor.batch.options import BatchOptions
    from extractor.batch.run_batch import run_batch
    from extractor.output.formats import parse_formats

    try:
        options = BatchOptions(
            workers=workers, quiet=quiet, executor=executor, scheduler=scheduler,
            time_limit=time_limit, memory_limit_mb=memory_limit, formats=formats, excel=excel,
            keep_duplicates=keep_duplicates, single_run=True,
        )  # fmt: skip
        parse_formats(formats)
        found = input_files(paths)
        summary = run_batch(found.files, output, options, found.skipped)
    except ExtractorError as exc:
        fail(str(exc))
    except KeyboardInterrupt:
        typer.echo(
            f"Interrupted: every file read so far is cached in {output}; "
            "run the same command again to go on.",
            err=True,
        )
        raise typer.Exit(EXIT_INTERRUPTED) from None
    for name, message in summary.failures:
        typer.echo(f"Error: {name}: {one_line(message)}", err=True)
    if not quiet:
        typer.echo(run_summary(summary, output))
    if summary.failures or (strict and summary.error_findings):
        raise typer.Exit(EXIT_FAILED)


def input_files(paths: list[Path] | None) -> Found:
    """The PDFs to read (default: those in input_pdfs/) and the paths the search could not
    use; a usage error when there is nothing at all."""
    from extractor.batch.inputs import find_pdfs

    sources = paths or [Path("input_pdfs")]
    found = find_pdfs(sources)
    if not found.files and not found.skipped:
        raise UsageError(f"no PDF file in {', '.join(str(p) for p in sources)}")
    return found


def run_summary(summary: BatchSummary, output: Path) -> str:
    """What a run did, in one line (the progress bar leaves nothing behind)."""
    files = len(summary.results)
    cached = files - summary.computed
    return (
        f"{files} file(s), {summary.pages} page(s): {summary.computed} read, {cached} from "
        f"the cache, {len(summary.failures)} failed; {summary.error_findings} error-level "
        f"finding(s) (see {output / 'checks.md'}); outputs in {output}"
    )


PagesOption = Annotated[str | None, typer.Option("--pages", help="Pages, e.g. 1-3,5")]
TablesFormatOption = Annotated[
    str, typer.Option("--format", "-f", help="json, csv (one row per cell) or md")
]


@app.command()
def tables(
    file: Annotated[Path, typer.Argument(help="A PDF file")],
    pages: PagesOption = None,
    output_format: TablesFormatOption = "json",
    time_limit: TimeLimitOption = DEFAULT_LIMITS.time_limit,
    memory_limit: MemoryLimitOption = DEFAULT_LIMITS.memory_limit_mb,
) -> None:
    """Print every table found (generic layer, no domain meaning): page, bbox, ruled or
    borderless, caption, continuation, and cells with their text and markers."""
    from extractor.batch.forked import call_limited
    from extractor.batch.options import Limits
    from extractor.layout.tables_json import FORMATS, tables_to_csv, tables_to_markdown

    with reported_errors(file.name):
        if output_format not in FORMATS:
            raise UsageError(f"--format must be one of {', '.join(FORMATS)}")
        page_list = parse_pages(pages)
        limits = Limits(time_limit, memory_limit)
        one_pdf_file(file)
        found, issues = call_limited(lambda: read_tables(file, page_list), limits)
    for issue in issues:
        typer.echo(f"Warning: {file.name}: {one_line(issue.message)}", err=True)
    if output_format == "csv":
        sys.stdout.write(tables_to_csv(found))
    elif output_format == "md":
        sys.stdout.write(tables_to_markdown(found))
    else:
        json.dump(found, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")


def one_pdf_file(file: Path) -> None:
    """A usage error unless `file` is a file (a folder, or nothing, is not)."""
    if file.is_dir():
        raise UsageError(f"{file} is a folder: give one PDF file")
    if not file.exists():
        raise UsageError(f"no such file: {file}")


def read_tables(file: Path, pages: list[int] | None) -> tuple[list[dict[str, Any]], list[Issue]]:
    """The tables of the PDF (of `pages`) as JSON, and an issue for each page skipped
    (runs in the limited child of `tables`)."""
    from extractor.layout.tables_json import layouts_to_json
    from extractor.read.pdf import open_document
    from extractor.report.pages import read_layouts

    doc = open_document(file)
    try:
        if pages and max(pages) > len(doc):
            raise UsageError(f"the PDF has {len(doc)} pages")
        layouts, issues = read_layouts(doc, pages or list(range(1, len(doc) + 1)))
    finally:
        doc.close()
    return layouts_to_json(layouts), issues


@app.command()
def check(
    output_dir: Annotated[Path, typer.Argument(help="An output folder of `extractor run`")] = Path(
        "output"
    ),
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 on error-level findings")
    ] = False,
) -> None:
    """Re-run the consistency checks (and the consolidation) on an existing output."""
    from extractor.batch.dataset_and_checks import consolidate_and_check
    from extractor.batch.final_stages import run_formats

    if not (output_dir / "observations.json").exists():
        fail(f"{output_dir} holds no observations.json (run `extractor run` first)")
    from extractor.output.exports import write_exports

    with reported_errors():
        errors = consolidate_and_check(output_dir)
        write_exports(output_dir, *run_formats(output_dir))  # the formats of its run
    typer.echo(f"{errors} error-level finding(s); see {output_dir / 'checks.md'}")
    if strict and errors:
        raise typer.Exit(EXIT_FAILED)


def main() -> None:  # pragma: no cover
    app()


# After the commands above, so that `--help` lists them first.
import extractor.cli.inspect_report  # noqa: E402, F401  (registers `inspect` and `report`)
