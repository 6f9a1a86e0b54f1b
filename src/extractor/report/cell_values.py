"""Cell values: one cell's text -> the numbers it states, with unit and sub-row.

Compound cells are split by what they print, never by position:
- "410" / "1" stacked in a row whose indicator has a) ... b) parts -> parts a, b;
- "399" / "0" in a row "..., w tym ..." -> the total and part a;
- "9, w tym:" / "a) szkolenia 6" / "b) doradztwo 4" -> the total and parts a, b;
- "11 (szkolenia 12, doradztwo)" -> the total and part a (numbers in brackets);
- "411, tj. 49,82 %" or "1/rok, Docelowo minimum ¼" -> several values of one row.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from extractor.layout.cells import CellText
from extractor.layout.lines import TEXT_LAYER_CONF
from extractor.report import vocabulary as rules
from extractor.text.numbers import NumberToken, find_numbers, is_missing_value

LETTERS = "abcdefgh"
# A value column's cell that OCR read as one letter shaped like a digit is that digit
# (a digit within a number is mended in `read.ocr`; a lone one has no digits around).


@dataclass(frozen=True)
class CellValue:
    value: Decimal | None
    unit: str
    suffix: str = ""  # sub-row letter
    label: str = ""  # sub-row label ("a) w formie wsparcia")


def cell_to_values(
    cell: CellText, indicator: str, header: str, scale: Decimal
) -> tuple[list[CellValue], str | None]:
    """The values of a cell, or a problem description when it states none."""
    if is_missing_value(cell.text):
        return [CellValue(value=None, unit="")], None
    lines = cell.lines
    if cell.conf < TEXT_LAYER_CONF and cell.text in rules.LONE_DIGIT:
        lines = (rules.LONE_DIGIT[cell.text],)  # OCR's "l" alone in a column of numbers
    line_tokens = [find_numbers(line) for line in lines]
    if not any(line_tokens):
        return [], f"no number in '{cell.text}'"
    parts = split_parts(lines, line_tokens, indicator)
    values = [
        CellValue(
            value=token.value * token_scale(token, scale),
            unit=token_unit(token, (header, indicator), tokens_in(line_tokens)),
            suffix=suffix,
            label=label,
        )
        for token, suffix, label in parts
    ]
    return values, None


def tokens_in(line_tokens: Sequence[Sequence[NumberToken]]) -> list[NumberToken]:
    return [t for tokens in line_tokens for t in tokens]


def token_scale(token: NumberToken, header_scale: Decimal) -> Decimal:
    if token.scale != 1:
        return token.scale
    return header_scale if token.unit in ("", "PLN") else Decimal(1)


def token_unit(
    token: NumberToken, context: tuple[str, str], all_tokens: Sequence[NumberToken]
) -> str:
    """The unit of a number: printed with it, else what the column header names, else
    what the row's indicator names (a header such as "2023 r." names none)."""
    if token.unit:
        return token.unit
    if any(t.unit == "percent" for t in all_tokens):
        return "count"  # "411, tj. 49,82 %": the plain number is the count
    header, indicator = context
    named = unit_named(header)
    if named is None and rules.COUNT_HEADER.search(header):
        return "count"
    return named or unit_named(indicator) or "count"


def unit_named(text: str) -> str | None:
    """The unit a header or an indicator text names ("Kwota dotacji" -> PLN), if any."""
    for rule in rules.UNIT_RULES:
        if rule.pattern.search(text):
            return rule.unit
    return None


def part_labels(text: str) -> list[tuple[str, str]]:
    """[(letter, label text)] for "a) w formie wsparcia b) w formie powierzenia"."""
    matches = list(rules.PART_LABEL.finditer(text))
    labels = []
    for i, match in enumerate(matches):
        end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        labels.append((match.group(1), text[match.start() : end].strip()))
    return labels


def split_parts(
    lines: Sequence[str], line_tokens: Sequence[Sequence[NumberToken]], indicator: str
) -> list[tuple[NumberToken, str, str]]:
    """(token, sub-row suffix, label) for every number of the cell."""
    stacked = all(len(t) == 1 for t in line_tokens if t) and sum(1 for t in line_tokens if t) > 1
    labels = part_labels(indicator)
    flat = tokens_in(line_tokens)
    if stacked and len(labels) == len(flat):
        return [(tok, letter, label) for tok, (letter, label) in zip(flat, labels, strict=True)]
    if stacked and len(flat) == 2 and rules.INCLUDING.search(indicator):
        return [(flat[0], "", ""), (flat[1], "a", "w tym")]
    labelled = labelled_lines(lines, line_tokens)
    if labelled:
        return labelled
    joined = " ".join(" ".join(line.split()) for line in lines)
    if "(" not in joined:
        return [(tok, "", "") for tok in flat]
    return bracketed_parts(joined, find_numbers(joined))


def labelled_lines(
    lines: Sequence[str], line_tokens: Sequence[Sequence[NumberToken]]
) -> list[tuple[NumberToken, str, str]]:
    """ "9, w tym:" / "a) szkolenia 6" / "b) doradztwo 4" -> total, parts a and b."""
    result: list[tuple[NumberToken, str, str]] = []
    has_label = False
    for line, tokens in zip(lines, line_tokens, strict=True):
        match = re.match(r"^\s*([a-h])\)\s*(.*)$", line)
        if match and tokens:
            has_label = True
            label = re.sub(r"\s*[\d\s,]+$", "", match.group(0)).strip()
            result.extend((tok, match.group(1), label) for tok in tokens)
        else:
            result.extend((tok, "", "") for tok in tokens)
    return result if has_label else []


def bracketed_parts(text: str, tokens: Sequence[NumberToken]) -> list[tuple[NumberToken, str, str]]:
    """ "11 (szkolenia 12, doradztwo)": numbers inside brackets after a total are parts."""
    opening = text.find("(")
    if opening < 0 or not tokens or tokens[0].start > opening:
        return [(tok, "", "") for tok in tokens]
    result: list[tuple[NumberToken, str, str]] = []
    letter = 0
    for tok in tokens:
        if tok.start > opening and tok.unit not in ("percent",):
            label = label_before(text, tok, opening)
            result.append((tok, LETTERS[letter % len(LETTERS)], label))
            letter += 1
        else:
            result.append((tok, "", ""))
    return result


def label_before(text: str, token: NumberToken, opening: int) -> str:
    start = max(text.rfind(",", opening, token.start), opening) + 1
    return text[start : token.start].strip()
