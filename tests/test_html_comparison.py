"""The HTML report's page of the offices side by side."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from extractor.output.exports import write_exports
from extractor.output.html_comparison import comparison_html
from extractor.output.html_report import build_report

from conftest import write_bundled_output


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory, extracted: object) -> Path:
    out = tmp_path_factory.mktemp("offices-html")
    write_bundled_output(out, extracted)
    write_exports(out, "csv,json")
    return out


def test_the_report_compares_the_offices_per_indicator_over_the_years(folder: Path) -> None:
    page = build_report(folder)
    assert '<a href="#offices">' in page and '<section id="offices">' in page
    offers = re.search(r'<section class="card" id="i-offers_submitted">.*?</section>', page)
    assert offers is not None
    card = offers.group(0)
    assert card.count('<g class="series"') == 2  # one line per office
    assert "Gmina Wierzbno Dolne" in card and "województwo kujawsko-pomorskie" in card
    assert "<th>2020</th><th>2021</th><th>2022</th><th>2023</th>" in card
    assert ">832<" in card and ">37<" in card and "sum of the years" in card
    ratio = re.search(r'id="i-grant_budget_ratio">.*?</section>', page)
    assert ratio is not None and "not combined" in ratio.group(0)
    registered = re.search(r'id="i-orgs_registered">.*?</section>', page)
    assert registered is not None and 'class="num conflicting"' in registered.group(0)


def test_no_page_without_a_comparison(tmp_path: Path) -> None:
    assert comparison_html(tmp_path) == ""
