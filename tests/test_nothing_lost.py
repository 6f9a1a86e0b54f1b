"""Nothing lost, never a traceback (issue 16): a test for each numbered point, on PDFs
generated at test time.  Point 6 (OCR temporary files) is tested with the OCR
stage; point 7 (`report_copies_differ` without a period) beside its rule, in
tests/checks/test_restatement.py.

Where the tests run as root, permission tests run the command line with the
capabilities that override file permissions dropped (`setpriv`), as a normal
user would meet them.
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.batch import settings
from extractor.batch.options import BatchOptions
from extractor.batch.run_batch import run_batch
from extractor.cli.main import app
from extractor.model.errors import LimitError
from extractor.model.records import Status
from extractor.report import pages as pages_module
from extractor.report.pipeline import extract, report_id_for

import hostile_pdfs as H
from conftest import INPUT

runner = CliRunner()
GOOD = INPUT / "kp-2023.pdf"
QUIET = BatchOptions(workers=2, quiet=True, formats="csv,json")
CLI = [sys.executable, "-c", "from extractor.cli.main import app; app()"]
NO_OVERRIDE = ["--bounding-set=-dac_override,-dac_read_search,-fowner"]


def cli(
    args: list[str], unprivileged: bool = False, **kwargs: object
) -> subprocess.CompletedProcess[str]:
    """`extractor ARGS` in a process of its own; `unprivileged`: without the capabilities
    that let root ignore file permissions."""
    command = [*CLI, *args]
    if unprivileged and os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: permissions cannot be tested")
        command = [setpriv, *NO_OVERRIDE, *command]
    return subprocess.run(
        command, capture_output=True, text=True, timeout=300, check=False, **kwargs
    )  # type: ignore[call-overload, no-any-return]


def error_lines(stderr: str) -> list[str]:
    """stderr, checked to be one `Error:`/`Warning:` line per problem and no traceback."""
    assert "Traceback" not in stderr, stderr
    lines = stderr.splitlines()
    assert all(line.startswith(("Error: ", "Warning: ")) for line in lines), stderr
    return lines


def failures(out: Path) -> dict[str, str]:
    with (out / "failures.csv").open(encoding="utf-8", newline="") as fh:
        return {row["file"]: row["reason"] for row in csv.DictReader(fh)}


# ------------------------------------------------ 1. one page sinks a whole report


def test_1_one_oversized_page_no_longer_sinks_a_whole_report(tmp_path: Path) -> None:
    """A valid report with a blank 200 x 20000 pt page appended: every observation of the
    report is kept; the page is read (OCR in tiles) or is an issue on that page alone."""
    path = H.with_extra_page(tmp_path, "tall.pdf", 200, 20000)
    baseline = extract(GOOD)
    result = extract(path)
    assert result.info.pages == baseline.info.pages + 1
    assert result.info.status in (Status.ok, Status.partial)
    assert len(result.observations) == len(baseline.observations) == 84
    assert {i.page for i in result.info.issues} <= {result.info.pages}
    assert not [i for i in result.info.issues if "internal error" in i.message]


@pytest.mark.parametrize("stage", ["read", "layout"])
def test_1_a_page_that_raises_is_an_issue_on_that_page_and_the_rest_is_kept(
    monkeypatch: pytest.MonkeyPatch, stage: str
) -> None:
    """Whatever a page raises, reading (pdfium, render, Tesseract) or laying it out: an
    error on that page, the report partial, every other page's observations kept."""
    baseline = extract(GOOD)
    bad = 2  # its table (Tab. 1.1) is on that page alone
    if stage == "read":
        real = pages_module.iter_contents

        def reading(doc: object, numbers: list[int]) -> object:
            if numbers == [bad]:
                raise RuntimeError("Image too large: (834, 83396)")
            return real(doc, numbers)  # type: ignore[arg-type]

        monkeypatch.setattr(pages_module, "iter_contents", reading)
    else:
        from extractor.layout import page as layout_page

        real_tables = layout_page.page_tables

        def tables(content: object) -> object:
            if getattr(content, "number", 0) == bad and getattr(content, "chars", ()):
                raise ValueError("a layout bug on this page")
            return real_tables(content)  # type: ignore[arg-type]

        monkeypatch.setattr(layout_page, "page_tables", tables)
    result = extract(GOOD)
    assert result.info.status == Status.partial
    [issue] = [i for i in result.info.issues if i.severity != "info"]
    assert issue.page == bad and issue.severity == "error"
    assert issue.message.startswith(f"page {bad} skipped: ")
    kept = [o for o in baseline.observations if o.page != bad]
    assert kept and [o for o in result.observations if o.page != bad] == kept
    assert not [o for o in result.observations if o.page == bad]


