"""A JSON array read item by item, from a text or a file, in bounded memory (ijson).

The output tables of a run (`observations.json`, ...) grow with the archive;
exports and loaders read them through `json_array_items`, which holds one
buffer of the file and the item being parsed, never the whole text.  Numbers
with a point or an exponent are exact `Decimal`s (ijson's ``use_float=False``),
integers `int`, as ``json.loads(text, parse_float=Decimal)`` gives them.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

import ijson

from extractor.model.errors import UsageError
from extractor.output import settings


class ArrayError(json.JSONDecodeError):
    """Not a JSON array, or not valid JSON: what is wrong (ijson's first line)."""

    def __init__(self, msg: str) -> None:
        ValueError.__init__(self, msg)
        self.msg, self.doc, self.pos = msg, "", 0
        self.lineno = self.colno = 0


NOT_A_LIST = "expected a list"


def json_array_items(source: str | IO[str] | IO[bytes], chunk: int = 0) -> Iterator[Any]:
    """The items of a JSON array, parsed one at a time, `chunk` bytes or characters read
    at a time (default `OUTPUT.json_buffer_bytes`).

    `source` is the text itself or a file open for reading (text or binary)."""
    stream = io.BytesIO(source.encode("utf-8")) if isinstance(source, str) else as_bytes(source)
    size = chunk or settings.OUTPUT.json_buffer_bytes
    head = read_ahead(stream, size)
    if not head.lstrip(BLANKS).startswith(b"["):
        raise ArrayError(NOT_A_LIST)
    try:
        yield from ijson.items(Prefixed(head, stream), "item", use_float=False, buf_size=size)
    except ijson.JSONError as exc:
        raise ArrayError(str(exc).split("\n")[0] or "not valid JSON") from None


BLANKS = b" \t\n\r"


def read_ahead(stream: Reader, size: int) -> bytes:
    """The first bytes of `stream`, up to and including its first that is not a blank."""
    head = b""
    while not head.lstrip(BLANKS):
        data = stream.read(size)
        if not data:
            break
        head += data
    return head


class Prefixed:
    """A reader that gives `head` (read ahead already) before the rest of `stream`."""

    def __init__(self, head: bytes, stream: Reader) -> None:
        self.head, self.stream = head, stream

    def read(self, size: int = -1) -> bytes:
        if self.head and size != 0:  # ijson asks for 0 bytes to see what it reads
            data, self.head = self.head, b""
            return data
        return self.stream.read(size)


class _Utf8:
    """A text file read as UTF-8 bytes (ijson reads bytes)."""

    def __init__(self, text: IO[str]) -> None:
        self.text = text

    def read(self, size: int = -1) -> bytes:
        return self.text.read(size).encode("utf-8")


Reader = IO[bytes] | _Utf8


def as_bytes(source: IO[str] | IO[bytes]) -> Reader:
    if isinstance(source.read(0), str):
        return _Utf8(source)  # type: ignore[arg-type]
    return source  # type: ignore[return-value]


def json_records(path: Path) -> Iterator[dict[str, Any]]:
    """The objects of a JSON list file; a `UsageError` naming the file when it is not one."""
    try:
        with path.open("rb") as fh:
            for record in json_array_items(fh):
                if not isinstance(record, dict):
                    raise UsageError(f"{path} is not a list of objects")
                yield record
    except ArrayError as exc:
        if exc.msg == NOT_A_LIST:
            raise UsageError(f"{path} is not a list of objects") from None
        raise UsageError(f"cannot read {path}: {exc}") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read {path}: {exc}") from exc
