"""Rows read straight from an SQLite file's pages, as sqlite3's .recover does: every table leaf page of the file
and of its write-ahead log, whatever became of the b-tree pages above them. Linear in the file's size."""

from __future__ import annotations

import contextlib
import struct
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

MAGIC = b"SQLite format 3\x00"
WAL_MAGIC = (0x377F0682, 0x377F0683)
WAL_HEADER, FRAME_HEADER = 32, 24
TABLE_LEAF = 0x0D
PAGE_SIZES = tuple(1 << n for n in range(9, 17))  # 512 to 65536 bytes
INT_SIZES = {1: 1, 2: 2, 3: 3, 4: 4, 5: 6, 6: 8}
OVERFLOW_BUDGET = 4  # overflow bytes followed, at most, per byte of the files

Value = int | float | str | bytes | None


@dataclass(frozen=True)
class RawRow:
    """One table row found on a page. `age` orders copies of the same page: 0 for the database file, n for
    the n-th frame of its write-ahead log (later frames are newer), -1 for frames of an older log generation."""

    rowid: int
    values: tuple[Value, ...]
    age: int


def _varint(data: bytes, pos: int, end: int) -> tuple[int, int]:
    value = 0
    for _ in range(8):
        if pos >= end:
            raise ValueError("varint runs past its end")
        byte = data[pos]
        pos += 1
        value = (value << 7) | (byte & 0x7F)
        if byte < 0x80:
            return value, pos
    if pos >= end:
        raise ValueError("varint runs past its end")
    return (value << 8) | data[pos], pos + 1


