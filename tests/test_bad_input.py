"""Bad input: a clear per-file status and message, the batch goes on, nothing lost."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from extractor.batch.options import BatchOptions
from extractor.batch.run_batch import run_batch
from extractor.model.errors import DamagedPdfError, EncryptedPdfError, NotAPdfError
from extractor.model.records import Status
from extractor.report.pipeline import extract, extract_safely

from conftest import INPUT

GOOD = INPUT / "kp-2023.pdf"


def encrypted_copy(tmp_path: Path, user: str, owner: str) -> Path:
    writer = PdfWriter(clone_from=PdfReader(GOOD))
    writer.encrypt(user_password=user, owner_password=owner, algorithm="AES-128")
    out = tmp_path / f"enc-{bool(user)}.pdf"
    with out.open("wb") as fh:
        writer.write(fh)
    return out


def no_table_pdf(tmp_path: Path) -> Path:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    out = tmp_path / "blank.pdf"
    out.write_bytes(buffer.getvalue())
    return out


def test_not_a_pdf(tmp_path: Path) -> None:
    path = tmp_path / "notes.pdf"
    path.write_text("just some text", encoding="utf-8")
    with pytest.raises(NotAPdfError):
        extract(path)


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    result = extract_safely(path)
    assert result.info.status == Status.failed
    assert "empty" in result.info.issues[0].message


@pytest.mark.parametrize("fraction", [0.1, 0.5, 0.9])
def test_truncated_file_never_raises(tmp_path: Path, fraction: float) -> None:
    data = GOOD.read_bytes()
    path = tmp_path / "cut.pdf"
    path.write_bytes(data[: int(len(data) * fraction)])
    result = extract_safely(path)
    assert result.info.status in (Status.failed, Status.partial, Status.ok)
    if result.info.status == Status.failed:
        assert result.info.issues and result.info.issues[0].message


def test_truncated_head_is_damaged(tmp_path: Path) -> None:
    path = tmp_path / "head.pdf"
    path.write_bytes(GOOD.read_bytes()[:400])
    with pytest.raises(DamagedPdfError):
        extract(path)


def test_encrypted_with_user_password(tmp_path: Path) -> None:
    with pytest.raises(EncryptedPdfError):
        extract(encrypted_copy(tmp_path, "secret", "owner"))


def test_owner_password_only_is_readable(tmp_path: Path) -> None:
    result = extract(encrypted_copy(tmp_path, "", "owner"))
    assert result.info.status == Status.ok
    assert len(result.observations) == len(extract(GOOD).observations)


def test_pdf_without_tables_fails_with_reason(tmp_path: Path) -> None:
    result = extract_safely(no_table_pdf(tmp_path))
    assert result.info.status == Status.failed
    assert any("no table with numbers" in i.message for i in result.info.issues)


def test_batch_goes_on_and_reports_every_file(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(GOOD, folder / "a-good.pdf")
    (folder / "b-bad.pdf").write_bytes(b"%PDF-1.7 garbage")
    (folder / "c-empty.pdf").write_bytes(b"")
    out = tmp_path / "out"
    summary = run_batch(sorted(folder.iterdir()), out, BatchOptions(workers=1, quiet=True))
    assert [name for name, _ in summary.failures] == ["b-bad.pdf", "c-empty.pdf"]
    reports = json.loads((out / "reports.json").read_text("utf-8"))
    assert [r["status"] for r in reports] == ["ok", "failed", "failed"]
    observations = json.loads((out / "observations.json").read_text("utf-8"))
    assert {o["source_file"] for o in observations} == {"a-good.pdf"}