def test_1_in_a_batch_the_report_is_partial_not_failed(tmp_path: Path) -> None:
    path = H.with_extra_page(tmp_path, "giant.pdf", 14400, 14400)
    options = BatchOptions(workers=1, quiet=True, formats="csv,json", memory_limit_mb=512)
    summary = run_batch([path], tmp_path / "out", options)
    assert not summary.failures
    [report] = json.loads((tmp_path / "out" / "reports.json").read_text("utf-8"))
    assert report["status"] in ("ok", "partial")
    assert {i["page"] for i in report["issues"]} <= {10}
    assert len(json.loads((tmp_path / "out" / "observations.json").read_text("utf-8"))) == 84


# ------------------------------------------ 2. tables and inspect have no limits


def test_2_tables_and_inspect_run_under_the_limits_of_run(tmp_path: Path) -> None:
    """A 14400 x 14400 pt page (about 24 GB at 300 dpi) and a 200 x 20000 pt page: `tables`
    and `inspect` stay within their memory limit, and end with their result or one line."""
    giant = H.with_extra_page(tmp_path, "giant.pdf", 14400, 14400)
    tall = H.with_extra_page(tmp_path, "tall.pdf", 200, 20000)
    for path in (giant, tall):
        done = cli(["tables", str(path), "--memory-limit", "512"])
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout) and len(error_lines(done.stderr)) <= 1
        image = tmp_path / f"{path.stem}.png"
        args = ["inspect", str(path), "--page", "10", "-o", str(image), "--memory-limit", "512"]
        done = cli(args)
        assert done.returncode in (0, 1)
        if done.returncode:
            [line] = error_lines(done.stderr)
            assert line.startswith(f"Error: {path.name}: ") and not image.exists()
    done = cli(["tables", str(giant), "--pages", "1", "--time-limit", "0.01"])
    assert done.returncode == 1
    assert error_lines(done.stderr) == ["Error: giant.pdf: time limit exceeded (0.01 s)"]


def test_2_the_python_api_reads_under_the_same_limits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import extractor
    from extractor.report import pipeline

    assert len(extractor.extract(GOOD).observations) == 84
    monkeypatch.setattr(pipeline, "extract", lambda path: time.sleep(60))
    started = time.monotonic()
    with pytest.raises(LimitError, match=r"time limit exceeded \(0.5 s\)"):
        extractor.extract(GOOD, time_limit=0.5)
    assert time.monotonic() - started < 10
    monkeypatch.setattr(pipeline, "extract", lambda path: bytearray(1 << 30))
    with pytest.raises(LimitError, match=r"memory limit exceeded \(256 MB\)"):
        extractor.extract(GOOD, memory_limit_mb=256)


# --------------------------------------------------------------- 3. silent loss


