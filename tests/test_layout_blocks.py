"""`layout.blocks`: a group header takes the lines it wraps onto, never the sub-column
headers under it."""

from __future__ import annotations

from extractor.layout.blocks import Block, spread_groups, with_wrapped_groups
from extractor.layout.chunks import Chunk


def chunk(x0: float, x1: float, top: float) -> Chunk:
    return Chunk(x0=x0, x1=x1, top=top, bottom=top + 8, chars=(), bold=False, size=10)


def block(first: int, last: int, *chunks: Chunk) -> Block:
    return Block(first, last, min(c.top for c in chunks), max(c.bottom for c in chunks), chunks)


def texts(head: list[Block]) -> list[tuple[int, int, int]]:
    return sorted((b.first, b.last, len(b.chunks)) for b in head)


def test_a_group_header_takes_its_wrapped_line() -> None:
    group = block(1, 3, chunk(436, 539, 70))  # "Środki przekazane"
    wrapped = block(2, 2, chunk(467, 507, 81))  # "(tys. zł)", 3 pt under it
    assert texts(with_wrapped_groups([group, wrapped])) == [(1, 3, 2)]


def test_sub_column_headers_close_under_the_wrapped_line_stay_their_own() -> None:
    """OCR set "2022" close enough under "(tys. zł)" to join its block: the group takes
    "(tys. zł)" and leaves "2022", which stands beside "2021" and "2023"."""
    group = block(1, 3, chunk(436, 539, 70))
    middle = block(2, 2, chunk(467, 507, 81), chunk(475, 501, 93))  # "(tys. zł)" + "2022"
    left = block(1, 1, chunk(436, 462, 93))
    right = block(3, 3, chunk(513, 540, 93))
    head = with_wrapped_groups([group, middle, left, right])
    assert texts(head) == [(1, 1, 1), (1, 3, 2), (2, 2, 1), (3, 3, 1)]
    (year,) = [b for b in head if b.first == b.last == 2]
    assert year.top == 93


def test_a_line_off_centre_or_far_below_is_not_the_groups() -> None:
    group = block(1, 3, chunk(436, 539, 70))
    assert texts(with_wrapped_groups([group, block(1, 1, chunk(436, 462, 81))])) == [
        (1, 1, 1),
        (1, 3, 1),
    ]
    assert texts(with_wrapped_groups([group, block(2, 2, chunk(467, 507, 95))])) == [
        (1, 3, 1),
        (2, 2, 1),
    ]


def test_a_group_header_in_one_column_spreads_over_the_sub_headers_it_is_centred_on() -> None:
    """ "Liczba" centred over "ofert" and "zawartych umów": the bound between the two
    fell under "Liczba", so it lay in one column; it takes both."""
    group = block(3, 3, chunk(535, 566, 60))
    head = [
        group,
        block(2, 2, chunk(512, 535, 81)),  # "ofert"
        block(3, 3, chunk(541, 589, 75), chunk(551, 579, 81)),  # "zawartych umów"
        block(4, 4, chunk(603, 651, 81)),  # "przyznane", under another group
    ]
    assert (spread_groups(head)[0].first, spread_groups(head)[0].last) == (2, 3)


def test_a_neighbour_s_own_header_set_lower_is_no_sub_header() -> None:
    """ "Forma konsultacji" centred on fewer lines than "Liczba zgłoszonych uwag" beside
    it starts lower: it is a header of its own, and "Liczba" takes no column of it."""
    group = block(4, 4, chunk(455, 515, 60))  # "Liczba", centred on both below
    head = [
        group,
        block(4, 4, chunk(480, 540, 80), chunk(490, 530, 92)),  # "zgłoszonych uwag"
        block(3, 3, chunk(430, 470, 70), chunk(432, 468, 82)),  # "Forma konsultacji"
    ]
    assert (spread_groups(head)[0].first, spread_groups(head)[0].last) == (4, 4)