def record(payload: bytes) -> tuple[Value, ...]:
    """The values of one record (SQLite's record format). Raises ValueError when it is not a whole record."""
    header_size, pos = _varint(payload, 0, len(payload))
    if not 0 < header_size <= len(payload):
        raise ValueError("record header out of bounds")
    kinds = []
    while pos < header_size:
        kind, pos = _varint(payload, pos, header_size)
        kinds.append(kind)
    body, values = header_size, []
    for kind in kinds:
        size = INT_SIZES.get(kind, 8 if kind == 7 else max(kind - 12, 0) // 2)
        if body + size > len(payload):
            raise ValueError("record body out of bounds")
        raw = payload[body : body + size]
        body += size
        value: Value
        if kind in (0, 8, 9):
            value = {0: None, 8: 0, 9: 1}[kind]
        elif kind in INT_SIZES:
            value = int.from_bytes(raw, "big", signed=True)
        elif kind == 7:
            value = struct.unpack(">d", raw)[0]
        elif kind >= 12:
            value = raw.decode("utf-8") if kind % 2 else raw
        else:
            raise ValueError(f"serial type {kind} is reserved")
        values.append(value)
    return tuple(values)


def _local(size: int, usable: int) -> int:
    """How much of a payload lies on the leaf page itself (the rest is on overflow pages)."""
    most = usable - 35
    if size <= most:
        return size
    least = ((usable - 12) * 32 // 255) - 23
    local = least + (size - least) % (usable - 4)
    return local if local <= most else least


class _File:
    """The pages of a database file and of its write-ahead log, the newest copy of each for overflow chains."""

    def __init__(self, data: bytes, wal: bytes, page_size: int, reserved: int) -> None:
        self.data, self.wal, self.size, self.usable = data, wal, page_size, page_size - reserved
        self.newest: dict[int, int] = {}  # page number -> offset of its newest copy in the log
        # Overflow chains may be shared or looped in a damaged file: what they cost in all stays linear.
        self.budget = OVERFLOW_BUDGET * (len(data) + len(wal)) + (1 << 20)

    def page(self, number: int) -> bytes | None:
        offset = self.newest.get(number)
        if offset is not None:
            return self.wal[offset : offset + self.size]
        start = (number - 1) * self.size
        return (
            self.data[start : start + self.size]
            if start >= 0 and start + self.size <= len(self.data)
            else None
        )

    def overflow(self, first: int, remaining: int) -> bytes | None:
        parts, seen, number = [], set(), first
        while remaining > 0:
            page = self.page(number) if number not in seen else None
            if page is None:
                return None
            seen.add(number)
            part = page[4 : self.usable][:remaining]
            self.budget -= len(part)
            if self.budget < 0:
                return None
            parts.append(part)
            remaining -= len(part)
            number = int.from_bytes(page[:4], "big")
        return b"".join(parts)


def _leaf_rows(file: _File, page: bytes, start: int) -> Iterator[tuple[int, tuple[Value, ...]]]:
    """The rows on one table leaf page; `start` is where its header begins (100 on page 1)."""
    usable = file.usable
    if len(page) < usable or page[start] != TABLE_LEAF:
        return
    cells = int.from_bytes(page[start + 3 : start + 5], "big")
    pointers = start + 8
    if pointers + 2 * cells > usable:
        return
    for index in range(cells):
        cell = int.from_bytes(page[pointers + 2 * index : pointers + 2 * index + 2], "big")
        if not pointers + 2 * cells <= cell < usable:
            continue
        with contextlib.suppress(ValueError):
            size, pos = _varint(page, cell, usable)
            rowid, pos = _varint(page, pos, usable)
            local = _local(size, usable)
            if pos + local + (4 if local < size else 0) > usable:
                continue
            payload: bytes | None = page[pos : pos + local]
            if local < size:
                rest = file.overflow(int.from_bytes(page[pos + local : pos + local + 4], "big"), size - local)
                payload = None if rest is None else payload + rest  # type: ignore[operator]
            if payload is not None:
                yield rowid - (1 << 64) if rowid >= 1 << 63 else rowid, record(payload)


def _header_page_size(data: bytes) -> tuple[int, int] | None:
    if len(data) < 100 or not data.startswith(MAGIC):
        return None
    size = int.from_bytes(data[16:18], "big")
    size = 65536 if size == 1 else size
    return (size, data[20]) if size in PAGE_SIZES and data[20] < size - 480 else None


def _wal_frames(wal: bytes, page_size: int) -> Iterator[tuple[int, int, int]]:
    """(page number, offset of the page, age) for each frame of a write-ahead log."""
    if len(wal) < WAL_HEADER or int.from_bytes(wal[:4], "big") not in WAL_MAGIC:
        return
    salts = wal[16:24]
    frame = WAL_HEADER
    index = 0
    while frame + FRAME_HEADER + page_size <= len(wal):
        index += 1
        number = int.from_bytes(wal[frame : frame + 4], "big")
        age = index if wal[frame + 8 : frame + 16] == salts else -1
        if number > 0:
            yield number, frame + FRAME_HEADER, age
        frame += FRAME_HEADER + page_size


def _scan(data: bytes, wal: bytes, page_size: int, reserved: int) -> list[RawRow]:
    file = _File(data, wal, page_size, reserved)
    frames = list(_wal_frames(wal, page_size))
    for number, offset, age in frames:
        if age > 0:
            file.newest[number] = offset
    rows: list[RawRow] = []
    for number in range(1, len(data) // page_size + 1):
        page = data[(number - 1) * page_size : number * page_size]
        rows += (
            RawRow(rowid, values, 0) for rowid, values in _leaf_rows(file, page, 100 if number == 1 else 0)
        )
    for number, offset, age in frames:
        page = wal[offset : offset + page_size]
        rows += (
            RawRow(rowid, values, age) for rowid, values in _leaf_rows(file, page, 100 if number == 1 else 0)
        )
    return rows


def _read(path: Path | None) -> bytes:
    return path.read_bytes() if path is not None and path.is_file() else b""


def raw_rows(
    path: Path, wal: Path | None = None, accept: Callable[[RawRow], bool] | None = None
) -> list[RawRow]:
    """Every table row on the pages of a database file and its write-ahead log. The page size comes from the
    file's header, else the log's; when both are unreadable every size is tried and the one that finds the
    most rows wanted (`accept`) is kept."""
    data, log = _read(path), _read(wal)
    sizes: list[tuple[int, int]] = []
    if (header := _header_page_size(data)) is not None:
        sizes = [header]
    elif len(log) >= WAL_HEADER and int.from_bytes(log[8:12], "big") in PAGE_SIZES:
        sizes = [(int.from_bytes(log[8:12], "big"), 0)]
    else:
        sizes = [(size, 0) for size in PAGE_SIZES]
    best: list[RawRow] = []
    for size, reserved in sizes:
        found = [row for row in _scan(data, log, size, reserved) if accept is None or accept(row)]
        if len(found) > len(best):
            best = found
    return best
