# Types of the compiled bulk reader (_pdfium_fast.c).

from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T", bound=tuple[object, ...])

def read_chars(
    textpage: int,
    functions: tuple[int, ...],
    height: float,
    char_type: type[T],
    size_of: Callable[[float, float, float], float],
) -> list[T]: ...
def read_path_bounds(page: int, functions: tuple[int, ...], max_depth: int) -> bytes | None: ...
