"""Title block: issuer, programme, years and the resolution, from the first page."""

from __future__ import annotations

import re
from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

from extractor.layout.page import PageLayout
from extractor.report import vocabulary as rules


class TitleBlock(BaseModel):
    model_config = ConfigDict(frozen=True)

    title: str = ""
    issuer: str = ""
    programme: str = ""
    programme_period: str = ""
    report_year: int | None = None
    resolution_number: str = ""
    resolution_date: str = ""


def first_page_text(layouts: Sequence[PageLayout]) -> str:
    if not layouts:
        return ""
    return "\n".join(line.text for line in layouts[0].lines)


def read_title_block(layouts: Sequence[PageLayout], pdf_title: str) -> TitleBlock:
    text = first_page_text(layouts)
    flat = " ".join(text.split())
    title = " ".join(pdf_title.split()) or title_from_text(text)
    source = f"{title} {flat}"
    resolution = rules.RESOLUTION.search(flat)
    return TitleBlock(
        title=title,
        issuer=find_issuer(source),
        programme=find_programme(title or flat),
        programme_period=first_group(rules.PROGRAMME_PERIOD, f"{title} {flat}"),
        report_year=int(y) if (y := first_of(rules.REPORT_YEAR, source)) else None,
        resolution_number=resolution.group("number") if resolution else "",
        resolution_date=resolution.group("date") if resolution else "",
    )


def title_from_text(text: str) -> str:
    """The lines from "Sprawozdanie" to the end of the title block."""
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if re.match(r"^\s*sprawozdanie\b", line, re.I):
            block = [line]
            for nxt in lines[i + 1 : i + 8]:
                block.append(nxt)
                if re.search(r"\)\s*$|(?:19|20)\d\d\s*$", nxt):
                    break
            return " ".join(" ".join(block).split())
    return ""


def nominative(name: str) -> str:
    for pattern, replacement in rules.NOMINATIVE:
        name = pattern.sub(replacement, name, count=1)
    return name


def find_issuer(text: str) -> str:
    for pattern in rules.ISSUER:
        match = pattern.search(text)
        if match:
            return nominative(" ".join(match.group(1).split()))
    return ""


def find_programme(text: str) -> str:
    match = rules.PROGRAMME.search(text)
    if not match:
        return ""
    programme = rules.PROGRAMME_TAIL.sub("", " ".join(match.group(1).split())).rstrip(" ,")
    programme = nominative(programme)
    return programme[0].upper() + programme[1:] if programme else ""


def first_group(pattern: re.Pattern[str], text: str) -> str:
    match = pattern.search(text)
    return match.group(1) if match else ""


def first_of(patterns: Sequence[re.Pattern[str]], text: str) -> str:
    for pattern in patterns:
        match = pattern.search(text)
        if match:
            return match.group(1)
    return ""
