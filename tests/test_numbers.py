"""Tests of extractor.text.numbers: one focused test per rule, then hypothesis properties."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from extractor.text.numbers import NumberToken, find_numbers, is_missing_value, parse_number

NBSP, NNBSP, THIN = "\u00a0", "\u202f", "\u2009"
SEPARATORS = (" ", NBSP, NNBSP, THIN)


def values(text: str) -> list[Decimal]:
    return [token.value for token in find_numbers(text)]


def summary(text: str) -> list[tuple[str, str]]:
    """(value, unit) per token, values as exact strings so that "0.70" != "0.7"."""
    return [(str(token.value), token.unit) for token in find_numbers(text)]


# --- thousands separators ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("38 523 346,25", ["38523346.25"]),
        ("7 285", ["7285"]),
        ("1705", ["1705"]),
        (f"38{NBSP}523{NBSP}346,25", ["38523346.25"]),
        (f"1{NNBSP}245", ["1245"]),
        (f"1{THIN}000{THIN}000", ["1000000"]),
        (f"12{NBSP}345 678", ["12345678"]),
        ("410 1", ["410", "1"]),
        ("399 0", ["399", "0"]),
        ("12 1234", ["12", "1234"]),
        ("1234 567", ["1234", "567"]),
        ("7 28", ["7", "28"]),
        ("410\n1", ["410", "1"]),
        ("1\n121,5", ["1", "121.5"]),
        ("410\t100", ["410", "100"]),
        ("410  100", ["410", "100"]),
    ],
)
def test_thousands_separators(text: str, expected: list[str]) -> None:
    assert [str(v) for v in values(text)] == expected


# --- decimal comma, list comma, dots ----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3,5", [("3.5", "")]),
        ("4,17", [("4.17", "")]),
        ("0,70 %", [("0.70", "percent")]),
        ("120 000,00", [("120000.00", "")]),
        ("411, tj. 49,82 %", [("411", ""), ("49.82", "percent")]),
        ("9, w tym:", [("9", "")]),
        ("12, 5", [("12", ""), ("5", "")]),
        ("1,2,3", [("1", ""), ("2", ""), ("3", "")]),
    ],
)
def test_decimal_comma_and_list_comma(text: str, expected: list[tuple[str, str]]) -> None:
    assert summary(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.245.500,00", ["1245500.00"]),
        ("1.245.500", ["1245500"]),
        ("1.245,50", ["1245.50"]),
        ("1.500 zł", ["1500"]),
        ("wyniosła 37.", ["37"]),
        ("1.5", []),
        ("3.14", []),
        ("1.245", []),
        ("1.2a", []),
        ("1.2345.678", []),
    ],
)
def test_dot_is_thousands_only_in_strict_shape(text: str, expected: list[str]) -> None:
    assert [str(v) for v in values(text)] == expected


# --- units --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0,99%", [("0.99", "percent")]),
        ("0,70 %", [("0.70", "percent")]),
        (f"5{NBSP}%", [("5", "percent")]),
        ("1%/1,5%", [("1", "percent"), ("1.5", "percent")]),
        ("3%", [("3", "percent")]),
    ],
)
def test_percent(text: str, expected: list[tuple[str, str]]) -> None:
    assert summary(text) == expected


@pytest.mark.parametrize(
    ("text", "value", "printed", "scale"),
    [
        ("3,41 zł", "3.41", "3,41 zł", 1),
        ("5zł", "5", "5zł", 1),
        ("7 zl", "7", "7 zl", 1),
        ("100 złotych", "100", "100 złotych", 1),
        ("100 PLN", "100", "100 PLN", 1),
        ("1 245,5 tys. zł", "1245.5", "1 245,5 tys. zł", 1000),
        ("1 245,5 tys.zł", "1245.5", "1 245,5 tys.zł", 1000),
        ("2,5 mln zł", "2.5", "2,5 mln zł", 1_000_000),
        ("0,1 min zł", "0.1", "0,1 min zł", 1_000_000),  # OCR's "mln"
        ("1 mld zł", "1", "1 mld zł", 1_000_000_000),
    ],
)
def test_currency_and_scale(text: str, value: str, printed: str, scale: int) -> None:
    (token,) = find_numbers(text)
    assert (str(token.value), token.text, token.unit, token.scale) == (
        value,
        printed,
        "PLN",
        Decimal(scale),
    )
    assert token.scaled == Decimal(value) * scale


def test_min_without_a_currency_is_no_scale() -> None:
    (token,) = find_numbers("5 min")  # minutes
    assert (token.value, token.scale, token.unit) == (Decimal(5), Decimal(1), "")


def test_scale_without_currency_keeps_unit_empty() -> None:
    (token,) = find_numbers("5 tys. osób")
    assert (token.value, token.text, token.unit, token.scale) == (
        Decimal(5),
        "5 tys.",
        "",
        Decimal(1000),
    )
    assert token.scaled == 5000


def test_scaled_is_exact_for_many_digits() -> None:
    value = Decimal("123456789012345678901234567.89")  # 29 digits > default precision
    token = NumberToken(value, "x", 0, 1, "PLN", Decimal(1_000_000))
    assert token.scaled == Decimal("123456789012345678901234567890000")
    assert NumberToken(value, "x", 0, 1, "", Decimal(1)).scaled is value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("¼", ["0.25"]),
        ("½", ["0.5"]),
        ("¾", ["0.75"]),
        ("1½", ["1.5"]),
        ("⅛", ["0.125"]),
        ("minimum ¼ konkursów", ["0.25"]),
        ("⅓", []),
        ("1⅓", []),
    ],
)
def test_vulgar_fractions(text: str, expected: list[str]) -> None:
    assert [str(v) for v in values(text)] == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1/rok", [("1", "1/rok")]),
        ("2 w roku", [("2", "2 w roku")]),
        ("Średnio 5 w roku", [("5", "5 w roku")]),
        ("2 razy w roku", [("2", "2 razy w roku")]),
        ("4 rocznie", [("4", "4 rocznie")]),
    ],
)
def test_frequencies(text: str, expected: list[tuple[str, str]]) -> None:
    tokens = find_numbers(text)
    assert [(str(t.value), t.text) for t in tokens] == expected
    assert {t.unit for t in tokens} == {"per_year"}


def test_target_cell_with_frequency_and_fraction() -> None:
    assert summary("1/rok, Docelowo minimum ¼ konkursów") == [("1", "per_year"), ("0.25", "")]


# --- minus and ranges ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("−12,5", ["-12.5"]),
        ("-5", ["-5"]),
        ("–7", ["-7"]),
        ("—52,6", ["-52.6"]),  # OCR reads a minus as an em dash
        ("— 52,6", ["52.6"]),  # a dash set apart is no sign
        ("2020—2022", ["2020", "2022"]),
        ("(−12,5)", ["-12.5"]),
        ("spadek o -3 %", ["-3"]),
        ("5\n-3", ["5", "-3"]),
        ("2020–2022", ["2020", "2022"]),
        ("2020-2022", ["2020", "2022"]),
        ("2020 – 2022", ["2020", "2022"]),
        ("2020 -2022", ["2020", "2022"]),
        ("10% -20%", ["10", "20"]),
        ("a-5", []),
        ("wynik:-3", ["3"]),
        ("*−4", ["4"]),
    ],
)
def test_minus_sign_versus_range(text: str, expected: list[str]) -> None:
    assert [str(v) for v in values(text)] == expected


def test_sign_is_part_of_token_text() -> None:
    (token,) = find_numbers("saldo −1 245,50 zł")
    assert (token.text, token.start, token.value) == ("−1 245,50 zł", 6, Decimal("-1245.50"))


# --- things that are not values -------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "08.2022–09.2022",
        "30.06.2023r.",
        "31 grudnia 2022 r.",
        "24.05.2024",
        "2024-05-24",
        "24/05/2024",
        "10:30",
        "godz. 10.00",
        "od maja 2024",
        "grudzień 2022",
        "Wierzbno Dolne, dnia 24 maja 2024 r.",
        "znak sprawy: OS.524.3.2024",
    ],
)
def test_dates_and_times_are_not_values(text: str) -> None:
    assert find_numbers(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "art. 19a",
        "ust. 3",
        "§ 5",
        "§5",
        "poz. 571",
        "Nr XL/281/2021",
        "nr 123/2021",
        "Dz. U. z 2023 r.",
        "pkt 1-3",
        "ust. 1 i 2",
        "uchwała XXXVI/245/21",
        "Tab. 1.2a",
        "art. 3 ust. 3 ustawy z dnia 24 kwietnia 2003 r. (Dz. U. z 2023 r. poz. 571)",
    ],
)
def test_references_are_not_values(text: str) -> None:
    assert find_numbers(text) == []


def test_references_do_not_hide_nearby_values() -> None:
    assert values("art. 19a: 12 umów, w 2023 r. 4 konkursy") == [12, 2023, 4]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023 r.", [2023]),
        ("2023r.", [2023]),
        ("W 2023 r. ogłoszono 4 konkursy, wpłynęło 37 ofert.", [2023, 4, 37]),
    ],
)
def test_years_are_numbers(text: str, expected: list[int]) -> None:
    assert values(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("19a", []),
        ("COVID-19", []),
        ("m156", []),
        ("5-letni program", []),
        ("ZP.271", []),
        ("5zł", [5]),
        ("3%", [3]),
        ("23 412,56*", [Decimal("23412.56")]),
        ("4**", [4]),
        ("68¹", [68]),
    ],
)
def test_numbers_glued_to_letters(text: str, expected: list[Decimal]) -> None:
    assert values(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("11 (szkolenia 12, doradztwo)", [11, 12]),
        ("10 (szkolenia 7, doradztwo 3)", [10, 7, 3]),
        ("9, w tym:", [9]),
        ("a) szkolenia 6", [6]),
        ("b) doradztwo 4", [4]),
        ("9, w tym:\na) szkolenia 6\nb) doradztwo 4", [9, 6, 4]),
        ("1) szkolenia 6\n2) doradztwo 4", [6, 4]),
        ("22)", [22]),
        ("4.", [4]),
    ],
)
def test_compound_cells_and_item_labels(text: str, expected: list[int]) -> None:
    assert values(text) == expected


@pytest.mark.parametrize("text", ["", " ", "\n\t ", NBSP])
def test_empty_text(text: str) -> None:
    assert find_numbers(text) == []


def test_token_positions_and_text() -> None:
    text = "411, tj. 49,82 %"
    assert find_numbers(text) == [
        NumberToken(Decimal(411), "411", 0, 3, "", Decimal(1)),
        NumberToken(Decimal("49.82"), "49,82 %", 9, 16, "percent", Decimal(1)),
    ]


# --- parse_number / is_missing_value --------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("38 523 346,25", "38523346.25"),
        ("1 245,5", "1245.5"),
        ("49,82 %", "49.82"),
        ("3,41 zł", "3.41"),
        ("−5", "-5"),
        ("  7 285\n", "7285"),
        ("1 245,5 tys. zł", "1245.5"),
    ],
)
def test_parse_number_accepts(text: str, expected: str) -> None:
    assert str(parse_number(text)) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "no number"),
        ("abc", "no number"),
        ("1.5", "no number"),
        ("410 1", "exactly one number"),
        ("1,2,3", "exactly one number"),
        ("razem 5", "extra text"),
        ("5 osób", "extra text"),
    ],
)
def test_parse_number_rejects(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_number(text)


@pytest.mark.parametrize(
    "text",
    ["—", "–", "-", " — ", "nie dotyczy", "Nie Dotyczy", "nie  dotyczy\n", "n/d", "N/D", "x", "X"]
    + ["brak danych", "BRAK DANYCH ", "brak", "b.d.", "B.D.", "bd", "n.d.", "---"],
)
def test_is_missing_value_true(text: str) -> None:
    assert is_missing_value(text)


@pytest.mark.parametrize("text", ["", "0", "-5", "xx", "brak 5", "nie dotyczy 5", "—\n12", "*"])
def test_is_missing_value_false(text: str) -> None:
    assert not is_missing_value(text)


# --- properties -------------------------------------------------------------------------------


def polish_integer(digits: str, separators: list[str]) -> str:
    """Group ``digits`` by three from the right, joined by the given separators."""
    head = len(digits) % 3 or 3
    groups = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
    out = groups[0]
    for group, sep in zip(groups[1:], separators, strict=False):
        out += sep + group
    return out


separator_lists = st.lists(st.sampled_from(SEPARATORS), min_size=4, max_size=4)


scaled_integers = st.sampled_from([0, 1, 2]).flatmap(
    lambda places: st.tuples(
        st.just(places),
        st.integers(min_value=-(10 ** (12 + places)) + 1, max_value=10 ** (12 + places) - 1),
    )
)


@given(
    number=scaled_integers,
    seps=separator_lists,
    minus=st.sampled_from(["-", "−"]),
    suffix=st.sampled_from([("", ""), (" zł", "PLN"), (" %", "percent")]),
)
def test_property_polish_format_round_trips(
    number: tuple[int, int], seps: list[str], minus: str, suffix: tuple[str, str]
) -> None:
    places, scaled = number
    value = Decimal(scaled).scaleb(-places)  # |value| < 10**12, exactly `places` decimals
    digits = str(abs(scaled)).rjust(places + 1, "0")
    integer_part = digits[: len(digits) - places]
    text = (minus if scaled < 0 else "") + polish_integer(integer_part, seps)
    text += ("," + digits[len(digits) - places :] if places else "") + suffix[0]

    assert parse_number(text) == value
    (token,) = find_numbers(text)
    assert token.value.as_tuple().exponent == -places
    assert (token.value, token.unit, token.text) == (value, suffix[1], text)


@given(
    first=st.integers(min_value=-(10**12), max_value=10**12),
    second=st.integers(min_value=-(10**12), max_value=10**12),
    seps=separator_lists,
)
def test_property_newline_separates_two_integers(first: int, second: int, seps: list[str]) -> None:
    def fmt(n: int) -> str:
        return ("−" if n < 0 else "") + polish_integer(str(abs(n)), seps)

    text = fmt(first) + "\n" + fmt(second)
    assert values(text) == [first, second]


@given(st.text())
def test_property_find_numbers_total_and_consistent(text: str) -> None:
    tokens = find_numbers(text)
    previous_end = 0
    for token in tokens:
        assert token.text == text[token.start : token.end]
        assert previous_end <= token.start < token.end
        assert token.value.is_finite()
        previous_end = token.end


@given(st.text(alphabet="0123456789 ,.-−–%¼½zł/\n\u00a0ab()", max_size=40))
def test_property_number_like_text(text: str) -> None:
    """Dense number-like text: tokens are consistent and each one re-parses on its own."""
    for token in find_numbers(text):
        assert token.text == text[token.start : token.end]
        (again,) = find_numbers(token.text)
        assert (again.value, again.unit, again.scale) == (token.value, token.unit, token.scale)