def test_3_unreadable_folders_and_broken_links_are_named(tmp_path: Path) -> None:
    """An unreadable subfolder, an unreadable file, a dangling and a self-referencing
    .pdf link, a folder link back to its parent: each a line on stderr, a row in
    failures.csv, exit 1; the readable report is read."""
    folder = tmp_path / "in"
    (folder / "locked").mkdir(parents=True)
    shutil.copy(INPUT / "kp-2021.pdf", folder / "good.pdf")
    shutil.copy(INPUT / "kp-2022.pdf", folder / "locked" / "hidden-from-us.pdf")
    shutil.copy(INPUT / "kp-2022.pdf", folder / "secret.pdf")
    (folder / "dangling.pdf").symlink_to(folder / "nowhere.pdf")
    (folder / "self.pdf").symlink_to(folder / "self.pdf")
    (folder / "again").symlink_to(folder)
    (folder / "secret.pdf").chmod(0)
    (folder / "locked").chmod(0)
    out = tmp_path / "out"
    out.mkdir()
    try:
        done = cli(["run", "-q", str(folder), "-o", str(out)], unprivileged=True)
    finally:
        (folder / "locked").chmod(0o755)
        (folder / "secret.pdf").chmod(0o644)
    assert done.returncode == 1, done.stderr
    lines = error_lines(done.stderr)
    reasons = failures(out)
    assert len(lines) == len(reasons) == 5, (lines, reasons)
    by_name = {Path(name).name: reason for name, reason in reasons.items()}
    assert by_name["locked"] == "cannot read folder: permission denied"
    assert by_name["secret.pdf"] == "cannot read file: Permission denied"
    assert by_name["dangling.pdf"].startswith("dangling link (to ")
    assert "link loop" in by_name["self.pdf"]
    assert by_name["again"].startswith("folder link loop (back to ")
    for name, reason in reasons.items():
        assert f"Error: {name}: {reason}" in lines
    reports = json.loads((out / "reports.json").read_text("utf-8"))
    assert [r["file"] for r in reports if r["status"] == "ok"] == ["good.pdf"]


# -------------------------------------------------------------- 4. stale outputs


