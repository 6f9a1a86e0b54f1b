"""The line assembly as it was written first, plainly: the oracle for the optimised one.

`extractor.layout.lines` was rewritten for speed (inlined loops, statistics cached
per line, baselines rounded per distinct value).  These are the original,
straightforward functions, kept only to check, on random glyphs, that the fast
ones give exactly the same lines.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from extractor.layout.lines import (
    BLANKS,
    SPACE_GAP,
    SUPERSCRIPT_RISE,
    SUPERSCRIPT_SIZE,
    Marker,
    TextLine,
)
from extractor.read.pdf import Char


def dominant_size(chars: Iterable[Char]) -> float:
    """The font size most characters are set in (0 when there are none)."""
    counts = Counter(c.size for c in chars if c.text not in BLANKS)
    return counts.most_common(1)[0][0] if counts else 0.0


def chars_to_lines(chars: Sequence[Char]) -> list[TextLine]:
    """Group characters into text lines, top to bottom."""
    clusters = cluster_by_baseline(chars)
    clusters = attach_superscript_clusters(clusters)
    lines = [cluster_to_line(c) for c in clusters]
    return [line for line in lines if line.has_text or line.markers]


def cluster_by_baseline(chars: Sequence[Char]) -> list[list[Char]]:
    """Chars of a comparable size sharing a baseline (within a fifth of their size)."""
    ordered = sorted(chars, key=lambda c: (c.baseline, c.x0))
    clusters: list[list[Char]] = []
    for char in ordered:
        for cluster in reversed(clusters[-4:]):
            ref = cluster[-1]
            tolerance = 0.2 * max(ref.size, char.size, 1.0)
            if abs(char.baseline - ref.baseline) > tolerance:
                continue
            if comparable_size(ref.size, char.size) or char.text in BLANKS:
                cluster.append(char)
                break
        else:
            clusters.append([char])
    return clusters


def comparable_size(a: float, b: float) -> bool:
    return min(a, b) > SUPERSCRIPT_SIZE * max(a, b)


def attach_superscript_clusters(clusters: list[list[Char]]) -> list[list[Char]]:
    """Merge clusters of small raised glyphs into the line they are raised above."""
    lines = [c for c in clusters if not is_marker_cluster(c, clusters)]
    orphans = [c for c in clusters if is_marker_cluster(c, clusters)]
    for sup in orphans:
        host = next((ln for ln in lines if is_raised_above(sup, ln)), None)
        host = host or next((ln for ln in lines if shares_baseline(sup, ln)), None)
        if host is None:
            lines.append(sup)
        else:
            host.extend(sup)
    return sorted(lines, key=lambda c: min(ch.baseline for ch in c))


def is_marker_cluster(cluster: list[Char], clusters: list[list[Char]]) -> bool:
    """A short run of small digits / stars / parentheses, or one small lower-case letter:
    a candidate marker."""
    text = "".join(c.text for c in cluster if c.text not in BLANKS)
    letter = len(text) == 1 and "a" <= text <= "z"
    if not (letter or 0 < len(text) <= 6 and all(ch.isdigit() or ch in "*),." for ch in text)):
        return False
    size = max(c.size for c in cluster)
    return any(dominant_size(o) * SUPERSCRIPT_SIZE >= size for o in clusters if o is not cluster)


def is_raised_above(sup: list[Char], line: list[Char]) -> bool:
    """True when `sup` is a superscript of `line`: smaller, raised, next to it."""
    line_size = dominant_size(line)
    sup_size = max(c.size for c in sup)
    if sup_size > SUPERSCRIPT_SIZE * line_size:
        return False
    line_base = Counter(round(c.baseline, 1) for c in line).most_common(1)[0][0]
    rise = line_base - max(c.baseline for c in sup)
    if not (SUPERSCRIPT_RISE * line_size < rise <= 0.8 * line_size):
        return False
    x0 = min(c.x0 for c in line) - 2 * line_size
    x1 = max(c.x1 for c in line) + 2 * line_size
    return any(x0 <= c.x0 <= x1 for c in sup)


def shares_baseline(small: list[Char], line: list[Char]) -> bool:
    """Small glyphs set on a line's own baseline, next to it: ordinary text of that line."""
    size = dominant_size(line)
    base = Counter(round(c.baseline, 1) for c in line).most_common(1)[0][0]
    near = min(abs(c.x0 - d.x1) for c in small for d in line)
    return all(abs(c.baseline - base) <= 0.15 * size for c in small) and near <= 2 * size


def cluster_to_line(cluster: list[Char]) -> TextLine:
    # Clusters hold glyphs of comparable size plus attached superscripts: the line's
    # size is its largest glyph size (superscripts may outnumber a one-digit value).
    size = max((c.size for c in cluster if c.text not in BLANKS), default=cluster[0].size)
    base_counts = Counter(round(c.baseline, 1) for c in cluster if c.size >= 0.95 * size)
    baseline = base_counts.most_common(1)[0][0] if base_counts else cluster[0].baseline
    text, markers = chars_to_text(sorted(cluster, key=lambda c: c.x0), size, baseline)
    return TextLine(
        text=text,
        markers=tuple(markers),
        x0=min(c.x0 for c in cluster),
        x1=max(c.x1 for c in cluster),
        top=min(c.top for c in cluster),
        bottom=max(c.bottom for c in cluster),
        baseline=baseline,
        size=size,
        conf=min(c.conf for c in cluster),
    )


def is_superscript(char: Char, size: float, baseline: float) -> bool:
    return (
        char.text not in BLANKS
        and char.size <= SUPERSCRIPT_SIZE * size
        and baseline - char.baseline > SUPERSCRIPT_RISE * size
    )


def chars_to_text(chars: Sequence[Char], size: float, baseline: float) -> tuple[str, list[Marker]]:
    """Line text with inferred word spaces; superscript runs returned as markers."""
    parts: list[str] = []
    markers: list[Marker] = []
    prev: Char | None = None
    for char in chars:
        sup = is_superscript(char, size, baseline)
        text = "".join(parts)
        if prev is not None and needs_space(prev, char, size) and not sup:
            if text and text[-1] not in BLANKS and char.text not in BLANKS:
                parts.append(" ")
        if sup:
            extend_marker(markers, char.text, len("".join(parts)), prev, char)
        else:
            parts.append(char.text)
        prev = char
    return "".join(parts).rstrip(), markers


def needs_space(prev: Char, char: Char, size: float) -> bool:
    return char.x0 - prev.x1 > SPACE_GAP * size


def extend_marker(
    markers: list[Marker], text: str, offset: int, prev: Char | None, char: Char
) -> None:
    """Append a superscript glyph to the marker it continues, or start a new one."""
    if markers and markers[-1].offset == offset and prev is not None:
        if char.x0 - prev.x1 <= SPACE_GAP * char.size * 2:
            last = markers.pop()
            markers.append(Marker(text=last.text + text, offset=offset))
            return
    markers.append(Marker(text=text, offset=offset))
