"""A JSON array read item by item, from a text or a file, in bounded memory.

The output tables of a run (`observations.json`, ...) grow with the archive;
exports and loaders read them through `json_array_items`, which holds one
chunk of the file and the item being parsed, never the whole text.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from decimal import Decimal
from typing import IO, Any

JSON_BLANK = re.compile(r"[ \t\n\r]*")
CHUNK = 1 << 20  # characters read at a time


class ArrayError(json.JSONDecodeError):
    """Not a JSON array: what is wrong, and at which character of the whole text."""

    def __init__(self, msg: str, offset: int) -> None:
        ValueError.__init__(self, f"{msg} at character {offset}")
        self.msg, self.doc, self.pos = msg, "", offset
        self.lineno = self.colno = 0


class _Buffer:
    """The unread part of a text, refilled one chunk at a time."""

    def __init__(self, source: str | IO[str], chunk: int) -> None:
        self.read = (io.StringIO(source) if isinstance(source, str) else source).read
        self.chunk, self.text, self.at, self.base, self.eof = chunk, "", 0, 0, False

    def more(self) -> bool:
        """Read another chunk (dropping what was consumed); False at the end."""
        data = "" if self.eof else self.read(self.chunk)
        if not data:
            self.eof = True
            return False
        self.base += self.at
        self.text, self.at = self.text[self.at :] + data, 0
        return True

    def peek(self) -> str:
        """The next character that is not a blank ("" at the end), not consumed."""
        while True:
            self.at = JSON_BLANK.match(self.text, self.at).end()  # type: ignore[union-attr]
            if self.at < len(self.text):
                return self.text[self.at]
            if not self.more():
                return ""

    def fail(self, msg: str) -> ArrayError:
        return ArrayError(msg, self.base + self.at)


def json_array_items(source: str | IO[str], chunk: int = CHUNK) -> Iterator[Any]:
    """The items of a JSON array, parsed one at a time (numbers with a point as Decimal).

    `source` is the text itself or a text file open for reading."""
    buf = _Buffer(source, chunk)
    decoder = json.JSONDecoder(parse_float=Decimal)
    if buf.peek() != "[":
        raise buf.fail("expected a list")
    buf.at += 1
    if buf.peek() == "]":
        buf.at += 1
    else:
        while True:
            yield decode_item(buf, decoder)
            sign = buf.peek()
            buf.at += 1
            if sign == "]":
                break
            if sign != ",":
                buf.at -= 1
                raise buf.fail("expected ',' or ']'")
            if buf.peek() in ("]", ""):
                raise buf.fail("expected an item after ','")
    if buf.peek() != "":
        raise buf.fail("extra data after the list")


def decode_item(buf: _Buffer, decoder: json.JSONDecoder) -> Any:
    """The item at the buffer's position.  It is known complete only when ',' or ']'
    follows it, or the text has ended: `[1, 23]` cut after the 2 must not give 2, nor
    `1.5e3` cut after the e give 1.5."""
    while True:
        try:
            item, end = decoder.raw_decode(buf.text, buf.at)
        except json.JSONDecodeError as exc:
            if buf.more():
                continue
            raise ArrayError(exc.msg, buf.base + exc.pos) from None
        after = JSON_BLANK.match(buf.text, end).end()  # type: ignore[union-attr]
        if buf.text[after : after + 1] in (",", "]") or not buf.more():
            buf.at = end
            return item
        # more text was read behind the item: decode it again from its start
