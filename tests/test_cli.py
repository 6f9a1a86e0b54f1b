"""The CLI: one `Error: ...` line, documented exit codes, never a traceback."""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from extractor.cli.main import app

from conftest import INPUT

runner = CliRunner()


def test_help_on_every_command() -> None:
    for args in (["--help"], ["run", "--help"], ["tables", "--help"], ["check", "--help"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0
        assert "Usage" in result.output


def test_tables_lists_tables_with_continuations() -> None:
    result = runner.invoke(app, ["tables", str(INPUT / "kp-2023.pdf"), "--pages", "3-4"])
    assert result.exit_code == 0, result.output
    tables = json.loads(result.stdout)
    first = tables[0]
    assert first["page"] == 3 and first["caption"].startswith("Tab. 1.2 ")
    continued = [t for t in tables if t["continued_by"]]
    assert continued and continued[0]["continued_by"]["page"] == 4
    assert all(len(t["bbox"]) == 4 and t["rows"] for t in tables)


def test_tables_as_csv_one_row_per_cell_and_as_markdown_grids() -> None:
    args = ["tables", str(INPUT / "gm-2022.pdf"), "--pages", "2"]
    as_json = json.loads(runner.invoke(app, args).stdout)
    result = runner.invoke(app, [*args, "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert len(rows) == sum(len(row) for t in as_json for row in t["rows"])
    assert {r["table"] for r in rows} == {t["table"] for t in as_json}
    starred = [r for r in rows if r["markers"] == "*"]
    assert starred and starred[0]["text"] == "39 621,35"
    result = runner.invoke(app, [*args, "--format", "md"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("## 1 (page 2, ruled): Tabela 1.")
    assert "| 39 621,35 [*] |" in result.stdout


def test_tables_unknown_format_is_a_usage_error() -> None:
    result = runner.invoke(app, ["tables", str(INPUT / "gm-2022.pdf"), "--format", "xml"])
    assert result.exit_code == 2 and result.output.startswith("Error: --format")


def test_bad_page_range_is_a_usage_error() -> None:
    result = runner.invoke(app, ["tables", str(INPUT / "kp-2023.pdf"), "--pages", "x"])
    assert result.exit_code == 2
    assert result.output.strip().startswith("Error: bad page range")
    assert "Traceback" not in result.output


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["run", str(tmp_path / "nope"), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert "Error: no such file or folder" in result.output


def test_run_exit_code_is_1_only_when_a_file_failed(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(INPUT / "kp-2021.pdf", folder)
    ok = runner.invoke(
        app, ["run", str(folder), "-o", str(tmp_path / "o1"), "-q", "--workers", "1"]
    )
    assert ok.exit_code == 0, ok.output
    (folder / "broken.pdf").write_bytes(b"not a pdf")
    bad = runner.invoke(
        app, ["run", str(folder), "-o", str(tmp_path / "o2"), "-q", "--workers", "1"]
    )
    assert bad.exit_code == 1
    assert "Error: broken.pdf: not a PDF" in bad.output
    assert (tmp_path / "o2" / "observations.csv").read_text("utf-8").count("kp-2021.pdf") > 50


def test_check_on_a_run_output_rewrites_the_same_dataset_and_checks(tmp_path: Path) -> None:
    """`extractor check` reads back what `run` wrote (footnote anchors, figures, decimals)
    and, with the rules unchanged, finds exactly what the run found."""
    from extractor.output.folder_results import load_results

    out = tmp_path / "out"
    files = [str(p) for p in sorted(INPUT.glob("*.pdf"))]
    assert runner.invoke(app, ["run", *files, "-o", str(out), "--quiet"]).exit_code == 0
    names = ("dataset.csv", "dataset.json", "checks.csv", "checks.json", "checks.md")
    before = {name: (out / name).read_bytes() for name in names}
    loaded = load_results(out)
    assert any(note.anchors for r in loaded for note in r.footnotes)
    assert sum(len(r.figures) for r in loaded) == len(
        json.loads((out / "figures.json").read_text())
    )
    result = runner.invoke(app, ["check", str(out)])
    assert result.exit_code == 0, result.output
    assert {name: (out / name).read_bytes() for name in names} == before
    assert not list(out.glob(".check.*"))  # its temporary index is gone


def test_run_says_what_is_wrong_with_its_arguments(tmp_path: Path) -> None:
    """One `Error:` line and exit 2, never a traceback nor a run that does nothing."""
    (tmp_path / "empty").mkdir()
    (tmp_path / "a-file").write_text("x")
    pdf = str(INPUT / "kp-2023.pdf")
    cases = {
        "no PDF file in": [str(tmp_path / "empty"), "-o", str(tmp_path / "o1")],
        "is a file, not a folder": [pdf, "-o", str(tmp_path / "a-file")],
        "--workers must be 0": [pdf, "-o", str(tmp_path / "o2"), "--workers", "-1"],
        "--time-limit must be more than 0": [pdf, "-o", str(tmp_path / "o3"), "--time-limit", "0"],
        "--memory-limit is in MB and must be at least 64": [
            pdf,
            "-o",
            str(tmp_path / "o4"),
            "--memory-limit",
            "0",
        ],
    }
    for message, args in cases.items():
        result = runner.invoke(app, ["run", "--quiet", *args])
        assert result.exit_code == 2, (message, result.output)
        assert result.output.startswith("Error: ") and message in result.output
        assert "Traceback" not in result.output
    assert not (tmp_path / "o2").exists() and not (tmp_path / "o3").exists()


def test_run_ends_with_one_line_saying_what_it_did(tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ["run", str(INPUT / "kp-2023.pdf"), "-o", str(out)]
    first = runner.invoke(app, args)
    again = runner.invoke(app, args)
    assert first.exit_code == again.exit_code == 0
    [report] = json.loads((out / "reports.json").read_text("utf-8"))
    pages = f"1 file(s), {report['pages']} page(s)"
    assert f"{pages}: 1 read, 0 from the cache, 0 failed;" in first.output
    assert f"{pages}: 0 read, 1 from the cache, 0 failed;" in again.output
    assert runner.invoke(app, [*args, "--quiet"]).output == ""


def test_folders_are_searched_recursively_without_hidden_files(tmp_path: Path) -> None:
    from extractor.cli.main import collect_pdfs

    for name in ("a.pdf", "sub/B.PDF", "sub/._B.PDF", ".trash/c.pdf", "notes.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"%PDF-1.4\n")
    (tmp_path / "folder.pdf").mkdir()
    found = [p.relative_to(tmp_path).as_posix() for p in collect_pdfs([tmp_path])]
    assert found == ["a.pdf", "sub/B.PDF"]
    assert collect_pdfs([tmp_path / "sub" / "._B.PDF"]) == [tmp_path / "sub" / "._B.PDF"]
