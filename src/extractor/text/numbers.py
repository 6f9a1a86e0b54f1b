"""Find and normalise the numbers stated in the text of one table cell (or one sentence).

Pure functions, no I/O; every value is an exact :class:`decimal.Decimal` (never a float).

What counts as a number
-----------------------
* Digits are ASCII ``0-9``.  Thousands separators are a single plain space, no-break space
  (U+00A0), narrow no-break space (U+202F) or thin space (U+2009); the leading group has
  1-3 digits and every further group exactly 3 ("38 523 346,25", "7 285", "1705" unseparated).
  Anything else splits: "410 1", "399 0", "12 1234" are two numbers.  A newline, tab or two
  blanks never join digits ("410\\n1" is 410 and 1).
* Decimal comma: "3,5", "0,70 %", "120 000,00".  A comma followed by a blank is a list
  separator ("411, tj. 49,82 %" is 411 and 49.82).  Three or more digit runs joined only by
  commas ("1,2,3") are a list of integers 1, 2, 3 (the chain gets no sign and no unit).
* A dot is a thousands separator only in a strict "1.245.500" shape that has at least two dot
  groups, or one group followed by a decimal comma ("1.245,50") or by a currency/scale word
  ("1.500 zł").  Every other dotted digit run ("1.5", "1.245", "24.05.2024", "08.2022",
  "10.30", "1.2a", "OS.524.3.2024") is a date, period, time, section or case number and
  yields no token: Polish text writes decimals with a comma, so a decimal point is not read.
  A dot after the digits ("4.", "w 2022.") is punctuation.
* Vulgar fractions with an exact decimal value: ¼ ½ ¾ ⅕ ⅖ ⅗ ⅘ ⅛ ⅜ ⅝ ⅞ ⅒, alone or after an
  integer ("1½" = 1.5).  Fractions without a finite decimal (⅓, ⅙, ...) are not read.
* Minus: "-", "−" (U+2212), "–" (U+2013) or "—" (U+2014, OCR's reading of a minus) directly
  before the digits, at the start of the text
  or after whitespace or "(", is a sign -- unless the nearest character before it on the same
  line (skipping blanks) ends a number (a digit, "%" or a fraction): then it separates a range
  ("2020 -2022", "2020-2022", "2020–2022" are two positive numbers).

Units (``NumberToken.unit``; ``text`` and ``end`` include the unit)
-------------------------------------------------------------------
* ``percent``: "%" directly or after one blank.
* ``PLN``: "zł", "zl", "złote", "złoty", "złotych", "PLN", with or without a blank.  A scale
  word before it sets ``scale``: "tys." / "tysięcy" = 1000, "mln" / "milionów" = 10**6 (and
  "min" before a currency: OCR's "mln"; "5 min" alone is minutes),
  "mld" / "miliardów" = 10**9 ("1 245,5 tys. zł" has value 1245.5, scale 1000).  A scale word
  without a currency ("5 tys.") sets the scale but leaves ``unit`` "" since no currency is
  printed.  ``value`` is always as printed; ``scaled`` applies the scale.
* ``per_year``: "1/rok", "2 w roku", "2 razy w roku", "5 rocznie".

What is not a value (no token)
------------------------------
* Dates, periods and times: dotted digit runs (above), "2024-05-24", "24/05/2024" (three
  digit-only slash parts), "10:30", a day before a Polish month name ("31 grudnia 2022 r.")
  and a year after a month name ("maja 2024", "grudzień 2022").  A bare year ("2023 r.",
  also "2023r.") *is* a number; the caller decides what it means.
* Legal and document references: the operand right after "art.", "ust.", "pkt", "§", "poz.",
  "nr"/"Nr", "lit.", "rozdz.", "zał.", "tab."/"tabela", "z dnia", "Dz. U. [z RRRR r.]",
  "M.P." -- including chains such as "19a", "1-3", "5.2", "123/2021" and "3 i 4".  Any
  blank-free word with "/" whose parts carry letters other than a unit ("XL/281/2021",
  "OS/524/2024") is a reference too; "1/rok" and "1%/1,5%" are not.
* Numbers glued to letters or to a letter-hyphen compound: "19a", "m156", "COVID-19",
  "5-letni", "ZP.271" (a dot after a capital).  Allowed right after the digits: a unit ("5zł",
  "3%"), the year abbreviation "r." ("2023r."), footnote marks ("*", superscript digits).
* Item labels "1)", "2)" at the start of a line when text follows them ("1) szkolenia 6").
  Lettered labels ("a)", "b)") have no digits anyway.  "1." is *not* treated as a label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Context, Decimal

__all__ = [
    "SCALES",
    "SCALE_ABBREVIATIONS",
    "NumberToken",
    "find_numbers",
    "is_missing_value",
    "parse_number",
]

_SEP_CHARS = " \u00a0\u202f\u2009"
_SEP = f"[{_SEP_CHARS}]"
_SUPERSCRIPTS = frozenset("⁰¹²³⁴⁵⁶⁷⁸⁹")
_FRACTIONS = {
    "¼": "25", "½": "5", "¾": "75", "⅕": "2", "⅖": "4", "⅗": "6", "⅘": "8",
    "⅛": "125", "⅜": "375", "⅝": "625", "⅞": "875", "⅒": "1",
}  # fmt: skip
_FRAC = "[" + "".join(_FRACTIONS) + "]"
_HYPHENS = "-\u2013\u2212"
_ONE = Decimal(1)
THOUSAND, MILLION, BILLION = Decimal(1000), Decimal(1_000_000), Decimal(1_000_000_000)
SCALE_ABBREVIATIONS = {THOUSAND: "tys.", MILLION: "mln", BILLION: "mld"}  # as printed before zł
SCALES = (_ONE, *SCALE_ABBREVIATIONS)  # the multipliers a printed amount may carry
_STRIP_GROUPING = {ord(c): None for c in _SEP_CHARS + "."}

_NUMBER_RE = re.compile(
    r"(?<![0-9])(?P<sign>[-\u2212\u2013\u2014])?(?:"
    r"(?P<chain>[0-9]+(?:,[0-9]+){2,})"
    r"|(?P<body>"
    rf"[0-9]*{_FRAC}"  # "¼", "1½"
    r"|[0-9]{1,3}(?:\.[0-9]{3})+(?![0-9])(?:,[0-9]+)?"  # "1.245.500,00"
    rf"|[0-9]{{1,3}}(?:{_SEP}[0-9]{{3}}(?![0-9]))+(?:,[0-9]+)?"  # "38 523 346,25"
    r"|[0-9]+(?:,[0-9]+)?"  # "1705", "3,5"
    r"))"
)

_CUR = r"(?:złotych|złote|złoty|zł|zl|pln)(?!\w)"
_SCALE = (
    r"(?:tys\.|tys(?!\w)|tysięcy(?!\w)|tysiące(?!\w)|tysiąc(?!\w)"
    r"|mln\.|mln(?!\w)|milionów(?!\w)|miliony(?!\w)|milion(?!\w)"
    r"|min(?=[ \u00a0]?(?:zł|zl|pln)(?!\w))"  # "mln" as OCR reads it, before a currency
    r"|mld\.|mld(?!\w)|miliardów(?!\w)|miliardy(?!\w)|miliard(?!\w))"
)
_UNIT_RE = re.compile(
    rf"{_SEP}?(?:(?P<pct>%)|(?P<scale>{_SCALE})(?:{_SEP}?(?P<scur>{_CUR}))?|(?P<cur>{_CUR})"
    rf"|/{_SEP}?(?P<slash>rok)(?!\w))"
    rf"|{_SEP}+(?P<freq>(?:razy?{_SEP}+)?w{_SEP}+roku|rocznie)(?!\w)",
    re.IGNORECASE,
)
_YEAR_SUFFIX_RE = re.compile(r"r(?:\.|(?!\w))")

_MONTHS_GEN = (
    "stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|października"
    "|listopada|grudnia"
)
_MONTHS_OTHER = (
    "styczeń|luty|marzec|kwiecień|maj|czerwiec|lipiec|sierpień|wrzesień|październik|listopad"
    "|grudzień|styczniu|lutym|marcu|kwietniu|maju|czerwcu|lipcu|sierpniu|wrześniu"
    "|październiku|listopadzie|grudniu"
)
_REF_KEYWORDS = (
    r"art\.|ust\.|pkt\.?|§+|poz\.|nr\.?|lit\.|rozdz\.|zał\.|tab\.|tabel[aiią]|z\s+dnia"
    r"|dz\.\s*u\.(?:\s*z\s*[0-9]{4}\s*r\.?)?|m\.\s*p\.(?:\s*z\s*[0-9]{4}\s*r\.?)?"
)
_REF_OPERAND = r"[0-9][0-9a-z]*(?:[./\-\u2013][0-9a-z]+)*(?:\s+(?:i|oraz)\s+[0-9][0-9a-z]*)*"
_EXCLUSION_RES = (
    re.compile(rf"(?<!\w)(?:{_REF_KEYWORDS})\s*(?:{_REF_OPERAND})?", re.IGNORECASE),
    re.compile(
        rf"(?<![0-9])[0-9]{{1,2}}\s+(?:{_MONTHS_GEN})(?!\w)(?:\s+[0-9]{{4}}(?![0-9]))?",
        re.IGNORECASE,
    ),
    re.compile(rf"(?<!\w)(?:{_MONTHS_GEN}|{_MONTHS_OTHER})\s+[0-9]{{4}}(?![0-9])", re.IGNORECASE),
    re.compile(r"(?<![0-9])[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?![0-9])"),
    re.compile(r"(?<![0-9])[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?(?![0-9])"),
)
_LABEL_RE = re.compile(r"^[ \t\u00a0]*([0-9]{1,2})\)(?=[ \t\u00a0]+\S)", re.MULTILINE)
_DOTTED_RE = re.compile(r"(?<![0-9])[0-9]+(?:\.[0-9]+)+")
_DOT_THOUSANDS_RE = re.compile(r"[0-9]{1,3}(?:\.[0-9]{3})+")
_AFTER_DOT_THOUSANDS_RE = re.compile(rf",[0-9]|{_SEP}?(?:{_SCALE}|{_CUR})", re.IGNORECASE)
_WORD_RE = re.compile(r"\S+")
_SLASH_UNIT_WORDS = frozenset(
    {"rok", "roku", "r", "zł", "zl", "pln", "tys", "mln", "os", "osobę", "mies", "miesiąc"}
)
_MISSING = frozenset(
    {"—", "–", "-", "−", "--", "---", "nie dotyczy", "n/d", "nd", "brak danych", "brak", "x",
     "b.d.", "b.d", "bd", "b/d", "n.d."}
)  # fmt: skip


@dataclass(frozen=True)
class NumberToken:
    """One number stated in a text, with its printed unit and scale."""

    value: Decimal
    text: str
    start: int
    end: int
    unit: str
    scale: Decimal

    @property
    def scaled(self) -> Decimal:
        """``value * scale``, computed exactly (no rounding to the context precision)."""
        if self.scale == _ONE:
            return self.value
        digits = len(self.value.as_tuple().digits) + len(self.scale.as_tuple().digits)
        return Context(prec=digits).multiply(self.value, self.scale)


def find_numbers(text: str) -> list[NumberToken]:
    """Every number stated in ``text``, in order of appearance (see the module rules)."""
    blocked = _blocked_mask(text)
    tokens: list[NumberToken] = []
    for match in _NUMBER_RE.finditer(text):
        if match.group("chain") is not None:
            tokens.extend(_chain_tokens(text, match, blocked))
        else:
            token = _body_token(text, match, blocked)
            if token is not None:
                tokens.append(token)
    return tokens


def parse_number(text: str) -> Decimal:
    """The value of the single number ``text`` consists of (surrounding blanks and its unit
    allowed); the value is as printed, scale not applied.  Raises ``ValueError`` otherwise."""
    tokens = find_numbers(text)
    if not tokens:
        raise ValueError(f"no number found in {text!r}")
    if len(tokens) > 1:
        found = ", ".join(repr(t.text) for t in tokens)
        raise ValueError(f"expected exactly one number in {text!r}, found {len(tokens)}: {found}")
    token = tokens[0]
    before, after = text[: token.start].strip(), text[token.end :].strip()
    if before or after:
        raise ValueError(
            f"expected only a number in {text!r}, found extra text {before!r} / {after!r}"
        )
    return token.value


def is_missing_value(text: str) -> bool:
    """True for a cell that states that there is no value: "—", "–", "-", "−", "nie dotyczy",
    "n/d", "b.d.", "brak", "brak danych", "x" (whole cell, case-insensitive, blanks trimmed
    and collapsed)."""
    return " ".join(text.split()).casefold() in _MISSING


def _body_token(text: str, match: re.Match[str], blocked: bytearray) -> NumberToken | None:
    body_start, body_end = match.span("body")
    if _is_blocked(blocked, body_start, body_end) or _glued_left(text, body_start):
        return None
    unit, scale, end = _read_unit(text, body_end)
    if end == body_end and _glued_right(text, body_end):
        return None
    value = _body_value(match.group("body"))
    start = body_start
    if _sign_applies(text, match):
        start = match.start("sign")
        value = value.copy_negate()
    return NumberToken(value, text[start:end], start, end, unit, scale)


def _chain_tokens(text: str, match: re.Match[str], blocked: bytearray) -> list[NumberToken]:
    """A comma-joined list of integers ("1,2,3"): no sign, no unit."""
    chain_start, chain_end = match.span("chain")
    if _glued_left(text, chain_start) or _glued_right(text, chain_end):
        return []
    tokens: list[NumberToken] = []
    for part in re.finditer(r"[0-9]+", match.group("chain")):
        start, end = chain_start + part.start(), chain_start + part.end()
        if not _is_blocked(blocked, start, end):
            tokens.append(NumberToken(Decimal(part.group()), part.group(), start, end, "", _ONE))
    return tokens


def _body_value(body: str) -> Decimal:
    if body[-1] in _FRACTIONS:
        return Decimal(f"{body[:-1] or '0'}.{_FRACTIONS[body[-1]]}")
    return Decimal(body.translate(_STRIP_GROUPING).replace(",", "."))


def _read_unit(text: str, pos: int) -> tuple[str, Decimal, int]:
    """The unit printed at ``pos``: (unit, scale, end); ("", 1, pos) when there is none."""
    match = _UNIT_RE.match(text, pos)
    if match is None:
        return "", _ONE, pos
    if match.group("pct"):
        return "percent", _ONE, match.end()
    if match.group("slash") or match.group("freq"):
        return "per_year", _ONE, match.end()
    scale_word = match.group("scale")
    if scale_word:
        unit = "PLN" if match.group("scur") else ""
        return unit, _scale_of(scale_word), match.end()
    return "PLN", _ONE, match.end()


def _scale_of(word: str) -> Decimal:
    word = word.lower()
    if word.startswith("tys"):
        return THOUSAND
    if word.startswith(("mld", "miliard")):
        return BILLION
    return MILLION


def _sign_applies(text: str, match: re.Match[str]) -> bool:
    """A dash before the digits is a minus sign, not a range separator (module rules)."""
    sign = match.start("sign")
    if sign < 0:
        return False
    if sign > 0 and not (text[sign - 1].isspace() or text[sign - 1] == "("):
        return False
    i = sign - 1
    while i >= 0 and text[i] in _SEP_CHARS + "\t":
        i -= 1
    return i < 0 or not (text[i].isdigit() or text[i] == "%" or text[i] in _FRACTIONS)


def _glued_left(text: str, pos: int) -> bool:
    """The digits at ``pos`` continue a word ("m156", "COVID-19", "ZP.271")."""
    if pos == 0:
        return False
    prev = text[pos - 1]
    if prev in _SUPERSCRIPTS:
        return False
    if prev.isalnum():
        return True
    before = text[pos - 2] if pos >= 2 else ""
    if prev in _HYPHENS + "_/":
        return before.isalpha()
    return prev == "." and before.isalpha() and before.isupper()


def _glued_right(text: str, pos: int) -> bool:
    """Letters follow the digits ending at ``pos`` ("19a", "5-letni"); "2023r." is allowed."""
    if pos >= len(text):
        return False
    nxt = text[pos]
    if nxt in _SUPERSCRIPTS:
        return False
    if nxt.isalnum():
        return _YEAR_SUFFIX_RE.match(text, pos) is None
    return nxt in _HYPHENS + "_" and pos + 1 < len(text) and text[pos + 1].isalpha()


def _blocked_mask(text: str) -> bytearray:
    """One byte per character: 1 where the text is a date, time, reference or label."""
    mask = bytearray(len(text))
    for start, end in _excluded_spans(text):
        mask[start:end] = b"\x01" * (end - start)
    return mask


def _is_blocked(mask: bytearray, start: int, end: int) -> bool:
    return 1 in mask[start:end]


def _excluded_spans(text: str) -> list[tuple[int, int]]:
    spans = [m.span() for regex in _EXCLUSION_RES for m in regex.finditer(text)]
    spans.extend(m.span(1) for m in _LABEL_RE.finditer(text))
    spans.extend(m.span() for m in _DOTTED_RE.finditer(text) if not _is_dot_thousands(text, m))
    spans.extend(
        m.span() for m in _WORD_RE.finditer(text) if "/" in m.group() and _is_slash_code(m.group())
    )
    return spans


def _is_dot_thousands(text: str, match: re.Match[str]) -> bool:
    digits = match.group()
    if _DOT_THOUSANDS_RE.fullmatch(digits) is None:
        return False
    return digits.count(".") >= 2 or _AFTER_DOT_THOUSANDS_RE.match(text, match.end()) is not None


def _is_slash_code(word: str) -> bool:
    """A blank-free word with "/" that is a reference ("XL/281/2021") or a date ("24/05/2024")."""
    parts = [part.strip(".,;:()[]\"'") for part in word.split("/")]
    for part in parts:
        letters = "".join(c for c in part if c.isalpha()).lower()
        if letters and letters not in _SLASH_UNIT_WORDS:
            return True
    return len(parts) >= 3 and all(part.isdecimal() for part in parts)
