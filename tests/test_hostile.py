"""Hostile input: a clear status per file, the batch goes on, nothing lost, nothing unsafe.

The bad files are generated once per module (`hostile_pdfs`) and read in one
batch, after a first batch of good files into the same output folder.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from extractor.batch.cache import cache_folder
from extractor.batch.options import BatchOptions, BatchSummary
from extractor.batch.run_batch import run_batch
from extractor.model.records import ReportResult
from extractor.output.rendering import csv_safe
from extractor.report.pipeline import report_id_for

import hostile_pdfs as H
from conftest import INPUT, ROOT

GOOD = [INPUT / "kp-2021.pdf", INPUT / "gm-2022.pdf"]
OPTIONS = BatchOptions(workers=2, quiet=True, time_limit=60, memory_limit_mb=512, formats="csv")

# file -> (status, part of the first error message, or "" for none)
EXPECTED = {
    "notes.pdf": ("failed", "not a PDF (no %PDF- signature)"),
    "empty.pdf": ("failed", "empty file (0 bytes)"),
    "cut-10.pdf": ("failed", "damaged or truncated PDF"),
    "cut-50.pdf": ("failed", "damaged or truncated PDF"),
    "cut-97.pdf": ("failed", "damaged or truncated PDF"),
    "encrypted-user.pdf": ("failed", "encrypted PDF (password required)"),
    "encrypted-owner-only.pdf": ("ok", ""),
    "broken-xref.pdf": ("ok", ""),
    "pages-2000.pdf": ("failed", "no table with numbers found"),
    "objects.pdf": ("failed", "no table with numbers found"),
    "bomb.pdf": ("failed", "worker died"),
    "nested.pdf": ("failed", "no table with numbers found"),
    "uchwala.pdf": ("failed", "no table with numbers found"),
    "wykaz.pdf": ("failed", "no table with numbers found"),
    "a-copy.pdf": ("ok", ""),
    "z-copy.pdf": ("ok", ""),
}


@dataclass
class Runs:
    out: Path
    before: BatchSummary
    after: BatchSummary
    before_rows: list[dict[str, str]]

    def result(self, name: str) -> ReportResult:
        return next(r for r in self.after.results if r.info.file == name)


def generate(folder: Path) -> list[Path]:
    folder.mkdir()
    files = [H.not_a_pdf(folder), H.zero_bytes(folder)]
    files += [H.truncated(folder, f) for f in (0.1, 0.5, 0.97)]
    files += [H.encrypted(folder, "secret"), H.encrypted(folder, ""), H.broken_xref(folder)]
    files += [H.many_pages(folder, 2000), H.many_objects(folder, 100_000)]
    files += [H.decompression_bomb(folder, 1024), H.deeply_nested(folder, 100_000)]
    files += [H.other_kind(folder), H.tables_without_indicators(folder)]
    return [*files, *H.same_file_twice(folder)]


def observation_rows(out: Path) -> list[dict[str, str]]:
    with (out / "observations.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Runs:
    root = tmp_path_factory.mktemp("hostile")
    out = root / "out"
    before = run_batch(GOOD, out, OPTIONS)
    before_rows = observation_rows(out)
    after = run_batch([*GOOD, *generate(root / "in")], out, OPTIONS)
    return Runs(out, before, after, before_rows)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_bad_file_gets_a_clear_status_and_message(runs: Runs, name: str) -> None:
    status, message = EXPECTED[name]
    info = runs.result(name).info
    assert info.status == status, info.issues
    errors = [i.message for i in info.issues if i.severity == "error"]
    if message:
        assert errors and message in errors[0]
    else:
        assert not errors


def test_the_batch_goes_on_and_nothing_written_before_is_lost(runs: Runs) -> None:
    assert runs.after.computed == len(EXPECTED) - 1  # the copy is read once
    good = {p.name for p in GOOD}
    kept = [row for row in observation_rows(runs.out) if row["source_file"] in good]
    assert kept == runs.before_rows and kept
    assert all(runs.result(name).info.status == "ok" for name in good)


def test_failures_csv_names_every_failed_file_with_its_reason(runs: Runs) -> None:
    with (runs.out / "failures.csv").open(encoding="utf-8", newline="") as fh:
        rows = {r["file"]: r["reason"] for r in csv.DictReader(fh)}
    failed = {name for name, (status, _) in EXPECTED.items() if status == "failed"}
    assert set(rows) == failed
    assert rows["bomb.pdf"].startswith("worker died (SIGABRT")
    assert "no table with numbers found" in rows["pages-2000.pdf"]


def test_readable_damage_is_read_in_full(runs: Runs) -> None:
    reference = runs.result("a-copy.pdf")
    for name in ("broken-xref.pdf", "encrypted-owner-only.pdf"):
        result = runs.result(name)
        assert len(result.observations) == len(reference.observations) > 50
        assert {o.source_file for o in result.observations} == {name}
    assert runs.result("pages-2000.pdf").info.pages == 2000


def test_the_same_file_twice_is_read_once_and_reported_once(runs: Runs) -> None:
    first, second = runs.result("a-copy.pdf"), runs.result("z-copy.pdf")
    assert first.info.sha256 == second.info.sha256
    assert not first.info.issues and not first.info.duplicate_of
    assert second.info.duplicate_of == "a-copy.pdf" and not second.observations
    assert [(i.message, i.severity) for i in second.info.issues] == [
        ("byte-identical copy of a-copy.pdf: reported once, as a-copy.pdf", "info")
    ]
    assert first.info.report_id == "a-copy" and second.info.report_id == "z-copy"
    sources = {row["source_file"] for row in observation_rows(runs.out)}
    assert "a-copy.pdf" in sources and "z-copy.pdf" not in sources


def test_limit_failures_are_not_cached(runs: Runs) -> None:
    cached = {p.stem for p in cache_folder(runs.out).glob("*.json")}
    read = len(EXPECTED) - 1 + len(GOOD)
    assert len(cached) == read - 1  # all but the bomb, which may pass with a higher limit


# ------------------------------------------------------------ output safety


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ('=HYPERLINK("http://x";"klik")', '\'=HYPERLINK("http://x";"klik")'),
        ("+48 123", "'+48 123"),
        ("-1+2", "'-1+2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("-12.5", "-12.5"),
        ("Razem", "Razem"),
        ("a=b", "a=b"),
    ],
)
def test_csv_neutralises_formulas(text: str, safe: str) -> None:
    assert csv_safe(text) == safe


@pytest.mark.parametrize(
    ("name", "report_id"),
    [
        ("../../etc/passwd.pdf", "passwd"),
        ("..%2F..%2Fevil.pdf", "2F.._2Fevil"),
        ("=cmd|' -C calc'!A0.pdf", "cmd_-C_calc_A0"),
        ("...pdf", "report"),
        ("raport z Krakowa 2023.pdf", "raport_z_Krakowa_2023"),
    ],
)
def test_report_ids_are_safe(name: str, report_id: str) -> None:
    result = report_id_for(Path(name))
    assert result == report_id
    assert re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", result) and "/" not in result


def test_hostile_file_names_and_titles_never_become_paths_or_formulas(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    names = ["=cmd|' calc'!A0.pdf", "..%2F..%2Fevil.pdf", "@SUM(1).pdf"]
    for i, name in enumerate(names):  # three reports (byte-identical copies are one)
        (folder / name).write_bytes((INPUT / "kp-2021.pdf").read_bytes() + b"%" * (i + 1))
    (folder / "=HYPERLINK(x).pdf").write_bytes(b"junk")
    out = tmp_path / "out"
    summary = run_batch(sorted(folder.iterdir()), out, OPTIONS)
    assert [name for name, _ in summary.failures] == ["=HYPERLINK(x).pdf"]
    failures = (out / "failures.csv").read_text("utf-8").splitlines()
    assert failures[1].startswith("'=HYPERLINK(x).pdf,not a PDF")
    written = {p.relative_to(tmp_path).parts[0] for p in tmp_path.rglob("*")}
    assert written == {"in", "out"}  # nothing outside the output folder
    for path in cache_folder(out).iterdir():
        assert re.fullmatch(r"[0-9a-f]{64}\.json|lock", path.name)
    rows = observation_rows(out)
    assert {r["source_file"] for r in rows} == {
        "'=cmd|' calc'!A0.pdf",
        "..%2F..%2Fevil.pdf",
        "'@SUM(1).pdf",
    }
    data = json.loads((out / "observations.json").read_text("utf-8"))
    assert {o["source_file"] for o in data} == set(names)  # JSON keeps the exact text


def test_text_beyond_the_bmp_and_undecodable_file_names_are_written(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    emoji = H.surrogate_text(folder)  # pdfium gives U+1F600 as two UTF-16 halves
    odd = folder / os.fsdecode(b"raport-\xff.pdf")  # a name in no encoding
    shutil.copy(INPUT / "kp-2021.pdf", odd)
    summary = run_batch([emoji, odd], tmp_path / "out", OPTIONS)
    assert not summary.failures
    records = json.loads((tmp_path / "out" / "observations.json").read_text("utf-8"))
    assert {o["source_file"] for o in records} == {"surrogates.pdf", "raport-\ufffd.pdf"}
    assert "Liczba ofert \U0001f600" in {o["indicator"] for o in records}
    csv_text = (tmp_path / "out" / "observations.csv").read_text("utf-8")
    assert "Liczba ofert \U0001f600" in csv_text and "raport-\ufffd.pdf" in csv_text


def test_formula_cells_from_a_pdf_are_neutralised_in_csv_only(tmp_path: Path) -> None:
    path = H.formula_report(tmp_path)
    out = tmp_path / "out"
    run_batch([path], out, OPTIONS)
    records = json.loads((out / "observations.json").read_text("utf-8"))
    raw = {o["raw"] for o in records}
    assert {o["indicator"] for o in records} >= {'=HYPERLINK("http://x")', "-2+3 liczba umow"}
    cells = [cell for row in observation_rows(out) for cell in row.values()]
    assert cells and not [c for c in cells if c[:1] in ("=", "+", "@")]
    assert not [c for c in cells if c.startswith("-") and not _number(c)]
    assert {"=1+1", "-7"} <= raw  # JSON keeps the exact text
    assert "'=1+1" in cells and "-7" in cells


def _number(text: str) -> bool:
    return re.fullmatch(r"-?\d+(\.\d+)?", text) is not None


# ------------------------------------------------------------------ fuzzing


def test_a_short_fuzz_run_has_no_unhandled_exception(tmp_path: Path) -> None:
    script = ROOT / "benchmarks" / "fuzz.py"
    assert importlib.util.find_spec("extractor") is not None
    command = [sys.executable, str(script), "-n", "200", "--seed", "7", "--time-limit", "20"]
    command += ["--commands", "50"]  # and `tables`, `inspect` on 4 of them
    done = subprocess.run(command, capture_output=True, text=True, timeout=400, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    figures = dict(re.findall(r"^(\w[\w -]*\w): +(\S+)", done.stdout, re.M))
    assert figures["inputs"] == "200"
    assert figures["unhandled"] == "0" and figures["crashes"] == "0"
    assert figures["timeouts"] == "0" and figures["multi-line messages"] == "0"
    assert figures["commands run"] == "8" and figures["command tracebacks"] == "0"
    assert int(figures["ok"]) + int(figures["partial"]) + int(figures["failed"]) == 200