def test_4_outputs_of_formats_not_asked_for_are_removed(tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = cli(
        ["run", "-q", str(INPUT / "kp-2022.pdf"), "-o", str(out), "--format", "all,excel-csv"]
    )
    assert first.returncode == 0, first.stderr
    assert cli(["report", str(out)]).returncode == 0
    before = {p.name for p in out.iterdir()}
    assert {"reports.parquet", "extractor.duckdb", "datapackage.json", "report.html"} <= before
    assert "observations.excel.csv" in before
    second = cli(["run", "-q", str(INPUT / "kp-2023.pdf"), "-o", str(out), "--format", "csv"])
    assert second.returncode == 0, second.stderr
    after = {p.name for p in out.iterdir() if p.is_file()}
    assert not [n for n in after if n.endswith((".parquet", ".duckdb", ".excel.csv", ".html"))]
    assert "datapackage.json" not in after
    manifest = json.loads((out / "run.json").read_text("utf-8"))
    assert manifest["formats"] == ["csv", "json"] and manifest["excel"] is False
    for name in after - {"run.json", "checks.md"}:
        text = (out / name).read_text("utf-8")
        assert "kp-2022" not in text, name
    assert cli(["check", str(out)]).returncode == 0  # with the formats of its run
    assert not list(out.glob("*.parquet")) and not (out / "extractor.duckdb").exists()


# --------------------------------------------------------------- 5. tracebacks


def test_5_a_read_only_output_folder_is_one_error_line(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_batch([GOOD], out, QUIET).failures == []
    for path in [out, *out.rglob("*")]:
        path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        run = cli(["run", "-q", str(INPUT / "kp-2021.pdf"), "-o", str(out)], unprivileged=True)
        check = cli(["check", str(out)], unprivileged=True)
        fresh = cli(["run", "-q", str(GOOD), "-o", str(out / "new")], unprivileged=True)
    finally:
        for path in [out, *out.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
    for done in (run, check, fresh):
        assert done.returncode == 1, done.stderr
        [line] = error_lines(done.stderr)
        assert "permission denied" in line and str(out) in line, line


def test_5_any_os_error_is_one_line_no_space_or_a_folder_for_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from extractor.batch import dataset_and_checks

    out = tmp_path / "out"
    run_batch([GOOD], out, QUIET)

    def full(*args: object, **kwargs: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device", str(out / "dataset.csv"))

    monkeypatch.setattr(dataset_and_checks, "consolidate_and_check", full)
    result = runner.invoke(app, ["check", str(out)])
    assert result.exit_code == 1
    assert result.output == f"Error: {out / 'dataset.csv'}: no space left on the device\n"
    (tmp_path / "a-folder.html").mkdir()
    result = runner.invoke(app, ["report", str(out), "-o", str(tmp_path / "a-folder.html")])
    assert result.exit_code == 1 and "is a folder, not a file" in result.output
    assert len(result.output.splitlines()) == 1 and "Traceback" not in result.output


def test_5_tables_on_a_folder_is_a_usage_error(tmp_path: Path) -> None:
    for command in ("tables", "inspect"):
        done = cli([command, str(tmp_path)])
        assert done.returncode == 2
        assert error_lines(done.stderr) == [f"Error: {tmp_path} is a folder: give one PDF file"]


@pytest.mark.parametrize("files", [3, 12])  # read in forked children / in a worker pool
def test_5_ctrl_c_on_the_terminal_leaves_no_traceback(tmp_path: Path, files: int) -> None:
    """Ctrl-C on a terminal signals the whole process group, workers included: only the
    main process says something, in one line."""
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(GOOD, folder / "a.pdf")  # read at once: the run is under way
    for i in range(1, files):
        H.many_pages(folder, 400 + i).rename(folder / f"v{i:02d}.pdf")
    out = tmp_path / "out"
    command = [*CLI, "run", "-q", "--workers", "2", "--format", "csv", str(folder), "-o", str(out)]
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True
    )
    cache = out / ".cache"
    deadline = time.monotonic() + 120
    while not list(cache.rglob("*.json")) and time.monotonic() < deadline:
        time.sleep(0.01)
    os.killpg(process.pid, signal.SIGINT)
    _, err = process.communicate(timeout=120)
    text = err.decode()
    assert process.returncode == 130, text
    assert "Traceback" not in text and "KeyboardInterrupt" not in text, text
    assert text.splitlines() == [
        f"Interrupted: every file read so far is cached in {out}; "
        "run the same command again to go on."
    ]


# --------------------------------------------------------------- 8. duplicates


def test_8_byte_identical_copies_are_reported_once(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "2023").mkdir(parents=True)
    names = ["a.pdf", "b.pdf", "c.pdf", "2023/a.pdf"]
    for name in names:
        shutil.copy(GOOD, folder / name)
    shutil.copy(INPUT / "kp-2022.pdf", folder / "kp-2022.pdf")
    files = sorted(folder.rglob("*.pdf"))
    summary = run_batch(files, tmp_path / "out", QUIET)
    assert summary.computed == 2 and not summary.failures
    reports = json.loads((tmp_path / "out" / "reports.json").read_text("utf-8"))
    same = sorted(r["file"] for r in reports if r["file"] != "kp-2022.pdf")
    assert same == ["2023/a.pdf", "b.pdf", "c.pdf", "in/a.pdf"]
    original = same[0]  # the first name
    copies = {r["file"]: r["duplicate_of"] for r in reports if r["duplicate_of"]}
    assert copies == {name: original for name in same[1:]}
    assert all(r["status"] == "ok" for r in reports)
    observations = json.loads((tmp_path / "out" / "observations.json").read_text("utf-8"))
    assert {o["source_file"] for o in observations} == {original, "kp-2022.pdf"}
    dataset = json.loads((tmp_path / "out" / "dataset.json").read_text("utf-8"))
    ids = {i for row in dataset for i in row["report_ids"]}
    assert ids == {report_id_for(Path(original.replace("/", "_"))), "kp-2022"}
    checks = (tmp_path / "out" / "checks.json").read_text("utf-8")
    assert not [name for name in copies if f'"{name}"' in checks]
    keep = BatchOptions(quiet=True, formats="csv,json", keep_duplicates=True)
    kept = run_batch(files, tmp_path / "kept", keep)
    assert kept.computed == 2
    observations = json.loads((tmp_path / "kept" / "observations.json").read_text("utf-8"))
    assert len({o["source_file"] for o in observations}) == 5


# ----------------------------------------------------------- 9. smaller points


def test_9_memory_limit_is_in_megabytes_and_has_a_floor(tmp_path: Path) -> None:
    for command in (["run", str(GOOD), "-o", str(tmp_path / "o")], ["tables", str(GOOD)]):
        result = runner.invoke(app, [*command, "--memory-limit", "1"])
        assert result.exit_code == 2
        assert result.output.startswith("Error: --memory-limit is in MB and must be at least 64")
    assert not (tmp_path / "o").exists()


def test_9_inspect_writes_png_only_and_says_when_given_a_folder(tmp_path: Path) -> None:
    result = runner.invoke(app, ["inspect", str(GOOD), "-o", str(tmp_path / "x.jpg")])
    assert result.exit_code == 2 and "-o must name a .png file" in result.output
    assert not (tmp_path / "x.jpg").exists()
    result = runner.invoke(app, ["inspect", str(tmp_path)])
    assert (
        result.exit_code == 2
        and result.output.startswith("Error: ")
        and "is a folder" in result.output
    )


def test_9_polish_letters_are_transliterated_in_report_ids() -> None:
    assert report_id_for(Path("zażółć gęślą jaźń.pdf")) == "zazolc_gesla_jazn"
    assert report_id_for(Path("ŁÓDŹ – sprawozdanie 2023.pdf")) == "LODZ_sprawozdanie_2023"


def test_9_a_line_break_in_a_file_name_stays_on_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(INPUT / "kp-2022.pdf", folder / "kp\n2022.pdf")
    (folder / "bad\nname.pdf").write_bytes(b"not a pdf")
    out = tmp_path / "out"
    done = cli(["run", "-q", str(folder), "-o", str(out), "--format", "csv"])
    assert done.returncode == 1
    assert error_lines(done.stderr) == ["Error: bad\\nname.pdf: not a PDF (no %PDF- signature)"]
    lines = (out / "checks.md").read_text("utf-8").splitlines()
    assert "## kp\\n2022.pdf" in lines  # the heading, on one line
    assert not [line for line in lines if line.startswith("2022.pdf")]
    reports = json.loads((out / "reports.json").read_text("utf-8"))
    assert {r["file"] for r in reports} == {"kp\\n2022.pdf", "bad\\nname.pdf"}


# ------------------------------------------------ small runs start no worker pool


def test_a_small_run_forks_its_readers_and_keeps_the_limits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from extractor.batch import isolation, read_files

    def no_pool(*args: object, **kwargs: object) -> object:
        raise AssertionError("a worker pool was started")

    monkeypatch.setattr(isolation, "run_isolated", no_pool)
    monkeypatch.setattr(read_files, "EXTRACT", H.misbehaving)
    hang = tmp_path / "hang.pdf"
    hang.write_bytes(b"%PDF-1.7 hang")
    options = BatchOptions(quiet=True, formats="csv", time_limit=2)
    summary = run_batch([GOOD, hang], tmp_path / "out", options)
    assert summary.failures == [("hang.pdf", "time limit exceeded (2 s)")]
    assert settings.SETTINGS.fork_up_to >= 2


def test_a_failed_file_is_named_in_one_short_line() -> None:
    """A file that failed with an error on each of 2000 pages: its reason is the file's
    own error first and two more, then how many are left (all are in reports.json)."""
    from extractor.batch.final_stages import failure_reason
    from extractor.model.records import Issue, ReportInfo

    issues = [Issue(page=n, message=f"page {n} skipped: x\ny", severity="error") for n in (1, 2)]
    issues += [Issue(page=n, message="skipped", severity="error") for n in range(3, 2001)]
    issues.append(Issue(message="no table with numbers found", severity="error"))
    info = ReportInfo(
        report_id="r", file="r.pdf", sha256="", status=Status.failed, issues=tuple(issues)
    )
    assert failure_reason(info) == (
        "no table with numbers found; page 1 skipped: x y; page 2 skipped: x y "
        "(and 1998 more in reports.json)"
    )
