"""`extractor report`: one offline HTML file with SVG charts, findings and page references."""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from PIL import Image
from typer.testing import CliRunner

import extractor.cli.inspect_report  # noqa: F401  (registers the commands)
from extractor.cli.main import app
from extractor.model.records import UNITS
from extractor.output.html_charts import (
    PALETTE,
    UNIT_NAMES,
    chart_svg,
    fmt_number,
    fmt_tick,
    nice_ticks,
)
from extractor.output.html_report import build_report

from conftest import write_bundled_output

runner = CliRunner()
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]  # fmt: skip


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory: pytest.TempPathFactory, extracted: object) -> Path:
    out = tmp_path_factory.mktemp("run")
    write_bundled_output(out, extracted)
    return out


@pytest.fixture(scope="module")
def report(run_dir: Path) -> str:
    return build_report(run_dir)


def records(folder: Path, name: str) -> list[dict[str, object]]:
    data: list[dict[str, object]] = json.loads((folder / f"{name}.json").read_text("utf-8"))
    return data


def charted_points(folder: Path) -> int:
    """Dataset values with a unit and a year: one chart point each."""
    return sum(
        1
        for r in records(folder, "dataset")
        if r["unit"] and r["value"] is not None and str(r["period"]).isdigit()
    )


def test_report_has_a_point_per_value_and_every_finding(run_dir: Path, report: str) -> None:
    assert report.count('<circle class="point') == charted_points(run_dir) > 100
    assert report.count('<svg class="chart"') > 50
    for finding in records(run_dir, "checks"):
        assert html.escape(str(finding["message"])) in report
    assert "kp-2023.pdf p. 3" in report  # page references
    assert "Tab. 1.2a" in report and "województwo kujawsko-pomorskie" in report


def test_report_is_self_contained(report: str) -> None:
    assert "<script" not in report and "<link" not in report
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", report)
    assert "@import" not in report and "url(" not in report


def test_chart_places_points_by_year_and_value() -> None:
    def row(period: str, value: str, status: str = "single", column: str = "") -> dict[str, object]:
        return {
            "period": period, "value": Decimal(value), "column": column or f"{period} r.",
            "status": status, "values": (Decimal(value), Decimal("7")), "sources": ("a.pdf:2",),
        }  # fmt: skip

    rows = [row("2021", "10"), row("2023", "30", "conflicting"), row("", "40", column="Cel")]
    svg = chart_svg("count", rows)
    points = re.findall(r'<circle class="point[^"]*" cx="([\d.]+)" cy="([\d.]+)"', svg)
    (x1, y1), (x2, y2) = [(float(x), float(y)) for x, y in points]
    assert x2 > x1 and y2 < y1  # later year to the right, larger value higher
    assert 'class="point conflicting"' in svg and '<circle class="alt"' in svg
    assert '<g class="target">' in svg and ">Cel</text>" in svg
    assert "2022" in svg  # every year of the span on the axis
    assert chart_svg("count", [row("2021", "1") | {"value": None}]) == ""


def test_number_formatting() -> None:
    assert fmt_number(Decimal("38523346.25")) == "38\u202f523\u202f346,25"
    assert fmt_number(Decimal("110000.00")) == "110\u202f000"
    assert fmt_number(Decimal("-0.5")) == "-0,5"
    assert fmt_number(None) == "—"
    assert [fmt_tick(v) for v in (150_000, 1_500_000, 0.25, 0)] == [
        "150 tys.",
        "1,5 mln",
        "0,25",
        "0",
    ]
    assert nice_ticks(0, 83.79) == [0, 25, 50, 75, 100]
    assert nice_ticks(0, 1) == [0, 0.25, 0.5, 0.75, 1]


def test_cli_report_default_path_and_errors(run_dir: Path, tmp_path: Path) -> None:
    for name in ("dataset.json", "checks.json", "reports.json"):
        shutil.copy(run_dir / name, tmp_path / name)
    result = runner.invoke(app, ["report", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "report.html").read_text("utf-8").startswith("<!DOCTYPE html>")
    missing = runner.invoke(app, ["report", str(tmp_path / "nope")])
    assert missing.exit_code == 2 and missing.output.startswith("Error: no such output folder")
    (tmp_path / "dataset.json").unlink()
    empty = runner.invoke(app, ["report", str(tmp_path), "-o", str(tmp_path / "r.html")])
    assert empty.exit_code == 2 and empty.output.startswith("Error: ")
    assert "dataset.json" in empty.output and not (tmp_path / "r.html").exists()


def chromium(args: list[str], profile: Path) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    command = [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (Debian package chromium)")
def test_charts_render_in_headless_chromium(run_dir: Path, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    runner.invoke(app, ["report", str(run_dir), "-o", str(page)])
    dom = chromium(["--dump-dom", page.as_uri()], tmp_path / "profile1").stdout
    assert dom.count('<circle class="point') == charted_points(run_dir)
    assert len(re.findall(r"<svg[^>]*class=\"chart\"", dom)) > 50
    shot = tmp_path / "shot.png"
    chromium(["--window-size=1200,1600", f"--screenshot={shot}", page.as_uri()], tmp_path / "p2")
    image = Image.open(shot).convert("RGB")
    series = tuple(int(PALETTE[0][i : i + 2], 16) for i in (1, 3, 5))
    colours = image.getcolors(maxcolors=1 << 24) or []
    drawn = sum(count for count, colour in colours if colour == series)
    assert drawn > 200  # the first series' lines and points are painted
    assert len(colours) > 20  # not a blank page


def test_every_unit_has_a_name() -> None:
    assert set(UNIT_NAMES) == set(UNITS) - {""}
